/**
 * The project's root folder (the one holding package.json), found from a module's own URL. The
 * same module runs from `src/` (tsx, tests) and from `dist/src/` (compiled), one level deeper,
 * so a fixed `../..` would point at the wrong folder in one of them.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The nearest folder at or above `moduleUrl`'s folder that holds a package.json. */
export function packageRoot(moduleUrl: string | URL): string {
  const start = path.dirname(fileURLToPath(moduleUrl));
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No package.json at or above ${start}`);
  }
}
