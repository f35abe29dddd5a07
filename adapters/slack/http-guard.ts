/**
 * The gate in front of Bolt's HTTP receiver (HTTP mode). Bolt reads the whole body before it
 * looks at anything and accepts a timestamp from the future; this gate answers first:
 *
 * - a body over {@link SLACK_MAX_BODY_BYTES} gets 413 at once, from its Content-Length before a
 *   byte is read, or as soon as the streamed body passes the limit (the rest is never read);
 * - a timestamp more than five minutes from now, either way, or a bad signature gets 401;
 * - a request already answered (a replay of the same signed bytes, or a Slack retry of an event
 *   by its `event_id`) gets 200 and nothing else. The claim lives in the store, so every
 *   instance behind a load balancer sees it.
 *
 * What passes is handed to Bolt with its body already read, so Bolt verifies and routes as usual.
 *
 * @see https://docs.slack.dev/authentication/verifying-requests-from-slack
 * @see https://docs.slack.dev/apis/events-api/#retries
 */
import type http from "node:http";
import { verifySlackRequest } from "@slack/bolt";
import { z } from "zod";
import type { Logger } from "../../src/core/logger.js";

/** The largest request body read. Slack's payloads are a few kilobytes; a button click carrying its message stays far under. */
export const SLACK_MAX_BODY_BYTES = 1024 * 1024;
/** How far a request's timestamp may be from our clock, in the past or in the future. */
export const SLACK_TIMESTAMP_TOLERANCE_S = 5 * 60;
/**
 * How long a request's claim is kept. A replay can only pass the timestamp check for ten minutes
 * (five either side of now), and Slack's last event retry comes about five minutes after the first.
 */
export const REQUEST_CLAIM_TTL_MS = 15 * 60_000;
/** How long a client may take to send its body before it gets 408. */
const BODY_DEADLINE_MS = 10_000;

/**
 * Claims `key` for `ttlMs`: true the first time, false while an earlier claim lives. The
 * composition root backs it with the store (see `src/store/request-claims.ts`).
 */
export type ClaimRequest = (key: string, ttlMs: number) => Promise<boolean>;

export interface SlackRequestGuard {
  signingSecret: string;
  claim: ClaimRequest;
  logger: Logger;
  maxBodyBytes?: number;
  /** The clock in milliseconds, for tests of the timestamp window. */
  now?: () => number;
}

/** Just what the dedupe key needs from an Events API body. */
const EventEnvelopeSchema = z.object({ event_id: z.string().min(1) });

/**
 * Reads, checks and deduplicates one POST to the events path. Resolves to the body when Bolt
 * should handle the request, or null when this gate has already answered it.
 */
export async function admitSlackRequest(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  guard: SlackRequestGuard,
): Promise<Buffer | null> {
  const limit = guard.maxBodyBytes ?? SLACK_MAX_BODY_BYTES;
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) {
    guard.logger.warn({ declared, limit }, "slack request refused: body over the limit (content-length)");
    refuse(res, 413, "Request body too large");
    return null;
  }
  const body = await readBody(req, limit);
  if (body === "too-large") {
    guard.logger.warn({ limit }, "slack request refused: body over the limit (streamed)");
    refuse(res, 413, "Request body too large");
    return null;
  }
  if (body === "timeout") {
    refuse(res, 408, "Request body not received in time");
    return null;
  }
  if (body === "aborted") return null;

  const text = body.toString("utf8");
  if (isSslCheck(req, text)) return body; // unsigned by design; Bolt answers it and drops the rest

  const signature = header(req, "x-slack-signature");
  const timestamp = Number(header(req, "x-slack-request-timestamp"));
  const nowS = Math.floor((guard.now ?? Date.now)() / 1000);
  if (!signature || !Number.isInteger(timestamp)) {
    guard.logger.warn("slack request refused: no signature or timestamp");
    refuse(res, 401, "Unsigned request");
    return null;
  }
  if (Math.abs(nowS - timestamp) > SLACK_TIMESTAMP_TOLERANCE_S) {
    guard.logger.warn(
      { skewSeconds: timestamp - nowS },
      "slack request refused: timestamp more than 5 minutes from now",
    );
    refuse(res, 401, "Request timestamp out of range");
    return null;
  }
  try {
    verifySlackRequest({
      signingSecret: guard.signingSecret,
      body: text,
      headers: { "x-slack-signature": signature, "x-slack-request-timestamp": timestamp },
      nowMilliseconds: nowS * 1000,
    });
  } catch {
    guard.logger.warn("slack request refused: signature mismatch");
    refuse(res, 401, "Bad signature");
    return null;
  }

  const key = dedupeKey(req, text, signature);
  let first = true;
  try {
    first = await guard.claim(key, REQUEST_CLAIM_TTL_MS);
  } catch (error) {
    // Answering twice is better than never: without the store the request is answered unchecked.
    guard.logger.error({ err: error }, "could not record the slack request; answering it unchecked");
  }
  if (!first) {
    guard.logger.info(
      { retryNum: header(req, "x-slack-retry-num"), retryReason: header(req, "x-slack-retry-reason") },
      "slack request already answered; acknowledged again, not answered",
    );
    res.writeHead(200, { "x-slack-no-retry": "1" });
    res.end();
    return null;
  }
  return body;
}

/**
 * What makes two deliveries the same request: an event's `event_id` (Slack retries resend it,
 * freshly signed), else the signature itself, which covers the timestamp and the exact bytes.
 */
export function dedupeKey(req: http.IncomingMessage, text: string, signature: string): string {
  if (isJson(req)) {
    try {
      const envelope = EventEnvelopeSchema.safeParse(JSON.parse(text));
      if (envelope.success) return `slack:event:${envelope.data.event_id}`;
    } catch {
      // Not JSON after all; Bolt will answer 400. The signature still names it.
    }
  }
  return `slack:sig:${signature}`;
}

type BodyOutcome = Buffer | "too-large" | "timeout" | "aborted";

/** Reads the body, stopping as soon as it passes `limit` bytes (nothing after that is read). */
function readBody(req: http.IncomingMessage, limit: number): Promise<BodyOutcome> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const timer = setTimeout(() => finish("timeout"), BODY_DEADLINE_MS);
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) return finish("too-large");
      chunks.push(chunk);
    };
    const onEnd = () => finish(Buffer.concat(chunks));
    const onAbort = () => finish("aborted");
    function finish(outcome: BodyOutcome) {
      clearTimeout(timer);
      req.off("data", onData).off("end", onEnd).off("error", onAbort).off("aborted", onAbort);
      if (typeof outcome === "string") req.pause();
      resolve(outcome);
    }
    req.on("data", onData).on("end", onEnd).on("error", onAbort).on("aborted", onAbort);
  });
}

/**
 * Answers and closes the connection (`connection: close`), so a client still sending learns at
 * once and Node drops the connection instead of reading the rest of the body.
 */
function refuse(res: http.ServerResponse, status: number, text: string): void {
  if (res.headersSent) return;
  res.writeHead(status, { connection: "close", "content-type": "text/plain; charset=utf-8" });
  res.end(`${text}\n`);
}

function isJson(req: http.IncomingMessage): boolean {
  return (header(req, "content-type") ?? "").split(";")[0]?.trim().toLowerCase() === "application/json";
}

function isSslCheck(req: http.IncomingMessage, text: string): boolean {
  const type = (header(req, "content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  return type === "application/x-www-form-urlencoded" && new URLSearchParams(text).get("ssl_check") === "1";
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
