/**
 * The real Slack adapter pointed at a FakeSlack, with test defaults (port 0, silent logs, always
 * healthy). Each test names only what it is about: the mode, the handler, a logger to inspect.
 */
import {
  type ClaimRequest,
  createSlackAdapter,
  type SlackAdapter,
  type SlackAdapterOptions,
} from "../../adapters/slack/index.js";
import type { InvocationHandler } from "../../src/core/adapter.js";
import { type Logger, silentLogger } from "../../src/core/logger.js";
import type { FakeSlack } from "./fake-slack.js";

/** The signing secret HTTP-mode adapters under test use; sign requests with it. */
export const TEST_SIGNING_SECRET = "test-signing-secret-0123456789";

export interface SlackAdapterUnderTest {
  /** `http` (signing secret) by default; `socket` uses an app token and the fake's socket. */
  mode?: "http" | "socket";
  /** Answers nothing by default: for tests that only post. */
  handle?: InvocationHandler;
  botToken?: string;
  logger?: Logger;
  isHealthy?: SlackAdapterOptions["isHealthy"];
  /** HTTP mode's replay record; the adapter's in-process one by default. */
  claimRequest?: ClaimRequest;
}

/** Creates (does not start) a Slack adapter talking to `fake`. */
export function slackAdapterFor(fake: FakeSlack, options: SlackAdapterUnderTest = {}): SlackAdapter {
  const socket = options.mode === "socket";
  return createSlackAdapter({
    config: {
      botToken: options.botToken ?? "xoxb-fake-bot-token",
      signingSecret: socket ? undefined : TEST_SIGNING_SECRET,
      appToken: socket ? "xapp-fake-app-token" : undefined,
      apiUrl: fake.apiUrl,
    },
    port: 0,
    handle: options.handle ?? (async () => ({ blocks: [], visibility: "ephemeral" })),
    logger: options.logger ?? silentLogger(),
    isHealthy: options.isHealthy ?? (() => true),
    ...(options.claimRequest ? { claimRequest: options.claimRequest } : {}),
    // Fast reconnects in socket tests (the default waits seconds between attempts).
    ...(socket ? { socketPingTimeoutMs: 300 } : {}),
  });
}
