/**
 * Fact rows in and out: reading facts back with their citations, writing a new fact or a
 * citation, and the SQL form of `isServed`. Shared by the fact store and re-extraction so
 * both read, write and judge a stored fact the same way.
 */
import { type Kysely, type RawBuilder, type SqlBool, sql } from "kysely";
import { z } from "zod";
import { BotError } from "../core/errors.js";
import {
  type Citation,
  type ExtractedFact,
  type InferredFrom,
  InferredFromSchema,
  type SourceRef,
  type StoredFact,
  StoredFactSchema,
} from "../facts/fact.js";
import { figureKey } from "../facts/merge.js";
import type { Database, FactsTable, SourcesTable } from "./database.js";

/** Rows per `in (...)` list; well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;

type FactRow = FactsTable;
interface CitationRow extends Omit<SourcesTable, "text" | "extractor_version"> {
  fact_id: string;
  quote: string;
}

const column = (alias: string | undefined, name: keyof FactsTable) =>
  sql.ref(alias ? `${alias}.${name}` : name);

/**
 * SQL true when the extractor or a person lets the fact be answered with, retraction aside:
 * approved, or served and not rejected. `alias` names the facts table in a join.
 */
export function servableCondition(alias?: string): RawBuilder<SqlBool> {
  const decision = column(alias, "review_decision");
  return sql<SqlBool>`(${decision} = ${"approved"} or (${column(alias, "status")} = ${"served"} and ${decision} is null))`;
}

