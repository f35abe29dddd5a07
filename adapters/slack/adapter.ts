/**
 * The Slack adapter: builds a Bolt app in HTTP mode (signing secret; events at `/slack/events`)
 * or Socket Mode (app token), serves `GET /healthz`, registers the listeners and posts digests.
 * In HTTP mode our own server takes each request first: `http-guard.ts` refuses oversized,
 * badly timed, unsigned and already-answered requests before Bolt's receiver sees them.
 *
 * Start-up is explicit: `deferInitialization` keeps Bolt from calling `auth.test` inside its
 * constructor (where a failure is an unhandled rejection); `start()` awaits it instead, so a bad
 * token is a start-up error with Slack's code.
 *
 * @see https://docs.slack.dev/tools/bolt-js/concepts/socket-mode
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { App, HTTPReceiver, SocketModeReceiver, type webApi } from "@slack/bolt";
import type { InvocationHandler, PlatformAdapter, PostOptions } from "../../src/core/adapter.js";
import type { SlackConfig } from "../../src/core/config.js";
import type { Logger } from "../../src/core/logger.js";
import type { Reply } from "../../src/core/reply.js";
import { boltLogger } from "./bolt-logger.js";
import { admitSlackRequest, type ClaimRequest, SLACK_MAX_BODY_BYTES } from "./http-guard.js";
import { registerListeners } from "./listeners.js";
import { replyToBlockKit } from "./render.js";
import { findMessageByKey, postMessage, type RateLimitPolicy, slackErrorCode } from "./web.js";

/** The path Slack's Event, Command and Interactivity URLs point at in HTTP mode. */
export const SLACK_EVENTS_PATH = "/slack/events";
/** Liveness for load balancers and platform health checks. */
export const HEALTH_PATH = "/healthz";
/** How long `stop()` waits for answers in flight before disconnecting anyway. */
const STOP_GRACE_MS = 10_000;

export interface SlackAdapterOptions {
  config: SlackConfig;
  /** HTTP port for events (HTTP mode) and `/healthz` (both modes); 0 picks a free one. */
  port: number;
  handle: InvocationHandler;
  logger: Logger;
  /** Whether `/healthz` answers 200 (the store answers) or 503, with the reason when there is one. */
  isHealthy: () => boolean | { ok: boolean; reason?: string };
  /** Rate-limit retries for Web API calls; defaults to `DEFAULT_RATE_LIMIT_POLICY`. */
  rateLimit?: RateLimitPolicy;
  /**
   * Socket Mode: how long to wait for a pong, and the base of the reconnect delay. Bolt's
   * default (5 s) is right for production; tests lower it to reconnect quickly.
   */
  socketPingTimeoutMs?: number;
  /**
   * HTTP mode: records that a request was answered, so a replay or a Slack retry is not
   * answered again. The composition root backs it with the store, which every instance shares;
   * without it claims live in this process only ({@link inProcessClaims}).
   */
  claimRequest?: ClaimRequest;
}

/** Claims kept in this process: enough for one instance and for tests without a store. */
export function inProcessClaims(now: () => number = Date.now): ClaimRequest {
  const claims = new Map<string, number>();
  return async (key, ttlMs) => {
    const at = now();
    for (const [k, expires] of claims) if (expires <= at) claims.delete(k);
    if (claims.has(key)) return false;
    claims.set(key, at + ttlMs);
    return true;
  };
}

/** The Slack adapter, plus what operators and tests want to know about it. */
export interface SlackAdapter extends PlatformAdapter {
  readonly mode: "http" | "socket";
  /** The bound HTTP address once started (events in HTTP mode, `/healthz` in both); null before. */
  address(): { port: number } | null;
}

