/**
 * Digest delivery exactly once, with an injected clock, on SQLite and PostgreSQL, through the
 * real Slack and Discord adapters against the fake platforms on 127.0.0.1.
 */

import { afterAll, beforeAll, expect, it } from "vitest";
import { createDiscordAdapter } from "../../adapters/discord/index.js";
import type { PlatformAdapter } from "../../src/core/adapter.js";
import type { Platform } from "../../src/core/invocation.js";
import { silentLogger } from "../../src/core/logger.js";
import { DigestRecords, deliveryKey } from "../../src/digest/records.js";
import { type DigestRunOptions, runDueDigests } from "../../src/digest/runner.js";
import { previousRun } from "../../src/digest/schedule.js";
import { startDigestScheduler } from "../../src/digest/scheduler.js";
import { DEFAULT_DIGEST_CONFIG, DigestService } from "../../src/digest/service.js";
import type { OpenedStore } from "../../src/store/open-store.js";
import { extractionResult } from "../support/fact-builders.js";
import { FakeDiscord } from "../support/fake-discord.js";
import { FakeSlack, jsonField } from "../support/fake-slack.js";
import { slackAdapterFor } from "../support/slack-adapter.js";
import { describeEachBackend } from "../support/store-backends.js";

const CONFIG = { ...DEFAULT_DIGEST_CONFIG, cron: "0 9 * * 1", timezone: "Asia/Shanghai" };
const MIN = 60_000;
const SUBSCRIBED = new Date("2026-11-18T04:00:00Z"); // Wed 18 Nov, 12:00 Shanghai
const W1 = new Date("2026-11-23T01:00:00Z"); // Mon 23 Nov, 09:00 Shanghai
const W2 = new Date("2026-11-30T01:00:00Z");
const after = (t: Date, minutes: number) => new Date(t.getTime() + minutes * MIN);

let slackFake: FakeSlack;
let discordFake: FakeDiscord;
let slack: PlatformAdapter;
let discord: PlatformAdapter;
let channelCounter = 0;

/** A Slack channel id no other test uses, so the fake's per-channel history is this test's alone. */
function slackChannel(): string {
  channelCounter += 1;
  return `C${String(channelCounter).padStart(8, "0")}`;
}

beforeAll(async () => {
  slackFake = await new FakeSlack().start();
  discordFake = await new FakeDiscord().start();
  // Posting needs only the REST APIs, so neither adapter is started (as in `digest run`).
  slack = slackAdapterFor(slackFake, { botToken: "xoxb-fake-digest" });
  discord = createDiscordAdapter({
    config: {
      token: "fake-discord-token",
      applicationId: discordFake.applicationId,
      apiUrl: discordFake.apiUrl,
    },
    handle: async () => ({ blocks: [], visibility: "ephemeral" }),
    commands: [],
    autocomplete: async () => [],
    logger: silentLogger(),
    clientOptions: { rest: { globalRequestsPerSecond: 1e6, retries: 0, timeout: 3000 } },
  });
});

afterAll(async () => {
  await slackFake?.stop();
  await discordFake?.stop();
});

/** Runs the digest at `now`, with the fake platforms' clocks at `now` too. */
function run(store: OpenedStore, now: Date, extra: Partial<DigestRunOptions> = {}) {
  setPlatformClocks(now);
  return runDueDigests({
    now,
    db: store.db,
    facts: store,
    adapters: new Map<Platform, PlatformAdapter>([
      ["slack", slack],
      ["discord", discord],
    ]),
    config: CONFIG,
    logger: silentLogger(),
    processId: "bot-1",
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
    sleep: async () => undefined,
    ...extra,
  });
}

/** Sets both fakes' clocks, so message times follow the test's clock. */
function setPlatformClocks(now: Date): void {
  slackFake.clock = () => now;
  discordFake.clock = () => now;
}

async function subscribe(store: OpenedStore, platform: Platform, channelId: string, now = SUBSCRIBED) {
  const service = new DigestService(store.db, store, CONFIG);
  const { subscription } = await service.subscribe({
    platform,
    workspace: null,
    channelId,
    userId: "U-ADMIN",
    frequency: "weekly",
    now,
  });
  return subscription;
}

const ZHAOQING = extractionResult(
  "Zhaoqing bulletin",
  [
    {
      region: "Zhaoqing",
      metric: "gdp",
      value: 279.25e9,
      quote: "Zhaoqing GDP reached 279.25 billion yuan.",
    },
  ],
  { url: "https://example.test/zhaoqing" },
);
const FOSHAN = extractionResult("Foshan bulletin", [
  { region: "Foshan", metric: "gdp", value: 1.33e12, quote: "Foshan GDP reached 1.33 trillion yuan." },
]);
const SHENZHEN = extractionResult("Shenzhen bulletin", [
  { region: "Shenzhen", metric: "gdp", value: 3.46e12, quote: "Shenzhen GDP reached 3.46 trillion yuan." },
]);

