/**
 * Database faults as the rest of the bot sees them. The drivers report a lost connection, a
 * timeout, a read-only file or a full disk each in their own words (pg messages and SQLSTATEs,
 * SQLite result codes); {@link storeFault} turns them into {@link StoreUnavailableError} or
 * {@link StoreWriteRefusedError}, which dispatch, the CLI and the health check understand.
 *
 * {@link FaultMappingDriver} applies that at the Kysely driver, so every query of every module
 * (facts, digest claims, subscriptions, sources) is covered without each catching errors. It also
 * keeps a failed transaction's rollback from hiding the real error: SQLite rolls a transaction
 * back by itself on SQLITE_FULL (a second `rollback` then fails with "no transaction is active"),
 * and a PostgreSQL connection that timed out or broke has nothing left to roll back (the server
 * discards the transaction when the session ends; the pool destroys that client on release).
 */
import type { CompiledQuery, DatabaseConnection, Driver, QueryResult, TransactionSettings } from "kysely";
import { BotError, StoreUnavailableError, StoreWriteRefusedError } from "../core/errors.js";

/** Node socket errors that mean the database host cannot be talked to. */
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** What pg says, in its messages only, when a connection broke or a call ran out of time. */
const PG_UNAVAILABLE_MESSAGES = [
  /Query read timeout/i,
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /not queryable/i,
  /Client was closed/i,
  /connection error/i,
];

/** SQLSTATEs: 57014 statement_timeout or cancel, 57P01-57P03 shutdown / not accepting, 53300 too many connections. */
const PG_UNAVAILABLE_STATES = new Set(["57014", "57P01", "57P02", "57P03", "53300"]);

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}

/**
 * The store-level meaning of a driver error, or undefined when it is something else (a bug, a
 * constraint, bad SQL), which callers rethrow as it was.
 */
export function storeFault(error: unknown): BotError | undefined {
  if (error instanceof StoreUnavailableError || error instanceof StoreWriteRefusedError) return error;
  if (error instanceof BotError) return undefined;
  const code = codeOf(error) ?? "";
  const message = messageOf(error);
  if (code.startsWith("SQLITE_READONLY") || code === "25006") {
    return new StoreWriteRefusedError(
      "The fact store is read-only (its DATA_DIR or file cannot be written); nothing was changed.",
      "FACT_STORE_READ_ONLY",
      { cause: error },
    );
  }
  if (code === "SQLITE_FULL" || code === "53100") {
    return new StoreWriteRefusedError(
      "The fact store's disk is full; the change was rolled back. Free some space and try again.",
      "FACT_STORE_FULL",
      { cause: error },
    );
  }
  if (
    code.startsWith("SQLITE_BUSY") ||
    code.startsWith("SQLITE_IOERR") ||
    PG_UNAVAILABLE_STATES.has(code) ||
    code.startsWith("08") ||
    SOCKET_CODES.has(code) ||
    PG_UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))
  ) {
    return new StoreUnavailableError(
      `The fact store did not answer (${code ? `${code}: ` : ""}${message}).`,
      {
        cause: error,
      },
    );
  }
  return undefined;
}

/** {@link storeFault} when there is one, else the error itself. */
export function asStoreFault(error: unknown): unknown {
  return storeFault(error) ?? error;
}

/** True when the error means the database (not the data) is at fault: retrying later may work. */
export function isUnavailable(error: unknown): boolean {
  return storeFault(error) instanceof StoreUnavailableError;
}

/** A connection whose query errors come out as store faults. */
class FaultMappingConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    private readonly onFault: (error: unknown) => void,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return await this.inner.executeQuery<R>(query);
    } catch (error) {
      this.onFault(error);
      throw asStoreFault(error);
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

/** Options for {@link FaultMappingDriver}. */
export interface FaultMappingOptions {
  /**
   * False when the database has no transaction open on this connection any more (SQLite after an
   * automatic rollback); the rollback is then skipped. Undefined: always roll back.
   */
  inTransaction?: () => boolean;
}

/** Wraps a Kysely driver: store faults out, rollbacks that cannot hide the real error. */
export class FaultMappingDriver implements Driver {
  /** Connections that lost their session (timeout, broken socket): nothing to roll back there. */
  readonly #lost = new WeakSet<DatabaseConnection>();

  constructor(
    private readonly inner: Driver,
    private readonly options: FaultMappingOptions = {},
  ) {}

  async init(): Promise<void> {
    await this.#mapped(() => this.inner.init());
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const inner = await this.#mapped(() => this.inner.acquireConnection());
    return new FaultMappingConnection(inner, (error) => {
      if (isUnavailable(error)) this.#lost.add(inner);
    });
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await this.#mapped(() => this.inner.beginTransaction(unwrap(connection), settings), connection);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await this.#mapped(() => this.inner.commitTransaction(unwrap(connection)), connection);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const inner = unwrap(connection);
    const open = this.options.inTransaction ? this.options.inTransaction() : !this.#lost.has(inner);
    if (!open) return;
    await this.#mapped(() => this.inner.rollbackTransaction(inner), connection);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await this.inner.releaseConnection(unwrap(connection));
  }

  async destroy(): Promise<void> {
    await this.inner.destroy();
  }

  async #mapped<T>(step: () => Promise<T>, connection?: DatabaseConnection): Promise<T> {
    try {
      return await step();
    } catch (error) {
      if (connection && isUnavailable(error)) this.#lost.add(unwrap(connection));
      throw asStoreFault(error);
    }
  }
}

function unwrap(connection: DatabaseConnection): DatabaseConnection {
  return connection instanceof FaultMappingConnection ? connection.inner : connection;
}
