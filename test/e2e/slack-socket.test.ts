/**
 * The Slack adapter in Socket Mode: real Bolt SocketModeReceiver against the fake's
 * apps.connections.open and WebSocket server on 127.0.0.1, answering through the real bot.
 */

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escapeSlackText, type SlackAdapter } from "../../adapters/slack/index.js";
import { createTestBot, type TestBot } from "../support/bot.js";
import {
  appMentionEvent,
  FAKE_BOT_USER_ID,
  FakeSlack,
  jsonField,
  slashCommandFields,
} from "../support/fake-slack.js";
import { slackAdapterFor } from "../support/slack-adapter.js";

const ANSWER_VALUE = "279.25 billion yuan";

let fake: FakeSlack;
let adapter: SlackAdapter;
let bot: TestBot;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  bot = await createTestBot();
  adapter = slackAdapterFor(fake, { mode: "socket", handle: bot.handle });
  await adapter.start();
  await fake.waitForSocket();
});

afterAll(async () => {
  await adapter?.stop();
  // Gotcha S5: let the close handshake finish before the fake goes away.
  await fake?.waitSocketsClosed();
  await fake?.stop();
  await bot?.close();
});

describe("Slack Socket Mode", () => {
  it("GIVEN start() THEN the app token opens the connection and the bot token is verified", () => {
    const open = fake.callsOf("apps.connections.open");
    expect(open.length).toBeGreaterThan(0);
    expect(open[0]?.authorization).toBe("Bearer xapp-fake-app-token");
    expect(fake.callsOf("auth.test")[0]?.authorization).toBe("Bearer xoxb-fake-bot-token");
  });

  it("GIVEN a slash command envelope THEN the ack comes back over the socket and the answer arrives at response_url", async () => {
    const responseUrl = fake.responseUrl();
    const ack = await fake.sendEnvelope(
      "slash_commands",
      slashCommandFields("zhaoqing gdp 2023", responseUrl),
    );
    expect(ack.envelope_id).toBeDefined();

    const answer = await fake.waitForResponse((r) => r.path === new URL(responseUrl).pathname);
    expect(answer.body.response_type).toBe("ephemeral");
    expect(JSON.stringify(answer.body.blocks)).toContain(ANSWER_VALUE);
    const cited = (await bot.ask("zhaoqing gdp 2023")).blocks.flatMap((b) =>
      b.type === "fact" ? [escapeSlackText(b.card.source.title)] : [],
    );
    expect(cited.length).toBeGreaterThan(0);
    for (const title of cited) expect(JSON.stringify(answer.body.blocks)).toContain(title);
  });

  it("GIVEN an app_mention envelope THEN it is acked and answered in the thread", async () => {
    const ts = "1795311100.000700";
    const ack = await fake.sendEnvelope(
      "events_api",
      appMentionEvent(`<@${FAKE_BOT_USER_ID}> zhaoqing gdp 2023`, ts, "C0000SOCKET"),
    );
    expect(ack.envelope_id).toBeDefined();
    const post = await fake.waitForCall("chat.postMessage", (c) => c.body.channel === "C0000SOCKET");
    expect(post.body.thread_ts).toBe(ts);
    expect(JSON.stringify(jsonField(post, "blocks"))).toContain(ANSWER_VALUE);
  });

  it("GIVEN Socket Mode THEN /healthz is still served on the configured port", async () => {
    const res = await fetch(`http://127.0.0.1:${adapter.address()?.port}/healthz`);
    expect(res.status).toBe(200);
  });
});
