/** The contract between extraction and everything that consumes it. */
import type { ExtractedFact, SourceRef } from "../facts/fact.js";

/** One document to read. Hints (from a feed, say) override what the text's own header says. */
export interface ArticleInput {
  text: string;
  /** File name or other label for messages. */
  fileName?: string;
  hints?: { title?: string; url?: string; publisher?: string; published?: string };
}

/** What extraction found in one document. */
export interface ExtractionResult {
  source: SourceRef;
  facts: ExtractedFact[];
  /** Things a curator may want to know (e.g. "no publication date found; relative periods unresolved"). */
  warnings: string[];
  /** The document's text, kept with it so that a newer extractor can read it again. */
  text: string;
  /** The {@link EXTRACTOR_VERSION} that produced these facts. */
  extractorVersion: number;
}
