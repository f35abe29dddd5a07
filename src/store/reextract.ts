/**
 * Re-reading stored documents when the extractor improves. Every stored document keeps its text
 * and the extractor version that read it; {@link reextractAll} reads each older one again with
 * the extractor it is given (the store never imports extraction) and reconciles, one
 * transaction per document, what the document now states with what is stored:
 *
 * - **kept**: a figure it still states keeps its fact (id, first_seen_at, review, retraction,
 *   citations); the citation's quote and, when only this document cites it, the extractor's
 *   status, confidence and reasons are refreshed (a review still decides; see `isServed`).
 * - **merged**: a figure another document's fact already states gains this document's citation
 *   and keeps that fact's first_seen_at, so a figure already digested never looks new.
 * - **corrected**: a fact only this document cited, no person has judged, and that the new
 *   reading changes (same sentence, or same value, or same region/metric/period) becomes the new
 *   reading in place: first_seen_at, served_at and citations stay; its id follows the figure.
 * - **added**: a figure nothing stored states is a new fact, announced by the next digest.
 * - **removed**: a fact no document states any more is retracted with the reason
 *   "no longer extracted (extractor vN)", so nothing is lost; one other documents still cite
 *   just loses this document's citation (**uncited**).
 *
 * A fact a person judged (reviewed or retracted) is never rewritten: if the new reading differs
 * it is retracted as above (its review kept) and the new reading is added beside it.
 */
import type { Kysely } from "kysely";
import type { ExtractedFact, SourceRef } from "../facts/fact.js";
import { isSameFigure, sameValue } from "../facts/merge.js";
import type { ArticleInput } from "../ingest/types.js";
import type { ExtractArticle } from "./bundled.js";
import { type Database, type FactsTable, nowIso, type SourcesTable } from "./database.js";
import { addCitation, extractedColumns, freeId, insertFact, promote } from "./fact-rows.js";
import { findSameFigure, lockIngests, parseDocument, type SqlFactStore } from "./fact-store.js";

/** What one {@link reextractAll} pass did. */
export interface ReextractReport {
  /** The extractor version documents were brought up to. */
  version: number;
  /** Documents read again. */
  reread: number;
  /** Documents older than `version` that cannot be read again: stored before texts were kept. */
  withoutText: { hash: string; title: string }[];
  /** Documents whose re-reading failed; they stay as they were and are tried again next time. */
  failed: { hash: string; title: string; error: Error }[];
  /** Facts still stated as stored. */
  kept: number;
  /** New facts. */
  added: string[];
  /** Facts retracted because no document states them any more. */
  removed: string[];
  /** Facts rewritten with the new reading: `from` is the old id, `to` the id now. */
  corrected: { from: string; to: string }[];
  /** Facts that lost a document's citation but are still cited by others. */
  uncited: string[];
}

export interface ReextractOptions {
  /** The extractor's version (`EXTRACTOR_VERSION`): documents read by an older one are re-read. */
  version: number;
  now?: Date;
}

