/**
 * A document's publisher and date for its source line: what the header (or a feed's hints)
 * states, else what the first body lines imply, else what the link implies, each inference
 * marked with where it came from. Only a stated date may date a figure's period; the caller
 * keeps that one apart (see `extractArticle`).
 */
import type { SourceRef } from "../facts/fact.js";
import { dateFromUrl, type TextualMeta } from "./metadata.js";
import { publisherFromUrl } from "./publishers.js";

/** What the header or the hints state; null where they say nothing. */
export interface StatedSource {
  url: string | null;
  publisher: string | null;
  published: string | null;
}

/**
 * Fills what the header leaves out, marking each inference.
 * @example resolveProvenance({ url: "https://www.example.org/2024/02/01/a.html", publisher: null, published: null }, { publisher: null, published: null })
 *   gives { publisher: "example.org", published: "2024-02-01", inferred: { publisher: "link", published: "link" } }
 */
export function resolveProvenance(
  stated: StatedSource,
  fromText: TextualMeta,
): Pick<SourceRef, "publisher" | "published" | "inferred"> {
  const inferred: NonNullable<SourceRef["inferred"]> = {};
  let publisher = stated.publisher;
  if (publisher === null && fromText.publisher !== null) {
    publisher = fromText.publisher;
    inferred.publisher = "text";
  }
  if (publisher === null) {
    publisher = publisherFromUrl(stated.url);
    if (publisher !== null) inferred.publisher = "link";
  }
  let published = stated.published;
  if (published === null && fromText.published !== null) {
    published = fromText.published;
    inferred.published = "text";
  }
  if (published === null && stated.url !== null) {
    published = dateFromUrl(stated.url);
    if (published !== null) inferred.published = "link";
  }
  return Object.keys(inferred).length > 0 ? { publisher, published, inferred } : { publisher, published };
}
