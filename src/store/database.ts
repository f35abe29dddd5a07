/**
 * The database connection: SQLite in a file under DATA_DIR by default, PostgreSQL when
 * DATABASE_URL is set, both behind one Kysely instance typed by {@link Database}.
 *
 * Why Kysely: it is a query builder, not an ORM, so the SQL stays visible and reviewable; it
 * compiles one typed query to both SQLite and PostgreSQL (placeholders, quoting, `returning`);
 * it wraps `better-sqlite3` and `pg` directly with no code generation or runtime schema
 * reflection; and its table types are plain interfaces that later issues can extend with
 * `db.withTables<...>()`. It is well maintained and has no dependencies of its own.
 *
 * Before touching an existing SQLite file we check, read-only, that it is ours: a file that is not
 * SQLite, is damaged, or holds someone else's tables is refused with FACT_STORE_CORRUPT and left
 * byte-for-byte as it was (opening it read-write would switch it to WAL mode and rewrite its header).
 */
import { closeSync, mkdirSync, openSync, readSync, statSync } from "node:fs";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from "kysely";
import pg from "pg";
import { BotError } from "../core/errors.js";

/** One stored document. Timestamps are ISO-8601 UTC strings (see {@link nowIso}). */
export interface SourcesTable {
  /** sha256 of the document text, hex; the natural key that makes re-ingesting a no-op. */
  hash: string;
  title: string;
  url: string | null;
  publisher: string | null;
  /** ISO date `YYYY-MM-DD`. */
  published: string | null;
  ingested_at: string;
  /** The document's text, so a newer extractor can read it again; null when stored before it was kept. */
  text: string | null;
  /** The extractor version that read it (`EXTRACTOR_VERSION`); null: unknown, an old one. */
  extractor_version: number | null;
}

/**
 * One figure, merged over every document that states it. Its sentences live in `fact_citations`.
 * `isServed` in `src/facts/fact.ts` says when it may be answered with.
 */
export interface FactsTable {
  id: string;
  /** {@link figureKey} of the fact, indexed, so merging finds candidates without a full scan. */
  figure_key: string;
  region: string;
  metric: string;
  period: string | null;
  value: number;
  unit: string;
  qualifier: string;
  confidence: number;
  first_seen_at: string;
  retracted_reason: string | null;
  retracted_at: string | null;
  /** The fact status: `served`, or `held` for review (the extractor was not sure enough). */
  status: string;
  /** JSON array of strings: why the confidence is what it is. */
  reasons: string;
  /** `approved` | `rejected` | null: a person's review (`facts approve` / `facts reject`). */
  review_decision: string | null;
  review_reason: string | null;
  review_at: string | null;
  /**
   * When the fact first became answerable (stored as served, promoted, or approved); null while
   * it never was. Written once, like first_seen_at; the digest windows on it.
   */
  served_at: string | null;
}

/** One document stating one fact, with its own sentence. `ordinal` 0 is the first citation. */
export interface FactCitationsTable {
  fact_id: string;
  source_hash: string;
  quote: string;
  ordinal: number;
  cited_at: string;
}

/** Applied migrations, one row each; the migrator's record of the schema version. */
export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: string;
}

/**
 * The store's tables. Later issues add their own tables by migration and type them with
 * `db.withTables<{ digest_deliveries: DigestDeliveriesTable }>()`.
 */
export interface Database {
  sources: SourcesTable;
  facts: FactsTable;
  fact_citations: FactCitationsTable;
  schema_migrations: SchemaMigrationsTable;
}

/** Which database is behind the store. */
export type StoreDialect = "sqlite" | "postgres";

/** `DATABASE_SSL`: no TLS, TLS with certificate checks, or TLS without them (Heroku's managed PostgreSQL). */
export type DatabaseSsl = "off" | "require" | "no-verify";

/** An open connection and what it points at (never with a password). */
export interface Connection {
  db: Kysely<Database>;
  dialect: StoreDialect;
  /** For logs and `about`: the SQLite file path or `host:port/database`. */
  location: string;
}

