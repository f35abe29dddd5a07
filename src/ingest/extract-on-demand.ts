/**
 * Extraction through a module loaded on first use: the extractor's sentence tagger (compromise)
 * costs seconds and tens of MB to load, which a CLI command that extracts nothing (`facts list`)
 * should not pay. The bot itself extracts in a worker thread (src/sources/extraction-runner.ts).
 */
import type { ArticleInput, ExtractionResult } from "./types.js";

/** `extractArticle` from extract.ts, loading it on the first call. */
export async function extractArticleOnDemand(input: ArticleInput): Promise<ExtractionResult> {
  const { extractArticle } = await import("./extract.js");
  return extractArticle(input);
}
