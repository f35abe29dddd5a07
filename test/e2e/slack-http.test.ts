/**
 * The Slack adapter in HTTP mode: real Bolt HTTPReceiver, signed requests from the test, a fake
 * Web API and response_url on 127.0.0.1, and a real SQLite store holding the replay claims.
 */
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";

import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SLACK_MAX_BODY_BYTES, type SlackAdapter } from "../../adapters/slack/index.js";
import { SHARE_ACTION_ID } from "../../adapters/slack/render.js";
import type { InvocationHandler } from "../../src/core/adapter.js";
import { type OpenedStore, openStore } from "../../src/store/open-store.js";
import { claimRequest } from "../../src/store/request-claims.js";
import {
  appMentionEvent,
  blockActionPayload,
  FAKE_BOT_USER_ID,
  FakeSlack,
  interactivityBody,
  jsonField,
  postSigned,
  type ResponseCall,
  SAMPLE_SOURCE_TITLE,
  sampleHandler,
  signSlackRequest,
  slashCommandFields,
} from "../support/fake-slack.js";
import { slackAdapterFor, TEST_SIGNING_SECRET } from "../support/slack-adapter.js";

const SIGNING_SECRET = TEST_SIGNING_SECRET;
const FORM = "application/x-www-form-urlencoded";
const ANSWER_VALUE = "279.25 billion yuan";
/** Deadline for answers in the tests added with the request guard; generous for a loaded machine. */
const WAIT_MS = 30_000;

let fake: FakeSlack;
let adapter: SlackAdapter;
let eventsUrl: string;
let healthy = true;
let store: OpenedStore;
let dataDir: string;
const { handle: sampleHandle, seen } = sampleHandler();
const handle: InvocationHandler = (inv) => sampleHandle(inv);
const BOT_TOKEN = "xoxb-fake-bot-token";
// Raw pino at debug, without the process logger's scrubbing, so the test sees what the adapter
// and Bolt actually try to log.
const logLines: string[] = [];
const logger = pino({ level: "debug" }, { write: (line: string) => void logLines.push(line) });

beforeAll(async () => {
  fake = await new FakeSlack().start();
  dataDir = mkdtempSync(path.join(tmpdir(), "gd-slack-http-"));
  store = await openStore({ dataDir });
  adapter = slackAdapterFor(fake, {
    botToken: BOT_TOKEN,
    handle,
    logger,
    isHealthy: () => healthy,
    claimRequest: (key, ttlMs) => claimRequest(store.db, key, ttlMs),
  });
  await adapter.start();
  eventsUrl = `http://127.0.0.1:${adapter.address()?.port}/slack/events`;
});

