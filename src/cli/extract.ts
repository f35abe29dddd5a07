/**
 * `npm run cli -- extract [--json] <file...>`: prints the figures found in article files and
 * stores nothing. With `--json`, stdout carries exactly one JSON array of facts; messages go
 * to stderr. A bad file is reported in one line and the rest are still read; the exit code is
 * 0 only when every file was read and extracted.
 */
import type { Command } from "commander";
import type { ExtractedFact } from "../facts/fact.js";
import { formatValue } from "../facts/format.js";
import { formatPeriod } from "../facts/period.js";
import { extractArticle } from "../ingest/extract.js";
import { readArticleFile } from "../ingest/read-file.js";
import type { ExtractionResult } from "../ingest/types.js";
import { expandArticlePaths } from "./paths.js";

/** Where the command writes; injectable so tests can capture both streams. */
export interface ExtractIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** One file's outcome: its extraction, or the one-line reason it could not be read. */
export type FileOutcome =
  | { path: string; ok: true; result: ExtractionResult }
  | { path: string; ok: false; error: string };

/** Reads and extracts each file in turn; a failure in one never stops the next. */
export async function extractFiles(paths: readonly string[]): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  for (const path of paths) {
    const read = await readArticleFile(path);
    if (!read.ok) {
      outcomes.push({ path, ok: false, error: read.error });
      continue;
    }
    try {
      outcomes.push({ path, ok: true, result: extractArticle({ text: read.text, fileName: path }) });
    } catch (error) {
      // Extraction is meant never to throw; if it does, the file is reported, not the batch lost.
      const reason = error instanceof Error ? error.message : String(error);
      outcomes.push({ path, ok: false, error: `${path}: extraction failed (${reason})` });
    }
  }
  return outcomes;
}

function describeFact(fact: ExtractedFact): string {
  const value = formatValue(fact);
  return `  ${fact.id}\n    ${fact.region} · ${fact.metric} · ${formatPeriod(fact.period)}: ${value}  (confidence ${fact.confidence})\n    “${fact.quote}”`;
}

function describeResult(path: string, result: ExtractionResult): string {
  const { source, facts } = result;
  const header = [
    `${path}: ${facts.length} figure${facts.length === 1 ? "" : "s"}`,
    `  title: ${source.title}`,
    `  published: ${source.published ?? "unknown"}${source.publisher ? ` · ${source.publisher}` : ""}${source.url ? ` · ${source.url}` : ""}`,
  ];
  return [...header, ...facts.map(describeFact)].join("\n");
}

/**
 * Runs the command over `paths` and returns the exit code (0 when every file succeeded).
 * @example await runExtract(["a.txt"], { json: true }, { out: process.stdout.write, err: console.error })
 */
export async function runExtract(
  paths: readonly string[],
  options: { json: boolean },
  io: ExtractIo,
): Promise<number> {
  // Folders are read as `ingest` reads them: the article files directly inside.
  const expanded = await expandArticlePaths(paths);
  const outcomes: FileOutcome[] = [
    ...expanded.failed.map((f) => ({ path: f.path, ok: false as const, error: f.error.message })),
    ...(await extractFiles(expanded.files)),
  ];
  const facts: ExtractedFact[] = [];
  const blocks: string[] = [];
  for (const outcome of outcomes) {
    if (!outcome.ok) {
      io.err(`extract: ${outcome.error}\n`);
      continue;
    }
    for (const fact of outcome.result.facts) facts.push(fact);
    for (const warning of outcome.result.warnings) io.err(`extract: ${outcome.path}: warning: ${warning}\n`);
    if (!options.json) blocks.push(describeResult(outcome.path, outcome.result));
  }
  if (options.json) io.out(`${JSON.stringify(facts, null, 2)}\n`);
  else if (blocks.length > 0) io.out(`${blocks.join("\n\n")}\n`);
  return outcomes.every((o) => o.ok) ? 0 : 1;
}

/** Registers `extract` on the CLI program. */
export function register(program: Command): void {
  program
    .command("extract")
    .description("print the figures found in article files (stores nothing)")
    .option("--json", "print one JSON array of facts and nothing else on stdout", false)
    .argument("<paths...>", "article files, or folders of .txt/.md/.html articles")
    .action(async (files: string[], options: { json: boolean }) => {
      process.exitCode = await runExtract(files, options, {
        out: (text) => process.stdout.write(text),
        err: (text) => process.stderr.write(text),
      });
    });
}
