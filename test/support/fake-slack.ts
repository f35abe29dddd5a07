/**
 * A fake Slack for end-to-end tests, on 127.0.0.1 port 0: the Web API methods the bot calls
 * (recording every call), a `response_url` target, and a Socket Mode WebSocket server. It can
 * answer a method with an error once (e.g. `ratelimited` with a `Retry-After` header) to test
 * retries. Helpers build and sign the requests Slack would send to the bot.
 *
 * Protocol notes (what Bolt sends and needs): `shared/docs/offline-platform-testing.md`.
 */
import { createHmac, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import type { InvocationHandler } from "../../src/core/adapter.js";
import type { Invocation } from "../../src/core/invocation.js";
import type { Reply } from "../../src/core/reply.js";

export const FAKE_TEAM_ID = "T0000TEAM";
export const FAKE_BOT_USER_ID = "U0000BOT";
export const FAKE_BOT_ID = "B0000BOT";
export const FAKE_APP_ID = "A0000APP";

/** One Web API call as the fake received it. */
export interface ApiCall {
  method: string;
  /** Form or JSON fields; Block Kit and metadata arrive as JSON strings in form bodies. */
  body: Record<string, unknown>;
  authorization: string | undefined;
}

/** One POST to a response_url. */
export interface ResponseCall {
  path: string;
  body: Record<string, unknown>;
}

/** A file upload as the fake received it: the bytes POSTed to its upload URL, and their metadata. */
export interface UploadedFile {
  fileId: string;
  filename: string;
  /** The length `files.getUploadURLExternal` announced. */
  length: number;
  altText: string | undefined;
  bytes: Buffer;
  /** Set once `files.completeUploadExternal` shared it. */
  completed?: { channelId: string | undefined; threadTs: string | undefined; title: string | undefined };
}

/** A frame the bot sent over the Socket Mode connection. */
export interface SocketFrame {
  envelope_id?: string;
  payload?: unknown;
  [key: string]: unknown;
}

interface Failure {
  error: string;
  status: number;
  retryAfterSeconds: number | undefined;
  remaining: number;
}

interface StoredMessage {
  ts: string;
  text: string;
  thread_ts?: string;
  metadata?: unknown;
}

interface Waiter<T> {
  match: (item: T) => boolean;
  resolve: (item: T) => void;
}

/** A Slack ts ("seconds.micros") as microseconds, exactly (a double would round them). */
function tsMicros(ts: string): bigint {
  const [seconds = "0", fraction = ""] = ts.split(".");
  return BigInt(seconds || "0") * 1_000_000n + BigInt(fraction.padEnd(6, "0").slice(0, 6) || "0");
}

/** Reads a JSON-valued field of a recorded call (form bodies carry JSON as strings). */
export function jsonField(call: ApiCall, field: string): unknown {
  const value = call.body[field];
  return typeof value === "string" ? JSON.parse(value) : value;
}

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponseCall[] = [];
  readonly socketFrames: SocketFrame[] = [];
  /** Files uploaded through files upload v2, in the order their upload URLs were handed out. */
  readonly uploads: UploadedFile[] = [];
  private readonly server = http.createServer((req, res) => void this.onRequest(req, res));
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();
  private readonly failures = new Map<string, Failure[]>();
  private readonly history = new Map<string, StoredMessage[]>();
  private readonly callWaiters: Waiter<ApiCall>[] = [];
  private readonly responseWaiters: Waiter<ResponseCall>[] = [];
  private readonly frameWaiters: Waiter<SocketFrame>[] = [];
  private readonly socketWaiters: Array<() => void> = [];
  /** Microseconds of the last ts handed out; every ts is later than the one before. */
  private lastTsMicros = 0n;
  /**
   * The fake's clock, which message ts follow (as Slack's follow its own). A fixed moment by
   * default; digest tests set it to their injected clock so history searches by time line up.
   */
  clock: () => Date = () => new Date(1_795_311_051_000);
  private fileCounter = 0;
  private readonly completeWaiters: Array<() => void> = [];
  port = 0;

  /** Starts listening on 127.0.0.1 and a free port. */
  async start(): Promise<this> {
    this.server.on("upgrade", (req, socket, head) => {
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws));
    });
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** Base URL for the bot's `slackApiUrl` / `SLACK_API_URL`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** A response_url pointing back at this fake. */
  responseUrl(id = randomUUID()): string {
    return `http://127.0.0.1:${this.port}/response/${FAKE_TEAM_ID}/${id}/fakehook`;
  }

  /**
   * Makes the next `times` calls of `method` fail with Slack error `error`. Rate limits come as
   * HTTP 429 with `Retry-After`, like Slack's; other errors as HTTP 200 with `ok: false`.
   */
  failNext(
    method: string,
    error: string,
    options: { times?: number; retryAfterSeconds?: number } = {},
  ): void {
    const list = this.failures.get(method) ?? [];
    list.push({
      error,
      status: error === "ratelimited" ? 429 : 200,
      retryAfterSeconds: error === "ratelimited" ? (options.retryAfterSeconds ?? 1) : undefined,
      remaining: options.times ?? 1,
    });
    this.failures.set(method, list);
  }

  /** Adds a message from someone else to a channel's history, at the fake's clock. */
  addMessage(channelId: string, text: string): string {
    const message: StoredMessage = { ts: this.nextTs(), text };
    this.history.set(channelId, [message, ...(this.history.get(channelId) ?? [])]);
    return message.ts;
  }

  /** Messages the fake holds for a channel (successful chat.postMessage calls), newest first. */
  messagesIn(channelId: string): ReadonlyArray<{ ts: string; text: string; thread_ts?: string }> {
    return this.history.get(channelId) ?? [];
  }

  /** Recorded calls of one method. */
  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves with the first call (past or future) of `method` that matches. */
  waitForCall(
    method: string,
    match: (call: ApiCall) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<ApiCall> {
    const m = (c: ApiCall) => c.method === method && match(c);
    return this.waitIn(this.calls, this.callWaiters, m, timeoutMs, `a ${method} call`);
  }

  /** Resolves with the first response_url POST (past or future) that matches. */
  waitForResponse(match: (r: ResponseCall) => boolean = () => true, timeoutMs = 5000): Promise<ResponseCall> {
    return this.waitIn(this.responses, this.responseWaiters, match, timeoutMs, "a response_url POST");
  }

  /** Resolves with the first upload shared by `files.completeUploadExternal` (past or future). */
  async waitForUpload(
    match: (upload: UploadedFile) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<UploadedFile> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const done = this.uploads.find((u) => u.completed && match(u));
      if (done) return done;
      if (Date.now() > deadline) throw new Error("fake Slack: timed out waiting for a completed upload");
      await new Promise<void>((resolve) => {
        this.completeWaiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  /** Number of open Socket Mode connections. */
  get openSockets(): number {
    return this.sockets.size;
  }

  /** Resolves once a Socket Mode client is connected (it got `hello`). */
  async waitForSocket(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.sockets.size === 0) {
      if (Date.now() > deadline) throw new Error("no Socket Mode connection");
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /**
   * Sends an envelope to every connected Socket Mode client and resolves with the ack frame
   * that carries its `envelope_id`.
   */
  sendEnvelope(type: string, payload: unknown, timeoutMs = 5000): Promise<SocketFrame> {
    const envelopeId = randomUUID();
    const frame = JSON.stringify({ envelope_id: envelopeId, type, accepts_response_payload: true, payload });
    for (const ws of this.sockets) ws.send(frame);
    return this.waitIn(
      this.socketFrames,
      this.frameWaiters,
      (f) => f.envelope_id === envelopeId,
      timeoutMs,
      `an ack for ${type}`,
    );
  }

  /** Resolves when every Socket Mode connection has closed (gotcha S5: await before `stop()`). */
  waitSocketsClosed(): Promise<void> {
    if (this.sockets.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.socketWaiters.push(resolve));
  }

  /** Stops the server, closing any socket still open. */
  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private waitIn<T>(
    past: T[],
    waiters: Waiter<T>[],
    match: (item: T) => boolean,
    timeoutMs: number,
    what: string,
  ) {
    const found = past.find(match);
    if (found) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(waiter), 1);
        reject(new Error(`fake Slack: timed out waiting for ${what}`));
      }, timeoutMs);
      const waiter: Waiter<T> = {
        match,
        resolve: (item) => {
          clearTimeout(timer);
          resolve(item);
        },
      };
      waiters.push(waiter);
    });
  }

  private notify<T>(waiters: Waiter<T>[], item: T): void {
    for (const waiter of [...waiters]) {
      if (waiter.match(item)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(item);
      }
    }
  }

  private onSocket(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on("message", (data) => {
      let frame: SocketFrame;
      try {
        frame = JSON.parse(String(data)) as SocketFrame;
      } catch {
        return;
      }
      this.socketFrames.push(frame);
      this.notify(this.frameWaiters, frame);
    });
    ws.on("close", () => {
      this.sockets.delete(ws);
      if (this.sockets.size === 0) for (const resolve of this.socketWaiters.splice(0)) resolve();
    });
    ws.send(
      JSON.stringify({
        type: "hello",
        num_connections: 1,
        debug_info: { host: "fake-slack", build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: FAKE_APP_ID },
      }),
    );
  }

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const raw = bytes.toString("utf8");
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname.startsWith("/upload/")) {
      await this.receiveUpload(url.pathname.slice("/upload/".length), req, bytes, res);
      return;
    }
    const isJson = (req.headers["content-type"] ?? "").startsWith("application/json");
    const body: Record<string, unknown> = isJson
      ? raw
        ? (JSON.parse(raw) as Record<string, unknown>)
        : {}
      : Object.fromEntries(new URLSearchParams(raw));

    if (url.pathname.startsWith("/response/")) {
      const call = { path: url.pathname, body };
      this.responses.push(call);
      this.notify(this.responseWaiters, call);
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
      return;
    }
    if (!url.pathname.startsWith("/api/")) {
      res.writeHead(404).end();
      return;
    }
    const method = url.pathname.slice("/api/".length);
    const call: ApiCall = { method, body, authorization: req.headers.authorization };
    this.calls.push(call);
    this.notify(this.callWaiters, call);

    const failure = this.takeFailure(method);
    if (failure) {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (failure.retryAfterSeconds !== undefined) headers["retry-after"] = String(failure.retryAfterSeconds);
      res.writeHead(failure.status, headers).end(JSON.stringify({ ok: false, error: failure.error }));
      return;
    }
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(this.answer(method, call)));
  }

  /**
   * The upload URL: like Slack's, it takes the file's bytes in a POST, raw or as a multipart
   * form (the WebClient sends a form with one file field), and answers 200 with no JSON.
   */
  private async receiveUpload(
    fileId: string,
    req: http.IncomingMessage,
    bytes: Buffer,
    res: http.ServerResponse,
  ): Promise<void> {
    const upload = this.uploads.find((u) => u.fileId === fileId);
    if (!upload || req.method !== "POST") {
      res.writeHead(404).end();
      return;
    }
    const type = req.headers["content-type"] ?? "";
    if (type.startsWith("multipart/form-data")) {
      const form = await new Response(bytes, { headers: { "content-type": type } }).formData();
      const part = [...form.values()].find((v) => typeof v !== "string");
      upload.bytes =
        part && typeof part !== "string" ? Buffer.from(await part.arrayBuffer()) : Buffer.alloc(0);
    } else {
      upload.bytes = bytes;
    }
    res.writeHead(200, { "content-type": "text/plain" }).end(`OK - ${upload.bytes.length}`);
  }

  private completeUploads(call: ApiCall): Record<string, unknown> {
    const parsed = jsonField(call, "files");
    const files = Array.isArray(parsed) ? (parsed as { id?: unknown; title?: unknown }[]) : [];
    const done = files.map((f) => this.uploads.find((u) => u.fileId === f.id));
    if (files.length === 0 || done.some((u) => !u || u.bytes.length === 0)) {
      // Slack refuses to complete a file whose bytes never arrived.
      return { ok: false, error: "invalid_arguments" };
    }
    const channelId = typeof call.body.channel_id === "string" ? call.body.channel_id : undefined;
    const threadTs = typeof call.body.thread_ts === "string" ? call.body.thread_ts : undefined;
    for (const [i, upload] of done.entries()) {
      const title = files[i]?.title;
      if (upload)
        upload.completed = { channelId, threadTs, title: typeof title === "string" ? title : undefined };
    }
    for (const wake of this.completeWaiters.splice(0)) wake();
    return { ok: true, files: done.map((u) => ({ id: u?.fileId, title: u?.completed?.title ?? "" })) };
  }

  private takeFailure(method: string): Failure | undefined {
    const list = this.failures.get(method);
    const failure = list?.[0];
    if (!failure) return undefined;
    failure.remaining -= 1;
    if (failure.remaining <= 0) list.shift();
    return failure;
  }

  private nextTs(): string {
    const micros = BigInt(this.clock().getTime()) * 1000n;
    this.lastTsMicros = micros > this.lastTsMicros ? micros : this.lastTsMicros + 1n;
    const text = this.lastTsMicros.toString().padStart(7, "0");
    return `${text.slice(0, -6)}.${text.slice(-6)}`;
  }

  private answer(method: string, call: ApiCall): Record<string, unknown> {
    switch (method) {
      case "auth.test":
        return {
          ok: true,
          url: "https://fake.slack.com/",
          team: "Fake Team",
          user: "gdbot",
          team_id: FAKE_TEAM_ID,
          user_id: FAKE_BOT_USER_ID,
          bot_id: FAKE_BOT_ID,
          is_enterprise_install: false,
        };
      case "apps.connections.open":
        return { ok: true, url: `ws://127.0.0.1:${this.port}/link/?ticket=fake&app_id=${FAKE_APP_ID}` };
      case "chat.postMessage": {
        const channel = String(call.body.channel);
        const message: StoredMessage = { ts: this.nextTs(), text: String(call.body.text ?? "") };
        if (typeof call.body.thread_ts === "string") message.thread_ts = call.body.thread_ts;
        if (call.body.metadata !== undefined) message.metadata = jsonField(call, "metadata");
        this.history.set(channel, [message, ...(this.history.get(channel) ?? [])]);
        return {
          ok: true,
          channel,
          ts: message.ts,
          message: { type: "message", bot_id: FAKE_BOT_ID, ...message },
        };
      }
      case "files.getUploadURLExternal": {
        this.fileCounter += 1;
        const fileId = `F${String(this.fileCounter).padStart(8, "0")}`;
        this.uploads.push({
          fileId,
          filename: String(call.body.filename ?? ""),
          length: Number(call.body.length ?? 0),
          altText: typeof call.body.alt_text === "string" ? call.body.alt_text : undefined,
          bytes: Buffer.alloc(0),
        });
        return { ok: true, upload_url: `http://127.0.0.1:${this.port}/upload/${fileId}`, file_id: fileId };
      }
      case "files.completeUploadExternal":
        return this.completeUploads(call);
      case "chat.postEphemeral":
        return { ok: true, message_ts: this.nextTs() };
      case "conversations.history": {
        // Like Slack: newest first, within (oldest, latest), `limit` per page, and an opaque
        // cursor (here the index of the next message) while more remain.
        const withMetadata =
          call.body.include_all_metadata === "true" || call.body.include_all_metadata === true;
        const limit = Math.min(Number(call.body.limit ?? 100), 999);
        const oldest = tsMicros(String(call.body.oldest ?? "0"));
        const latest = call.body.latest === undefined ? undefined : tsMicros(String(call.body.latest));
        const inRange = (this.history.get(String(call.body.channel)) ?? []).filter(
          (m) => tsMicros(m.ts) > oldest && (latest === undefined || tsMicros(m.ts) < latest),
        );
        const start = call.body.cursor
          ? Number(Buffer.from(String(call.body.cursor), "base64").toString())
          : 0;
        if (!Number.isInteger(start) || start < 0) return { ok: false, error: "invalid_cursor" };
        const page = inRange.slice(start, start + limit).map((m) => {
          const { metadata, ...rest } = m;
          return {
            type: "message",
            bot_id: FAKE_BOT_ID,
            ...rest,
            ...(withMetadata && metadata ? { metadata } : {}),
          };
        });
        const hasMore = start + limit < inRange.length;
        return {
          ok: true,
          messages: page,
          has_more: hasMore,
          response_metadata: {
            next_cursor: hasMore ? Buffer.from(String(start + limit)).toString("base64") : "",
          },
        };
      }
      default:
        return { ok: false, error: "unknown_method" };
    }
  }
}

