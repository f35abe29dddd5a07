/**
 * One poll over every watched source. Each source is isolated: whatever one throws is recorded
 * against it (`source_state.last_error`) and the others carry on, so one broken feed never keeps
 * the others' new figures out. Sources are read concurrently, a few at a time, through a
 * {@link PollGuard}: a source still running from an earlier tick is left to finish and the
 * others are polled. Each has its own HTTP deadlines, and one that keeps failing backs off
 * (doubling waits, persisted in `source_state`) instead of being hammered every tick.
 * Documents are deduplicated by URL and content hash before extraction; a changed article is
 * extracted again and the store's merge adds only the figures that are new. Facts go through {@link FactService.ingest}, so they are searchable at once and,
 * being stamped `first_seen_at = now`, land in the next digest.
 */
import type { Kysely } from "kysely";
import type { Logger } from "../core/logger.js";
import type { FactService } from "../facts/service.js";
import { contentHash } from "../ingest/metadata.js";
import type { ArticleInput, ExtractionResult } from "../ingest/types.js";
import { type Database, nowIso } from "../store/database.js";
import { type SourceDefinition, type SourceKind, sourceLocation } from "./config.js";
import { messageOf, SourceError } from "./errors.js";
import { type DocumentReader, sharedExtractionRunner } from "./extraction-runner.js";
import { parseFeed } from "./feeds.js";
import { type FetchFn, fetchDocument, type HttpPolicy, type Validators } from "./fetch.js";
import { type CandidateDocument, scanFolder } from "./folder.js";
import { MIN_ARTICLE_CHARS, type PageArticle } from "./html.js";
import { createPollGuard, type PollGuard } from "./poll-guard.js";
import { readSourceState, recordDocument, type SourceState, seenHash, writeSourceState } from "./state.js";

/** Everything a poll needs; only `sources`, `facts`, `db` and `logger` are required. */
export interface PollSourcesOptions {
  sources: readonly SourceDefinition[];
  facts: Pick<FactService, "ingest">;
  db: Kysely<Database>;
  logger: Logger;
  fetch?: FetchFn;
  /** The clock; facts are stamped first seen at its time. */
  now?: () => Date;
  /** Extraction (default: the shared worker thread's, see extraction-runner.ts). */
  extract?: (input: ArticleInput) => ExtractionResult | Promise<ExtractionResult>;
  /** Where pages are read and articles extracted off the event loop (default: the shared runner). */
  reader?: DocumentReader;
  http?: Partial<HttpPolicy>;
  /** Waits between retries (tests pass one that does not sleep). */
  sleep?: (ms: number) => Promise<void>;
  /** Poll every source even if its `interval` has not passed since its last success. */
  force?: boolean;
  /** Items read from one feed per poll (`SOURCES_MAX_ITEMS`); `DEFAULT_MAX_FEED_ITEMS` by default. */
  maxFeedItems?: number;
  /**
   * Shared across polls so overlapping ticks neither start a running source again nor exceed the
   * concurrency bound. Default: a guard of `concurrency` for this poll alone.
   */
  guard?: PollGuard;
  /** Sources read at once when no `guard` is given (`SOURCES_CONCURRENCY`). */
  concurrency?: number;
  /** Waits after consecutive failures; {@link DEFAULT_BACKOFF} by default. */
  backoff?: BackoffPolicy;
}

/** How long a failing source rests: `baseMs` after one failure, doubling each time, at most `maxMs`. */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/** 30 min, 1 h, 2 h, … 24 h: with hourly ticks the first two failures are retried at the next tick. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 30 * 60_000, maxMs: 24 * 3_600_000 };

/**
 * A source whose retry time is this close is polled: a tick's sources start a moment after the
 * tick, so a retry due at 11:00:00.4 belongs to the 11:00 tick, not the next one.
 */
const BACKOFF_GRACE_MS = 60_000;

/** The wait after `failures` failures in a row (1 or more). */
export function backoffDelay(failures: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, failures - 1));
}

/**
 * How one source fared: `ok` (read; see `documents`), `unchanged` (HTTP 304), `skipped` (its
 * interval has not passed), `running` (still being read by an earlier poll), `backoff` (resting
 * after failures until `retryAt`) or `failed` (could not be read at all; see `errors`).
 */
