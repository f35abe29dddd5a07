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
 *
 * Held facts (the extractor was not sure enough) are stored but not answered with. A fact is
 * served when any extraction citing it was served: a later document stating a held figure with
 * enough confidence promotes it (see `promote` in `fact-rows.ts`). A person's review
 * (`approve` / `reject`) always wins over the extractor's status, and no merge changes it.
 */
import { type Kysely, type RawBuilder, type SqlBool, sql } from "kysely";
import { z } from "zod";
import { BotError, UserError } from "../core/errors.js";
import { type ExtractedFact, ExtractedFactSchema, SourceRefSchema, type StoredFact } from "../facts/fact.js";
import { figureKey, isSameFigure } from "../facts/merge.js";
import type { ExtractionResult } from "../ingest/types.js";
import { type Database, nowIso, type StoreDialect } from "./database.js";
import {
  addCitation,
  insertFact,
  loadFacts,
  promote,
  SOURCE_REF_COLUMNS,
  servableCondition,
  servedCondition,
  toSourceRef,
} from "./fact-rows.js";
import { FIGURE_ROW_COLUMNS, FigureIndex, type FigureRow } from "./figure-index.js";
import type {
  FactStore,
  IngestOutcome,
  ListFactsOptions,
  SourceSummary,
  StoreStats,
  WriteOptions,
  WriteStamps,
} from "./types.js";

/** The extraction contract as a schema: the store checks what it is given before writing it. */
export const ExtractionResultSchema = z.object({
  source: SourceRefSchema,
  facts: z.array(ExtractedFactSchema),
  warnings: z.array(z.string()),
  text: z.string(),
  extractorVersion: z.number().int().positive(),
});

/** PostgreSQL lock that serialises ingests across processes, so two never race to create one fact. */
const INGEST_LOCK_NAME = "gd-bot:ingest:";

/** A {@link FactStore} that also exposes its Kysely instance, for modules that add their own tables. */
export interface SqlFactStore extends FactStore {
  readonly db: Kysely<Database>;
}

