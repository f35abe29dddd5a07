/**
 * Versioned, forward-only schema migrations, run at start-up by {@link migrate}.
 *
 * {@link MIGRATIONS} is an explicit ordered list: to change the schema, APPEND a migration with
 * the next version number; never edit or reorder one that has shipped, because databases in the
 * field have already applied it. Each migration runs in its own transaction together with its
 * `schema_migrations` row, so a failure leaves the schema at the previous version.
 *
 * Two processes starting at once (two dynos, a CLI next to the bot) must not both apply a step:
 * on PostgreSQL each step takes a transaction-scoped advisory lock; on SQLite each step's
 * transaction is `begin immediate` (the write lock) and the other process waits on busy_timeout.
 * The applied versions are re-read under the lock, so the second process finds nothing to do.
 */
import { type Kysely, sql } from "kysely";
import { BotError } from "../core/errors.js";
import { DIGEST_FIRST_CLAIM_MIGRATION, DIGEST_MIGRATION } from "../digest/migration.js";
import { SOURCES_BACKOFF_MIGRATION, SOURCES_MIGRATION } from "../sources/tables.js";
import { type Database, nowIso, type StoreDialect } from "./database.js";
import { REQUEST_CLAIMS_MIGRATION } from "./request-claims.js";

/** One schema change. */
export interface Migration {
  /** Strictly increasing, starting at 1. */
  version: number;
  /** Short kebab-case description, recorded with the version. */
  name: string;
  /**
   * Applies the change inside the step's transaction. `db` is untyped on purpose: a migration
   * describes the schema as it was at its version, not today's table types.
   */
  // biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current table types.
  up(db: Kysely<any>, dialect: StoreDialect): Promise<void>;
}

/** Floating-point column type that both dialects understand (SQLite gives it REAL affinity). */
const DOUBLE = "double precision";

/** Every migration, oldest first. Append only. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "sources-facts-citations",
    async up(db) {
      await db.schema
        .createTable("sources")
        .addColumn("hash", "text", (c) => c.primaryKey())
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("url", "text")
        .addColumn("publisher", "text")
        .addColumn("published", "text")
        .addColumn("ingested_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("facts")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("figure_key", "text", (c) => c.notNull())
        .addColumn("region", "text", (c) => c.notNull())
        .addColumn("metric", "text", (c) => c.notNull())
        .addColumn("period", "text")
        .addColumn("value", sql.raw(DOUBLE), (c) => c.notNull())
        .addColumn("unit", "text", (c) => c.notNull())
        .addColumn("qualifier", "text", (c) => c.notNull())
        .addColumn("confidence", sql.raw(DOUBLE), (c) => c.notNull())
        .addColumn("first_seen_at", "text", (c) => c.notNull())
        .addColumn("retracted_reason", "text")
        .addColumn("retracted_at", "text")
        .execute();
      await db.schema.createIndex("facts_figure_key_idx").on("facts").column("figure_key").execute();
      await db.schema.createIndex("facts_first_seen_at_idx").on("facts").column("first_seen_at").execute();
      await db.schema
        .createTable("fact_citations")
        .addColumn("fact_id", "text", (c) => c.notNull().references("facts.id"))
        .addColumn("source_hash", "text", (c) => c.notNull().references("sources.hash"))
        .addColumn("quote", "text", (c) => c.notNull())
        .addColumn("ordinal", "integer", (c) => c.notNull())
        .addColumn("cited_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("fact_citations_pk", ["fact_id", "source_hash"])
        .execute();
      await db.schema
        .createIndex("fact_citations_source_idx")
        .on("fact_citations")
        .column("source_hash")
        .execute();
    },
  },
  DIGEST_MIGRATION,
  { version: 3, ...SOURCES_MIGRATION },
  {
    version: 4,
    name: "facts-status-reasons-review",
    async up(db) {
      // SQLite adds one column per statement.
      await db.schema
        .alterTable("facts")
        .addColumn("status", "text", (c) => c.notNull().defaultTo("served"))
        .execute();
      await db.schema
        .alterTable("facts")
        .addColumn("reasons", "text", (c) => c.notNull().defaultTo("[]"))
        .execute();
      await db.schema.alterTable("facts").addColumn("review_decision", "text").execute();
      await db.schema.alterTable("facts").addColumn("review_reason", "text").execute();
      await db.schema.alterTable("facts").addColumn("review_at", "text").execute();
      // When the fact first became answerable: what the digest windows on, so a held fact
      // approved after its first_seen_at is announced once, in the digest after its approval.
      // Every fact stored before this version was served from the moment it was stored.
      await db.schema.alterTable("facts").addColumn("served_at", "text").execute();
      await db
        .updateTable("facts")
        .set({ served_at: sql.ref("first_seen_at") })
        .execute();
      await db.schema.createIndex("facts_served_at_idx").on("facts").column("served_at").execute();
    },
  },
  {
    version: 5,
    name: "sources-text-extractor-version",
    async up(db) {
      // Kept so a newer extractor can read a document again; null for documents stored before.
      await db.schema.alterTable("sources").addColumn("text", "text").execute();
      // The extractor version that read the document; null: unknown (before this version).
      await db.schema.alterTable("sources").addColumn("extractor_version", "integer").execute();
    },
  },
  { version: 6, ...REQUEST_CLAIMS_MIGRATION },
  { version: 7, ...SOURCES_BACKOFF_MIGRATION },
  { version: 8, ...DIGEST_FIRST_CLAIM_MIGRATION },
  {
    version: 9,
    name: "sources-inferred-provenance",
    async up(db) {
      // "link" or "text" when the publisher or date was inferred rather than stated; null:
      // stated, or unknown. Documents stored before this version stay as they were read.
      await db.schema.alterTable("sources").addColumn("publisher_inferred", "text").execute();
      await db.schema.alterTable("sources").addColumn("published_inferred", "text").execute();
    },
  },
];

/** What {@link migrate} did. */
export interface MigrationReport {
  /** Versions this call applied, in order (empty when the schema was current). */
  applied: number[];
  /** The schema version afterwards. */
  version: number;
}