export interface SourcePollReport {
  name: string;
  kind: SourceKind;
  location: string;
  status: "ok" | "unchanged" | "skipped" | "running" | "backoff" | "failed";
  /** Documents new or changed, ingested now. */
  documents: number;
  /** Facts stored for the first time. */
  added: number;
  /** Known facts these documents now also cite. */
  merged: number;
  /** Readable problems: the source's failure, or items and files that could not be used. */
  errors: string[];
  /** When failing or backing off: polls failed in a row and the earliest next attempt. */
  failuresInARow?: number;
  retryAt?: string;
}

/** What one poll did. `ok` is false when any source recorded any error. */
export interface PollReport {
  startedAt: string;
  sources: SourcePollReport[];
  ok: boolean;
}

/** Longest error text kept in `source_state.last_error`; enough for several readable lines. */
const MAX_ERROR_CHARS = 1_000;

interface Context {
  options: PollSourcesOptions;
  /** The HTTP policy for this source: the configured one with the source's own deadlines. */
  http: Partial<HttpPolicy> | undefined;
  now: Date;
  at: string;
  extract: (input: ArticleInput) => Promise<ExtractionResult>;
  readPage: (html: string, url: string) => Promise<PageArticle>;
}

/** What reading a source offered before ingestion. */
type Offer =
  | { status: "not-modified" }
  | {
      status: "ok";
      documents: CandidateDocument[];
      /** Items or files that cannot be used, whatever we retry (e.g. an item without a link). */
      rejected: SourceError[];
      validators: Validators | undefined;
    };

/**
 * Polls every source once, concurrently within the guard's bound, and records each one's outcome.
 * Reports come in the sources' order. Never throws for a source.
 */
export async function pollSources(options: PollSourcesOptions): Promise<PollReport> {
  const clock = options.now ?? (() => new Date());
  const startedAt = nowIso(clock());
  const guard = options.guard ?? createPollGuard(options.concurrency);
  const reports = await Promise.all(
    options.sources.map(
      (source) =>
        guard.run(source.name, () => pollLogged(source, options, clock())) ??
        Promise.resolve(runningReport(source, options.logger)),
    ),
  );
  return { startedAt, sources: reports, ok: reports.every((r) => r.errors.length === 0) };
}

async function pollLogged(
  source: SourceDefinition,
  options: PollSourcesOptions,
  now: Date,
): Promise<SourcePollReport> {
  const reader = options.reader ?? sharedExtractionRunner();
  const extract = options.extract;
  const ctx: Context = {
    options,
    http: httpFor(source, options.http),
    now,
    at: nowIso(now),
    extract: extract ? async (input) => extract(input) : (input) => reader.extract(input),
    readPage: (html, url) => reader.readPage(html, url),
  };
  const report = await pollOne(source, ctx);
  const log = {
    source: source.name,
    status: report.status,
    documents: report.documents,
    added: report.added,
    ...(report.retryAt ? { retryAt: report.retryAt } : {}),
  };
  if (report.errors.length > 0)
    options.logger.warn({ ...log, errors: report.errors }, "source poll had errors");
  else options.logger.info(log, "source polled");
  return report;
}

/** The report of a source left alone because an earlier poll is still reading it. */
function runningReport(source: SourceDefinition, logger: Logger): SourcePollReport {
  logger.warn({ source: source.name }, "source still being read by an earlier poll; not started again");
  return {
    name: source.name,
    kind: source.kind,
    location: sourceLocation(source),
    status: "running",
    documents: 0,
    added: 0,
    merged: 0,
    errors: [],
  };
}

/** The configured HTTP policy with the source's own deadlines on top. */
function httpFor(
  source: SourceDefinition,
  http: Partial<HttpPolicy> | undefined,
): Partial<HttpPolicy> | undefined {
  const t = source.kind === "folder" ? undefined : source.timeouts;
  if (!t) return http;
  return {
    ...http,
    ...(t.connectMs !== undefined ? { connectTimeoutMs: t.connectMs } : {}),
    ...(t.firstByteMs !== undefined ? { firstByteTimeoutMs: t.firstByteMs } : {}),
    ...(t.totalMs !== undefined ? { timeoutMs: t.totalMs } : {}),
  };
}