/** Re-reads every stored document an older extractor read. Safe to run concurrently and again. */
export async function reextractAll(
  store: SqlFactStore,
  extract: ExtractArticle,
  options: ReextractOptions,
): Promise<ReextractReport> {
  const { db, dialect } = store;
  const report: ReextractReport = {
    version: options.version,
    reread: 0,
    withoutText: [],
    failed: [],
    kept: 0,
    added: [],
    removed: [],
    corrected: [],
    uncited: [],
  };
  // Texts are read one document at a time, inside its transaction, not all at once here.
  const stale = await db
    .selectFrom("sources")
    .select((eb) => ["hash", "title", eb("text", "is", null).as("missing")])
    .where((eb) =>
      eb.or([eb("extractor_version", "is", null), eb("extractor_version", "<", options.version)]),
    )
    .orderBy("ingested_at")
    .orderBy("hash")
    .execute();
  for (const { hash, title, missing } of stale) {
    if (missing === true || Number(missing) === 1) {
      report.withoutText.push({ hash, title });
      continue;
    }
    try {
      const at = nowIso(options.now);
      const outcome = await db.transaction().execute(async (trx) => {
        await lockIngests(trx, dialect);
        // Another process may have re-read it meanwhile; the lock makes this check final.
        const source = await trx
          .selectFrom("sources")
          .selectAll()
          .where("hash", "=", hash)
          .executeTakeFirst();
        if (!source || source.text === null || (source.extractor_version ?? 0) >= options.version)
          return null;
        const document = parseDocument(await extract(inputOf(source, source.text)));
        const change = await reconcile(trx, source.hash, collapse(document.facts), options.version, at);
        await trx
          .updateTable("sources")
          .set({
            extractor_version: document.extractorVersion,
            // A newer reading may find what an older one could not; what was known stays.
            url: source.url ?? document.source.url,
            ...keptProvenance(source, document.source),
          })
          .where("hash", "=", source.hash)
          .execute();
        return change;
      });
      if (!outcome) continue;
      report.reread += 1;
      report.kept += outcome.kept;
      report.added.push(...outcome.added);
      report.removed.push(...outcome.removed);
      report.corrected.push(...outcome.corrected);
      report.uncited.push(...outcome.uncited);
    } catch (error) {
      report.failed.push({ hash, title, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }
  return report;
}

/** A one-line summary for logs and the CLI. */
export function formatReextractReport(report: ReextractReport): string {
  return (
    `extractor v${report.version}: ${report.reread} document(s) re-read, ${report.failed.length} failed, ` +
    `${report.withoutText.length} without stored text; ${report.kept} fact(s) kept, ${report.added.length} added, ` +
    `${report.corrected.length} corrected, ${report.removed.length} removed`
  );
}

/**
 * The stored document as extraction input; what is stored overrides what the text's header says.
 * An inferred publisher or date is no hint: a hint counts as stated, and a stated date dates
 * periods, which an inferred one must never do. The text gives the inference again anyway.
 */
function inputOf(source: SourcesTable, text: string): ArticleInput {
  const hints: NonNullable<ArticleInput["hints"]> = { title: source.title };
  if (source.url !== null) hints.url = source.url;
  if (source.publisher !== null && source.publisher_inferred === null) hints.publisher = source.publisher;
  if (source.published !== null && source.published_inferred === null) hints.published = source.published;
  return { text, hints };
}

/**
 * Publisher and date after a re-reading: a stated value stays; an inferred one gives way to
 * whatever the new reading finds (stated or inferred, with its marker) and stays when it finds
 * nothing; an unknown one takes the new reading's.
 */
function keptProvenance(
  stored: SourcesTable,
  read: SourceRef,
): Pick<SourcesTable, "publisher" | "publisher_inferred" | "published" | "published_inferred"> {
  const pick = (value: string | null, marker: string | null, next: string | null, nextMarker?: string) =>
    value !== null && (marker === null || next === null)
      ? { value, marker }
      : { value: next, marker: next === null ? null : (nextMarker ?? null) };
  const publisher = pick(
    stored.publisher,
    stored.publisher_inferred,
    read.publisher,
    read.inferred?.publisher,
  );
  const published = pick(
    stored.published,
    stored.published_inferred,
    read.published,
    read.inferred?.published,
  );
  return {
    publisher: publisher.value,
    publisher_inferred: publisher.marker,
    published: published.value,
    published_inferred: published.marker,
  };
}

/**
 * One reading per figure, as ingest stores a document that states a figure twice: the first
 * mention's quote, served if any mention is (with that mention's confidence and reasons).
 */
function collapse(facts: readonly ExtractedFact[]): ExtractedFact[] {
  const out: ExtractedFact[] = [];
  for (const fact of facts) {
    const index = out.findIndex((f) => isSameFigure(f, fact));
    const seen = index === -1 ? undefined : out[index];
    if (!seen) out.push(fact);
    else if (seen.status === "held" && fact.status === "served") {
      out[index] = { ...seen, status: "served", confidence: fact.confidence, reasons: fact.reasons };
    }
  }
  return out;
}

type CitedRow = FactsTable & { quote: string; citers: number };

interface DocumentChange {
  kept: number;
  added: string[];
  removed: string[];
  corrected: { from: string; to: string }[];
  uncited: string[];
}

/** Brings the facts document `hash` cites in line with its new `readings`. */
async function reconcile(
  trx: Kysely<Database>,
  hash: string,
  readings: readonly ExtractedFact[],
  version: number,
  at: string,
): Promise<DocumentChange> {
  const change: DocumentChange = { kept: 0, added: [], removed: [], corrected: [], uncited: [] };
  const cited = await citedBy(trx, hash);
  const stated = new Set<string>();

  // Figures the document still states.
  const unmatched: ExtractedFact[] = [];
  for (const reading of readings) {
    const fact = cited.find((f) => !stated.has(f.id) && isSameFigure(rowFigure(f), reading));
    if (!fact) {
      unmatched.push(reading);
      continue;
    }
    stated.add(fact.id);
    await keep(trx, fact, reading, hash, at);
    change.kept += 1;
  }

  // Figures another document's fact states: cite it, keeping its first_seen_at.
  const fresh: ExtractedFact[] = [];
  for (const reading of unmatched) {
    const other = await findSameFigure(trx, reading);
    if (!other) {
      fresh.push(reading);
      continue;
    }
    await promote(trx, other, reading, at);
    await addCitation(trx, other.id, hash, reading.quote, at);
    change.kept += 1;
  }

  // Readings that correct a fact only this document stated, or are new.
  const correctable = cited.filter((f) => !stated.has(f.id) && f.citers === 1 && unjudged(f));
  for (const reading of fresh) {
    const fact = pairFor(correctable, reading);
    if (fact) {
      correctable.splice(correctable.indexOf(fact), 1);
      stated.add(fact.id);
      change.corrected.push({ from: fact.id, to: await correct(trx, fact, reading, hash, at) });
      continue;
    }
    const id = await freeId(trx, reading.id);
    await insertFact(trx, id, reading, at);
    await addCitation(trx, id, hash, reading.quote, at);
    change.added.push(id);
  }

  // What the document no longer states.
  for (const fact of cited.filter((f) => !stated.has(f.id))) {
    if (fact.citers > 1) {
      await trx
        .deleteFrom("fact_citations")
        .where("fact_id", "=", fact.id)
        .where("source_hash", "=", hash)
        .execute();
      change.uncited.push(fact.id);
      continue;
    }
    if (fact.retracted_at !== null) continue;
    await trx
      .updateTable("facts")
      .set({ retracted_reason: `no longer extracted (extractor v${version})`, retracted_at: at })
      .where("id", "=", fact.id)
      .execute();
    change.removed.push(fact.id);
  }
  return change;
}

/** The facts `hash` cites, with its quote for each and how many documents cite each. */
async function citedBy(trx: Kysely<Database>, hash: string): Promise<CitedRow[]> {
  const rows = await trx
    .selectFrom("fact_citations as c")
    .innerJoin("facts as f", "f.id", "c.fact_id")
    .selectAll("f")
    .select(["c.quote"])
    .select((eb) =>
      eb
        .selectFrom("fact_citations as o")
        .select((o) => o.fn.countAll<number | string>().as("n"))
        .whereRef("o.fact_id", "=", "f.id")
        .as("citers"),
    )
    .where("c.source_hash", "=", hash)
    .orderBy("f.first_seen_at")
    .orderBy("f.id")
    .execute();
  return rows.map((row) => ({ ...row, value: Number(row.value), citers: Number(row.citers ?? 0) }));
}

const rowFigure = (row: FactsTable) => ({ ...row, value: Number(row.value) });

/** No person has reviewed or retracted it: the extractor's reading alone stands behind it. */
const unjudged = (row: FactsTable) => row.review_decision === null && row.retracted_at === null;

/** True when the row, after an update to `status`, may be answered with (see `isServed`). */
const answerable = (row: FactsTable, status: string) =>
  row.retracted_at === null &&
  (row.review_decision === "approved" || (row.review_decision === null && status === "served"));

/** A fact still stated: refresh its quote, and the extractor's judgement when it is this document's alone. */
async function keep(
  trx: Kysely<Database>,
  fact: CitedRow,
  reading: ExtractedFact,
  hash: string,
  at: string,
): Promise<void> {
  if (fact.quote !== reading.quote) {
    await trx
      .updateTable("fact_citations")
      .set({ quote: reading.quote })
      .where("fact_id", "=", fact.id)
      .where("source_hash", "=", hash)
      .execute();
  }
  if (fact.citers > 1) {
    // Other documents' readings count too: a served one keeps it served.
    await promote(trx, fact, reading, at);
    return;
  }
  await trx
    .updateTable("facts")
    .set({
      qualifier: reading.qualifier,
      confidence: reading.confidence,
      status: reading.status,
      reasons: JSON.stringify(reading.reasons),
      ...(fact.served_at === null && answerable(fact, reading.status) ? { served_at: at } : {}),
    })
    .where("id", "=", fact.id)
    .execute();
}

/**
 * The fact a new reading corrects, if any: the one stated by the same sentence, else the one with
 * the same value (its region, metric or period was misread), else the one for the same region,
 * metric, period and unit (its value was misread).
 */
function pairFor(candidates: readonly CitedRow[], reading: ExtractedFact): CitedRow | undefined {
  const squash = (s: string) => s.replace(/\s+/g, " ").trim();
  const unit = (s: string) => s.trim().toLowerCase();
  return (
    candidates.find((f) => squash(f.quote) === squash(reading.quote)) ??
    candidates.find((f) => sameValue(f.value, reading.value) && unit(f.unit) === unit(reading.unit)) ??
    candidates.find((f) => f.figure_key === extractedColumns(reading).figure_key)
  );
}

/** Rewrites `fact` as `reading`, keeping first_seen_at, served_at and citations; returns its id now. */
async function correct(
  trx: Kysely<Database>,
  fact: CitedRow,
  reading: ExtractedFact,
  hash: string,
  at: string,
): Promise<string> {
  const columns = {
    ...extractedColumns(reading),
    ...(fact.served_at === null && reading.status === "served" ? { served_at: at } : {}),
  };
  // Ids are readable (`region.metric.period`): when the figure moves, its id moves with it.
  const sameBase = fact.id === reading.id || fact.id.startsWith(`${reading.id}~`);
  const id = sameBase ? fact.id : await freeId(trx, reading.id);
  if (id === fact.id) {
    await trx.updateTable("facts").set(columns).where("id", "=", fact.id).execute();
  } else {
    const { quote: _quote, citers: _citers, ...row } = fact;
    await trx
      .insertInto("facts")
      .values({ ...row, ...columns, id })
      .execute();
    await trx.updateTable("fact_citations").set({ fact_id: id }).where("fact_id", "=", fact.id).execute();
    await trx.deleteFrom("facts").where("id", "=", fact.id).execute();
  }
  await trx
    .updateTable("fact_citations")
    .set({ quote: reading.quote })
    .where("fact_id", "=", id)
    .where("source_hash", "=", hash)
    .execute();
  return id;
}
