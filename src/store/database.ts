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
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
} from "node:fs";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  type PostgresCursor,
  PostgresDialect,
  type PostgresPool,
  type PostgresPoolClient,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from "kysely";
import type pg from "pg";
import { BotError } from "../core/errors.js";
import { FaultMappingDriver, isUnavailable } from "./faults.js";

/** One stored document. Timestamps are ISO-8601 UTC strings (see {@link nowIso}). */
export interface SourcesTable {
  /** sha256 of the document text, hex; the natural key that makes re-ingesting a no-op. */
  hash: string;
  title: string;
  url: string | null;
  publisher: string | null;
  /** ISO date `YYYY-MM-DD`. */
  published: string | null;
  /** `link` or `text` when `publisher` was inferred, not stated by the header; null otherwise. */
  publisher_inferred: string | null;
  /** `link` or `text` when `published` was inferred; such a date never dates a period. */
  published_inferred: string | null;
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
  /** Why the store was opened read-only (answers work, writes are refused); undefined when writable. */
  readOnly: string | undefined;
  /** Closes the connection; on PostgreSQL within a bound even when the server stopped answering. */
  close(): Promise<void>;
}

/** Timeouts for every database call; see `DB_CONNECT_TIMEOUT_MS` and `DB_QUERY_TIMEOUT_MS`. */
export interface DatabaseTimeouts {
  /** How long to wait for PostgreSQL to accept a connection. */
  connectMs: number;
  /**
   * How long one statement may run: PostgreSQL's statement_timeout (the client gives up a second
   * later, for a server that stopped answering at all); SQLite's wait for another process's lock.
   */
  queryMs: number;
}

export const DEFAULT_TIMEOUTS: DatabaseTimeouts = { connectMs: 5_000, queryMs: 10_000 };

/** How long closing may wait for a PostgreSQL server that stopped answering before dropping its sockets. */
const CLOSE_GRACE_MS = 2_000;

/** The SQLite file's name inside DATA_DIR. */
export const SQLITE_FILE_NAME = "gd-bot.sqlite";

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
  readonly #handle: SqliteDatabase.Database;
  constructor(handle: SqliteDatabase.Database) {
    const config = { database: handle };
    super(config);
    this.#config = config;
    this.#handle = handle;
  }
  override createDriver(): Driver {
    // SQLite may already have rolled back (SQLITE_FULL does); then there is nothing to roll back.
    const handle = this.#handle;
    return new FaultMappingDriver(new ImmediateSqliteDriver(this.#config), {
      inTransaction: () => handle.open && handle.inTransaction,
    });
  }
}

