/**
 * Two kinds of failure, kept apart on purpose: a `UserError` is the user's to fix (bad input,
 * nothing found, not allowed) and becomes a helpful reply; a `BotError` (and anything else
 * thrown) is ours, is logged with an error id, and the user sees only an apology with that id.
 */

/** Stable codes for failures that are ours to fix. Grep for them in logs. */
export type BotErrorCode =
  | "FACT_STORE_UNAVAILABLE"
  | "FACT_STORE_CORRUPT"
  | "FACT_STORE_READ_ONLY"
  | "FACT_STORE_FULL"
  | "MIGRATION_FAILED"
  | "INGEST_FAILED"
  | "INGEST_FETCH_FAILED"
  | "CONFIG_INVALID"
  | "PLATFORM_REQUEST_FAILED"
  | "DIGEST_DELIVERY_FAILED"
  | "INTERNAL";

/** A failure of the bot itself, with a stable code and the underlying cause. */
export class BotError extends Error {
  override readonly name = "BotError";
  constructor(
    message: string,
    readonly code: BotErrorCode,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * The database did not answer in time, or the connection to it broke. Nothing was changed by the
 * call that failed (its transaction, if any, is rolled back by the server or never committed);
 * trying again once the database is back is safe.
 */
export class StoreUnavailableError extends BotError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, "FACT_STORE_UNAVAILABLE", options);
  }
}

/**
 * A write was refused because the store can be read but not written (a read-only DATA_DIR or
 * file), or because its disk is full. Answers still work; the write changed nothing.
 */
export class StoreWriteRefusedError extends BotError {
  constructor(
    message: string,
    code: "FACT_STORE_READ_ONLY" | "FACT_STORE_FULL",
    options?: { cause?: unknown },
  ) {
    super(message, code, options);
  }
}

/** Codes for input the user can correct. */
export type UserErrorCode = "BAD_INPUT" | "NOT_FOUND" | "NOT_ALLOWED" | "TOO_LONG" | "EMPTY_QUERY";

/**
 * The user's input cannot be answered as given. `message` is shown to the user as is, so write
 * it for them: what was wrong and what to type instead.
 */
export class UserError extends Error {
  override readonly name = "UserError";
  constructor(
    message: string,
    readonly code: UserErrorCode = "BAD_INPUT",
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** True for errors whose message is safe and useful to show the user. */
export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
