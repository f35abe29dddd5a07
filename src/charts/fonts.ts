/**
 * The chart font: Noto Sans (SIL Open Font License 1.1) from the @fontsource/noto-sans npm
 * package, registered by file under our own family name. Charts never use whatever fonts a
 * machine happens to have, so they render the same on every machine, fonts installed or not.
 *
 * No CJK font is bundled: the smallest npm package with a full Chinese font is about 70 MB, for
 * a handful of characters. Charts write units in English ("billion yuan"); the reply's text
 * keeps the 亿元 form beside them.
 */
import { createRequire } from "node:module";
import { GlobalFonts } from "@napi-rs/canvas";

/** The family name charts ask for; only our registered files answer to it. */
export const FONT_FAMILY = "GD Chart Sans";

const FILES = [
  "noto-sans-latin-400-normal.woff2",
  "noto-sans-latin-700-normal.woff2",
  "noto-sans-latin-ext-400-normal.woff2",
  "noto-sans-latin-ext-700-normal.woff2",
];

let registered = false;

/** Registers the bundled font files once per process; throws if a file is missing. */
export function registerChartFonts(): void {
  if (registered) return;
  const require = createRequire(import.meta.url);
  for (const file of FILES) {
    const path = require.resolve(`@fontsource/noto-sans/files/${file}`);
    GlobalFonts.registerFromPath(path, FONT_FAMILY);
  }
  if (!GlobalFonts.has(FONT_FAMILY)) throw new Error(`chart font ${FONT_FAMILY} did not register`);
  registered = true;
}
