/**
 * Runs extraction and page reading in a worker thread, so that no chat command waits on them:
 * the bot's event loop only posts a document and awaits the reply. One worker serves requests
 * one at a time; each has a time budget, and a request that overruns it has its worker
 * terminated (the only way to stop a busy thread) and fails with a clear error, and the next
 * request gets a fresh worker. Works under tsx (tests, `npm start`) and compiled to JavaScript:
 * the worker file is found beside this module, with this module's own extension.
 */

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, extname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { z } from "zod";
import type { ArticleInput, ExtractionResult } from "../ingest/types.js";
import { SourceError } from "./errors.js";
import { type WorkerReply, WorkerReplySchema, type WorkerRequest } from "./extraction-protocol.js";
import type { PageArticle } from "./html.js";

/** What ingest needs done off the event loop. */
export interface DocumentReader {
  extract(input: ArticleInput): Promise<ExtractionResult>;
  readPage(html: string, url: string): Promise<PageArticle>;
}

export interface ExtractionRunner extends DocumentReader {
  /** Stops the worker; requests after this fail. */
  close(): Promise<void>;
}

/** Time one document may take, extraction or page reading, before it is given up (README "Limits"). */
export const DEFAULT_BUDGET_MS = 60_000;

export interface ExtractionRunnerOptions {
  budgetMs?: number;
}

type Job = {
  request: WorkerRequest;
  label: string;
  resolve: (reply: WorkerReply) => void;
  reject: (error: Error) => void;
};

const ReadySchema = z.object({ ready: z.literal(true) });

const here = fileURLToPath(import.meta.url);
const WORKER_URL = new URL(`./extraction-worker${extname(here)}`, import.meta.url);

/**
 * A new worker thread running the worker file. Under tsx the thread must load TypeScript too,
 * and loader flags in `execArgv` do not reach worker threads on every Node version, so a
 * two-line bootstrap imports the file through tsx's own API; compiled JavaScript needs nothing.
 */
function startWorker(): Worker {
  if (extname(here) !== ".ts") return new Worker(WORKER_URL);
  const api = pathToFileURL(tsxEsmApi()).href;
  const bootstrap = `import(${JSON.stringify(api)}).then((m) => m.tsImport(${JSON.stringify(WORKER_URL.href)}, ${JSON.stringify(WORKER_URL.href)}));`;
  return new Worker(bootstrap, { eval: true });
}

/** The ES-module entry of tsx's API, as tsx's package.json names it. */
function tsxEsmApi(): string {
  const manifestPath = createRequire(import.meta.url).resolve("tsx/package.json");
  const manifest = TsxManifestSchema.parse(JSON.parse(readFileSync(manifestPath, "utf8")));
  return join(dirname(manifestPath), manifest.exports["./esm/api"].import.default);
}

const TsxManifestSchema = z.object({
  exports: z.object({ "./esm/api": z.object({ import: z.object({ default: z.string() }) }) }),
});

/** Starts the runner; the worker itself starts with the first request. */
export function createExtractionRunner(options: ExtractionRunnerOptions = {}): ExtractionRunner {
  const budgetMs = options.budgetMs ?? DEFAULT_BUDGET_MS;
  const queue: Job[] = [];
  let worker: Worker | undefined;
  let running: Job | undefined;
  let timer: NodeJS.Timeout | undefined;
  let nextId = 1;
  let closed = false;
  let ready = false;

  const finish = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    running = undefined;
    // An idle worker must not keep the process alive (a CLI run exits when its work is done).
    worker?.unref();
    pump();
  };

  const discardWorker = (): void => {
    const old = worker;
    worker = undefined;
    if (old) {
      old.removeAllListeners();
      void old.terminate();
    }
  };

  const failRunning = (error: Error): void => {
    const job = running;
    discardWorker();
    if (job) job.reject(error);
    finish();
  };

  const spawn = (): Worker => {
    const w = startWorker();
    w.on("message", (message: unknown) => {
      // The budget starts when the worker has loaded, not while tsx compiles it.
      if (ReadySchema.safeParse(message).success) {
        ready = true;
        if (running) dispatch(running);
        return;
      }
      const job = running;
      if (!job) return;
      const parsed = WorkerReplySchema.safeParse(message);
      if (!parsed.success || parsed.data.id !== job.request.id) {
        failRunning(new SourceError(`${job.label}: the extraction worker sent a malformed reply`, "ingest"));
        return;
      }
      job.resolve(parsed.data);
      finish();
    });
    w.on("error", (error) => {
      const label = running?.label ?? "extraction worker";
      failRunning(new SourceError(`${label}: the extraction worker failed (${error.message})`, "ingest"));
    });
    w.on("exit", (code) => {
      if (worker !== w) return;
      worker = undefined;
      if (running)
        failRunning(
          new SourceError(`${running.label}: the extraction worker stopped (exit ${code})`, "ingest"),
        );
    });
    return w;
  };

  const pump = (): void => {
    if (running || closed) return;
    const job = queue.shift();
    if (!job) return;
    running = job;
    if (!worker) {
      ready = false;
      worker = spawn();
    }
    worker.ref();
    if (ready) dispatch(job);
  };

  const dispatch = (job: Job): void => {
    timer = setTimeout(() => {
      failRunning(
        new SourceError(
          `${job.label}: given up after ${(budgetMs / 1000).toLocaleString("en-US")} s (the per-document time budget); the document is too costly to read and was skipped`,
          "ingest",
        ),
      );
    }, budgetMs);
    worker?.postMessage(job.request);
  };

  const submit = (request: WorkerRequest, label: string): Promise<WorkerReply> =>
    new Promise((resolve, reject) => {
      if (closed) {
        reject(new SourceError(`${label}: the extraction runner is closed`, "ingest"));
        return;
      }
      queue.push({ request, label, resolve, reject });
      pump();
    });

  const failure = (reply: WorkerReply & { ok: false }): Error =>
    new SourceError(reply.error.message, reply.error.failure ?? "ingest");

  return {
    async extract(input) {
      const label = input.hints?.url ?? input.fileName ?? "document";
      const reply = await submit({ id: nextId++, task: "extract", input }, label);
      if (!reply.ok) throw failure(reply);
      if (reply.task !== "extract") throw new SourceError(`${label}: unexpected reply`, "ingest");
      return reply.result;
    },
    async readPage(html, url) {
      const reply = await submit({ id: nextId++, task: "page", html, url }, url);
      if (!reply.ok) throw failure(reply);
      if (reply.task !== "page") throw new SourceError(`${url}: unexpected reply`, "ingest");
      return reply.page;
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0))
        job.reject(new SourceError(`${job.label}: the extraction runner is closed`, "ingest"));
      const w = worker;
      worker = undefined;
      if (running) {
        running.reject(new SourceError(`${running.label}: the extraction runner is closed`, "ingest"));
        if (timer) clearTimeout(timer);
        running = undefined;
      }
      if (w) {
        w.removeAllListeners();
        await w.terminate();
      }
    },
  };
}

let shared: ExtractionRunner | undefined;

/** One runner for the whole process, started on first use; its idle worker never holds the process open. */
export function sharedExtractionRunner(): ExtractionRunner {
  shared ??= createExtractionRunner();
  return shared;
}
