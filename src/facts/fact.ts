/**
 * The fact model: one figure, where it holds (region, period), what it measures, and the
 * document sentence that states it. Every boundary that produces or stores facts validates
 * against these schemas.
 */
import { z } from "zod";

/** How exactly the text states the figure. */
export const QualifierSchema = z.enum(["exact", "approx", "over", "under", "projected", "target"]);
export type Qualifier = z.infer<typeof QualifierSchema>;

/**
 * A period label. `2023`, `2024-Q1`, `2024-H1`, `2024-03`, `2024-01-to-09`.
 * @example "2024-01-to-09" is January to September 2024.
 */
export const PeriodSchema = z
  .string()
  .regex(
    /^\d{4}(-(Q[1-4]|H[12]|(0[1-9]|1[0-2])(-to-(0[1-9]|1[0-2]))?))?$/,
    "period must look like 2023, 2024-Q1, 2024-H1, 2024-03 or 2024-01-to-09",
  );

/** ISO calendar date, `YYYY-MM-DD`. */
export const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected an ISO date YYYY-MM-DD");

/** Where a publisher or date the header did not state was read from: the link, or the body's text. */
export const InferredFromSchema = z.enum(["link", "text"]);
export type InferredFrom = z.infer<typeof InferredFromSchema>;

/** The document a fact was read from. `hash` is the sha256 of the document text, hex. */
export const SourceRefSchema = z.object({
  title: z.string().min(1),
  url: z.string().nullable(),
  publisher: z.string().nullable(),
  published: IsoDateSchema.nullable(),
  hash: z.string().regex(/^[0-9a-f]{64}$/, "hash must be a sha256 hex digest"),
  /**
   * Set for a publisher or date the header did not state but the link or the text implies
   * ("Xinhua" from xinhuanet.com, a date from a dateline); absent when both were stated or
   * unknown. An inferred date is shown with the source and never dates a figure's period.
   */
  inferred: z
    .object({ publisher: InferredFromSchema.optional(), published: InferredFromSchema.optional() })
    .optional(),
});
export type SourceRef = z.infer<typeof SourceRefSchema>;

/**
 * Whether a fact may be answered with. `held`: the extractor is not sure enough of it
 * (confidence below the serving threshold); it is stored and shown in `facts review`, but never
 * answered, digested, compared or charted until a person approves it.
 */
export const FactStatusSchema = z.enum(["served", "held"]);
export type FactStatus = z.infer<typeof FactStatusSchema>;

/** A person's decision on a fact in review: approved facts are served, rejected ones never are. */
export const ReviewSchema = z.object({
  decision: z.enum(["approved", "rejected"]),
  reason: z.string().nullable(),
  at: z.string(),
});
export type Review = z.infer<typeof ReviewSchema>;

/** A figure as the extraction pipeline produces it from one document. */
export const ExtractedFactSchema = z.object({
  /** Stable and readable, e.g. `zhaoqing.gdp.2023`. */
  id: z.string().regex(/^[a-z0-9][a-z0-9._~-]*$/, "id must be lower-case letters, digits, . _ ~ -"),
  region: z.string().min(1),
  metric: z.string().min(1),
  period: PeriodSchema.nullable(),
  /** Base units: 13.57 trillion yuan is 13570000000000, 5% is 5, a decline is negative. */
  value: z.number().finite(),
  unit: z.string().min(1),
  qualifier: QualifierSchema,
  source: SourceRefSchema,
  /** The exact span of the document that states the figure. */
  quote: z.string().min(1),
  /** 0..1, how sure the extractor is of region, period and metric together. */
  confidence: z.number().min(0).max(1),
  /** Served when confidence reaches the serving threshold, else held for review. */
  status: FactStatusSchema.default("served"),
  /** Why the confidence is what it is, in a few words each ("period from the title"). */
  reasons: z.array(z.string()).default([]),
});
export type ExtractedFact = z.infer<typeof ExtractedFactSchema>;

/** One document that states a stored fact, with its own sentence. */
export const CitationSchema = z.object({ source: SourceRefSchema, quote: z.string().min(1) });
export type Citation = z.infer<typeof CitationSchema>;

/**
 * A fact as the store holds it: merged over every document that states it.
 * `source` and `quote` are the first citation; `citations` lists all, oldest first.
 */
export const StoredFactSchema = ExtractedFactSchema.extend({
  citations: z.array(CitationSchema).min(1),
  /** ISO timestamp of when the store first held this fact; it never changes. */
  firstSeenAt: z.string(),
  retracted: z.object({ reason: z.string(), at: z.string() }).nullable(),
  /** A person's approval or rejection of the fact, if any (`facts approve` / `facts reject`). */
  review: ReviewSchema.nullable().default(null),
});
export type StoredFact = z.infer<typeof StoredFactSchema>;

/**
 * True when a stored fact may be answered with: not retracted, not rejected, and either served
 * by the extractor or approved by a person.
 */
export function isServed(fact: Pick<StoredFact, "status" | "retracted" | "review">): boolean {
  if (fact.retracted || fact.review?.decision === "rejected") return false;
  return fact.status === "served" || fact.review?.decision === "approved";
}