/** Headers Slack would send with `body`, signed with `signingSecret` at `timestamp` (seconds). */
export function signSlackRequest(
  signingSecret: string,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const signature = createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex");
  return {
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": `v0=${signature}`,
  };
}

/** The fields of a `/gd` slash command, as Slack sends them (form fields, all strings). */
export function slashCommandFields(
  text: string,
  responseUrl: string,
  channelId = "C0000CHAN",
): Record<string, string> {
  return {
    token: "deprecatedVerificationToken",
    team_id: FAKE_TEAM_ID,
    team_domain: "fake-team",
    channel_id: channelId,
    channel_name: "general",
    user_id: "U0000USER",
    user_name: "alice",
    command: "/gd",
    text,
    api_app_id: FAKE_APP_ID,
    is_enterprise_install: "false",
    response_url: responseUrl,
    trigger_id: "1795311051435.312ac606",
  };
}

/** A `block_actions` payload for a click on a button with this action id and value. */
export function blockActionPayload(
  actionId: string,
  value: string,
  responseUrl: string,
  channelId = "C0000CHAN",
): Record<string, unknown> {
  return {
    type: "block_actions",
    user: { id: "U0000USER", username: "alice", name: "alice", team_id: FAKE_TEAM_ID },
    api_app_id: FAKE_APP_ID,
    token: "deprecatedVerificationToken",
    container: {
      type: "message",
      message_ts: "1795311051.000100",
      channel_id: channelId,
      is_ephemeral: true,
    },
    trigger_id: "1795311051435.312ac607",
    team: { id: FAKE_TEAM_ID, domain: "fake-team" },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channelId, name: "general" },
    state: { values: {} },
    response_url: responseUrl,
    actions: [
      {
        action_id: actionId,
        block_id: "share",
        text: { type: "plain_text", text: "Share in channel", emoji: true },
        value,
        style: "primary",
        type: "button",
        action_ts: "1795311052.000200",
      },
    ],
  };
}

