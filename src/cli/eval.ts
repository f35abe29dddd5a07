/**
 * `npm run eval -- <articles-dir> <gold-dir> [--json] [--dump DIR] [--floor-recall X]
 * [--floor-precision Y]`: measures extraction against answer keys, in-process, with the shared
 * scorer's matching rules (`src/eval/match.ts`). Prints per-article and total recall and served
 * precision, the served-precision curve over confidence thresholds, and why figures were missed
 * or wrong. With `--json`, stdout carries exactly one JSON object; messages go to stderr.
 *
 * Exit codes: 0 when measured (and at or above any floor given); 1 when below a floor or when an
 * article could not be read or extracted; 2 when nothing could be measured (a missing folder,
 * a bad answer key).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type Command, InvalidArgumentError } from "commander";
import type { Extract } from "../eval/corpus.js";
import { type EvalReport, evaluate } from "../eval/evaluate.js";
import { formatDump, formatReport } from "../eval/format.js";

export const EXIT_SHORT = 1;
export const EXIT_UNUSABLE = 2;

/** Options of one run, as parsed from the command line. */
export interface EvalOptions {
  json: boolean;
  dump?: string;
  floorRecall?: number;
  floorPrecision?: number;
}

/** Where the command writes; injectable so tests can capture both streams. */
export interface EvalIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** The verdict on the floors given, if any. */
export interface FloorVerdict {
  recall: number | null;
  precision: number | null;
  ok: boolean;
  message: string;
}

/** Parses a floor argument: a number from 0 to 1. */
export function parseFloor(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < 0 || n > 1)
    throw new InvalidArgumentError(`expected a number from 0 to 1, got "${value}"`);
  return n;
}

/** Compares the total strict recall and strict served precision with the floors given. */
export function checkFloors(report: EvalReport, options: EvalOptions): FloorVerdict | null {
  const recall = options.floorRecall ?? null;
  const precision = options.floorPrecision ?? null;
  if (recall === null && precision === null) return null;
  const { strict } = report.total;
  const checks = [
    ...(recall === null ? [] : [{ name: "strict recall", value: strict.recall, floor: recall }]),
    ...(precision === null
      ? []
      : [{ name: "strict served precision", value: strict.precision, floor: precision }]),
  ];
  const short = checks.filter((c) => c.value < c.floor);
  const describe = (c: (typeof checks)[number], op: string) =>
    `${c.name} ${c.value.toFixed(3)} ${op} floor ${c.floor}`;
  const message =
    short.length > 0
      ? `eval: below the floor: ${short.map((c) => describe(c, "<")).join("; ")}`
      : `eval: floors hold: ${checks.map((c) => describe(c, ">=")).join("; ")}`;
  return { recall, precision, ok: short.length === 0, message };
}

/**
 * Runs the evaluation and returns the exit code.
 * @example await runEval("articles", "gold", { json: false }, { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) })
 */
export async function runEval(
  articlesDir: string,
  goldDir: string,
  options: EvalOptions,
  io: EvalIo,
  extract?: Extract,
): Promise<number> {
  // The corpus module loads the extractor (and its tagger): only for `eval`, not every command.
  const { loadCorpus } = await import("../eval/corpus.js");
  const corpus = await loadCorpus(articlesDir, goldDir, extract);
  if (!corpus.ok) {
    for (const error of corpus.errors) io.err(`eval: ${error}\n`);
    return EXIT_UNUSABLE;
  }
  const report = evaluate(corpus.articles);
  const floors = checkFloors(report, options);

  if (options.dump) {
    await mkdir(options.dump, { recursive: true });
    for (const a of report.articles) await writeFile(join(options.dump, `${a.name}.txt`), formatDump(a));
  }

  const notes = corpus.unkeyed.length
    ? [`${corpus.unkeyed.length} article(s) without an answer key not scored: ${corpus.unkeyed.join(", ")}`]
    : [];
  if (options.json) {
    io.out(
      `${JSON.stringify({ articlesDir, goldDir, ...report, unkeyed: corpus.unkeyed, floors }, null, 2)}\n`,
    );
  } else {
    io.out(formatReport(report, notes));
  }

  for (const a of report.articles) if (a.failed) io.err(`eval: ${a.failed}\n`);
  if (floors) io.err(`${floors.message}\n`);
  if (report.total.failed > 0) {
    io.err(
      `eval: ${report.total.failed} article(s) could not be read or extracted; they count as found nothing\n`,
    );
    return EXIT_SHORT;
  }
  return floors && !floors.ok ? EXIT_SHORT : 0;
}

/** Registers `eval` on the CLI program. */
export function register(program: Command): void {
  program
    .command("eval")
    .description("measure extraction against answer keys (recall, served precision, threshold curve)")
    .argument("<articles-dir>", "folder of article files <name>.txt")
    .argument("<gold-dir>", "folder of answer keys <name>.json")
    .option("--json", "print one JSON object and nothing else on stdout", false)
    .option("--dump <dir>", "write each article's misses and wrong facts to <dir>/<name>.txt")
    .option("--floor-recall <x>", "exit 1 if total strict recall is below x (0..1)", parseFloor)
    .option("--floor-precision <y>", "exit 1 if total strict served precision is below y (0..1)", parseFloor)
    .action(async (articlesDir: string, goldDir: string, options: EvalOptions) => {
      process.exitCode = await runEval(articlesDir, goldDir, options, {
        out: (text) => process.stdout.write(text),
        err: (text) => process.stderr.write(text),
      });
    });
}