/** Builds the fact store over an open, migrated database. `close()` destroys `db`. */
export function createFactStore(db: Kysely<Database>, dialect: StoreDialect): SqlFactStore {
  /**
   * Runs one write to the facts in a transaction holding the writers' lock (SQLite's write lock;
   * on PostgreSQL the ingest advisory lock, which every writer of facts takes), so no other
   * process's change can land between the stamps read before and after it. `onStamps` hears them
   * only once the transaction committed.
   */
  const factWrite = async <T>(
    options: WriteOptions | undefined,
    write: (trx: Kysely<Database>) => Promise<T>,
  ): Promise<T> => {
    let stamps: WriteStamps | undefined;
    const result = await db.transaction().execute(async (trx) => {
      await lockIngests(trx, dialect);
      const before = options?.onStamps ? await changeStampOf(trx) : "";
      const value = await write(trx);
      if (options?.onStamps) stamps = { before, after: await changeStampOf(trx) };
      return value;
    });
    if (stamps) options?.onStamps?.(stamps);
    return result;
  };

  /** Records a person's decision; refuses unknown ids, retracted facts and repeating a decision. */
  const review = (
    id: string,
    decision: "approved" | "rejected",
    reason: string | null,
    options: WriteOptions | undefined,
  ): Promise<StoredFact> => {
    const at = nowIso(options?.now);
    return factWrite(options, async (trx) => {
      const row = await trx
        .selectFrom("facts")
        .select(["id", "retracted_at", "retracted_reason", "review_decision", "review_at", "served_at"])
        .where("id", "=", id)
        .executeTakeFirst();
      if (!row) {
        throw new UserError(
          `No fact has the id "${id}". \`facts review\` lists the held facts, \`facts list --all\` every id.`,
          "NOT_FOUND",
        );
      }
      if (row.retracted_at) {
        throw new UserError(
          `Fact "${id}" was retracted at ${row.retracted_at} (${row.retracted_reason ?? ""}); a retracted fact cannot be ${decision}.`,
          "BAD_INPUT",
        );
      }
      if (row.review_decision === decision) {
        throw new UserError(`Fact "${id}" was already ${decision} at ${row.review_at}.`, "BAD_INPUT");
      }
      await trx
        .updateTable("facts")
        .set({
          review_decision: decision,
          review_reason: reason,
          review_at: at,
          // Answerable from now on, unless it already was once (then a digest announced it).
          ...(decision === "approved" && row.served_at === null ? { served_at: at } : {}),
        })
        .where("id", "=", id)
        .execute();
      const [fact] = await loadFacts(trx, { ids: [id] });
      return fact!;
    });
  };

  return {
    db,
    dialect,

    async ingest(document: ExtractionResult, options?: WriteOptions): Promise<IngestOutcome> {
      const doc = parseDocument(document);
      const at = nowIso(options?.now);
      return factWrite(options, async (trx): Promise<IngestOutcome> => {
        const known = await trx
          .selectFrom("sources")
          .selectAll()
          .where("hash", "=", doc.source.hash)
          .executeTakeFirst();
        if (known) {
          // A document stored before texts were kept gets its text now, so it can be re-read.
          if (known.text === null) await keepText(trx, known.hash, doc.text);
          return { status: "duplicate", source: toSourceRef(known), added: [], merged: [] };
        }

        await trx
          .insertInto("sources")
          .values({
            hash: doc.source.hash,
            title: doc.source.title,
            url: doc.source.url,
            publisher: doc.source.publisher,
            published: doc.source.published,
            publisher_inferred: doc.source.inferred?.publisher ?? null,
            published_inferred: doc.source.inferred?.published ?? null,
            ingested_at: at,
            text: doc.text,
            extractor_version: doc.extractorVersion,
          })
          .execute();

        const added: string[] = [];
        const merged: string[] = [];
        // The same document stating a figure twice still cites it once.
        const cited = new Set<string>();
        const index = new FigureIndex(trx);
        for (const fact of doc.facts) {
          const match = await index.sameFigure(fact);
          if (match) {
            if (await promote(trx, match, fact, at)) match.status = "served";
            if (cited.has(match.id)) continue;
            await addCitation(trx, match.id, doc.source.hash, fact.quote, at);
            cited.add(match.id);
            merged.push(match.id);
            continue;
          }
          const id = await index.freeId(fact.id);
          await insertFact(trx, id, fact, at);
          index.added(newRow(id, fact, at));
          await addCitation(trx, id, doc.source.hash, fact.quote, at);
          cited.add(id);
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

    async listFacts(options?: ListFactsOptions): Promise<StoredFact[]> {
      return loadFacts(db, { live: !options?.includeRetracted, servable: !options?.includeHeld });
    },

    async getFact(id: string): Promise<StoredFact | undefined> {
      const [fact] = await loadFacts(db, { ids: [id] });
      return fact;
    },

    async retract(id: string, reason: string, options?: WriteOptions): Promise<StoredFact> {
      const why = reason.trim();
      if (!why)
        throw new UserError(
          'Say why the fact is wrong, e.g. --reason "the figure is for Shenzhen, not Guangdong".',
        );
      const at = nowIso(options?.now);
      return factWrite(options, async (trx) => {
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

    async listHeld(): Promise<StoredFact[]> {
      return loadFacts(db, { awaitingReview: true });
    },

    async approve(id: string, options?: WriteOptions & { reason?: string }): Promise<StoredFact> {
      return review(id, "approved", options?.reason?.trim() || null, options);
    },

    async reject(id: string, reason: string, options?: WriteOptions): Promise<StoredFact> {
      const why = reason.trim();
      if (!why) {
        throw new UserError(
          "Say why the fact is rejected, e.g. --reason \"the period is the plan's, not the result's\".",
        );
      }
      return review(id, "rejected", why, options);
    },

    async factsFirstSeenBetween(from: Date, to: Date): Promise<StoredFact[]> {
      return loadFacts(db, { live: true, servable: true, servedBetween: [nowIso(from), nowIso(to)] });
    },

    async listSources(): Promise<SourceSummary[]> {
      const rows = await db
        .selectFrom("sources as s")
        .leftJoin("fact_citations as c", "c.source_hash", "s.hash")
        .leftJoin("facts as f", "f.id", "c.fact_id")
        .select(SOURCE_REF_COLUMNS)
        .select("s.ingested_at")
        .select(countWhen(servedCondition("f")).as("fact_count"))
        .select(
          countWhen(
            sql<SqlBool>`f.retracted_at is null and f.status = ${"held"} and f.review_decision is null`,
          ).as("held_count"),
        )
        .groupBy([...SOURCE_REF_COLUMNS, "s.ingested_at"])
        .orderBy("s.ingested_at")
        .orderBy("s.hash")
        .execute();
      return rows.map((row) => ({
        source: toSourceRef(row),
        ingestedAt: row.ingested_at,
        factCount: Number(row.fact_count ?? 0),
        heldCount: Number(row.held_count ?? 0),
      }));
    },

    async attachText(hash: string, text: string): Promise<boolean> {
      return keepText(db, hash, text);
    },

    async hasSource(hash: string): Promise<boolean> {
      const row = await db.selectFrom("sources").select("hash").where("hash", "=", hash).executeTakeFirst();
      return row !== undefined;
    },

    async stats(): Promise<StoreStats> {
      const [facts, sources] = await Promise.all([
        db
          .selectFrom("facts")
          .select([
            countWhen(servedCondition()).as("served"),
            countWhen(
              sql<SqlBool>`retracted_at is null and status = ${"held"} and review_decision is null`,
            ).as("held"),
            countWhen(sql<SqlBool>`retracted_at is null and review_decision = ${"rejected"}`).as("rejected"),
            countWhen(sql<SqlBool>`retracted_at is not null`).as("retracted"),
          ])
          .executeTakeFirstOrThrow(),
        db
          .selectFrom("sources")
          .select((eb) => [eb.fn.countAll<number | string>().as("n"), eb.fn.max("published").as("newest")])
          .executeTakeFirstOrThrow(),
      ]);
      return {
        facts: Number(facts.served ?? 0),
        held: Number(facts.held ?? 0),
        rejected: Number(facts.rejected ?? 0),
        retracted: Number(facts.retracted ?? 0),
        sources: Number(sources.n),
        newestPublished: sources.newest ?? null,
      };
    },

    changeStamp(): Promise<string> {
      return changeStampOf(db);
    },

    async close(): Promise<void> {
      await db.destroy();
    },
  };
}

/**
 * The store's change stamp (see `FactStore.changeStamp`), read through `db`: the database or a
 * transaction, where it sees that transaction's own writes.
 */
async function changeStampOf(db: Kysely<Database>): Promise<string> {
  const [facts, citations, sources] = await Promise.all([
    db
      .selectFrom("facts")
      .select((eb) => [
        eb.fn.countAll<number | string>().as("n"),
        eb.fn.count<number | string>("retracted_at").as("retracted"),
        eb.fn.max("retracted_at").as("lastRetracted"),
        countWhen(servableCondition()).as("servable"),
        countWhen(sql<SqlBool>`review_decision = ${"approved"}`).as("approved"),
        countWhen(sql<SqlBool>`review_decision = ${"rejected"}`).as("rejected"),
        eb.fn.max("review_at").as("lastReviewed"),
      ])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("fact_citations")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("sources")
      .select((eb) => eb.fn.sum<number | string | null>("extractor_version").as("versions"))
      .executeTakeFirstOrThrow(),
  ]);
  // Facts only grow; a retraction moves the retracted count and time; a review moves the
  // approved, rejected or servable count and the review time; re-reading a document (which
  // may correct facts in place) raises its extractor version.
  return [
    facts.n,
    facts.retracted,
    facts.lastRetracted ?? "",
    facts.servable ?? 0,
    facts.approved ?? 0,
    facts.rejected ?? 0,
    facts.lastReviewed ?? "",
    citations.n,
    sources.versions ?? 0,
  ]
    .map(String)
    .join("|");
}

/** The row {@link insertFact} wrote, as the figure index reads it. */
function newRow(id: string, fact: ExtractedFact, at: string): FigureRow {
  return {
    id,
    region: fact.region,
    metric: fact.metric,
    period: fact.period,
    unit: fact.unit,
    value: fact.value,
    status: fact.status,
    review_decision: null,
    retracted_at: null,
    served_at: fact.status === "served" ? at : null,
    first_seen_at: at,
  };
}

/** Stores a document's text when none is kept yet; true when it did. */
async function keepText(db: Kysely<Database>, hash: string, text: string): Promise<boolean> {
  const result = await db
    .updateTable("sources")
    .set({ text })
    .where("hash", "=", hash)
    .where("text", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** How many rows meet `condition`; one aggregate that reads the same on SQLite and PostgreSQL. */
function countWhen(condition: RawBuilder<SqlBool>): RawBuilder<number | string | null> {
  return sql<number | string | null>`sum(case when ${condition} then 1 else 0 end)`;
}

/** On PostgreSQL, serialises writers of facts across processes so two never create one fact twice. */
export async function lockIngests(trx: Kysely<Database>, dialect: StoreDialect): Promise<void> {
  if (dialect !== "postgres") return;
  await sql`select pg_advisory_xact_lock(hashtext(${INGEST_LOCK_NAME}::text || current_schema()))`.execute(
    trx,
  );
}

/** The stored fact stating the same figure as `fact` (oldest first), if any. */
export async function findSameFigure(trx: Kysely<Database>, fact: ExtractedFact) {
  const candidates = await trx
    .selectFrom("facts")
    .select(FIGURE_ROW_COLUMNS)
    .where("figure_key", "=", figureKey(fact))
    .orderBy("first_seen_at")
    .orderBy("id")
    .execute();
  return candidates.find((c) => isSameFigure({ ...c, value: Number(c.value) }, fact));
}

/** Checks an extraction result against the contract before anything is written. */
export function parseDocument(document: ExtractionResult): ExtractionResult {
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