async function pollOne(source: SourceDefinition, ctx: Context): Promise<SourcePollReport> {
  const { db } = ctx.options;
  const report: SourcePollReport = {
    name: source.name,
    kind: source.kind,
    location: sourceLocation(source),
    status: "ok",
    documents: 0,
    added: 0,
    merged: 0,
    errors: [],
  };
  let previous: SourceState | undefined;
  try {
    previous = await readSourceState(db, source.name);
  } catch (error) {
    report.status = "failed";
    report.errors.push(`cannot read the source's state: ${messageOf(error)}`);
    return report;
  }
  if (isTooSoon(source, previous, ctx)) {
    report.status = "skipped";
    return report;
  }
  if (previous?.nextAttemptAt && isBackingOff(previous.nextAttemptAt, ctx)) {
    report.status = "backoff";
    report.failuresInARow = previous.consecutiveFailures;
    report.retryAt = previous.nextAttemptAt;
    return report;
  }
  const state: SourceState = {
    ...(previous ?? emptyState(source.name)),
    kind: source.kind,
    location: report.location,
    lastAttemptAt: ctx.at,
  };

  try {
    const offer = await readSource(source, previous, ctx);
    if (offer.status === "not-modified") {
      report.status = "unchanged";
    } else {
      const retryLater: string[] = [];
      for (const document of offer.documents) {
        try {
          const outcome = await ingestDocument(source, document, ctx);
          if (outcome) {
            report.documents += 1;
            report.added += outcome.added;
            report.merged += outcome.merged;
          }
        } catch (error) {
          retryLater.push(`${document.key}: ${messageOf(error)}`);
        }
      }
      report.errors.push(...offer.rejected.map((e) => e.message), ...retryLater);
      // Keep the old validators when a document must be retried: a 304 next time would hide it.
      if (offer.validators && retryLater.length === 0) {
        state.etag = offer.validators.etag;
        state.lastModified = offer.validators.lastModified;
      }
    }
    state.lastSuccessAt = ctx.at;
  } catch (error) {
    report.status = "failed";
    report.errors.push(messageOf(error));
  }
  state.documents += report.documents;
  state.figures += report.added;
  if (report.errors.length > 0) {
    state.lastError = summariseErrors(report.errors);
    state.lastErrorAt = ctx.at;
  }
  // Only a source that could not be read at all backs off; one with a bad item was still read.
  if (report.status === "failed") {
    state.consecutiveFailures += 1;
    const delay = backoffDelay(state.consecutiveFailures, ctx.options.backoff);
    state.nextAttemptAt = nowIso(new Date(ctx.now.getTime() + delay));
    report.failuresInARow = state.consecutiveFailures;
    report.retryAt = state.nextAttemptAt;
  } else {
    state.consecutiveFailures = 0;
    state.nextAttemptAt = null;
  }
  try {
    await writeSourceState(db, state);
  } catch (error) {
    report.errors.push(`cannot record the source's state: ${messageOf(error)}`);
  }
  return report;
}

function isTooSoon(source: SourceDefinition, previous: SourceState | undefined, ctx: Context): boolean {
  if (ctx.options.force || !source.intervalMs || !previous?.lastSuccessAt) return false;
  return ctx.now.getTime() - Date.parse(previous.lastSuccessAt) < source.intervalMs;
}

function isBackingOff(nextAttemptAt: string, ctx: Context): boolean {
  if (ctx.options.force) return false;
  const due = Date.parse(nextAttemptAt);
  // An unreadable time (a hand-edited row) must not park the source forever.
  return Number.isFinite(due) && ctx.now.getTime() < due - BACKOFF_GRACE_MS;
}

function emptyState(name: string): SourceState {
  return {
    name,
    kind: "",
    location: "",
    etag: null,
    lastModified: null,
    lastAttemptAt: null,
    lastSuccessAt: null,
    lastError: null,
    lastErrorAt: null,
    documents: 0,
    figures: 0,
    consecutiveFailures: 0,
    nextAttemptAt: null,
  };
}

