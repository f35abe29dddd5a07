/**
 * The stable shapes of the CLI's `--json` output for `ask` and `documents list`, as zod schemas.
 * Scripts may rely on them: a field is only ever added, and anything else bumps `version`.
 * Every result says whether it is served, held or in conflict with another source, every notice
 * the answer carries (a relaxed question, disagreeing sources) is kept, and every source is listed.
 */
import { z } from "zod";
import { InferredFromSchema, IsoDateSchema, PeriodSchema, QualifierSchema } from "../facts/fact.js";

/** Bumped when a field changes meaning or goes away; adding a field keeps it. */
export const JSON_FORMAT_VERSION = 1;

/**
 * Present when the header did not state the publisher or date: `link` when it was read from the
 * URL (its site, a date in its path), `text` when from the body (a dateline, an "Updated:" stamp).
 */
export const JsonInferredSchema = z.object({
  publisher: InferredFromSchema.optional(),
  published: InferredFromSchema.optional(),
});

/** One document that states a figure, with its own sentence. */
export const JsonSourceSchema = z.object({
  title: z.string(),
  url: z.string().nullable(),
  publisher: z.string().nullable(),
  /** ISO date, or null when the document gives none. */
  published: IsoDateSchema.nullable(),
  inferred: JsonInferredSchema.optional(),
  quote: z.string(),
});

/**
 * `served`: answered with. `held`: waiting for a person's review. `conflicting`: served, but
 * another source gives a different value for the same figure (both are listed).
 */
export const JsonFactStatusSchema = z.enum(["served", "held", "conflicting"]);

/** One figure in an `ask --json` answer. */
export const JsonFactSchema = z.object({
  id: z.string(),
  region: z.string(),
  metric: z.string(),
  period: PeriodSchema.nullable(),
  /** Base units: 13.57 trillion yuan is 13570000000000, 5% is 5. */
  value: z.number(),
  unit: z.string(),
  qualifier: QualifierSchema,
  status: JsonFactStatusSchema,
  confidence: z.number().min(0).max(1),
  /** The value and period as the bot writes them for people. */
  display: z.object({ title: z.string(), value: z.string(), period: z.string() }),
  /** Every document that states it, oldest first. */
  sources: z.array(JsonSourceSchema).min(1),
});
export type JsonFact = z.infer<typeof JsonFactSchema>;

/** `ask --json`: the answer's notices and its figures, best first. */
export const AskJsonSchema = z.object({
  version: z.literal(JSON_FORMAT_VERSION),
  query: z.string(),
  /** What the answer says about itself, e.g. "No 2025 figure for Zhaoqing GDP; the latest is 2023". */
  notices: z.array(z.string()),
  results: z.array(JsonFactSchema),
  /** Why there are no results (the bot's message), or null when there are. */
  message: z.string().nullable(),
  /** For a trend or a comparison: the path of its chart, a PNG under DATA_DIR/charts. */
  chart: z.string().optional(),
});
export type AskJson = z.infer<typeof AskJsonSchema>;

/** One stored document in `documents list --json`. */
export const JsonDocumentSchema = z.object({
  /** sha256 of the document text: its identity. */
  hash: z.string(),
  title: z.string(),
  url: z.string().nullable(),
  publisher: z.string().nullable(),
  published: IsoDateSchema.nullable(),
  inferred: JsonInferredSchema.optional(),
  /** ISO timestamp of when it was stored. */
  ingestedAt: z.string(),
  facts: z.object({ served: z.number().int().min(0), held: z.number().int().min(0) }),
});

/** `documents list --json`: every stored document, oldest ingested first. */
export const DocumentsJsonSchema = z.object({
  version: z.literal(JSON_FORMAT_VERSION),
  documents: z.array(JsonDocumentSchema),
});
export type DocumentsJson = z.infer<typeof DocumentsJsonSchema>;