/** The SQLite file's name inside DATA_DIR. */
export const SQLITE_FILE_NAME = "gd-bot.sqlite";

/** How long a SQLite writer waits for another process's lock before failing with SQLITE_BUSY. */
const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/** How long to wait for PostgreSQL to accept a connection before calling it unreachable. */
const PG_CONNECT_TIMEOUT_MS = 5_000;

/** The current time as the store writes it: ISO-8601 UTC, fixed width, so text order is time order. */
export function nowIso(now: Date = new Date()): string {
  return now.toISOString();
}

/**
 * SQLite's default `begin` is deferred: two processes can both read, then deadlock when both try to
 * write. `begin immediate` takes the write lock up front, so writers queue on busy_timeout instead.
 * Every transaction we run (ingest, retract, migrate) writes, so all of them begin immediately.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/**
 * Runs `step`, retrying while SQLite answers SQLITE_BUSY. Switching a new file to WAL returns
 * SQLITE_BUSY at once, without waiting on busy_timeout, while another process is doing the same;
 * two bot processes starting together on a fresh file hit exactly that.
 */
async function retryWhileBusy<T>(step: () => T, deadline: number): Promise<T> {
  for (let delay = 5; ; delay = Math.min(delay * 2, 200)) {
    try {
      return step();
    } catch (error) {
      const busy = (error as { code?: unknown }).code === "SQLITE_BUSY";
      if (!busy || Date.now() + delay > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/** Opens (creating `dataDir` and the file if needed) the SQLite store file. Throws FACT_STORE_CORRUPT. */
export async function connectSqlite(dataDir: string): Promise<Connection> {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, SQLITE_FILE_NAME);
  assertOwnSqliteFile(file);
  let handle: SqliteDatabase.Database | undefined;
  try {
    handle = new SqliteDatabase(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
    const open = handle;
    const deadline = Date.now() + SQLITE_BUSY_TIMEOUT_MS;
    // WAL lets readers (the bot answering) run while a writer (an ingest) works.
    await retryWhileBusy(() => open.pragma("journal_mode = WAL"), deadline);
    open.pragma("synchronous = NORMAL");
    open.pragma("foreign_keys = ON");
  } catch (error) {
    handle?.close();
    throw new BotError(
      `Cannot open the SQLite fact store at ${file}: ${messageOf(error)}`,
      "FACT_STORE_UNAVAILABLE",
      {
        cause: error,
      },
    );
  }
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: handle }) });
  return { db, dialect: "sqlite", location: file };
}

const SQLITE_HEADER = "SQLite format 3\u0000";

/** Refuses a file that is not an intact SQLite database of ours, without writing to it. */
function assertOwnSqliteFile(file: string): void {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw corrupt(file, "it is not a regular file");
    size = stat.size;
  } catch (error) {
    if (error instanceof BotError) throw error;
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw new BotError(`Cannot read ${file}: ${messageOf(error)}`, "FACT_STORE_UNAVAILABLE", {
      cause: error,
    });
  }
  // SQLite treats an empty file as an empty database; so do we.
  if (size === 0) return;
  if (readHeader(file) !== SQLITE_HEADER) throw corrupt(file, "it is not a SQLite database");

  let handle: SqliteDatabase.Database | undefined;
  try {
    handle = new SqliteDatabase(file, {
      readonly: true,
      fileMustExist: true,
      timeout: SQLITE_BUSY_TIMEOUT_MS,
    });
    const check = handle.pragma("quick_check", { simple: true });
    if (check !== "ok") throw corrupt(file, `SQLite's integrity check failed (${String(check)})`);
    const tables = handle
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
      )
      .pluck()
      .all() as string[];
    if (tables.length > 0 && !tables.includes("schema_migrations")) {
      throw corrupt(
        file,
        `it holds other tables (${tables.slice(0, 5).join(", ")}) and no schema_migrations table`,
      );
    }
  } catch (error) {
    if (error instanceof BotError) throw error;
    throw corrupt(file, messageOf(error), error);
  } finally {
    handle?.close();
  }
}

