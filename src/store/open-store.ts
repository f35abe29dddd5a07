/**
 * Opening the store at start-up: pick the back end from the configuration, connect, migrate,
 * and hand back a ready {@link FactStore} together with its Kysely instance.
 */
import type { Kysely } from "kysely";
import type { Config } from "../core/config.js";
import { BotError } from "../core/errors.js";
import type { Logger } from "../core/logger.js";
import {
  type Connection,
  connectPostgres,
  connectSqlite,
  type Database,
  type DatabaseSsl,
  type DatabaseTimeouts,
  DEFAULT_TIMEOUTS,
  type StoreDialect,
} from "./database.js";
import { createFactStore, type SqlFactStore } from "./fact-store.js";
import { MIGRATIONS, type Migration, type MigrationReport, migrate } from "./migrations.js";

/** Where the store lives. */
export interface StoreConfig {
  /** Folder for the SQLite file, created on first use; ignored when `databaseUrl` is set. */
  dataDir: string;
  /** `postgres://...`; when set, PostgreSQL is used instead of SQLite. */
  databaseUrl?: string | undefined;
  databaseSsl?: DatabaseSsl | undefined;
  /** PostgreSQL schema for all tables (created if missing); tests use a fresh one per run. */
  schema?: string | undefined;
  /** Receives errors from PostgreSQL connections and the read-only warning. */
  logger?: Logger | undefined;
  /** Connect and per-call timeouts; {@link DEFAULT_TIMEOUTS} when unset. */
  timeouts?: DatabaseTimeouts | undefined;
  /** The migration list; {@link MIGRATIONS} unless a test says otherwise. */
  migrations?: readonly Migration[] | undefined;
}

/** An open, migrated store. `db` is for modules that keep their own tables in the same database. */
export interface OpenedStore extends SqlFactStore {
  readonly db: Kysely<Database>;
  readonly dialect: StoreDialect;
  /** The SQLite file or `host:port/database`, never a password; for logs and `about`. */
  readonly location: string;
  /** What the start-up migration did. */
  readonly migration: MigrationReport;
  /**
   * Why the store is read-only, when it is: answers work, every write is refused with
   * FACT_STORE_READ_ONLY. Undefined for a writable store.
   */
  readonly readOnly: string | undefined;
}

/**
 * Connects and migrates. Throws BotError FACT_STORE_UNAVAILABLE (cannot connect; names host and
 * port, never the password), FACT_STORE_CORRUPT (the SQLite file is not ours; left untouched) or
 * MIGRATION_FAILED.
 */
export async function openStore(config: StoreConfig): Promise<OpenedStore> {
  const timeouts = config.timeouts ?? DEFAULT_TIMEOUTS;
  const connection: Connection = config.databaseUrl
    ? await connectPostgres({
        url: config.databaseUrl,
        ssl: config.databaseSsl ?? "off",
        ...(config.schema ? { schema: config.schema } : {}),
        timeouts,
        onPoolError: (error) => config.logger?.warn({ err: error }, "a PostgreSQL connection failed"),
      })
    : await connectSqlite(config.dataDir, { busyTimeoutMs: timeouts.queryMs });
  const migrations = config.migrations ?? MIGRATIONS;
  let migration: MigrationReport;
  try {
    migration = connection.readOnly
      ? await assertNoPendingMigrations(connection, migrations)
      : await migrate(connection.db, connection.dialect, migrations);
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw error;
  }
  if (connection.readOnly) {
    config.logger?.warn(
      { store: connection.location, reason: connection.readOnly },
      "the fact store is read-only: answers work, ingests, reviews and digest claims are refused",
    );
  }
  config.logger?.debug({ store: connection.location, migration }, "fact store ready");
  return {
    ...createFactStore(connection.db, connection.dialect),
    close: () => connection.close(),
    location: connection.location,
    migration,
    readOnly: connection.readOnly,
  };
}

/**
 * A read-only store cannot be migrated; one already at this code's schema version is usable as it
 * is, and one that needs migrating is refused with what to do.
 */
async function assertNoPendingMigrations(
  connection: Connection,
  migrations: readonly Migration[],
): Promise<MigrationReport> {
  const applied = await connection.db
    .selectFrom("schema_migrations")
    .select("version")
    .execute()
    .then((rows) => new Set(rows.map((row) => Number(row.version))))
    .catch(() => new Set<number>());
  const pending = migrations.filter((m) => !applied.has(m.version));
  if (pending.length > 0) {
    throw new BotError(
      `${connection.readOnly}; it needs schema migration${pending.length === 1 ? "" : "s"} ${pending.map((m) => m.version).join(", ")}, which must write. Make DATA_DIR writable for one start so the bot can migrate it.`,
      "MIGRATION_FAILED",
    );
  }
  return { applied: [], version: Math.max(0, ...applied) };
}

/** The store part of the bot's configuration. */
export function storeConfigFrom(config: Config, logger?: Logger): StoreConfig {
  return {
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    databaseSsl: config.databaseSsl,
    timeouts: config.databaseTimeouts,
    logger,
  };
}
