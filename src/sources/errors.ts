/**
 * Why a watched source could not be read. Every failure of fetching, parsing or ingesting a
 * source becomes a {@link SourceError} with a one-line message a curator can act on, so the poll
 * can record it against the source and carry on with the next one.
 */
import { BotError } from "../core/errors.js";

/** What went wrong, for tests, logs and the retry rule (and the worker thread's messages). */
export const SOURCE_FAILURES = [
  "timeout",
  "network",
  "http-status",
  "redirect-loop",
  "too-many-redirects",
  "too-large",
  "blocked-address",
  "too-many-items",
  "content-type",
  "malformed-feed",
  "no-article",
  "missing-link",
  "folder",
  "ingest",
] as const;
export type SourceFailure = (typeof SOURCE_FAILURES)[number];

/** Failures worth trying again within the same poll: the server may answer on the next attempt. */
const TRANSIENT: ReadonlySet<SourceFailure> = new Set(["timeout", "network"]);

/** A readable, typed failure of one source (or one item of it). */
export class SourceError extends BotError {
  /** True when another attempt may succeed (timeouts, dropped connections, 5xx and 429 answers). */
  readonly retryable: boolean;
  constructor(
    message: string,
    readonly failure: SourceFailure,
    options: { cause?: unknown; retryable?: boolean } = {},
  ) {
    super(message, failure === "ingest" ? "INGEST_FAILED" : "INGEST_FETCH_FAILED", { cause: options.cause });
    this.retryable = options.retryable ?? TRANSIENT.has(failure);
  }
}

/** The message of anything thrown, for recording against a source. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