/** The Block Kit of every digest posted to a Slack channel, as one JSON string each. */
function slackPosts(channel: string): string[] {
  return slackFake
    .callsOf("chat.postMessage")
    .filter((c) => c.body.channel === channel)
    .map((c) => JSON.stringify(jsonField(c, "blocks")));
}

/** Discord messages actually created with this delivery's nonce (a deduplicated re-post creates none). */
function discordMessagesWithNonce(nonce: string): unknown[] {
  return [...discordFake.messages.values()].filter((m) => m.nonce === nonce);
}

/** Wraps an adapter so its post goes out and then the process "crashes" before recording it. */
function crashingAfterPost(adapter: PlatformAdapter): PlatformAdapter & { posted: string[] } {
  const posted: string[] = [];
  return {
    ...adapter,
    platform: adapter.platform,
    start: () => adapter.start(),
    stop: () => adapter.stop(),
    findPosted: (channel, key, since) => adapter.findPosted(channel, key, since),
    async post(channel, reply, options) {
      const result = await adapter.post(channel, reply, options);
      posted.push(result.messageId);
      throw new Error("simulated crash between post and record");
    },
    posted,
  };
}

describeEachBackend("digest delivery", (backend) => {
  it("GIVEN new facts and three subscribed channels WHEN the digest runs THEN each gets one digest with those facts, and a second run posts nothing", async () => {
    const store = await backend.open();
    const [a, b] = [slackChannel(), slackChannel()];
    await subscribe(store, "slack", a);
    await subscribe(store, "slack", b);
    const onDiscord = await subscribe(store, "discord", discordFake.channelId);
    await store.ingest(ZHAOQING, { now: new Date("2026-11-19T02:00:00Z") });
    await store.ingest(FOSHAN, { now: new Date("2026-11-20T02:00:00Z") });

    const first = await run(store, after(W1, 5));
    const second = await run(store, after(W1, 30));

    expect(first.deliveries.map((d) => d.outcome)).toEqual(["sent", "sent", "sent"]);
    for (const channel of [a, b]) {
      const posts = slackPosts(channel);
      expect(posts).toHaveLength(1);
      expect(posts[0]).toContain("2 new figures from 2 sources, 18–22 Nov");
      expect(posts[0]).toContain("279.25 billion yuan");
      expect(posts[0]).toContain("https://example.test/zhaoqing");
      expect(posts[0]).toContain("Foshan");
    }
    const nonce = deliveryKey(onDiscord.id, W1);
    const [message] = discordMessagesWithNonce(nonce) as { id: string; embeds: unknown[] }[];
    expect(JSON.stringify(message?.embeds)).toContain("279.25 billion yuan");
    expect(second).toEqual({ deliveries: [], skipped: [] });
    expect(slackPosts(a)).toHaveLength(1);
    expect(discordMessagesWithNonce(nonce)).toHaveLength(1);
    const record = await new DigestRecords(store.db).delivery(onDiscord.id, W1);
    expect(record).toMatchObject({ status: "sent", messageId: message?.id, factCount: 2 });
  });

  it("GIVEN a crash after posting to Slack and before recording WHEN another process runs after the lease THEN it finds the post in history and posts nothing more", async () => {
    const store = await backend.open();
    const channel = slackChannel();
    const sub = await subscribe(store, "slack", channel);
    await store.ingest(ZHAOQING, { now: new Date("2026-11-19T02:00:00Z") });
    const crashing = crashingAfterPost(slack);

    const crashed = await run(store, after(W1, 1), {
      adapters: new Map([["slack", crashing]]),
      processId: "bot-1",
    });
    const tooSoon = await run(store, after(W1, 5), { processId: "bot-2" });
    const recovered = await run(store, after(W1, 20), { processId: "bot-2" });

    expect(crashed.deliveries.map((d) => d.outcome)).toEqual(["failed"]);
    expect(tooSoon.deliveries).toEqual([]);
    expect(tooSoon.skipped[0]?.reason).toMatch(/being delivered by bot-1/);
    expect(recovered.deliveries.map((d) => d.outcome)).toEqual(["recovered"]);
    expect(slackPosts(channel)).toHaveLength(1);
    expect(await new DigestRecords(store.db).delivery(sub.id, W1)).toMatchObject({
      status: "sent",
      messageId: crashing.posted[0],
    });
  });

  it("GIVEN a crash after posting to Discord and Discord has forgotten the nonce WHEN the bot restarts THEN it finds its marker among later messages and posts nothing more", async () => {
    const store = await backend.open();
    const sub = await subscribe(store, "discord", discordFake.channelId);
    await store.ingest(ZHAOQING, { now: new Date("2026-11-19T02:00:00Z") });
    const crashing = crashingAfterPost(discord);

    await run(store, after(W1, 1), { adapters: new Map([["discord", crashing]]) });
    // Past the nonce's few minutes, and more than one page of other people's messages since.
    discordFake.forgetNonces();
    setPlatformClocks(after(W1, 3));
    for (let i = 0; i < 130; i += 1) discordFake.addMessage(discordFake.channelId, `chatter ${i}`);
    const before = discordFake.channelMessagePosts().length;
    const restarted = await run(store, after(W1, 20));

    expect(restarted.deliveries.map((d) => d.outcome)).toEqual(["recovered"]);
    expect(restarted.deliveries[0]?.messageId).toBe(crashing.posted[0]);
    expect(discordFake.channelMessagePosts().length).toBe(before);
    expect(discordMessagesWithNonce(deliveryKey(sub.id, W1))).toHaveLength(1);
    const reads = discordFake.requests.filter((r) => r.method === "GET" && r.path.endsWith("/messages"));
    expect(reads.length).toBeGreaterThanOrEqual(1);
  });

  it("GIVEN a busy Slack channel (the bot's post, then 160 other messages) WHEN recovery runs 11 minutes later THEN it pages back to the post and posts nothing more", async () => {
    const store = await backend.open();
    const channel = slackChannel();
    const sub = await subscribe(store, "slack", channel);
    await store.ingest(ZHAOQING, { now: new Date("2026-11-19T02:00:00Z") });
    const crashing = crashingAfterPost(slack);

    await run(store, after(W1, 1), { adapters: new Map([["slack", crashing]]) });
    setPlatformClocks(after(W1, 2));
    for (let i = 0; i < 160; i += 1) slackFake.addMessage(channel, `someone else's message ${i}`);
    const historyCalls = slackFake.callsOf("conversations.history").length;
    const recovered = await run(store, after(W1, 12), { processId: "bot-2" });

    expect(recovered.deliveries.map((d) => d.outcome)).toEqual(["recovered"]);
    expect(slackPosts(channel)).toHaveLength(1);
    const searches = slackFake.callsOf("conversations.history").slice(historyCalls);
    expect(searches.every((c) => Number(c.body.oldest) <= after(W1, 1).getTime() / 1000)).toBe(true);
    expect(await new DigestRecords(store.db).delivery(sub.id, W1)).toMatchObject({
      status: "sent",
      messageId: crashing.posted[0],
    });
  });

  it("GIVEN more messages since the crash than the search's bound WHEN recovery runs THEN the digest is held, shown by digest status, not posted again, and a release lets it post once", async () => {
    const store = await backend.open();
    const channel = slackChannel();
    const sub = await subscribe(store, "slack", channel);
    await store.ingest(ZHAOQING, { now: new Date("2026-11-19T02:00:00Z") });

    await run(store, after(W1, 1), { adapters: new Map([["slack", crashingAfterPost(slack)]]) });
    setPlatformClocks(after(W1, 2));
    for (let i = 0; i < 1_050; i += 1) slackFake.addMessage(channel, `flood ${i}`);
    const held = await run(store, after(W1, 20), { processId: "bot-2" });
    const later = await run(store, after(W1, 45), { processId: "bot-3" });
    const nextWeek = await run(store, after(W2, 1), { processId: "bot-3" });

    expect(held.deliveries.map((d) => [d.outcome, d.error])).toEqual([
      ["held", expect.stringMatching(/cannot tell whether it was posted: search_incomplete/)],
    ]);
    expect(later.deliveries).toEqual([]);
    expect(later.skipped[0]?.reason).toMatch(/digest is held/);
    // The next week waits behind the held one rather than skip over it.
    expect(nextWeek.deliveries).toEqual([]);
    expect(slackPosts(channel)).toHaveLength(1);
    const service = new DigestService(store.db, store, CONFIG);
    const status = await service.status({ platform: "slack", channelId: channel, now: after(W1, 50) });
    expect(status.lastDelivery).toMatchObject({ status: "held" });

    // The operator looked: it is there. Recorded, and never posted again.
    const released = await service.release({
      platform: "slack",
      channelId: channel,
      decision: "posted",
      now: after(W1, 60),
    });
    await store.ingest(FOSHAN, { now: new Date("2026-11-26T02:00:00Z") });
    const afterRelease = await run(store, after(W2, 2));
    expect(released.map((d) => d.window)).toEqual([W1]);
    expect(afterRelease.deliveries.map((d) => [d.outcome, d.window])).toEqual([["sent", W2]]);
    expect(slackPosts(channel)).toHaveLength(2);
    expect(await new DigestRecords(store.db).delivery(sub.id, W1)).toMatchObject({ status: "sent" });
  });

  it("GIVEN the history cannot be read WHEN recovery runs THEN the digest is held with Slack's reason and nothing is posted; released as not posted, the next run posts it once", async () => {
    const store = await backend.open();
    const channel = slackChannel();
    await subscribe(store, "slack", channel);
    await store.ingest(ZHAOQING, { now: new Date("2026-11-19T02:00:00Z") });
    // The first post is lost before Slack stored it; only the search can say so, and it fails.
    slackFake.failNext("chat.postMessage", "internal_error");
    slackFake.failNext("conversations.history", "missing_scope");

    const held = await run(store, after(W1, 1));

    expect(held.deliveries.map((d) => [d.outcome, d.error])).toEqual([
      ["held", expect.stringMatching(/missing_scope/)],
    ]);
    expect(slackPosts(channel)).toHaveLength(1);
    expect(slackFake.messagesIn(channel)).toHaveLength(0);

    const service = new DigestService(store.db, store, CONFIG);
    await service.release({ platform: "slack", channelId: channel, decision: "post", now: after(W1, 30) });
    const released = await run(store, after(W1, 31));
    const again = await run(store, after(W1, 50));
    expect(released.deliveries.map((d) => d.outcome)).toEqual(["sent"]);
    expect(again.deliveries).toEqual([]);
    expect(slackFake.messagesIn(channel)).toHaveLength(1);
  });

  it("GIVEN two schedulers on one database WHEN they run at the same moment THEN the channel gets one post", async () => {
    const config = await backend.freshConfig();
    const one = await backend.open(config);
    const two = await backend.open(config);
    const channel = slackChannel();
    await subscribe(one, "slack", channel);
    await one.ingest(ZHAOQING, { now: new Date("2026-11-19T02:00:00Z") });

    const reports = await Promise.all([
      run(one, after(W1, 1), { processId: "bot-1" }),
      run(two, after(W1, 1), { processId: "bot-2" }),
      run(one, after(W1, 1), { processId: "bot-3" }),
    ]);

    expect(reports.flatMap((r) => r.deliveries).map((d) => d.outcome)).toEqual(["sent"]);
    expect(slackPosts(channel)).toHaveLength(1);
  });

  it("GIVEN the bot was down over two Mondays WHEN it comes back THEN one catch-up digest holds both weeks' facts", async () => {
    const store = await backend.open();
    const channel = slackChannel();
    const sub = await subscribe(store, "slack", channel);
    await store.ingest(ZHAOQING, { now: new Date("2026-11-19T02:00:00Z") });
    await store.ingest(FOSHAN, { now: new Date("2026-11-26T02:00:00Z") });

    const back = await run(store, after(W2, 180));
    const later = await run(store, after(W2, 240));

    expect(back.deliveries.map((d) => [d.outcome, d.window, d.factCount])).toEqual([["sent", W2, 2]]);
    expect(later.deliveries).toEqual([]);
    expect(slackPosts(channel)).toHaveLength(1);
    expect(await new DigestRecords(store.db).delivery(sub.id, W1)).toBeUndefined();
  });

  it("GIVEN facts stored before a channel subscribed WHEN its first digest goes out THEN it holds only facts first seen after subscribing", async () => {
    const store = await backend.open();
    const channel = slackChannel();
    await store.ingest(SHENZHEN, { now: new Date("2026-11-17T02:00:00Z") });
    await subscribe(store, "slack", channel);
    await store.ingest(ZHAOQING, { now: new Date("2026-11-19T02:00:00Z") });

    const report = await run(store, after(W1, 1));

    expect(report.deliveries.map((d) => d.factCount)).toEqual([1]);
    const [post] = slackPosts(channel);
    expect(post).toContain("Zhaoqing");
    expect(post).not.toContain("Shenzhen");
  });

  it("GIVEN one channel answers channel_not_found and another is gone from Discord THEN both are disabled with the reason and the others still get their digest", async () => {
    const store = await backend.open();
    const [gone, fine] = [slackChannel(), slackChannel()];
    const goneSub = await subscribe(store, "slack", gone, SUBSCRIBED);
    await subscribe(store, "slack", fine, after(SUBSCRIBED, 1));
    await subscribe(store, "discord", "1399999999999999999", after(SUBSCRIBED, 2));
    await store.ingest(ZHAOQING, { now: new Date("2026-11-19T02:00:00Z") });
    slackFake.failNext("chat.postMessage", "channel_not_found");

    const report = await run(store, after(W1, 1));
    const next = await run(store, after(W2, 1));

    expect(report.deliveries.map((d) => [d.channelId, d.outcome])).toEqual([
      [gone, "disabled"],
      [fine, "sent"],
      ["1399999999999999999", "disabled"],
    ]);
    expect(slackPosts(fine)).toHaveLength(1);
    const status = await new DigestService(store.db, store, CONFIG).status({
      platform: "slack",
      channelId: gone,
      now: W2,
    });
    expect(status.subscription?.id).toBe(goneSub.id);
    expect(status.subscription?.disabledReason).toMatch(/channel_not_found/);
    expect(status.lastDelivery?.status).toBe("failed");
    expect(next.deliveries.map((d) => d.channelId)).toEqual([fine]);
  });

  it("GIVEN Slack fails with internal errors through every retry THEN the claim stays and the next run posts once", async () => {
    const store = await backend.open();
    const channel = slackChannel();
    await subscribe(store, "slack", channel);
    await store.ingest(ZHAOQING, { now: new Date("2026-11-19T02:00:00Z") });
    slackFake.failNext("chat.postMessage", "internal_error", { times: 3 });

    const failing = await run(store, after(W1, 1));
    const retried = await run(store, after(W1, 2));

    expect(failing.deliveries.map((d) => d.outcome)).toEqual(["deferred"]);
    expect(retried.deliveries.map((d) => d.outcome)).toEqual(["sent"]);
    expect(slackFake.messagesIn(channel)).toHaveLength(1);
  });

  it("GIVEN the bot starts after a missed Monday THEN the scheduler's start-up run posts the catch-up digest once", async () => {
    const store = await backend.open();
    const channel = slackChannel();
    await subscribe(store, "slack", channel);
    await store.ingest(ZHAOQING, { now: new Date("2026-11-19T02:00:00Z") });

    const scheduler = startDigestScheduler({
      db: store.db,
      facts: store,
      adapters: new Map<Platform, PlatformAdapter>([["slack", slack]]),
      config: CONFIG,
      logger: silentLogger(),
      now: () => after(W1, 90),
    });
    const again = await scheduler.runNow();
    await scheduler.stop();

    expect(again).toEqual({ deliveries: [], skipped: [] });
    expect(slackPosts(channel)).toHaveLength(1);
  });

  it("GIVEN a process died holding a claim WHEN another bot is running THEN it takes the claim over within seconds of the lease lapsing, finds the post and posts nothing more", async () => {
    const store = await backend.open();
    const channel = slackChannel();
    // Real time throughout: the take-over comes from the running scheduler's own timer.
    slackFake.clock = () => new Date();
    const window = previousRun(CONFIG.cron, CONFIG.timezone, new Date());
    const sub = await subscribe(store, "slack", channel, new Date(window.getTime() - 3 * 24 * 60 * MIN));
    await store.ingest(ZHAOQING, { now: new Date(window.getTime() - 24 * 60 * MIN) });
    const crashing = crashingAfterPost(slack);
    const leaseMs = 2_000;
    await runDueDigests({
      now: new Date(),
      db: store.db,
      facts: store,
      adapters: new Map([["slack", crashing]]),
      config: CONFIG,
      logger: silentLogger(),
      processId: "bot-dead",
      leaseMs,
    });
    const records = new DigestRecords(store.db);
    expect(await records.delivery(sub.id, window)).toMatchObject({
      status: "claimed",
      claimedBy: "bot-dead",
    });

    const scheduler = startDigestScheduler({
      db: store.db,
      facts: store,
      adapters: new Map<Platform, PlatformAdapter>([["slack", slack]]),
      config: CONFIG,
      logger: silentLogger(),
      processId: "bot-alive",
      leaseMs,
    });
    try {
      const deadline = Date.now() + 30_000;
      let settled = await records.delivery(sub.id, window);
      while (settled?.status === "claimed" && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        settled = await records.delivery(sub.id, window);
      }
      expect(settled).toMatchObject({ status: "sent", messageId: crashing.posted[0] });
      expect(slackPosts(channel)).toHaveLength(1);
    } finally {
      await scheduler.stop();
    }
  });
});
