/**
 * The worker thread of {@link createExtractionRunner}: reads pages and extracts articles, one
 * request at a time, so the bot's event loop never runs the CPU-heavy part of ingest. Every
 * request and reply crosses the thread boundary through the zod schemas in
 * `extraction-protocol.ts`.
 */
import { parentPort } from "node:worker_threads";
import { extractArticle } from "../ingest/extract.js";
import { SourceError } from "./errors.js";
import { type WorkerReply, WorkerRequestSchema } from "./extraction-protocol.js";
import { htmlToArticle } from "./html.js";

const port = parentPort;
if (!port) throw new Error("extraction-worker.ts runs only as a worker thread");

port.on("message", (message: unknown) => {
  const parsed = WorkerRequestSchema.safeParse(message);
  if (!parsed.success) {
    const id = typeof (message as { id?: unknown })?.id === "number" ? (message as { id: number }).id : -1;
    port.postMessage({ id, ok: false, error: { message: "malformed request to the extraction worker" } });
    return;
  }
  const request = parsed.data;
  let reply: WorkerReply;
  try {
    reply =
      request.task === "extract"
        ? { id: request.id, ok: true, task: "extract", result: extractArticle(request.input) }
        : { id: request.id, ok: true, task: "page", page: htmlToArticle(request.html, request.url) };
  } catch (error) {
    reply = {
      id: request.id,
      ok: false,
      error: {
        message: error instanceof Error ? error.message : String(error),
        ...(error instanceof SourceError ? { failure: error.failure } : {}),
      },
    };
  }
  port.postMessage(reply);
});

port.postMessage({ ready: true });
