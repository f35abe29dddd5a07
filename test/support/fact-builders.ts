/**
 * Hand-built extraction results for store and digest tests, so those tests depend on the store's
 * rules and not on how well the extractor reads a particular article.
 */
import { createHash } from "node:crypto";
import type { ExtractedFact, Qualifier, SourceRef, StoredFact } from "../../src/facts/fact.js";
import type { ExtractionResult } from "../../src/ingest/types.js";
import { EXTRACTOR_VERSION } from "../../src/ingest/version.js";

/** A figure as a test states it; everything but region, metric and value has a default. */
export interface FigureSpec {
  region: string;
  metric: string;
  value: number;
  period?: string | null;
  unit?: string;
  qualifier?: Qualifier;
  quote?: string;
  id?: string;
  confidence?: number;
  status?: "served" | "held";
}

/** sha256 hex of `text`, as the extractor hashes documents. */
export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** A source whose hash is derived from `title` (and `text`, if given) so distinct titles never collide. */
export function sourceRef(title: string, overrides: Partial<SourceRef> & { text?: string } = {}): SourceRef {
  const { text, ...rest } = overrides;
  return {
    title,
    url: `https://example.test/${encodeURIComponent(title)}`,
    publisher: "Test Daily",
    published: "2024-03-31",
    hash: sha256(text ?? `document: ${title}`),
    ...rest,
  };
}

/** The readable id the extractor would give a figure: `region.metric.period`, slugged. */
export function figureId(spec: Pick<FigureSpec, "region" | "metric" | "period">): string {
  const slug = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "");
  return [slug(spec.region), slug(spec.metric), spec.period ?? "undated"].join(".");
}

/** One extracted fact from `source`. */
export function extractedFact(source: SourceRef, spec: FigureSpec): ExtractedFact {
  const period = spec.period === undefined ? "2023" : spec.period;
  return {
    id: spec.id ?? figureId({ ...spec, period }),
    region: spec.region,
    metric: spec.metric,
    period,
    value: spec.value,
    unit: spec.unit ?? "CNY",
    qualifier: spec.qualifier ?? "exact",
    source,
    quote:
      spec.quote ?? `${spec.region} ${spec.metric} was ${spec.value} in ${period ?? "an unstated year"}.`,
    confidence: spec.confidence ?? 0.9,
    status: spec.status ?? "served",
    reasons: [],
  };
}

/** A whole document: its source (from `title`) and the given figures. */
export function extractionResult(
  title: string,
  figures: readonly FigureSpec[],
  source: Partial<SourceRef> = {},
): ExtractionResult {
  const ref = sourceRef(title, source);
  const facts = figures.map((spec) => extractedFact(ref, spec));
  return {
    source: ref,
    facts,
    warnings: [],
    text: facts.map((f) => f.quote).join("\n"),
    extractorVersion: EXTRACTOR_VERSION,
  };
}

/** A stored, served fact as the index hands it to commands, for tests of what is built from it. */
export function storedFact(title: string, spec: FigureSpec, source: Partial<SourceRef> = {}): StoredFact {
  const extracted = extractedFact(sourceRef(title, source), spec);
  return {
    ...extracted,
    citations: [{ source: extracted.source, quote: extracted.quote }],
    firstSeenAt: "2024-04-01T00:00:00.000Z",
    retracted: null,
    review: null,
  };
}
