/**
 * The adapter's own posts (the digest path): post() with an idempotency key, findPosted() to
 * recover it, Slack errors mapped to DeliveryError, rate limits retried without double posts.
 */

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SlackAdapter } from "../../adapters/slack/index.js";
import { DeliveryError } from "../../src/core/adapter.js";
import type { Reply } from "../../src/core/reply.js";
import { FakeSlack, jsonField } from "../support/fake-slack.js";
import { slackAdapterFor } from "../support/slack-adapter.js";

/** Before the fake's default clock, so every post in these tests is after it. */
const SINCE = new Date("2026-11-01T00:00:00Z");

let fake: FakeSlack;
let adapter: SlackAdapter;

const digest: Reply = {
  visibility: "public",
  blocks: [
    { type: "heading", text: "New Guangdong figures this week" },
    { type: "text", text: "Zhaoqing GDP 2023: 279.25 billion yuan <!channel>" },
  ],
};

beforeAll(async () => {
  fake = await new FakeSlack().start();
  adapter = slackAdapterFor(fake);
  await adapter.start();
});

afterAll(async () => {
  await adapter?.stop();
  await fake?.stop();
});

async function postError(channel: string): Promise<DeliveryError> {
  const error = await adapter.post(channel, digest, { idempotencyKey: "k" }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe("Slack post() and findPosted()", () => {
  it("GIVEN a digest posted with a key THEN findPosted finds that message by the key", async () => {
    const { messageId } = await adapter.post("C0000DIGEST", digest, { idempotencyKey: "digest2024w13" });
    const call = fake.callsOf("chat.postMessage").at(-1)!;
    expect(jsonField(call, "metadata")).toEqual({
      event_type: "gd_digest",
      event_payload: { key: "digest2024w13" },
    });
    expect(String(call.body.text)).not.toContain("<!channel>");

    expect(await adapter.findPosted("C0000DIGEST", "digest2024w13", SINCE)).toEqual({ messageId });
    expect(fake.callsOf("conversations.history").at(-1)?.body.include_all_metadata).toBe("true");
  });

  it("GIVEN no post with that key THEN findPosted returns null", async () => {
    await adapter.post("C0000OTHER", digest, { idempotencyKey: "digest2024w14" });
    expect(await adapter.findPosted("C0000OTHER", "digest2024w99", SINCE)).toBeNull();
  });

  it("GIVEN channel_not_found THEN post throws a permanent DeliveryError with Slack's code", async () => {
    fake.failNext("chat.postMessage", "channel_not_found");
    const error = await postError("C0000GONE");
    expect(error.permanent).toBe(true);
    expect(error.platformCode).toBe("channel_not_found");
    expect(fake.messagesIn("C0000GONE")).toHaveLength(0);
  });

  it("GIVEN a Slack internal_error THEN post throws a transient DeliveryError and does not resend", async () => {
    fake.failNext("chat.postMessage", "internal_error");
    const before = fake.callsOf("chat.postMessage").length;
    const error = await postError("C0000FLAKY");
    expect(error.permanent).toBe(false);
    expect(fake.callsOf("chat.postMessage").length - before).toBe(1);
  });

  it("GIVEN ratelimited once THEN post waits, retries and the channel holds exactly one message", async () => {
    fake.failNext("chat.postMessage", "ratelimited", { retryAfterSeconds: 1 });
    const { messageId } = await adapter.post("C0000BUSY", digest, { idempotencyKey: "digest2024w15" });
    expect(fake.callsOf("chat.postMessage").filter((c) => c.body.channel === "C0000BUSY")).toHaveLength(2);
    expect(fake.messagesIn("C0000BUSY").map((m) => m.ts)).toEqual([messageId]);
  });

  it("GIVEN Slack rejects the bot token THEN start() fails with Slack's code", async () => {
    fake.failNext("auth.test", "invalid_auth");
    const broken = slackAdapterFor(fake, { botToken: "xoxb-revoked-token" });
    await expect(broken.start()).rejects.toThrow(/invalid_auth/);
    expect(broken.address()).toBeNull();
  });
});
