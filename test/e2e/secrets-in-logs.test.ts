/**
 * Every platform at LOG_LEVEL=trace, wired as `main.ts` wires them (configuration from the
 * environment, the process logger with the configured secrets), run against the fakes on
 * 127.0.0.1 through a few requests each. Then all output — the logger's lines and anything
 * written to the console — is searched for every configured secret and for Socket Mode tickets.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDiscordAdapter } from "../../adapters/discord/index.js";
import { createSlackAdapter, type SlackAdapter } from "../../adapters/slack/index.js";
import type { PlatformAdapter } from "../../src/core/adapter.js";
import { type Config, loadConfig } from "../../src/core/config.js";
import { createLogger } from "../../src/core/logger.js";
import { createTestBot, type TestBot } from "../support/bot.js";
import { FakeDiscord } from "../support/fake-discord.js";
import {
  appMentionEvent,
  FAKE_BOT_USER_ID,
  FakeSlack,
  postSigned,
  slashCommandFields,
} from "../support/fake-slack.js";

const SLACK_BOT_TOKEN = "xoxb-1111-2222-tracetestbottoken";
const SLACK_SIGNING_SECRET = "trace-test-signing-secret-9f8e7d";
const SLACK_APP_TOKEN = "xapp-1-A0TRACE-3333-tracetestapptoken";
const DISCORD_TOKEN = "MTk4NjIyNDgzNDcxOTI1MjQ4.Gh7xYq.tracetestdiscordtoken0123456789";

/** Generous deadlines: this suite shares a loaded 2-core machine with the eval and CLI suites. */
const WAIT_MS = 30_000;

const lines: string[] = [];
let slackFake: FakeSlack;
let discordFake: FakeDiscord;
let bot: TestBot;
let config: Config;
const adapters: PlatformAdapter[] = [];

beforeAll(async () => {
  // Anything a library writes past our logger lands here too.
  for (const method of ["log", "info", "warn", "error", "debug", "trace"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(" "));
    });
  }
  slackFake = await new FakeSlack().start();
  discordFake = await new FakeDiscord({ heartbeatIntervalMs: 1000 }).start();
  config = loadConfig({
    LOG_LEVEL: "trace",
    SLACK_BOT_TOKEN,
    SLACK_SIGNING_SECRET,
    SLACK_APP_TOKEN,
    SLACK_API_URL: slackFake.apiUrl,
    DISCORD_TOKEN,
    DISCORD_APPLICATION_ID: discordFake.applicationId,
    DISCORD_API_URL: discordFake.apiUrl,
  });
  const logger = createLogger({
    level: config.logLevel,
    secrets: config.secrets,
    write: (line) => void lines.push(line),
  });
  bot = await createTestBot({ logger });
  const slack = config.slack!;
  adapters.push(
    createSlackAdapter({
      config: { ...slack, appToken: undefined },
      port: 0,
      handle: bot.handle,
      logger: logger.child({ platform: "slack" }),
      isHealthy: () => true,
    }),
    createSlackAdapter({
      config: slack,
      port: 0,
      handle: bot.handle,
      logger: logger.child({ platform: "slack" }),
      isHealthy: () => true,
      // Bolt's own 5 s pong deadline: a shorter one reconnects spuriously on a loaded machine.
    }),
    createDiscordAdapter({
      config: config.discord!,
      handle: bot.handle,
      commands: bot.bot.registry.commands,
      autocomplete: bot.autocomplete,
      logger: logger.child({ platform: "discord" }),
      clientOptions: {
        rest: { globalRequestsPerSecond: 1e6, retries: 0, timeout: 5000 },
        waitGuildTimeout: 500,
      },
    }),
  );
  for (const adapter of adapters) await adapter.start();
  await slackFake.waitForSocket(WAIT_MS);
});

afterAll(async () => {
  for (const adapter of adapters) await adapter.stop();
  await slackFake?.waitSocketsClosed();
  await slackFake?.stop();
  await discordFake?.stop();
  await bot?.close();
  vi.restoreAllMocks();
});

describe("secrets in logs at LOG_LEVEL=trace", () => {
  it("GIVEN each platform started and used THEN no configured secret and no Socket Mode ticket was written", async () => {
    const [http] = adapters as [SlackAdapter, SlackAdapter, PlatformAdapter];
    const eventsUrl = `http://127.0.0.1:${http.address()?.port}/slack/events`;

    // Slack HTTP: a slash command, a mention, and a request with the wrong signature.
    const responseUrl = slackFake.responseUrl();
    const form = new URLSearchParams(slashCommandFields("zhaoqing gdp 2023", responseUrl)).toString();
    await postSigned(eventsUrl, SLACK_SIGNING_SECRET, form, "application/x-www-form-urlencoded");
    await slackFake.waitForResponse((r) => r.path === new URL(responseUrl).pathname, WAIT_MS);
    const mention = appMentionEvent(
      `<@${FAKE_BOT_USER_ID}> zhaoqing gdp 2023`,
      "1795311200.000100",
      "C0TRACE1",
    );
    await postSigned(eventsUrl, SLACK_SIGNING_SECRET, JSON.stringify(mention), "application/json");
    await slackFake.waitForCall("chat.postMessage", (c) => c.body.channel === "C0TRACE1", WAIT_MS);
    const forged = await postSigned(
      eventsUrl,
      "not-the-secret-at-all",
      form,
      "application/x-www-form-urlencoded",
    );
    expect(forged.status).toBe(401);

    // Slack Socket Mode: an envelope over the socket, answered.
    const socketUrl = slackFake.responseUrl();
    await slackFake.sendEnvelope("slash_commands", slashCommandFields("about", socketUrl), WAIT_MS);
    await slackFake.waitForResponse((r) => r.path === new URL(socketUrl).pathname, WAIT_MS);

    // Discord: a mention, answered.
    const mark = discordFake.mark();
    const messageId = discordFake.sendMessage(`<@${discordFake.applicationId}> zhaoqing gdp 2023`);
    await discordFake.waitForRequest(
      (r) =>
        (r.body as { message_reference?: { message_id?: string } } | null)?.message_reference?.message_id ===
        messageId,
      { after: mark, timeoutMs: WAIT_MS },
    );

    const all = lines.join("\n");
    // The level took: the SDKs' debug lines (the WebClient's request log among them) are here.
    expect(all).toContain('"component":"slack-sdk"');
    expect(all).toContain("apps.connections.open");
    for (const secret of [SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_APP_TOKEN, DISCORD_TOKEN]) {
      expect(config.secrets).toContain(secret);
      expect(all).not.toContain(secret);
    }
    // The fake's connection URL was logged, with its ticket scrubbed.
    expect(all).toMatch(/ticket=\[REDACTED\]|\/link\/\?\[REDACTED\]/);
    expect(all).not.toMatch(/ticket=(?!\[REDACTED\])/);
    expect(all).not.toMatch(/wss?:\/\/[^\s"'\\]*\?(?!\[REDACTED\])/);
  });
});
