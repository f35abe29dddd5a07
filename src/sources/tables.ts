/**
 * The two tables source watching keeps in the fact store's database, and the migrations that
 * create them (appended to `MIGRATIONS` in `src/store/migrations.ts`).
 *
 * - `source_state`: one row per watched source: HTTP validators for conditional requests, the
 *   last success and the last error, running counts for `/gd sources`, and (since the backoff
 *   migration) the failures in a row and the time of the next attempt.
 * - `source_documents`: every document URL (or file URL) a source has brought, with the content
 *   hash last ingested, so an unchanged article is skipped before extraction and a changed one
 *   is extracted again (the store's merge then adds only the figures that are new).
 */
import type { Kysely } from "kysely";
import type { Database } from "../store/database.js";
import type { Migration } from "../store/migrations.js";

/** Per-source polling state. Timestamps are ISO-8601 UTC. */
export interface SourceStateTable {
  name: string;
  kind: string;
  /** URL or folder, as configured when last polled. */
  location: string;
  etag: string | null;
  last_modified: string | null;
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  /** Documents ingested (new or changed) over the source's life. */
  documents_count: number;
  /** Facts stored for the first time because of this source. */
  figures_count: number;
  /** Polls in a row that failed; 0 after a success (added by {@link SOURCES_BACKOFF_MIGRATION}). */
  consecutive_failures: number;
  /** While backing off: the earliest time the source is polled again; null when not backing off. */
  next_attempt_at: string | null;
}

/** A document a source has brought: its URL and the content hash last ingested from it. */
export interface SourceDocumentsTable {
  url: string;
  source_name: string;
  hash: string;
  first_seen_at: string;
  updated_at: string;
}

/** The store's tables plus ours. */
export type SourcesDatabase = Database & {
  source_state: SourceStateTable;
  source_documents: SourceDocumentsTable;
};

/** The store's Kysely instance, typed to see our tables too. */
export function sourcesDb(db: Kysely<Database>): Kysely<SourcesDatabase> {
  return db.withTables<{ source_state: SourceStateTable; source_documents: SourceDocumentsTable }>();
}

/** Migration creating `source_state` and `source_documents`. Version fixed when appended; never edit. */
export const SOURCES_MIGRATION: Omit<Migration, "version"> = {
  name: "source-watching",
  async up(db) {
    await db.schema
      .createTable("source_state")
      .addColumn("name", "text", (c) => c.primaryKey())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("location", "text", (c) => c.notNull())
      .addColumn("etag", "text")
      .addColumn("last_modified", "text")
      .addColumn("last_attempt_at", "text")
      .addColumn("last_success_at", "text")
      .addColumn("last_error", "text")
      .addColumn("last_error_at", "text")
      .addColumn("documents_count", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("figures_count", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createTable("source_documents")
      .addColumn("url", "text", (c) => c.primaryKey())
      .addColumn("source_name", "text", (c) => c.notNull())
      .addColumn("hash", "text", (c) => c.notNull())
      .addColumn("first_seen_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("source_documents_source_idx")
      .on("source_documents")
      .column("source_name")
      .execute();
  },
};

/**
 * Migration adding backoff to `source_state`: how many polls in a row failed and when the source
 * may be tried again. Version fixed when appended; never edit.
 */
export const SOURCES_BACKOFF_MIGRATION: Omit<Migration, "version"> = {
  name: "source-state-backoff",
  async up(db) {
    await db.schema
      .alterTable("source_state")
      .addColumn("consecutive_failures", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable("source_state").addColumn("next_attempt_at", "text").execute();
  },
};
