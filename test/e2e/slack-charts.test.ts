/**
 * Charts in Slack, end to end: real Bolt and the real bot answer `trend` against the fake
 * Slack, which takes the chart through files upload v2 (upload URL, POSTed bytes, completion).
 * The bytes the fake received are decoded as a PNG of the dimensions the renderer states.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SlackAdapter } from "../../adapters/slack/index.js";
import { SHARE_ACTION_ID } from "../../adapters/slack/render.js";
import { CHART_WIDTH, chartHeight } from "../../src/charts/render-png.js";
import { createTestBot, type TestBot } from "../support/bot.js";
import { CHART_TREND_QUERY, chartDocuments } from "../support/chart-documents.js";
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
import { decodePng, pngHeader } from "../support/png.js";
import { slackAdapterFor, TEST_SIGNING_SECRET } from "../support/slack-adapter.js";

const FORM = "application/x-www-form-urlencoded";

let fake: FakeSlack;
let bot: TestBot;
let adapter: SlackAdapter;
let eventsUrl: string;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  bot = await createTestBot({ bundled: false, documents: chartDocuments() });
  adapter = slackAdapterFor(fake, { handle: bot.handle });
  await adapter.start();
  eventsUrl = `http://127.0.0.1:${adapter.address()?.port}/slack/events`;
});

afterAll(async () => {
  await adapter?.stop();
  await bot?.close();
  await fake?.stop();
});

async function mention(text: string, ts: string, channel: string): Promise<void> {
  const event = appMentionEvent(`<@${FAKE_BOT_USER_ID}> ${text}`, ts, channel);
  const res = await postSigned(eventsUrl, TEST_SIGNING_SECRET, JSON.stringify(event), "application/json");
  expect(res.status).toBe(200);
}

describe("Slack charts", () => {
  it("GIVEN a mention asking for a trend THEN the answer, then its chart uploaded into the same thread as a valid PNG", async () => {
    const ts = "1795311300.000100";
    await mention(CHART_TREND_QUERY, ts, "C0000CHART");
    const post = await fake.waitForCall("chat.postMessage", (c) => c.body.channel === "C0000CHART", 15_000);
    expect(JSON.stringify(jsonField(post, "blocks"))).toContain("1.36 trillion yuan");

    const upload = await fake.waitForUpload((u) => u.completed?.channelId === "C0000CHART", 15_000);
    expect(upload.completed?.threadTs).toBe(ts);
    expect(upload.completed?.title).toBe("GDP · Foshan");
    expect(upload.filename).toBe("chart.png");
    expect(upload.altText).toContain("2023: 1.33");
    expect(upload.bytes.length).toBe(upload.length);
    expect(upload.bytes.length).toBeGreaterThan(5_000);
    const chart = (await bot.ask(CHART_TREND_QUERY)).chart;
    expect(chart).toBeDefined();
    expect(pngHeader(upload.bytes)).toEqual({ width: CHART_WIDTH, height: chartHeight(chart!) });
    expect(decodePng(upload.bytes).width).toBe(CHART_WIDTH);
  });

  it("GIVEN /gd trend THEN the private answer says Share posts the chart; Share posts the answer and uploads it in its thread", async () => {
    const responseUrl = fake.responseUrl();
    const body = new URLSearchParams(
      slashCommandFields(CHART_TREND_QUERY, responseUrl, "C0000SHARE"),
    ).toString();
    await postSigned(eventsUrl, TEST_SIGNING_SECRET, body, FORM);
    const answer = await fake.waitForResponse((r) => r.path === new URL(responseUrl).pathname, 15_000);
    const drawn = JSON.stringify(answer.body.blocks);
    expect(drawn).toContain("Share in channel to post this with its chart.");
    // Nothing is uploaded for a private answer: an upload would be seen by the whole channel.
    expect(fake.uploads.filter((u) => u.completed?.channelId === "C0000SHARE")).toEqual([]);

    const button = (answer.body.blocks as Array<{ type: string; elements?: Array<Record<string, unknown>> }>)
      .flatMap((b) => (b.type === "actions" ? (b.elements ?? []) : []))
      .find((e) => e.action_id === SHARE_ACTION_ID);
    await postSigned(
      eventsUrl,
      TEST_SIGNING_SECRET,
      interactivityBody(
        blockActionPayload(SHARE_ACTION_ID, String(button?.value), fake.responseUrl(), "C0000SHARE"),
      ),
      FORM,
    );
    await fake.waitForCall("chat.postMessage", (c) => c.body.channel === "C0000SHARE", 15_000);
    const posted = fake.messagesIn("C0000SHARE")[0];
    const upload = await fake.waitForUpload((u) => u.completed?.channelId === "C0000SHARE", 15_000);
    expect(upload.completed?.threadTs).toBe(posted?.ts);
    expect(decodePng(upload.bytes).height).toBe(pngHeader(upload.bytes).height);
  });

  it("GIVEN the upload is refused (no files:write) THEN the text answer still stands and nothing is completed", async () => {
    fake.failNext("files.getUploadURLExternal", "missing_scope");
    const calls = fake.callsOf("files.getUploadURLExternal").length;
    await mention(CHART_TREND_QUERY, "1795311400.000100", "C0000NOSCOPE");
    const post = await fake.waitForCall("chat.postMessage", (c) => c.body.channel === "C0000NOSCOPE", 15_000);
    expect(post.body.text).toBeTruthy();
    await expect
      .poll(() => fake.callsOf("files.getUploadURLExternal").length, { timeout: 15_000 })
      .toBeGreaterThan(calls);
    expect(
      fake.callsOf("files.completeUploadExternal").filter((c) => c.body.channel_id === "C0000NOSCOPE"),
    ).toEqual([]);
  });
});
