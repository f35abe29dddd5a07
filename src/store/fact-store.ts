/**
 * The {@link FactStore} over Kysely, the same code for SQLite and PostgreSQL.
 *
 * Merge rules (see `src/facts/merge.ts`): a document is stored once (its content hash is the
 * key); a figure already stored (same region, metric, period, unit and value) gains a citation
 * instead of becoming a second fact; a different value for the same region, metric and period is
 * a separate fact with its own id (`id~2`, `id~3`, ...) so a curator can see both and retract the
 * wrong one. `first_seen_at` is written once, on insert, and no statement ever updates it.
 * A figure matching a retracted fact is cited on that fact and stays retracted: the curator's
 * judgement that the figure is wrong does not depend on how many documents repeat it.
 */
import { type Kysely, sql } from "kysely";
import { z } from "zod";
import { BotError, UserError } from "../core/errors.js";
import {
  type Citation,
  ExtractedFactSchema,
  type SourceRef,
  SourceRefSchema,
  type StoredFact,
  StoredFactSchema,
} from "../facts/fact.js";
import { figureKey, isSameFigure } from "../facts/merge.js";
import type { ExtractionResult } from "../ingest/types.js";
import { type Database, type FactsTable, nowIso, type SourcesTable, type StoreDialect } from "./database.js";
import type { FactStore, IngestOutcome, SourceSummary, StoreStats } from "./types.js";

/** The extraction contract as a schema: the store checks what it is given before writing it. */
const ExtractionResultSchema = z.object({
  source: SourceRefSchema,
  facts: z.array(ExtractedFactSchema),
  warnings: z.array(z.string()),
  text: z.string(),
  extractorVersion: z.number().int().positive(),
});

/** PostgreSQL lock that serialises ingests across processes, so two never race to create one fact. */
const INGEST_LOCK_NAME = "gd-bot:ingest:";

/** Rows per `in (...)` list; well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;

type FactRow = FactsTable;
interface CitationRow extends SourcesTable {
  fact_id: string;
  quote: string;
}

/** A {@link FactStore} that also exposes its Kysely instance, for modules that add their own tables. */
export interface SqlFactStore extends FactStore {
  readonly db: Kysely<Database>;
}