afterAll(async () => {
  await adapter?.stop();
  await fake?.stop();
  await store?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/**
 * POSTs `declaredBytes` (as Content-Length, or chunked when null) but only as much as the server
 * reads: the client keeps writing until an answer comes. Resolves to the status it got.
 */
function postOversized(url: string, declaredBytes: number | null): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = http.request({
      host: target.hostname,
      port: target.port,
      path: target.pathname,
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...signSlackRequest(SIGNING_SECRET, "{}"),
        ...(declaredBytes === null ? {} : { "content-length": String(declaredBytes) }),
      },
    });
    let answered = false;
    req.on("response", (res) => {
      answered = true;
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    if (declaredBytes !== null) {
      // One chunk of the declared 50 MB: a server waiting for the whole body would never answer.
      req.write(chunk);
      return;
    }
    let sent = 0;
    const pump = () => {
      // Never more than 8x the limit: past that, the server is plainly reading everything.
      while (!answered && sent < 8 * SLACK_MAX_BODY_BYTES) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

/** Sends `/gd <text>` signed; returns the HTTP response and the response_url it named. */
async function slash(text: string, options: { secret?: string; timestamp?: number } = {}) {
  const responseUrl = fake.responseUrl();
  const body = new URLSearchParams(slashCommandFields(text, responseUrl)).toString();
  const res = await postSigned(eventsUrl, options.secret ?? SIGNING_SECRET, body, FORM, options.timestamp);
  return { res, responseUrl, responsePath: new URL(responseUrl).pathname };
}

function blocksText(body: Record<string, unknown>): string {
  return JSON.stringify(body.blocks ?? []);
}

function shareButtonValue(response: ResponseCall): string | undefined {
  const blocks = (response.body.blocks ?? []) as Array<{
    type: string;
    elements?: Array<Record<string, unknown>>;
  }>;
  const button = blocks
    .filter((b) => b.type === "actions")
    .flatMap((b) => b.elements ?? [])
    .find((e) => e.action_id === SHARE_ACTION_ID);
  return typeof button?.value === "string" ? button.value : undefined;
}

describe("Slack HTTP mode", () => {
  it("GIVEN a correctly signed /gd zhaoqing gdp 2023 THEN it acks 200 and answers at response_url with Block Kit", async () => {
    const { res, responsePath } = await slash("zhaoqing gdp 2023");
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");

    const answer = await fake.waitForResponse((r) => r.path === responsePath);
    expect(answer.body.response_type).toBe("ephemeral");
    expect(blocksText(answer.body)).toContain(ANSWER_VALUE);
    expect(blocksText(answer.body)).toContain(SAMPLE_SOURCE_TITLE);
    expect(String(answer.body.text)).not.toBe("");
    expect(shareButtonValue(answer)).toBeDefined();
  });

  it("GIVEN help THEN the answer stays ephemeral with no Share button", async () => {
    const { res, responsePath } = await slash("help");
    expect(res.status).toBe(200);
    const answer = await fake.waitForResponse((r) => r.path === responsePath);
    expect(answer.body.response_type).toBe("ephemeral");
    expect(shareButtonValue(answer)).toBeUndefined();
  });

  it("GIVEN a bad signature THEN 401 and nothing is answered", async () => {
    const { res, responsePath } = await slash("zhaoqing gdp bad-signature", {
      secret: "wrong-secret-wrong-secret",
    });
    expect(res.status).toBe(401);
    // A valid request sent after it is answered; the rejected one never reached the handler.
    const later = await slash("zhaoqing gdp 2023");
    await fake.waitForResponse((r) => r.path === later.responsePath);
    expect(fake.responses.some((r) => r.path === responsePath)).toBe(false);
    expect(seen.some((inv) => inv.text.includes("bad-signature"))).toBe(false);
  });

  it("GIVEN a correctly signed request older than 5 minutes THEN 401 and nothing is answered", async () => {
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    const { res, responsePath } = await slash("zhaoqing gdp stale", { timestamp: stale });
    expect(res.status).toBe(401);
    const later = await slash("zhaoqing gdp 2023");
    await fake.waitForResponse((r) => r.path === later.responsePath);
    expect(fake.responses.some((r) => r.path === responsePath)).toBe(false);
    expect(seen.some((inv) => inv.text.includes("stale"))).toBe(false);
  });

  it("GIVEN a correctly signed request dated 6 minutes in the future THEN 401 and nothing is answered", async () => {
    const future = Math.floor(Date.now() / 1000) + 6 * 60;
    const { res, responsePath } = await slash("zhaoqing gdp future", { timestamp: future });
    expect(res.status).toBe(401);
    const later = await slash("zhaoqing gdp 2023");
    await fake.waitForResponse((r) => r.path === later.responsePath, WAIT_MS);
    expect(fake.responses.some((r) => r.path === responsePath)).toBe(false);
    expect(seen.some((inv) => inv.text.includes("future"))).toBe(false);
  });

  it("GIVEN a body declared as 50 MB THEN 413 comes back before the body is sent", async () => {
    expect(await postOversized(eventsUrl, 50 * 1024 * 1024)).toBe(413);
  });

  it("GIVEN a chunked body that streams past the limit THEN 413 and the server stops reading", async () => {
    expect(await postOversized(eventsUrl, null)).toBe(413);
    // The adapter still answers afterwards.
    const { res } = await slash("help");
    expect(res.status).toBe(200);
  });

  it("GIVEN the same signed /gd sent three times THEN each is acknowledged and it is answered once", async () => {
    const responseUrl = fake.responseUrl();
    const body = new URLSearchParams(slashCommandFields("zhaoqing gdp replayed", responseUrl)).toString();
    const headers = { "content-type": FORM, ...signSlackRequest(SIGNING_SECRET, body) };
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await fetch(eventsUrl, { method: "POST", headers, body });
      statuses.push(res.status);
      await res.text();
    }
    expect(statuses).toEqual([200, 200, 200]);
    const later = await slash("zhaoqing gdp 2023");
    await fake.waitForResponse((r) => r.path === later.responsePath, WAIT_MS);
    expect(fake.responses.filter((r) => r.path === new URL(responseUrl).pathname)).toHaveLength(1);
    expect(seen.filter((inv) => inv.text === "zhaoqing gdp replayed")).toHaveLength(1);
  });

  it("GIVEN Slack retries an event (X-Slack-Retry-Num, freshly signed) to another instance THEN it is acknowledged and answered once", async () => {
    // A second instance on the same store, as behind a load balancer: only the store can tell it.
    const second = slackAdapterFor(fake, {
      botToken: BOT_TOKEN,
      handle,
      logger,
      claimRequest: (key, ttlMs) => claimRequest(store.db, key, ttlMs),
    });
    await second.start();
    try {
      const secondUrl = `http://127.0.0.1:${second.address()?.port}/slack/events`;
      const channel = "C0000RETRIED";
      const event = JSON.stringify(
        appMentionEvent(`<@${FAKE_BOT_USER_ID}> zhaoqing gdp 2023`, "1795311110.000800", channel),
      );
      const first = await postSigned(eventsUrl, SIGNING_SECRET, event, "application/json");
      expect(first.status).toBe(200);
      await fake.waitForCall("chat.postMessage", (c) => c.body.channel === channel, WAIT_MS);
      for (const retryNum of ["1", "2"]) {
        const retry = await fetch(secondUrl, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-slack-retry-num": retryNum,
            "x-slack-retry-reason": "http_timeout",
            // A retry is signed anew, so its signature differs from the first delivery's.
            ...signSlackRequest(SIGNING_SECRET, event, Math.floor(Date.now() / 1000) + Number(retryNum)),
          },
          body: event,
        });
        expect(retry.status).toBe(200);
        await retry.text();
      }
      // A later mention to the second instance is answered; by then a second answer would have come.
      const after = appMentionEvent(
        `<@${FAKE_BOT_USER_ID}> zhaoqing gdp 2023`,
        "1795311120.000900",
        "C0000AFTER",
      );
      await postSigned(secondUrl, SIGNING_SECRET, JSON.stringify(after), "application/json");
      await fake.waitForCall("chat.postMessage", (c) => c.body.channel === "C0000AFTER", WAIT_MS);
      expect(fake.callsOf("chat.postMessage").filter((c) => c.body.channel === channel)).toHaveLength(1);
    } finally {
      await second.stop();
    }
  });

  it("GIVEN the Share button is pressed THEN the answer is posted to the channel and the private copy removed", async () => {
    const { responsePath } = await slash("zhaoqing gdp 2023");
    const answer = await fake.waitForResponse((r) => r.path === responsePath);
    const value = shareButtonValue(answer);
    expect(value).toBeDefined();

    const clickUrl = fake.responseUrl();
    const channel = "C0000SHARE";
    const res = await postSigned(
      eventsUrl,
      SIGNING_SECRET,
      interactivityBody(blockActionPayload(SHARE_ACTION_ID, value!, clickUrl, channel)),
      FORM,
    );
    expect(res.status).toBe(200);

    const post = await fake.waitForCall("chat.postMessage", (c) => c.body.channel === channel);
    expect(JSON.stringify(jsonField(post, "blocks"))).toContain(ANSWER_VALUE);
    expect(JSON.stringify(jsonField(post, "blocks"))).toContain(SAMPLE_SOURCE_TITLE);
    expect(JSON.stringify(jsonField(post, "blocks"))).not.toContain(SHARE_ACTION_ID);
    const cleanup = await fake.waitForResponse((r) => r.path === new URL(clickUrl).pathname);
    expect(cleanup.body.delete_original).toBe(true);
  });

  it("GIVEN an app_mention THEN the answer is posted in the message's thread without the mention", async () => {
    const ts = "1795311070.000400";
    const event = appMentionEvent(`<@${FAKE_BOT_USER_ID}> zhaoqing gdp 2023`, ts, "C0000MENTION");
    const res = await postSigned(eventsUrl, SIGNING_SECRET, JSON.stringify(event), "application/json");
    expect(res.status).toBe(200);

    const post = await fake.waitForCall("chat.postMessage", (c) => c.body.channel === "C0000MENTION");
    expect(post.body.thread_ts).toBe(ts);
    expect(JSON.stringify(jsonField(post, "blocks"))).toContain(ANSWER_VALUE);
    expect(seen.some((inv) => inv.text === "zhaoqing gdp 2023" && inv.channel.id === "C0000MENTION")).toBe(
      true,
    );
  });

  it("GIVEN chat.postMessage is rate limited once THEN it is retried after Retry-After and posted exactly once", async () => {
    fake.failNext("chat.postMessage", "ratelimited", { retryAfterSeconds: 1 });
    const channel = "C0000LIMITED";
    const event = appMentionEvent(`<@${FAKE_BOT_USER_ID}> zhaoqing gdp 2023`, "1795311080.000500", channel);
    await postSigned(eventsUrl, SIGNING_SECRET, JSON.stringify(event), "application/json");

    // The message lands once the Retry-After has passed; then exactly two attempts were made.
    await expect.poll(() => fake.messagesIn(channel).length, { timeout: 10_000 }).toBe(1);
    expect(fake.callsOf("chat.postMessage").filter((c) => c.body.channel === channel)).toHaveLength(2);
    expect(fake.messagesIn(channel)).toHaveLength(1);
  });

  it("GIVEN <!channel> in the user's text THEN it never reaches Slack as a live mention", async () => {
    const channel = "C0000INJECT";
    const event = appMentionEvent(
      `<@${FAKE_BOT_USER_ID}> <!channel> <!here> zhaoqing gdp 2023`,
      "1795311090.000600",
      channel,
    );
    await postSigned(eventsUrl, SIGNING_SECRET, JSON.stringify(event), "application/json");
    const post = await fake.waitForCall("chat.postMessage", (c) => c.body.channel === channel);

    const { responsePath } = await slash("<!channel> zhaoqing gdp 2023");
    const answer = await fake.waitForResponse((r) => r.path === responsePath);

    for (const sent of [JSON.stringify(post.body), JSON.stringify(answer.body)]) {
      expect(sent).toContain("&lt;!channel&gt;");
      expect(sent).not.toContain("<!channel>");
      expect(sent).not.toContain("<!here>");
    }
  });

  it("GIVEN the store is open or closed THEN /healthz answers 200 or 503", async () => {
    const url = `http://127.0.0.1:${adapter.address()?.port}/healthz`;
    healthy = true;
    expect((await fetch(url)).status).toBe(200);
    healthy = false;
    expect((await fetch(url)).status).toBe(503);
    healthy = true;
  });

  it("GIVEN everything above ran with debug logging THEN no token or signing secret was ever logged", () => {
    expect(logLines.length).toBeGreaterThan(0);
    const all = logLines.join("\n");
    expect(all).not.toContain(BOT_TOKEN);
    expect(all).not.toContain(SIGNING_SECRET);
  });
});
