/**
 * Reads an evaluation corpus: every answer key `<gold-dir>/<name>.json`, validated, and the
 * article `<articles-dir>/<name>.txt` beside it, extracted in-process. Keys are taken in sorted
 * order and articles are found from them, as the shared scorer does; an article that cannot be
 * read or extracted still counts, with no facts, and is reported as failed.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { extractArticle } from "../ingest/extract.js";
import { readArticleFile } from "../ingest/read-file.js";
import type { ArticleInput, EvalFact } from "./evaluate.js";
import { parseGold } from "./gold.js";

/** Extracts one article's text; the pipeline's own by default, injectable for tests. */
export type Extract = (input: { text: string; fileName: string }) => { facts: readonly EvalFact[] };

/** The corpus ready to score, or every reason it cannot be (bad keys, missing folders). */
export type CorpusLoad =
  | { ok: true; articles: ArticleInput[]; unkeyed: string[] }
  | { ok: false; errors: string[] };

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

// Only the fields a report shows: the source, reasons and the like would bloat `--json`.
function slim(fact: EvalFact): EvalFact {
  const { id, region, metric, period, value, unit, qualifier, quote, confidence, status } = fact;
  return { id, region, metric, period, value, unit, qualifier, quote, confidence, status };
}

/**
 * Loads and extracts the corpus. Keys are all validated before anything is extracted, so a bad
 * key is reported at once and with every other bad key.
 * @example const c = await loadCorpus("../shared/corpus/articles", "../shared/corpus/gold");
 */
export async function loadCorpus(
  articlesDir: string,
  goldDir: string,
  extract: Extract = extractArticle,
): Promise<CorpusLoad> {
  const missing = [
    ...((await isDirectory(articlesDir)) ? [] : [`${articlesDir}: not a folder (articles)`]),
    ...((await isDirectory(goldDir)) ? [] : [`${goldDir}: not a folder (answer keys)`]),
  ];
  if (missing.length > 0) return { ok: false, errors: missing };

  const keyFiles = (await readdir(goldDir)).filter((f) => f.endsWith(".json")).sort();
  if (keyFiles.length === 0) return { ok: false, errors: [`${goldDir}: no answer keys (*.json)`] };
  const keys: { name: string; gold: ArticleInput["gold"] }[] = [];
  const errors: string[] = [];
  for (const file of keyFiles) {
    const path = join(goldDir, file);
    const parsed = parseGold(path, await readFile(path, "utf8"));
    if (parsed.ok) keys.push({ name: file.slice(0, -".json".length), gold: parsed.gold });
    else errors.push(...parsed.errors);
  }
  if (errors.length > 0) return { ok: false, errors };

  const articles: ArticleInput[] = [];
  for (const { name, gold } of keys) {
    // The same path the scorer hands to `extract`, so that file-name fallbacks agree.
    const path = join(articlesDir, `${name}.txt`);
    const read = await readArticleFile(path);
    if (!read.ok) {
      articles.push({ name, gold, facts: [], failed: read.error });
      continue;
    }
    try {
      const facts = extract({ text: read.text, fileName: path }).facts.map(slim);
      articles.push({ name, gold, facts, failed: null });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      articles.push({ name, gold, facts: [], failed: `${path}: extraction failed (${reason})` });
    }
  }
  const keyed = new Set(keys.map((k) => k.name));
  const unkeyed = (await readdir(articlesDir))
    .filter((f) => f.endsWith(".txt") && !keyed.has(f.slice(0, -".txt".length)))
    .sort();
  return { ok: true, articles, unkeyed };
}