/** Builds the fact store over an open, migrated database. `close()` destroys `db`. */
export function createFactStore(db: Kysely<Database>, dialect: StoreDialect): SqlFactStore {
  return {
    db,
    dialect,

    async ingest(document: ExtractionResult, options?: { now?: Date }): Promise<IngestOutcome> {
      const doc = parseDocument(document);
      const at = nowIso(options?.now);
      return db.transaction().execute(async (trx) => {
        if (dialect === "postgres") {
          await sql`select pg_advisory_xact_lock(hashtext(${INGEST_LOCK_NAME}::text || current_schema()))`.execute(
            trx,
          );
        }
        const known = await trx
          .selectFrom("sources")
          .selectAll()
          .where("hash", "=", doc.source.hash)
          .executeTakeFirst();
        if (known) return { status: "duplicate", source: toSourceRef(known), added: [], merged: [] };

        await trx
          .insertInto("sources")
          .values({
            hash: doc.source.hash,
            title: doc.source.title,
            url: doc.source.url,
            publisher: doc.source.publisher,
            published: doc.source.published,
            ingested_at: at,
          })
          .execute();

        const added: string[] = [];
        const merged: string[] = [];
        for (const fact of doc.facts) {
          const key = figureKey(fact);
          const candidates = await trx
            .selectFrom("facts")
            .select(["id", "region", "metric", "period", "unit", "value"])
            .where("figure_key", "=", key)
            .orderBy("first_seen_at")
            .orderBy("id")
            .execute();
          const match = candidates.find((c) => isSameFigure({ ...c, value: Number(c.value) }, fact));
          if (match) {
            // The same document stating a figure twice still cites it once.
            if (added.includes(match.id) || merged.includes(match.id)) continue;
            const last = await trx
              .selectFrom("fact_citations")
              .select((eb) => eb.fn.max("ordinal").as("max"))
              .where("fact_id", "=", match.id)
              .executeTakeFirst();
            await trx
              .insertInto("fact_citations")
              .values({
                fact_id: match.id,
                source_hash: doc.source.hash,
                quote: fact.quote,
                ordinal: Number(last?.max ?? -1) + 1,
                cited_at: at,
              })
              .execute();
            merged.push(match.id);
            continue;
          }
          const id = await freeId(trx, fact.id);
          await trx
            .insertInto("facts")
            .values({
              id,
              figure_key: key,
              region: fact.region,
              metric: fact.metric,
              period: fact.period,
              value: fact.value,
              unit: fact.unit,
              qualifier: fact.qualifier,
              confidence: fact.confidence,
              first_seen_at: at,
              retracted_reason: null,
              retracted_at: null,
            })
            .execute();
          await trx
            .insertInto("fact_citations")
            .values({
              fact_id: id,
              source_hash: doc.source.hash,
              quote: fact.quote,
              ordinal: 0,
              cited_at: at,
            })
            .execute();
          added.push(id);
        }

        const stored = await loadFacts(trx, { ids: [...added, ...merged] });
        const byId = new Map(stored.map((f) => [f.id, f]));
        return {
          status: "stored",
          source: doc.source,
          added: added.map((id) => byId.get(id)!),
          merged: merged.map((id) => byId.get(id)!),
        };
      });
    },

    async listFacts(options?: { includeRetracted?: boolean }): Promise<StoredFact[]> {
      return loadFacts(db, { live: !options?.includeRetracted });
    },

    async getFact(id: string): Promise<StoredFact | undefined> {
      const [fact] = await loadFacts(db, { ids: [id] });
      return fact;
    },

    async retract(id: string, reason: string, options?: { now?: Date }): Promise<StoredFact> {
      const why = reason.trim();
      if (!why)
        throw new UserError(
          'Say why the fact is wrong, e.g. --reason "the figure is for Shenzhen, not Guangdong".',
        );
      const at = nowIso(options?.now);
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom("facts")
          .select(["id", "retracted_at", "retracted_reason"])
          .where("id", "=", id)
          .executeTakeFirst();
        if (!row)
          throw new UserError(`No fact has the id "${id}". \`facts list\` shows the ids.`, "NOT_FOUND");
        if (row.retracted_at) {
          throw new UserError(
            `Fact "${id}" was already retracted at ${row.retracted_at}: ${row.retracted_reason ?? ""}`,
            "BAD_INPUT",
          );
        }
        await trx
          .updateTable("facts")
          .set({ retracted_reason: why, retracted_at: at })
          .where("id", "=", id)
          .execute();
        const [fact] = await loadFacts(trx, { ids: [id] });
        return fact!;
      });
    },

    async factsFirstSeenBetween(from: Date, to: Date): Promise<StoredFact[]> {
      return loadFacts(db, { live: true, firstSeen: [nowIso(from), nowIso(to)] });
    },

    async listSources(): Promise<SourceSummary[]> {
      const rows = await db
        .selectFrom("sources as s")
        .leftJoin("fact_citations as c", "c.source_hash", "s.hash")
        .leftJoin("facts as f", (join) =>
          join.onRef("f.id", "=", "c.fact_id").on("f.retracted_at", "is", null),
        )
        .select(["s.hash", "s.title", "s.url", "s.publisher", "s.published", "s.ingested_at"])
        .select((eb) => eb.fn.count<number | string>("f.id").as("fact_count"))
        .groupBy(["s.hash", "s.title", "s.url", "s.publisher", "s.published", "s.ingested_at"])
        .orderBy("s.ingested_at")
        .orderBy("s.hash")
        .execute();
      return rows.map((row) => ({
        source: toSourceRef(row),
        ingestedAt: row.ingested_at,
        factCount: Number(row.fact_count),
      }));
    },

    async hasSource(hash: string): Promise<boolean> {
      const row = await db.selectFrom("sources").select("hash").where("hash", "=", hash).executeTakeFirst();
      return row !== undefined;
    },

    async stats(): Promise<StoreStats> {
      const count = (retracted: boolean) =>
        db
          .selectFrom("facts")
          .select((eb) => eb.fn.countAll<number | string>().as("n"))
          .where("retracted_at", retracted ? "is not" : "is", null)
          .executeTakeFirstOrThrow();
      const [live, retracted, sources] = await Promise.all([
        count(false),
        count(true),
        db
          .selectFrom("sources")
          .select((eb) => [eb.fn.countAll<number | string>().as("n"), eb.fn.max("published").as("newest")])
          .executeTakeFirstOrThrow(),
      ]);
      return {
        facts: Number(live.n),
        retracted: Number(retracted.n),
        sources: Number(sources.n),
        newestPublished: sources.newest ?? null,
      };
    },

    async changeStamp(): Promise<string> {
      const [facts, citations] = await Promise.all([
        db
          .selectFrom("facts")
          .select((eb) => [
            eb.fn.countAll<number | string>().as("n"),
            eb.fn.count<number | string>("retracted_at").as("retracted"),
            eb.fn.max("retracted_at").as("lastRetracted"),
          ])
          .executeTakeFirstOrThrow(),
        db
          .selectFrom("fact_citations")
          .select((eb) => eb.fn.countAll<number | string>().as("n"))
          .executeTakeFirstOrThrow(),
      ]);
      // Facts and citations only grow; a retraction moves the retracted count and time.
      return [facts.n, facts.retracted, facts.lastRetracted ?? "", citations.n].map(String).join("|");
    },

    async close(): Promise<void> {
      await db.destroy();
    },
  };
}