function readHeader(file: string): string {
  const fd = openSync(file, "r");
  try {
    const buffer = Buffer.alloc(SQLITE_HEADER.length);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, read).toString("latin1");
  } finally {
    closeSync(fd);
  }
}

function corrupt(file: string, why: string, cause?: unknown): BotError {
  return new BotError(
    `The fact store file ${file} cannot be used: ${why}. It was left untouched; move it away or point DATA_DIR at another folder.`,
    "FACT_STORE_CORRUPT",
    { cause },
  );
}

/** Options for {@link connectPostgres}. */
export interface PostgresOptions {
  url: string;
  ssl: DatabaseSsl;
  /** A schema to keep all tables in (created if missing); used by tests to isolate runs. */
  schema?: string;
  /** Called with errors of idle pooled connections, which would otherwise crash the process. */
  onPoolError?: (error: Error) => void;
}

/** A PostgreSQL identifier we are willing to splice into SQL. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Connects to PostgreSQL and checks it answers. Throws FACT_STORE_UNAVAILABLE naming host and port. */
export async function connectPostgres(options: PostgresOptions): Promise<Connection> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new BotError(`Invalid PostgreSQL schema name "${schema}"`, "CONFIG_INVALID");
  }
  const target = describePostgres(options.url);
  const pool = new pg.Pool({
    connectionString: options.url,
    ssl: sslOption(options.ssl),
    max: 5,
    connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  pool.on("error", (error) => options.onPoolError?.(error));
  try {
    const client = await pool.connect();
    try {
      if (schema) await createSchema(client, schema);
      await client.query("select 1");
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw unavailable(target, options.url, error);
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: "postgres", location: target + (schema ? ` (schema ${schema})` : "") };
}

/** `create schema if not exists` still races when two processes run it at once; the loser may ignore that. */
async function createSchema(client: pg.PoolClient, schema: string): Promise<void> {
  try {
    await client.query(`create schema if not exists "${schema}"`);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== "23505" && code !== "42P06") throw error;
  }
}

function sslOption(ssl: DatabaseSsl): false | { rejectUnauthorized: boolean } {
  switch (ssl) {
    case "off":
      return false;
    case "require":
      return { rejectUnauthorized: true };
    case "no-verify":
      return { rejectUnauthorized: false };
  }
}

/** `host:port/database` of a connection URL, never its user name or password. */
export function describePostgres(url: string): string {
  try {
    const parsed = new URL(url);
    const host = parsed.hostname || "localhost";
    const port = parsed.port || "5432";
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
    return `${host}:${port}${database ? `/${database}` : ""}`;
  } catch {
    return "the host in DATABASE_URL";
  }
}

function unavailable(target: string, url: string, error: unknown): BotError {
  const passwords = passwordsOf(url);
  const scrub = (text: string) => passwords.reduce((out, p) => out.split(p).join("[REDACTED]"), text);
  const code = (error as { code?: unknown }).code;
  const reason = scrub([typeof code === "string" ? code : "", messageOf(error)].filter(Boolean).join(": "));
  // The driver's error is kept as the cause only when it cannot carry the password into a log.
  const causeText = error instanceof Error ? `${error.message} ${error.stack ?? ""}` : String(error);
  const safeCause = passwords.some((p) => causeText.includes(p)) ? undefined : error;
  return new BotError(
    `Cannot reach the PostgreSQL fact store at ${target} (${reason}). Check DATABASE_URL and that the server is running.`,
    "FACT_STORE_UNAVAILABLE",
    { cause: safeCause },
  );
}

/** The URL's password as written (percent-encoded) and decoded; empty when there is none. */
function passwordsOf(url: string): string[] {
  try {
    const raw = new URL(url).password;
    return raw ? [...new Set([raw, decodeURIComponent(raw)])] : [];
  } catch {
    return [];
  }
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return messageOf(error.errors[0]);
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
