/**
 * The bundled articles in `data/articles/`: ingested on first start so a fresh clone answers
 * questions, and on later starts only when a bundled file is new (its content hash is not stored).
 * One article failing never stops the others; the report says which failed and why.
 */
import { createHash } from "node:crypto";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { BotError } from "../core/errors.js";
import { readArticleFile } from "../ingest/read-file.js";
import type { ArticleInput, ExtractionResult } from "../ingest/types.js";
import type { FactStore, IngestOutcome } from "./types.js";

/** Extraction as the store needs it: one document in, one result out (in this thread or a worker's). */
export type ExtractArticle = (input: ArticleInput) => ExtractionResult | Promise<ExtractionResult>;

/** Reads one article file into an extraction input. */
export type ReadArticle = (file: string) => Promise<ArticleInput>;

/** File endings treated as articles when a whole folder is ingested. */
export const ARTICLE_EXTENSIONS: readonly string[] = [".txt", ".md", ".html", ".htm"];

/** What one start-up pass over the bundled folder did. */
export interface BundledIngestReport {
  /** Files stored now, with what each added. */
  stored: { file: string; outcome: IngestOutcome }[];
  /** Files whose content was already stored. */
  unchanged: string[];
  failed: { file: string; error: Error }[];
}

/**
 * Reads an article file (missing, binary, empty or non-UTF-8 files fail with INGEST_FAILED naming
 * the file), labelled for messages by its base name.
 */
export const readArticle: ReadArticle = async (file) => {
  const result = await readArticleFile(file);
  if (!result.ok) throw new BotError(result.error, "INGEST_FAILED");
  return { text: result.text, fileName: path.basename(file) };
};

/** The article files directly inside `dir` (not hidden, known endings), sorted by name. */
export async function listArticleFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter(
      (e) =>
        e.isFile() &&
        !e.name.startsWith(".") &&
        ARTICLE_EXTENSIONS.includes(path.extname(e.name).toLowerCase()),
    )
    .map((e) => path.join(dir, e.name))
    .sort();
}

/**
 * Ingests every article in `dir` whose text is not stored yet. On an empty store that is all of
 * them; afterwards only new or changed files, so restarts are cheap and never duplicate.
 */
export async function ingestBundledArticles(
  store: FactStore,
  extract: ExtractArticle,
  dir: string,
  options: { read?: ReadArticle; now?: Date } = {},
): Promise<BundledIngestReport> {
  const read = options.read ?? readArticle;
  const report: BundledIngestReport = { stored: [], unchanged: [], failed: [] };
  let files: string[];
  try {
    files = await listArticleFiles(dir);
  } catch (error) {
    report.failed.push({ file: dir, error: asError(error) });
    return report;
  }
  for (const file of files) {
    try {
      const input = await read(file);
      // Skipping known text before extracting keeps restarts fast; ingest's own hash check
      // still guards the case where the extractor hashes a normalised text.
      const hash = sha256(input.text);
      if (await store.hasSource(hash)) {
        // Stored before documents kept their text: keep it now, so a newer extractor can re-read it.
        await store.attachText(hash, input.text);
        report.unchanged.push(file);
        continue;
      }
      const outcome = await store.ingest(await extract(input), options.now ? { now: options.now } : {});
      if (outcome.status === "duplicate") report.unchanged.push(file);
      else report.stored.push({ file, outcome });
    } catch (error) {
      report.failed.push({ file, error: asError(error) });
    }
  }
  return report;
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