async function readSource(
  source: SourceDefinition,
  previous: SourceState | undefined,
  ctx: Context,
): Promise<Offer> {
  if (source.kind === "folder") {
    const scan = await scanFolder(source.path, source.publisher, ctx.readPage);
    return { status: "ok", documents: scan.documents, rejected: scan.errors, validators: undefined };
  }
  const fetched = await fetchDocument(source.url, {
    expect: source.kind === "page" ? "html" : "feed",
    validators: previous ? { etag: previous.etag, lastModified: previous.lastModified } : undefined,
    policy: ctx.http,
    fetch: ctx.options.fetch,
    sleep: ctx.options.sleep,
  });
  if (fetched.status === "not-modified") return fetched;

  if (source.kind === "page") {
    const page = await ctx.readPage(fetched.body, fetched.url);
    const publisher = source.publisher ?? page.siteName ?? undefined;
    const input: ArticleInput = {
      text: page.text,
      fileName: source.name,
      hints: {
        url: fetched.url,
        ...(page.title ? { title: page.title } : {}),
        ...(page.published ? { published: page.published } : {}),
        ...(publisher ? { publisher } : {}),
      },
    };
    return {
      status: "ok",
      documents: [{ key: source.url, input }],
      rejected: [],
      validators: fetched.validators,
    };
  }

  const feed = parseFeed(fetched.body, fetched.url, ctx.options.maxFeedItems);
  const publisher = source.publisher ?? feed.title ?? undefined;
  const documents: CandidateDocument[] = [];
  const rejected: SourceError[] = [];
  for (const entry of feed.entries) {
    if (!entry.ok) {
      rejected.push(entry.error);
      continue;
    }
    const { item } = entry;
    documents.push({
      key: item.link,
      input: {
        text: item.text,
        fileName: item.title ?? item.link,
        hints: {
          url: item.link,
          ...(item.title ? { title: item.title } : {}),
          ...(item.published ? { published: item.published } : {}),
          ...(publisher ? { publisher } : {}),
        },
      },
    });
  }
  return { status: "ok", documents, rejected, validators: fetched.validators };
}

/**
 * Ingests one document unless its URL already holds this content. A feed item that carries only
 * a summary is read from its linked page instead (once: a seen summary-only item is not re-fetched,
 * since the feed gives no sign that the page changed). Null when nothing was new.
 */
async function ingestDocument(
  source: SourceDefinition,
  document: CandidateDocument,
  ctx: Context,
): Promise<{ added: number; merged: number } | null> {
  const { db, facts } = ctx.options;
  const previousHash = await seenHash(db, document.key);
  let input = document.input;
  const isFeedItem = source.kind !== "page" && source.kind !== "folder";
  if (isFeedItem && input.text.length < MIN_ARTICLE_CHARS) {
    if (previousHash !== undefined) return null;
    input = await readLinkedArticle(document, ctx);
  }
  const hash = contentHash(input.text);
  if (hash === previousHash) return null;
  const outcome = await facts.ingest(await ctx.extract(input), { now: ctx.now });
  await recordDocument(db, { url: document.key, sourceName: source.name, hash, at: ctx.at });
  return { added: outcome.added.length, merged: outcome.merged.length };
}

/** The article a summary-only feed item links to, keeping the feed's title, date and link. */
async function readLinkedArticle(document: CandidateDocument, ctx: Context): Promise<ArticleInput> {
  const fetched = await fetchDocument(document.key, {
    expect: "html",
    policy: ctx.http,
    fetch: ctx.options.fetch,
    sleep: ctx.options.sleep,
  });
  if (fetched.status === "not-modified")
    throw new SourceError(`${document.key}: unexpected 304`, "http-status");
  const page = await ctx.readPage(fetched.body, fetched.url);
  const hints = document.input.hints ?? {};
  return {
    ...document.input,
    text: page.text,
    hints: {
      ...hints,
      ...(hints.title ? {} : page.title ? { title: page.title } : {}),
      ...(hints.published ? {} : page.published ? { published: page.published } : {}),
    },
  };
}

function summariseErrors(errors: readonly string[]): string {
  const shown = errors.slice(0, 3).join("; ");
  const more = errors.length > 3 ? ` (+${errors.length - 3} more)` : "";
  const text = shown + more;
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS - 1)}…` : text;
}
