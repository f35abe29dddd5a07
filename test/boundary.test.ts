/**
 * Holds the dependency direction of DESIGN.md by reading import lines:
 * adapters -> src/core <- commands, commands -> src/facts. Only the composition roots
 * (src/main.ts, src/cli.ts, src/cli/*) may wire adapters in.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const PLATFORM_SDK = /^(@slack\/|discord\.js$|@discordjs\/|discord-api-types)/;

function tsFiles(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  return readdirSync(abs).flatMap((name) => {
    const full = path.join(abs, name);
    if (statSync(full).isDirectory()) return tsFiles(path.join(dir, name));
    return name.endsWith(".ts") ? [path.join(dir, name)] : [];
  });
}

function imports(file: string): string[] {
  const source = readFileSync(path.join(ROOT, file), "utf8");
  return [
    ...source.matchAll(
      /^\s*(?:import|export)[^'"]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/gm,
    ),
  ]
    .map((m) => m[1] ?? m[2] ?? "")
    .filter(Boolean);
}

/** The top-level folder an import lands in, e.g. `adapters/slack`, `src/core`, `commands`. */
function target(file: string, spec: string): string | null {
  if (!spec.startsWith(".")) return null;
  const resolved = path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, file)), spec));
  const parts = resolved.split(path.sep);
  return parts[0] === "adapters" || parts[0] === "src" ? parts.slice(0, 2).join("/") : (parts[0] ?? null);
}

const COMPOSITION_ROOTS = (file: string) =>
  file === "src/main.ts" || file === "src/cli.ts" || file.startsWith("src/cli/");

describe("import boundaries", () => {
  it("GIVEN src and commands THEN they never import an adapter or a platform SDK (composition roots aside)", () => {
    const offenders = [...tsFiles("src"), ...tsFiles("commands")]
      .filter((f) => !COMPOSITION_ROOTS(f))
      .flatMap((f) =>
        imports(f)
          .filter((spec) => PLATFORM_SDK.test(spec) || target(f, spec)?.startsWith("adapters"))
          .map((spec) => `${f} imports ${spec}`),
      );
    expect(offenders).toEqual([]);
  });

  it("GIVEN an adapter THEN it imports no other adapter and no command", () => {
    const offenders = tsFiles("adapters").flatMap((f) => {
      const own = f.split(path.sep).slice(0, 2).join("/");
      return imports(f)
        .filter((spec) => {
          const t = target(f, spec);
          return t === "commands" || (t?.startsWith("adapters/") && t !== own);
        })
        .map((spec) => `${f} imports ${spec}`);
    });
    expect(offenders).toEqual([]);
  });

  it("GIVEN src/core THEN it depends on nothing but itself", () => {
    const offenders = tsFiles("src/core").flatMap((f) =>
      imports(f)
        .filter((spec) => {
          const t = target(f, spec);
          return t !== null && t !== "src/core";
        })
        .map((spec) => `${f} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it("GIVEN the checker itself THEN it sees a known import (so it cannot pass by reading nothing)", () => {
    expect(imports("src/core/dispatch.ts")).toContain("./command.js");
    expect(target("adapters/console/index.ts", "../../src/core/adapter.js")).toBe("src/core");
  });
});
