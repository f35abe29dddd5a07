/**
 * `npm run cli -- extract [--json] <file...>`: prints the figures found in article files and
 * stores nothing. With `--json`, stdout carries exactly one JSON array of facts; messages go
 * to stderr. A bad file is reported in one line and the rest are still read; the exit code is
 * 0 only when every file was read and extracted.
 */
import type { Command } from "commander";
import { dateText, publisherText } from "../core/source-text.js";
import type { ExtractedFact } from "../facts/fact.js";
import { formatValue } from "../facts/format.js";
import { formatPeriod } from "../facts/period.js";
import { extractArticleOnDemand } from "../ingest/extract-on-demand.js";
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

/** Reads and extracts one file; never throws. */
export async function extractFile(path: string): Promise<FileOutcome> {
  const read = await readArticleFile(path);
  if (!read.ok) return { path, ok: false, error: read.error };
  try {
    return { path, ok: true, result: await extractArticleOnDemand({ text: read.text, fileName: path }) };
  } catch (error) {
    // Extraction is meant never to throw; if it does, the file is reported, not the batch lost.
    const reason = error instanceof Error ? error.message : String(error);
    return { path, ok: false, error: `${path}: extraction failed (${reason})` };
  }
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
    `  published: ${source.published ? dateText(source) : "unknown"}${source.publisher ? ` · ${publisherText(source)}` : ""}${source.url ? ` · ${source.url}` : ""}`,
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
  // Folders are read as `ingest` reads them: the article files directly inside. Each file's
  // output is written as soon as it is read, one fact at a time: nothing waits on a later file,
  // and no single string has to hold every file's output.
  const expanded = await expandArticlePaths(paths);
  let failed = false;
  let factsWritten = 0;
  let blocksWritten = 0;
  for (const missing of expanded.failed) {
    failed = true;
    io.err(`extract: ${missing.path}: ${missing.error.message}\n`);
  }
  for (const path of expanded.files) {
    const outcome = await extractFile(path);
    if (!outcome.ok) {
      failed = true;
      io.err(`extract: ${outcome.error}\n`);
      continue;
    }
    for (const warning of outcome.result.warnings) io.err(`extract: ${outcome.path}: warning: ${warning}\n`);
    if (options.json) {
      for (const fact of outcome.result.facts) {
        const json = JSON.stringify(fact, null, 2).replace(/\n/g, "\n  ");
        io.out(`${factsWritten === 0 ? "[\n" : ",\n"}  ${json}`);
        factsWritten += 1;
      }
    } else {
      io.out(`${blocksWritten === 0 ? "" : "\n"}${describeResult(outcome.path, outcome.result)}\n`);
      blocksWritten += 1;
    }
  }
  if (options.json) io.out(factsWritten === 0 ? "[]\n" : "\n]\n");
  return failed ? 1 : 0;
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
