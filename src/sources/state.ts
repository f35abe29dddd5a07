/**
 * Reading and writing the per-source state and the seen-documents record (see `tables.ts`).
 * Plain queries that run the same on SQLite and PostgreSQL.
 */
import type { Kysely } from "kysely";
import type { Database } from "../store/database.js";
import { type SourceStateTable, sourcesDb } from "./tables.js";

/** What the bot knows about one watched source. */
export interface SourceState {
  name: string;
  kind: string;
  location: string;
  etag: string | null;
  lastModified: string | null;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  /** Documents ingested (new or changed) over the source's life. */
  documents: number;
  /** Facts first stored because of this source. */
  figures: number;
  /** Polls in a row that failed; 0 after a success. */
  consecutiveFailures: number;
  /** While backing off, the earliest time of the next poll (ISO-8601 UTC); null otherwise. */
  nextAttemptAt: string | null;
}

function fromRow(row: SourceStateTable): SourceState {
  return {
    name: row.name,
    kind: row.kind,
    location: row.location,
    etag: row.etag,
    lastModified: row.last_modified,
    lastAttemptAt: row.last_attempt_at,
    lastSuccessAt: row.last_success_at,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
    documents: Number(row.documents_count),
    figures: Number(row.figures_count),
    consecutiveFailures: Number(row.consecutive_failures),
    nextAttemptAt: row.next_attempt_at,
  };
}

/** The state of `name`, or undefined when it was never polled. */
export async function readSourceState(db: Kysely<Database>, name: string): Promise<SourceState | undefined> {
  const row = await sourcesDb(db)
    .selectFrom("source_state")
    .selectAll()
    .where("name", "=", name)
    .executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

/** Every source ever polled, by name. */
export async function listSourceStates(db: Kysely<Database>): Promise<SourceState[]> {
  const rows = await sourcesDb(db).selectFrom("source_state").selectAll().orderBy("name").execute();
  return rows.map(fromRow);
}

/** Inserts or replaces the state of `state.name`. */
export async function writeSourceState(db: Kysely<Database>, state: SourceState): Promise<void> {
  const row: SourceStateTable = {
    name: state.name,
    kind: state.kind,
    location: state.location,
    etag: state.etag,
    last_modified: state.lastModified,
    last_attempt_at: state.lastAttemptAt,
    last_success_at: state.lastSuccessAt,
    last_error: state.lastError,
    last_error_at: state.lastErrorAt,
    documents_count: state.documents,
    figures_count: state.figures,
    consecutive_failures: state.consecutiveFailures,
    next_attempt_at: state.nextAttemptAt,
  };
  const { name: _name, ...update } = row;
  await sourcesDb(db)
    .insertInto("source_state")
    .values(row)
    .onConflict((oc) => oc.column("name").doUpdateSet(update))
    .execute();
}

/** The content hash last ingested from `url`, or undefined for a document never seen. */
export async function seenHash(db: Kysely<Database>, url: string): Promise<string | undefined> {
  const row = await sourcesDb(db)
    .selectFrom("source_documents")
    .select("hash")
    .where("url", "=", url)
    .executeTakeFirst();
  return row?.hash;
}

/** Records that `url` now has content `hash`. */
export async function recordDocument(
  db: Kysely<Database>,
  document: { url: string; sourceName: string; hash: string; at: string },
): Promise<void> {
  await sourcesDb(db)
    .insertInto("source_documents")
    .values({
      url: document.url,
      source_name: document.sourceName,
      hash: document.hash,
      first_seen_at: document.at,
      updated_at: document.at,
    })
    .onConflict((oc) =>
      oc
        .column("url")
        .doUpdateSet({ hash: document.hash, source_name: document.sourceName, updated_at: document.at }),
    )
    .execute();
}
