/**
 * Opening the store at start-up: pick the back end from the configuration, connect, migrate,
 * and hand back a ready {@link FactStore} together with its Kysely instance.
 */
import type { Kysely } from "kysely";
import type { Config } from "../core/config.js";
import type { Logger } from "../core/logger.js";
import {
  type Connection,
  connectPostgres,
  connectSqlite,
  type Database,
  type DatabaseSsl,
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
  /** Receives errors from idle PostgreSQL connections. */
  logger?: Logger | undefined;
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
}

/**
 * Connects and migrates. Throws BotError FACT_STORE_UNAVAILABLE (cannot connect; names host and
 * port, never the password), FACT_STORE_CORRUPT (the SQLite file is not ours; left untouched) or
 * MIGRATION_FAILED.
 */
export async function openStore(config: StoreConfig): Promise<OpenedStore> {
  const connection: Connection = config.databaseUrl
    ? await connectPostgres({
        url: config.databaseUrl,
        ssl: config.databaseSsl ?? "off",
        ...(config.schema ? { schema: config.schema } : {}),
        onPoolError: (error) => config.logger?.warn({ err: error }, "idle PostgreSQL connection failed"),
      })
    : await connectSqlite(config.dataDir);
  let migration: MigrationReport;
  try {
    migration = await migrate(connection.db, connection.dialect, config.migrations ?? MIGRATIONS);
  } catch (error) {
    await connection.db.destroy().catch(() => undefined);
    throw error;
  }
  config.logger?.debug({ store: connection.location, migration }, "fact store ready");
  return { ...createFactStore(connection.db, connection.dialect), location: connection.location, migration };
}

/** The store part of the bot's configuration. */
export function storeConfigFrom(config: Config, logger?: Logger): StoreConfig {
  return {
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    databaseSsl: config.databaseSsl,
    logger,
  };
}
