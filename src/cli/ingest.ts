/**
 * `npm run cli -- ingest <file|dir...>`: extract each article and store it, one transaction per
 * document. Prints one line per document (stored with counts, duplicate, or failed with why);
 * a bad file never stops the others; the exit code is 0 only when every document succeeded.
 * A document in which no figure is found is reported and not stored (a source with no facts only
 * clutters `sources`), unless `--keep-empty` asks for it.
 */
import type { Command } from "commander";
import { isServed } from "../facts/fact.js";
import { extractArticleOnDemand } from "../ingest/extract-on-demand.js";
import { type ExtractArticle, type ReadArticle, readArticle } from "../store/bundled.js";
import type { FactStore, IngestOutcome } from "../store/types.js";
import { expandArticlePaths } from "./paths.js";
import { describeFailure, EXIT_FAILURE, runWithStore } from "./store-command.js";

/** What happened to one file. */
export type FileResult =
  | { file: string; status: "stored" | "duplicate"; outcome: IngestOutcome; warnings: string[] }
  | { file: string; status: "failed"; error: unknown }
  | { file: string; status: "empty"; title: string };

/**
 * Ingests every file under `paths`, calling `print` with one line per document as it goes.
 * Failures are per file: they are reported and the next file is tried.
 */
export async function ingestPaths(
  store: FactStore,
  paths: readonly string[],
  options: {
    extract: ExtractArticle;
    read?: ReadArticle;
    print: (line: string) => void;
    now?: Date;
    /** Store documents in which no figure was found, too. */
    keepEmpty?: boolean;
  },
): Promise<FileResult[]> {
  const read = options.read ?? readArticle;
  const expanded = await expandArticlePaths(paths);
  const { files } = expanded;
  const failed: FileResult[] = expanded.failed.map((f) => ({
    file: f.path,
    status: "failed",
    error: f.error,
  }));
  const results: FileResult[] = [...failed];
  for (const result of failed) options.print(formatResult(result));
  for (const file of files) {
    let result: FileResult;
    try {
      const extraction = await options.extract(await read(file));
      // One already stored (kept earlier with --keep-empty) is a duplicate, as any other is.
      const empty =
        extraction.facts.length === 0 &&
        !options.keepEmpty &&
        !(await store.hasSource(extraction.source.hash));
      if (empty) {
        result = { file, status: "empty", title: extraction.source.title };
        results.push(result);
        options.print(formatResult(result));
        continue;
      }
      const outcome = await store.ingest(extraction, options.now ? { now: options.now } : {});
      result = { file, status: outcome.status, outcome, warnings: extraction.warnings };
    } catch (error) {
      result = { file, status: "failed", error };
    }
    results.push(result);
    options.print(formatResult(result));
  }
  return results;
}

/** One line (plus indented warnings) for a file's result. */
export function formatResult(result: FileResult): string {
  switch (result.status) {
    case "stored": {
      const { added, merged, source } = result.outcome;
      const held = added.filter((f) => !isServed(f)).length;
      const review = held > 0 ? `; ${held} held for review (\`facts review\`)` : "";
      const lines = [
        `stored     ${result.file}  "${source.title}": ${added.length} new fact(s), ${merged.length} merged into existing${review}`,
      ];
      for (const warning of result.warnings) lines.push(`           warning: ${warning}`);
      return lines.join("\n");
    }
    case "duplicate":
      return `duplicate  ${result.file}  "${result.outcome.source.title}": already stored, nothing changed`;
    case "empty":
      return `empty      ${result.file}  "${result.title}": no figures found, not stored (--keep-empty stores it)`;
    case "failed": {
      // The reader's messages already start with the path; say it once.
      const reason = describeFailure(result.error)
        .replace(/^error(?: \[\w+\])?: /, "")
        .replace(`${result.file}: `, "");
      return `failed     ${result.file}  ${reason}`;
    }
  }
}

/** The closing summary line. */
export function formatSummary(results: readonly FileResult[]): string {
  const count = (status: FileResult["status"]) => results.filter((r) => r.status === status).length;
  let added = 0;
  let merged = 0;
  for (const r of results) {
    if (r.status === "stored") {
      added += r.outcome.added.length;
      merged += r.outcome.merged.length;
    }
  }
  const empty = count("empty") > 0 ? `, ${count("empty")} without figures (not stored)` : "";
  return `${results.length} document(s): ${count("stored")} stored, ${count("duplicate")} duplicate, ${count("failed")} failed${empty}; ${added} new fact(s), ${merged} merged.`;
}

/** Registers `ingest`. */
export function register(program: Command): void {
  program
    .command("ingest")
    .description("extract figures from article files or folders and store them (re-running never duplicates)")
    .argument("<paths...>", "article files, or folders of .txt/.md/.html articles")
    .option("--keep-empty", "store documents in which no figure was found, too", false)
    .action(async (paths: string[], options: { keepEmpty: boolean }) => {
      await runWithStore(async (store) => {
        const print = (line: string) => process.stdout.write(`${line}\n`);
        const results = await ingestPaths(store, paths, {
          extract: extractArticleOnDemand,
          print,
          keepEmpty: options.keepEmpty,
        });
        print(formatSummary(results));
        return results.some((r) => r.status === "failed") ? EXIT_FAILURE : 0;
      });
    });
}