/** Builds the Slack adapter. Socket Mode when `config.appToken` is set, HTTP mode otherwise. */
export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const { config, handle, isHealthy } = options;
  // The composition root binds `platform: "slack"` on the logger it passes.
  const { logger } = options;
  const sdkLogger = boltLogger(logger);
  const mode = config.appToken ? "socket" : "http";
  if (mode === "http" && !config.signingSecret) {
    throw new Error("Slack HTTP mode needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN for Socket Mode).");
  }
  const slackApiUrl = config.apiUrl;

  // Only rate limits are retried, by us (see web.ts): the WebClient's own policy would also
  // resend after 5xx and network errors, which can post a message twice.
  const clientOptions: webApi.WebClientOptions = {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    logger: sdkLogger,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
  };

  let httpReceiver: HTTPReceiver | undefined;
  let socketReceiver: SocketModeReceiver | undefined;
  let app: App;
  if (mode === "socket") {
    socketReceiver = new SocketModeReceiver({
      appToken: config.appToken!,
      logger: sdkLogger,
      ...(options.socketPingTimeoutMs ? { clientPingTimeout: options.socketPingTimeoutMs } : {}),
      // A receiver built here does not inherit the App's clientOptions; apps.connections.open
      // must reach the same API URL. Its retry policy stays the Socket Mode default so a
      // reconnect survives a short outage.
      installerOptions: { clientOptions: slackApiUrl ? { slackApiUrl } : {} },
    });
    app = new App({
      token: config.botToken,
      receiver: socketReceiver,
      logger: sdkLogger,
      clientOptions,
      deferInitialization: true,
    });
  } else {
    // Built here rather than by the App so our server can put the guard in front of it.
    httpReceiver = new HTTPReceiver({
      signingSecret: config.signingSecret!,
      endpoints: SLACK_EVENTS_PATH,
      logger: sdkLogger,
      bodyLimit: SLACK_MAX_BODY_BYTES,
    });
    app = new App({
      token: config.botToken,
      receiver: httpReceiver,
      logger: sdkLogger,
      clientOptions,
      deferInitialization: true,
    });
  }
  const claimRequest = options.claimRequest ?? inProcessClaims();

  const inflight = new Set<Promise<unknown>>();
  let stopping = false;
  let server: http.Server | undefined;

  registerListeners(app, {
    handle,
    logger,
    rateLimit: options.rateLimit,
    isStopping: () => stopping,
    track: async (work) => {
      const running = work().catch((error: unknown) => {
        logger.error({ err: error, code: "PLATFORM_REQUEST_FAILED" }, "slack listener failed");
        return undefined;
      });
      inflight.add(running);
      try {
        return await running;
      } finally {
        inflight.delete(running);
      }
    },
  });
  app.error(async (error) => {
    logger.error({ err: error, code: "PLATFORM_REQUEST_FAILED" }, "bolt reported an error");
  });

  return {
    platform: "slack",
    mode,

    async start() {
      try {
        await app.init();
      } catch (error) {
        throw new Error(`Slack rejected the bot token at start-up (auth.test: ${slackErrorCode(error)})`, {
          cause: error,
        });
      }
      if (socketReceiver) {
        server = await listen(http.createServer(routeRequests(isHealthy)), options.port);
        await app.start();
        logger.info({ mode, port: portOf(server) }, "slack adapter connected (socket mode)");
      } else if (httpReceiver) {
        const receiver = httpReceiver;
        const guard = { signingSecret: config.signingSecret!, claim: claimRequest, logger };
        server = await listen(
          http.createServer(
            routeRequests(isHealthy, (req, res) => {
              void admitSlackRequest(req, res, guard)
                .then((body) => {
                  if (!body) return;
                  // Bolt reads `rawBody` when it is already there instead of the stream.
                  Object.assign(req, { rawBody: body });
                  receiver.requestListener(req, res);
                })
                .catch((error: unknown) => {
                  logger.error({ err: error, code: "PLATFORM_REQUEST_FAILED" }, "slack request failed");
                  if (!res.headersSent) res.writeHead(500).end();
                });
            }),
          ),
          options.port,
        );
        logger.info({ mode, port: portOf(server), path: SLACK_EVENTS_PATH }, "slack adapter listening");
      }
    },

    async stop() {
      stopping = true;
      await Promise.race([
        Promise.allSettled([...inflight]),
        new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref()),
      ]);
      if (socketReceiver) {
        // Bolt's receiver.stop() resolves before the close handshake and leaves a 30 s timer
        // behind; the client's own disconnect() waits for the socket to close.
        await socketReceiver.client.disconnect();
      }
      if (server) await close(server);
      server = undefined;
      logger.info("slack adapter stopped");
    },

    async post(channelId: string, reply: Reply, postOptions?: PostOptions) {
      const message = replyToBlockKit({ ...reply, visibility: "public" });
      const ts = await postMessage(
        app.client,
        {
          channel: channelId,
          message,
          ...(postOptions?.idempotencyKey ? { idempotencyKey: postOptions.idempotencyKey } : {}),
        },
        logger,
        options.rateLimit,
      );
      return { messageId: ts };
    },

    findPosted(channelId: string, idempotencyKey: string, since: Date) {
      return findMessageByKey(app.client, channelId, idempotencyKey, since, logger, options.rateLimit);
    },

    address() {
      return server ? { port: portOf(server) } : null;
    },
  };
}

function writeHealth(res: http.ServerResponse, health: boolean | { ok: boolean; reason?: string }): void {
  const body = typeof health === "boolean" ? { ok: health } : health;
  res.writeHead(body.ok ? 200 : 503, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/** Answers `/healthz`, hands `POST /slack/events` to `events` (HTTP mode), and 404s the rest. */
function routeRequests(
  isHealthy: SlackAdapterOptions["isHealthy"],
  events?: http.RequestListener,
): http.RequestListener {
  return (req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (req.method === "GET" && path === HEALTH_PATH) return writeHealth(res, isHealthy());
    if (events && req.method === "POST" && path === SLACK_EVENTS_PATH) return events(req, res);
    res.writeHead(404).end();
  };
}

function listen(server: http.Server, port: number): Promise<http.Server> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}

function close(server: http.Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

function portOf(server: http.Server): number {
  return (server.address() as AddressInfo).port;
}
