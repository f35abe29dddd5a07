/**
 * The whole path with the real bot: a signed `/gd` through real Bolt, the real command core
 * over a temporary store holding the bundled articles, Block Kit at the fake response_url, and
 * the Share button posting the same answer to the channel.
 */

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escapeSlackText, type SlackAdapter } from "../../adapters/slack/index.js";
import { SHARE_ACTION_ID } from "../../adapters/slack/render.js";
import type { Reply } from "../../src/core/reply.js";
import { createTestBot, type TestBot } from "../support/bot.js";
import {
  appMentionEvent,
  blockActionPayload,
  FAKE_BOT_USER_ID,
  FakeSlack,
  interactivityBody,
  jsonField,
  postSigned,
  slashCommandFields,
} from "../support/fake-slack.js";
import { slackAdapterFor, TEST_SIGNING_SECRET } from "../support/slack-adapter.js";

const SIGNING_SECRET = TEST_SIGNING_SECRET;
const FORM = "application/x-www-form-urlencoded";
const QUESTION = "zhaoqing gdp 2023";

let fake: FakeSlack;
let bot: TestBot;
let adapter: SlackAdapter;
let eventsUrl: string;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  bot = await createTestBot();
  adapter = slackAdapterFor(fake, { handle: bot.handle });
  await adapter.start();
  eventsUrl = `http://127.0.0.1:${adapter.address()?.port}/slack/events`;
});

afterAll(async () => {
  await adapter?.stop();
  await bot?.close();
  await fake?.stop();
});

/** The titles of the sources the bot itself cites for a question, as Slack would show them. */
async function sourceTitles(question: string): Promise<string[]> {
  const reply: Reply = await bot.ask(question);
  return reply.blocks.flatMap((b) => (b.type === "fact" ? [escapeSlackText(b.card.source.title)] : []));
}

describe("Slack with the real bot", () => {
  it("GIVEN a signed /gd zhaoqing gdp 2023 THEN response_url gets 279.25 billion yuan and its source, then Share posts it", async () => {
    const responseUrl = fake.responseUrl();
    const body = new URLSearchParams(slashCommandFields(QUESTION, responseUrl, "C0000REAL")).toString();
    const res = await postSigned(eventsUrl, SIGNING_SECRET, body, FORM);
    expect(res.status).toBe(200);

    const answer = await fake.waitForResponse((r) => r.path === new URL(responseUrl).pathname, 15_000);
    const drawn = JSON.stringify(answer.body.blocks);
    expect(drawn).toContain("279.25 billion yuan");
    const titles = await sourceTitles(QUESTION);
    expect(titles.length).toBeGreaterThan(0);
    for (const title of titles) expect(drawn).toContain(title);

    const button = (answer.body.blocks as Array<{ type: string; elements?: Array<Record<string, unknown>> }>)
      .flatMap((b) => (b.type === "actions" ? (b.elements ?? []) : []))
      .find((e) => e.action_id === SHARE_ACTION_ID);
    expect(typeof button?.value).toBe("string");

    const clickUrl = fake.responseUrl();
    await postSigned(
      eventsUrl,
      SIGNING_SECRET,
      interactivityBody(blockActionPayload(SHARE_ACTION_ID, String(button?.value), clickUrl, "C0000REAL")),
      FORM,
    );
    const post = await fake.waitForCall("chat.postMessage", (c) => c.body.channel === "C0000REAL", 15_000);
    expect(JSON.stringify(jsonField(post, "blocks"))).toContain("279.25 billion yuan");
  });

  it("GIVEN an app_mention of the bot THEN the real answer is posted in the thread", async () => {
    const ts = "1795311200.000900";
    const event = appMentionEvent(`<@${FAKE_BOT_USER_ID}> ${QUESTION}`, ts, "C0000REALMENTION");
    const res = await postSigned(eventsUrl, SIGNING_SECRET, JSON.stringify(event), "application/json");
    expect(res.status).toBe(200);
    const post = await fake.waitForCall(
      "chat.postMessage",
      (c) => c.body.channel === "C0000REALMENTION",
      15_000,
    );
    expect(post.body.thread_ts).toBe(ts);
    expect(JSON.stringify(jsonField(post, "blocks"))).toContain("279.25 billion yuan");
  });
});
