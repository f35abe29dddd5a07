/**
 * Charts for the terminal and the CLI: a terminal cannot show a picture, so the PNG is written
 * to a file and its path printed. Files are named by the chart and a hash of its bytes, so the
 * same chart asked twice is one file, not two.
 */
import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { renderChartPngOnDemand } from "../../src/charts/render-on-demand.js";
import type { Chart } from "../../src/core/reply.js";

/** Writes `chart` as a PNG under `dir` (created if needed) and returns the file's absolute path. */
export async function writeChartFile(chart: Chart, dir: string): Promise<string> {
  const bytes = await renderChartPngOnDemand(chart);
  const hash = createHash("sha256").update(bytes).digest("hex").slice(0, 10);
  const stem = chart.name.replace(/[^a-z0-9-]/g, "-") || "chart";
  await mkdir(dir, { recursive: true });
  const file = path.resolve(dir, `${stem}-${hash}.png`);
  await writeFile(file, bytes);
  return file;
}

/** Where the console and the CLI put charts: `charts/` under the bot's data directory. */
export function chartDir(dataDir: string): string {
  return path.join(dataDir, "charts");
}