/** The PostgreSQL dialect with driver errors mapped to store faults (see `faults.ts`). */
class FaultMappingPostgresDialect extends PostgresDialect {
  override createDriver(): Driver {
    return new FaultMappingDriver(super.createDriver());
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

/** Options for {@link connectSqlite}. */
export interface SqliteOptions {
  /** How long a writer waits for another process's lock before failing with SQLITE_BUSY. */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating `dataDir` and the file if needed) the SQLite store file. A store that exists
 * but cannot be written (read-only folder or file, or a full disk) opens read-only instead.
 * Throws FACT_STORE_CORRUPT, or FACT_STORE_UNAVAILABLE with one line naming the path and the fix.
 */
export async function connectSqlite(dataDir: string, options: SqliteOptions = {}): Promise<Connection> {
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_TIMEOUTS.queryMs;
  ensureDataDir(dataDir);
  const file = path.join(dataDir, SQLITE_FILE_NAME);
  assertOwnSqliteFile(file, busyTimeoutMs);
  const exists = existsSync(file);
  const notWritable = unwritable(dataDir) ?? (exists ? unwritable(file) : undefined);
  if (notWritable && !exists) {
    throw new BotError(
      `DATA_DIR ${dataDir} is not writable (${notWritable}), so the fact store cannot be created there. Make it writable or set DATA_DIR to a writable folder.`,
      "FACT_STORE_UNAVAILABLE",
    );
  }
  if (notWritable) return readOnlyConnection(file, `it cannot be written (${notWritable})`, busyTimeoutMs);

  let handle: SqliteDatabase.Database | undefined;
  try {
    handle = new SqliteDatabase(file, { timeout: busyTimeoutMs });
    const open = handle;
    const deadline = Date.now() + busyTimeoutMs;
    // WAL lets readers (the bot answering) run while a writer (an ingest) works.
    await retryWhileBusy(() => open.pragma("journal_mode = WAL"), deadline);
    open.pragma("synchronous = NORMAL");
    open.pragma("foreign_keys = ON");
  } catch (error) {
    handle?.close();
    // A full disk (or a file the OS will not let us write) still leaves a store we can answer from.
    const code = (error as { code?: unknown }).code;
    if (exists && typeof code === "string" && WRITE_FAILURES.some((c) => code.startsWith(c))) {
      return readOnlyConnection(file, `it cannot be written (${code}: ${messageOf(error)})`, busyTimeoutMs);
    }
    throw new BotError(
      `Cannot open the SQLite fact store at ${file}: ${messageOf(error)}`,
      "FACT_STORE_UNAVAILABLE",
      {
        cause: error,
      },
    );
  }
  return sqliteConnection(handle, file, undefined);
}

/** SQLite result codes that mean "this file can be read but not written here". */
const WRITE_FAILURES = ["SQLITE_FULL", "SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_READONLY"];

function sqliteConnection(
  handle: SqliteDatabase.Database,
  file: string,
  readOnly: string | undefined,
): Connection {
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(handle) });
  return { db, dialect: "sqlite", location: file, readOnly, close: () => db.destroy() };
}

/** Creates DATA_DIR when missing; a failure is one line naming the folder and the fix. */
function ensureDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    const why =
      code === "ENOENT" || code === "EROFS" || code === "EACCES" || code === "EPERM"
        ? "its parent folder is missing or not writable"
        : messageOf(error);
    throw new BotError(
      `DATA_DIR ${dataDir} does not exist and cannot be created (${code}: ${why}). Create it, or set DATA_DIR to a writable folder.`,
      "FACT_STORE_UNAVAILABLE",
    );
  }
  if (!statSync(dataDir).isDirectory()) {
    throw new BotError(
      `DATA_DIR ${dataDir} is not a folder. Set DATA_DIR to a folder the bot may write to.`,
      "FACT_STORE_UNAVAILABLE",
    );
  }
}

/** The error code when `target` cannot be written (EROFS, EACCES), else undefined. */
function unwritable(target: string): string | undefined {
  try {
    accessSync(target, constants.W_OK);
    return undefined;
  } catch (error) {
    return `${(error as NodeJS.ErrnoException).code ?? "error"}: ${target}`;
  }
}

/**
 * Opens an existing store for reading only. A WAL store in a read-only folder cannot be opened in
 * place when its `-shm` file is gone (SQLite would have to create it), so then the file is read
 * into memory, as it was committed; a non-empty `-wal` would hold commits the copy lacks, so that
 * case is refused rather than answered from stale data.
 */
function readOnlyConnection(file: string, why: string, busyTimeoutMs: number): Connection {
  const handle = openReadOnly(file, busyTimeoutMs);
  return sqliteConnection(handle, file, `${file} is opened read-only: ${why}`);
}

function openReadOnly(file: string, busyTimeoutMs: number): SqliteDatabase.Database {
  let handle: SqliteDatabase.Database | undefined;
  try {
    handle = new SqliteDatabase(file, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs });
    handle.prepare("select count(*) from sqlite_master").pluck().get();
    return handle;
  } catch (error) {
    handle?.close();
    if ((error as { code?: unknown }).code !== "SQLITE_CANTOPEN") throw error;
    const wal = `${file}-wal`;
    if (existsSync(wal) && statSync(wal).size > 0) {
      throw new BotError(
        `The fact store ${file} cannot be read: its folder is read-only and ${wal} holds changes not yet written into it. Make DATA_DIR writable once so the bot can fold them in.`,
        "FACT_STORE_UNAVAILABLE",
        { cause: error },
      );
    }
    const image = readFileSync(file);
    // Bytes 18 and 19 say "WAL"; an in-memory copy has no WAL, so mark it a rollback-journal file.
    if (image.length >= 20) image.fill(1, 18, 20);
    return new SqliteDatabase(image, { readonly: true });
  }
}

