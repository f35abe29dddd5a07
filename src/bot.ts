/**
 * The bot without its platforms: store, index, commands and the one `handle` every adapter
 * calls. `main.ts` adds adapters and schedules around it; tests and the CLI use it as is.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { COMMANDS, DEFAULT_COMMAND } from "../commands/index.js";
import type { BotServices } from "../commands/services.js";
import type { InvocationHandler } from "./core/adapter.js";
import { createRegistry, type Registry } from "./core/command.js";
import type { Config } from "./core/config.js";
import { dispatch, failureReply } from "./core/dispatch.js";
import { StoreUnavailableError } from "./core/errors.js";
import type { Logger } from "./core/logger.js";
import { packageRoot } from "./core/package-root.js";
import { DEFAULT_DIGEST_CONFIG, DigestService } from "./digest/service.js";
import { BUNDLED_DATA_DIR } from "./facts/reference.js";
import { FactService } from "./facts/service.js";
import type { ArticleInput } from "./ingest/types.js";
import { EXTRACTOR_VERSION } from "./ingest/version.js";
import type { SourceDefinition } from "./sources/config.js";
import { createExtractionRunner, type ExtractionRunner } from "./sources/extraction-runner.js";
import { watchedSources } from "./sources/status.js";
import { type BundledIngestReport, ingestBundledArticles } from "./store/bundled.js";
import { type HealthMonitor, type StoreHealth, startHealthMonitor } from "./store/health.js";
import { type OpenedStore, openStore, storeConfigFrom } from "./store/open-store.js";
import { formatReextractReport, type ReextractReport, reextractAll } from "./store/reextract.js";

/** The bot's version, from package.json. */
export const VERSION: string = (
  JSON.parse(readFileSync(path.join(packageRoot(import.meta.url), "package.json"), "utf8")) as {
    version: string;
  }
).version;

/** Where the bundled articles live. */
export const BUNDLED_ARTICLES_DIR = path.join(BUNDLED_DATA_DIR, "articles");

export interface Bot {
  store: OpenedStore;
  facts: FactService;
  services: BotServices;
  registry: Registry<BotServices>;
  /** Answers one invocation; never throws. Counts in-flight work for a clean shutdown. */
  handle: InvocationHandler;
  /** What the start-up ingest of bundled articles did. */
  bundled: BundledIngestReport | undefined;
  /** What re-reading documents an older extractor read did at start-up. */
  reextracted: ReextractReport | undefined;
  /** True until `close()` begins. */
  isOpen(): boolean;
  /** What `/healthz` reports: open and the store answering a bounded ping. */
  health(): StoreHealth;
  /** Waits for in-flight answers, then closes the store. */
  close(): Promise<void>;
}

export interface CreateBotOptions {
  config: Pick<Config, "dataDir" | "databaseUrl" | "databaseSsl"> & Partial<Config>;
  logger: Logger;
  /** PostgreSQL schema, for tests. */
  schema?: string;
  /** Ingest `data/articles` on an empty store or when a bundled file is new (default true). */
  ingestBundled?: boolean;
  /** Re-read stored documents an older extractor read (default true). */
  reextract?: boolean;
  now?: () => Date;
  /** The watched sources (from SOURCES_FILE), for `/gd sources` to report on. */
  sources?: readonly SourceDefinition[];
  /** How often `/healthz`'s store ping runs (default 5 s). */
  healthIntervalMs?: number;
  /** Where start-up ingest extracts (default: a worker thread of its own, closed with the bot). */
  runner?: ExtractionRunner;
}

/** How long the health ping waits for the store before calling it down. */
const HEALTH_PING_TIMEOUT_MS = 2_000;

/** Opens the store, ingests bundled articles when needed, and wires the commands. */
export async function createBot(options: CreateBotOptions): Promise<Bot> {
  const { logger } = options;
  const now = options.now ?? (() => new Date());
  const store = await openStore({
    ...storeConfigFrom(options.config as Config, logger),
    ...(options.schema ? { schema: options.schema } : {}),
  });
  let bundled: BundledIngestReport | undefined;
  let reextracted: ReextractReport | undefined;
  // A read-only store is answered from as it is: nothing at start-up may write to it.
  const writable = store.readOnly === undefined;
  // Start-up ingest runs off the event loop too, so a slow article cannot stall the adapters.
  const runner = options.runner ?? createExtractionRunner();
  const extractArticle = (input: ArticleInput) => runner.extract(input);
  try {
    if (options.ingestBundled !== false && writable) {
      bundled = await ingestBundledArticles(store, extractArticle, BUNDLED_ARTICLES_DIR, { now: now() });
      for (const { file, outcome } of bundled.stored) {
        logger.info(
          { file, added: outcome.added.length, merged: outcome.merged.length },
          "bundled article ingested",
        );
      }
      for (const { file, error } of bundled.failed)
        logger.warn({ file, err: error }, "bundled article failed");
    }
    if (options.reextract !== false && writable) {
      reextracted = await reextractAll(store, extractArticle, { version: EXTRACTOR_VERSION, now: now() });
      logReextract(logger, reextracted);
    }
  } catch (error) {
    await store.close();
    if (!options.runner) await runner.close();
    throw error;
  }
  // Its work is done; a later start-up pass would start a new worker.
  if (!options.runner) await runner.close();
  const facts = await FactService.open(store);
  const digest = new DigestService(store.db, facts, options.config.digest ?? DEFAULT_DIGEST_CONFIG);
  const services: BotServices = {
    facts,
    digest,
    version: VERSION,
    watchedSources: watchedSources(store.db, options.sources ?? []),
  };
  const registry = createRegistry(COMMANDS);

  const monitor: HealthMonitor = startHealthMonitor(store.db, {
    intervalMs: options.healthIntervalMs ?? 5_000,
    timeoutMs: HEALTH_PING_TIMEOUT_MS,
  });
  let open = true;
  const inFlight = new Set<Promise<unknown>>();
  const handle: InvocationHandler = (invocation) => {
    const work = facts.ensureFresh().then(
      () => dispatch(invocation, { registry, services, logger, defaultCommand: DEFAULT_COMMAND, now }),
      (error: unknown) => {
        // The index may lag a retraction we could not see: say so rather than answer from it.
        if (error instanceof StoreUnavailableError) {
          return failureReply(error, logger, { command: invocation.command ?? "?", invocation });
        }
        logger.warn({ err: error }, "could not check the store for changes");
        return dispatch(invocation, { registry, services, logger, defaultCommand: DEFAULT_COMMAND, now });
      },
    );
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
    return work;
  };

  return {
    store,
    facts,
    services,
    registry,
    handle,
    bundled,
    reextracted,
    isOpen: () => open,
    health: () => (open ? monitor.current() : { ok: false, reason: "the bot is shutting down" }),
    async close() {
      open = false;
      monitor.stop();
      await Promise.allSettled([...inFlight]);
      await store.close();
    },
  };
}

/** Start-up re-reading, in the log: quiet when nothing was due, the ids when something changed. */
function logReextract(logger: Logger, report: ReextractReport): void {
  for (const { hash, title, error } of report.failed) {
    logger.warn({ source: hash, title, err: error }, "re-reading a document with the new extractor failed");
  }
  if (report.reread === 0 && report.failed.length === 0) return;
  logger.info(
    {
      version: report.version,
      reread: report.reread,
      withoutText: report.withoutText.length,
      added: report.added,
      removed: report.removed,
      corrected: report.corrected,
    },
    formatReextractReport(report),
  );
}