/** An `event_callback` wrapping an `app_mention` of the bot. */
export function appMentionEvent(
  text: string,
  ts = "1795311060.000300",
  channelId = "C0000CHAN",
): Record<string, unknown> {
  return {
    token: "deprecatedVerificationToken",
    team_id: FAKE_TEAM_ID,
    api_app_id: FAKE_APP_ID,
    event: {
      type: "app_mention",
      user: "U0000USER",
      text,
      ts,
      channel: channelId,
      event_ts: ts,
      team: FAKE_TEAM_ID,
    },
    type: "event_callback",
    event_id: `Ev${ts.replace(".", "")}`,
    event_time: Math.floor(Number(ts)),
    authorizations: [
      {
        enterprise_id: null,
        team_id: FAKE_TEAM_ID,
        user_id: FAKE_BOT_USER_ID,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
  };
}

/** POSTs a signed request to the bot's events URL, as Slack does. */
export async function postSigned(
  url: string,
  signingSecret: string,
  body: string,
  contentType: "application/x-www-form-urlencoded" | "application/json",
  timestamp?: number,
): Promise<Response> {
  return fetch(url, {
    method: "POST",
    // Exactly this content type, no charset: Bolt compares it with === (gotcha S2).
    headers: { "content-type": contentType, ...signSlackRequest(signingSecret, body, timestamp) },
    body,
  });
}

/** Form body of an interactivity request: the JSON payload in a `payload` field. */
export function interactivityBody(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/**
 * A stand-in for the real bot's handler, for adapter tests that must not depend on the store:
 * "help" → a private notice; a question naming zhaoqing → a public fact card (echoing the
 * question, as real answers do); anything else → a private "nothing found". Records what it saw.
 */
export function sampleHandler(): { handle: InvocationHandler; seen: Invocation[] } {
  const seen: Invocation[] = [];
  const handle: InvocationHandler = async (invocation) => {
    seen.push(invocation);
    const text = invocation.text;
    if (/^help\b/i.test(text)) {
      return { blocks: [{ type: "notice", text: "Ask `/gd zhaoqing gdp 2023`." }], visibility: "ephemeral" };
    }
    if (!/zhaoqing/i.test(text)) {
      return { blocks: [{ type: "notice", text: `Nothing found for "${text}".` }], visibility: "ephemeral" };
    }
    const reply: Reply = {
      visibility: "public",
      blocks: [
        {
          type: "fact",
          card: {
            id: "zhaoqing.gdp.2023",
            title: "GDP · Zhaoqing",
            value: "279.25 billion yuan (2,792.5亿元)",
            period: "2023",
            details: [{ label: "Growth", value: "+3.3% year on year" }],
            source: {
              title: SAMPLE_SOURCE_TITLE,
              url: "https://www.zhaoqing.gov.cn/tjj/communique-2023.html",
              publisher: "Zhaoqing Statistics Bureau",
              published: "2024-03-28",
            },
            quote: "In 2023 the city's GDP reached 279.25 billion yuan, up 3.3% on the previous year.",
            otherSources: 1,
          },
        },
        { type: "context", text: `You asked: ${text}` },
      ],
    };
    return reply;
  };
  return { handle, seen };
}

/** The source title `sampleHandler` cites. */
export const SAMPLE_SOURCE_TITLE = "Zhaoqing 2023 Statistical Communiqué on Economic and Social Development";