function parseDocument(document: ExtractionResult): ExtractionResult {
  const parsed = ExtractionResultSchema.safeParse(document);
  if (!parsed.success) {
    throw new BotError(
      `Extraction result for "${document?.source?.title ?? "?"}" is invalid:\n${z.prettifyError(parsed.error)}`,
      "INGEST_FAILED",
      { cause: parsed.error },
    );
  }
  const foreign = parsed.data.facts.find((f) => f.source.hash !== parsed.data.source.hash);
  if (foreign) {
    throw new BotError(
      `Fact "${foreign.id}" claims a different source than the document it came with`,
      "INGEST_FAILED",
    );
  }
  return parsed.data;
}

/** `base` if no fact has it, else the first free `base~2`, `base~3`, ... */
async function freeId(db: Kysely<Database>, base: string): Promise<string> {
  for (let n = 1; ; n++) {
    const id = n === 1 ? base : `${base}~${n}`;
    const taken = await db.selectFrom("facts").select("id").where("id", "=", id).executeTakeFirst();
    if (!taken) return id;
  }
}

interface FactFilter {
  ids?: readonly string[];
  /** Only facts that are not retracted. */
  live?: boolean;
  /** ISO timestamps [from, to). */
  firstSeen?: readonly [string, string];
}

/** Reads facts with their citations (oldest first), ordered by first_seen_at then id. */
async function loadFacts(db: Kysely<Database>, filter: FactFilter): Promise<StoredFact[]> {
  if (filter.ids && filter.ids.length === 0) return [];
  const rows: FactRow[] = [];
  for (const ids of filter.ids ? chunks(filter.ids) : [undefined]) {
    let query = db.selectFrom("facts").selectAll();
    if (ids) query = query.where("id", "in", ids);
    if (filter.live) query = query.where("retracted_at", "is", null);
    if (filter.firstSeen) {
      query = query
        .where("first_seen_at", ">=", filter.firstSeen[0])
        .where("first_seen_at", "<", filter.firstSeen[1]);
    }
    rows.push(...(await query.execute()));
  }
  rows.sort((a, b) => compare(a.first_seen_at, b.first_seen_at) || compare(a.id, b.id));

  const citations = new Map<string, Citation[]>();
  for (const ids of chunks(rows.map((r) => r.id))) {
    const cited: CitationRow[] = await db
      .selectFrom("fact_citations as c")
      .innerJoin("sources as s", "s.hash", "c.source_hash")
      .select([
        "c.fact_id",
        "c.quote",
        "s.hash",
        "s.title",
        "s.url",
        "s.publisher",
        "s.published",
        "s.ingested_at",
      ])
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
    citations,
    firstSeenAt: row.first_seen_at,
    retracted: row.retracted_at ? { reason: row.retracted_reason ?? "", at: row.retracted_at } : null,
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

function toSourceRef(
  row: Pick<SourcesTable, "hash" | "title" | "url" | "publisher" | "published">,
): SourceRef {
  return {
    title: row.title,
    url: row.url,
    publisher: row.publisher,
    published: row.published,
    hash: row.hash,
  };
}

/** Code-point order, the same on every machine (unlike localeCompare). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += CHUNK) yield items.slice(i, i + CHUNK);
}