/** SQL for `isServed` (src/facts/fact.ts): servable and not retracted. */
export function servedCondition(alias?: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${column(alias, "retracted_at")} is null and ${servableCondition(alias)})`;
}

/** Which facts {@link loadFacts} reads. */
export interface FactFilter {
  ids?: readonly string[];
  /** Only facts that are not retracted. */
  live?: boolean;
  /** Only facts that are served or approved (held and rejected ones left out). */
  servable?: boolean;
  /** Only facts waiting for a person: held, unreviewed, not retracted. */
  awaitingReview?: boolean;
  /** ISO timestamps [from, to) of served_at: when the fact became answerable. */
  servedBetween?: readonly [string, string];
}

/** Reads facts with their citations (oldest first), ordered by first_seen_at then id. */
export async function loadFacts(db: Kysely<Database>, filter: FactFilter): Promise<StoredFact[]> {
  if (filter.ids && filter.ids.length === 0) return [];
  const rows: FactRow[] = [];
  for (const ids of filter.ids ? chunks(filter.ids) : [undefined]) {
    let query = db.selectFrom("facts").selectAll();
    if (ids) query = query.where("id", "in", ids);
    if (filter.live) query = query.where("retracted_at", "is", null);
    if (filter.servable) query = query.where(servableCondition());
    if (filter.awaitingReview) {
      query = query
        .where("status", "=", "held")
        .where("review_decision", "is", null)
        .where("retracted_at", "is", null);
    }
    if (filter.servedBetween) {
      query = query
        .where("served_at", ">=", filter.servedBetween[0])
        .where("served_at", "<", filter.servedBetween[1]);
    }
    // Never spread a query result into a call: past ~125k rows it exceeds V8's argument limit.
    for (const row of await query.execute()) rows.push(row);
  }
  rows.sort((a, b) => compare(a.first_seen_at, b.first_seen_at) || compare(a.id, b.id));

  const citations = new Map<string, Citation[]>();
  for (const ids of chunks(rows.map((r) => r.id))) {
    const cited: CitationRow[] = await db
      .selectFrom("fact_citations as c")
      .innerJoin("sources as s", "s.hash", "c.source_hash")
      .select(["c.fact_id", "c.quote", ...SOURCE_REF_COLUMNS, "s.ingested_at"])
      .where("c.fact_id", "in", ids)
      .orderBy("c.fact_id")
      .orderBy("c.ordinal")
      .execute();
    for (const row of cited) {
      const list = citations.get(row.fact_id) ?? [];
      list.push({ source: toSourceRef(row), quote: row.quote });
      citations.set(row.fact_id, list);
    }
  }
  return rows.map((row) => toStoredFact(row, citations.get(row.id) ?? []));
}

/** The fields of a new fact row as an extraction states them (no id, times or review). */
export function extractedColumns(fact: ExtractedFact) {
  return {
    figure_key: figureKey(fact),
    region: fact.region,
    metric: fact.metric,
    period: fact.period,
    value: fact.value,
    unit: fact.unit,
    qualifier: fact.qualifier,
    confidence: fact.confidence,
    status: fact.status,
    reasons: JSON.stringify(fact.reasons),
  };
}

/** Inserts a new fact first seen at `at`; served from `at` when the extractor serves it. */
export async function insertFact(
  db: Kysely<Database>,
  id: string,
  fact: ExtractedFact,
  at: string,
): Promise<void> {
  await db
    .insertInto("facts")
    .values({
      id,
      ...extractedColumns(fact),
      first_seen_at: at,
      retracted_reason: null,
      retracted_at: null,
      review_decision: null,
      review_reason: null,
      review_at: null,
      served_at: fact.status === "served" ? at : null,
    })
    .execute();
}

/** Adds `sourceHash` as the fact's newest citation (nothing when that document already cites it). */
export async function addCitation(
  db: Kysely<Database>,
  factId: string,
  sourceHash: string,
  quote: string,
  at: string,
): Promise<void> {
  const rows = await db
    .selectFrom("fact_citations")
    .select(["source_hash", "ordinal"])
    .where("fact_id", "=", factId)
    .execute();
  if (rows.some((r) => r.source_hash === sourceHash)) return;
  const last = rows.reduce((max, r) => Math.max(max, Number(r.ordinal)), -1);
  await db
    .insertInto("fact_citations")
    .values({ fact_id: factId, source_hash: sourceHash, quote, ordinal: last + 1, cited_at: at })
    .execute();
}

/** What {@link promote} needs of a stored fact. */
export type PromotionRow = Pick<
  FactsTable,
  "id" | "status" | "review_decision" | "retracted_at" | "served_at"
>;

/**
 * The merge rule for status: a fact is served when any extraction citing it was served, so a
 * held fact that a document now states with enough confidence is promoted (taking that
 * extraction's confidence and reasons). A person's review is never overridden: a rejected fact
 * stays rejected, and served_at is written only when the fact actually becomes answerable.
 * True when it changed the row.
 */
export async function promote(
  db: Kysely<Database>,
  row: PromotionRow,
  fact: ExtractedFact,
  at: string,
): Promise<boolean> {
  if (row.status !== "held" || fact.status !== "served") return false;
  const becomesAnswerable = row.review_decision === null && row.retracted_at === null;
  await db
    .updateTable("facts")
    .set({
      status: "served",
      confidence: fact.confidence,
      reasons: JSON.stringify(fact.reasons),
      ...(becomesAnswerable && row.served_at === null ? { served_at: at } : {}),
    })
    .where("id", "=", row.id)
    .execute();
  return true;
}

/**
 * `base` if no fact has it, else `base~N` one past the highest N taken. One query, however
 * many values the figure has gathered (an undated headline figure can gather hundreds).
 */
export async function freeId(db: Kysely<Database>, base: string): Promise<string> {
  // Ids may hold "_", a LIKE wildcard: escape it, "%" and the escape character itself.
  const pattern = `${base.replace(/[\\%_]/g, (c) => `\\${c}`)}~%`;
  const taken = await db
    .selectFrom("facts")
    .select("id")
    .where((eb) => eb.or([eb("id", "=", base), sql<boolean>`${sql.ref("id")} like ${pattern} escape '\\'`]))
    .execute();
  if (!taken.some((r) => r.id === base)) return base;
  let highest = 1;
  for (const { id } of taken) {
    const n = Number(/~(\d+)$/.exec(id)?.[1]);
    if (id.startsWith(`${base}~`) && Number.isInteger(n) && n > highest) highest = n;
  }
  return `${base}~${highest + 1}`;
}

function toStoredFact(row: FactRow, citations: Citation[]): StoredFact {
  const first = citations[0];
  const parsed = StoredFactSchema.safeParse({
    id: row.id,
    region: row.region,
    metric: row.metric,
    period: row.period,
    value: Number(row.value),
    unit: row.unit,
    qualifier: row.qualifier,
    source: first?.source,
    quote: first?.quote,
    confidence: Number(row.confidence),
    status: row.status,
    reasons: parseJson(row.reasons),
    citations,
    firstSeenAt: row.first_seen_at,
    retracted: row.retracted_at ? { reason: row.retracted_reason ?? "", at: row.retracted_at } : null,
    review:
      row.review_decision === null
        ? null
        : { decision: row.review_decision, reason: row.review_reason, at: row.review_at },
  });
  if (!parsed.success) {
    throw new BotError(
      `Stored fact "${row.id}" is not valid (was the database edited by hand?):\n${z.prettifyError(parsed.error)}`,
      "FACT_STORE_CORRUPT",
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

/** The JSON value, or the raw text when it is not JSON (the schema then names the field). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The `sources` columns (as `s`) that {@link toSourceRef} reads. */
export const SOURCE_REF_COLUMNS = [
  "s.hash",
  "s.title",
  "s.url",
  "s.publisher",
  "s.published",
  "s.publisher_inferred",
  "s.published_inferred",
] as const;

type SourceRefRow = Pick<
  SourcesTable,
  "hash" | "title" | "url" | "publisher" | "published" | "publisher_inferred" | "published_inferred"
>;

/** A stored marker; anything but `link` or `text` (a hand edit) reads as not inferred. */
function inferredFrom(value: string | null): InferredFrom | undefined {
  const parsed = InferredFromSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

export function toSourceRef(row: SourceRefRow): SourceRef {
  const source: SourceRef = {
    title: row.title,
    url: row.url,
    publisher: row.publisher,
    published: row.published,
    hash: row.hash,
  };
  const publisher = row.publisher === null ? undefined : inferredFrom(row.publisher_inferred);
  const published = row.published === null ? undefined : inferredFrom(row.published_inferred);
  if (publisher || published)
    source.inferred = { ...(publisher && { publisher }), ...(published && { published }) };
  return source;
}

/** Code-point order, the same on every machine (unlike localeCompare). */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += CHUNK) yield items.slice(i, i + CHUNK);
}