const SQLITE_HEADER = "SQLite format 3\u0000";

/** Refuses a file that is not an intact SQLite database of ours, without writing to it. */
function assertOwnSqliteFile(file: string, busyTimeoutMs: number): void {
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
    handle = openReadOnly(file, busyTimeoutMs);
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
  /**
   * Called with errors of pooled connections, idle or in use (a dropped connection), which would
   * otherwise crash the process with an unhandled 'error' event.
   */
  onPoolError?: (error: Error) => void;
  timeouts?: DatabaseTimeouts;
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
  const timeouts = options.timeouts ?? DEFAULT_TIMEOUTS;
  // Loaded here, not at the top: a bot on SQLite never pays for the PostgreSQL driver.
  const { default: postgres } = await import("pg");
  const pool = new postgres.Pool({
    connectionString: options.url,
    ssl: sslOption(options.ssl),
    max: 5,
    connectionTimeoutMillis: timeouts.connectMs,
    // The server cancels a slow statement cleanly; the client gives up a little later on a server
    // (or network) that does not answer at all. Keepalive notices a peer that vanished while idle.
    statement_timeout: timeouts.queryMs,
    query_timeout: timeouts.queryMs + 1_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const clients = new Set<pg.PoolClient>();
  const onError = (error: Error) => options.onPoolError?.(error);
  pool.on("error", onError);
  // The pool's own handler covers idle clients only; one in use that loses its socket emits
  // 'error' on itself, which with no listener would end the process.
  pool.on("connect", (client) => {
    clients.add(client);
    client.on("error", onError);
  });
  pool.on("remove", (client) => clients.delete(client));
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
  const db = new Kysely<Database>({
    dialect: new FaultMappingPostgresDialect({ pool: faultAwarePool(pool) }),
  });
  return {
    db,
    dialect: "postgres",
    location: target + (schema ? ` (schema ${schema})` : ""),
    readOnly: undefined,
    close: () => closeWithin(db, clients, CLOSE_GRACE_MS),
  };
}

/**
 * The pool as Kysely sees it, except that a client whose query timed out or lost its connection is
 * destroyed on release instead of going back to the pool: after a client-side timeout its socket
 * may still be waiting on the old answer, and the next query would queue behind it.
 */
function faultAwarePool(pool: pg.Pool): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      let broken: Error | undefined;
      const query = (textOrCursor: string | PostgresCursor<unknown>, parameters?: ReadonlyArray<unknown>) => {
        // A cursor (Kysely's streaming) is a pg Submittable; it is passed through as is.
        if (typeof textOrCursor !== "string") return client.query(textOrCursor as unknown as pg.Submittable);
        return client.query(textOrCursor, parameters ? [...parameters] : []).catch((error: unknown) => {
          if (isUnavailable(error)) broken = error instanceof Error ? error : new Error(String(error));
          throw error;
        });
      };
      return {
        query: query as unknown as PostgresPoolClient["query"],
        release: () => client.release(broken),
      };
    },
    end: () => pool.end(),
  };
}

/** Ends the pool; a server that stopped answering gets `graceMs`, then its sockets are dropped. */
async function closeWithin(
  db: Kysely<Database>,
  clients: Set<pg.PoolClient>,
  graceMs: number,
): Promise<void> {
  const ended = db.destroy().then(
    () => true,
    () => true,
  );
  const timer = (ms: number) => new Promise<false>((resolve) => setTimeout(() => resolve(false), ms).unref());
  if (await Promise.race([ended, timer(graceMs)])) return;
  for (const client of clients) (client as unknown as pg.Client).connection.stream.destroy();
  await Promise.race([ended, timer(graceMs)]);
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