/** Name of the PostgreSQL advisory lock, combined with the schema so isolated test schemas do not queue. */
const LOCK_NAME = "gd-bot:migrate:";

/**
 * Brings the schema up to the newest migration in `migrations`. Safe to call concurrently from
 * several processes and to re-run. Throws MIGRATION_FAILED when a step fails (that step is rolled
 * back) or when the database was migrated by newer code.
 */
export async function migrate(
  db: Kysely<Database>,
  dialect: StoreDialect,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrationReport> {
  assertWellOrdered(migrations);
  const applied: number[] = [];
  for (;;) {
    const step = await db
      .transaction()
      .execute(async (trx) => {
        if (dialect === "postgres") {
          await sql`select pg_advisory_xact_lock(hashtext(${LOCK_NAME}::text || current_schema()))`.execute(
            trx,
          );
        }
        await trx.schema
          .createTable("schema_migrations")
          .ifNotExists()
          .addColumn("version", "integer", (c) => c.primaryKey())
          .addColumn("name", "text", (c) => c.notNull())
          .addColumn("applied_at", "text", (c) => c.notNull())
          .execute();
        const done = await trx
          .selectFrom("schema_migrations")
          .select(["version", "name"])
          .orderBy("version")
          .execute();
        const next = nextMigration(migrations, done);
        if (!next) return { version: done.at(-1)?.version ?? 0, ran: false };
        try {
          await next.up(trx, dialect);
        } catch (error) {
          throw new BotError(
            `Migration ${next.version} (${next.name}) failed and was rolled back: ${error instanceof Error ? error.message : String(error)}`,
            "MIGRATION_FAILED",
            { cause: error },
          );
        }
        await trx
          .insertInto("schema_migrations")
          .values({ version: next.version, name: next.name, applied_at: nowIso() })
          .execute();
        return { version: next.version, ran: true };
      })
      .catch((error: unknown) => {
        if (error instanceof BotError) throw error;
        throw new BotError(
          `Could not migrate the fact store: ${error instanceof Error ? error.message : String(error)}`,
          "MIGRATION_FAILED",
          { cause: error },
        );
      });
    if (!step.ran) return { applied, version: step.version };
    applied.push(step.version);
  }
}

/** The first migration not yet applied, after checking the applied ones match this code. */
function nextMigration(
  migrations: readonly Migration[],
  done: readonly { version: number; name: string }[],
): Migration | undefined {
  const known = new Map(migrations.map((m) => [m.version, m]));
  for (const row of done) {
    const migration = known.get(Number(row.version));
    if (!migration) {
      throw new BotError(
        `The database has schema version ${row.version} (${row.name}), which this code does not know; it was migrated by a newer version of the bot. Upgrade the bot.`,
        "MIGRATION_FAILED",
      );
    }
    if (migration.name !== row.name) {
      throw new BotError(
        `Schema version ${row.version} is "${row.name}" in the database but "${migration.name}" in the code; migrations must never be edited after they ship.`,
        "MIGRATION_FAILED",
      );
    }
  }
  const newest = done.at(-1)?.version ?? 0;
  const applied = new Set(done.map((row) => Number(row.version)));
  const next = migrations.find((m) => !applied.has(m.version));
  if (next && next.version < newest) {
    throw new BotError(
      `Migration ${next.version} (${next.name}) is older than the applied version ${newest}; append new migrations at the end instead.`,
      "MIGRATION_FAILED",
    );
  }
  return next;
}

function assertWellOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    const previous = i === 0 ? 0 : migrations[i - 1]!.version;
    if (!Number.isInteger(m.version) || m.version <= previous) {
      throw new BotError(
        `Migration list is out of order at "${m.name}": versions must be integers increasing from 1`,
        "MIGRATION_FAILED",
      );
    }
  });
}
