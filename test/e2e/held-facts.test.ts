/**
 * A held fact end to end: the extractor was not sure of it, so `ask`, `compare`, `trend`,
 * `latest` and the digest (preview and a real delivery) never show it while the served figures
 * next to it are shown; once a curator approves it from another process (the CLI's part, played
 * by a second store on the bot's data folder) the running bot answers with it, and the next
 * digest announces it without announcing again what the previous one did.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlatformAdapter } from "../../src/core/adapter.js";
import type { Platform } from "../../src/core/invocation.js";
import { silentLogger } from "../../src/core/logger.js";
import type { Reply } from "../../src/core/reply.js";
import { runDueDigests } from "../../src/digest/runner.js";
import { DEFAULT_DIGEST_CONFIG } from "../../src/digest/service.js";
import { FRESHNESS_CHECK_MS } from "../../src/facts/service.js";
import { openStore } from "../../src/store/open-store.js";
import { createTestBot, type TestBot } from "../support/bot.js";
import { extractionResult } from "../support/fact-builders.js";

const SUBSCRIBED = new Date("2026-11-18T04:00:00Z"); // Wed 18 Nov, 12:00 Shanghai
const INGESTED = new Date("2026-11-19T02:00:00Z");
const W1 = new Date("2026-11-23T01:00:00Z"); // Mon 23 Nov, 09:00 Shanghai: first digest
const APPROVED = new Date("2026-11-24T02:00:00Z");
const W2 = new Date("2026-11-30T01:00:00Z"); // the digest after the approval

const CHANNEL = "C-HELD";
const DONGGUAN = "dongguan.gdp.2023";
const SHENZHEN_2022 = "shenzhen.gdp.2022";

const document = extractionResult(
  "Synthetic city statistics",
  [
    {
      region: "Shenzhen",
      metric: "gdp",
      period: "2023",
      value: 3.46e12,
      quote: "Shenzhen's GDP was 3.46 trillion yuan",
    },
    {
      region: "Shenzhen",
      metric: "gdp",
      period: "2024",
      value: 3.68e12,
      quote: "Shenzhen's GDP was 3.68 trillion yuan",
    },
    {
      region: "Guangzhou",
      metric: "gdp",
      period: "2023",
      value: 3.04e12,
      quote: "Guangzhou's GDP was 3.04 trillion yuan",
    },
    {
      region: "Dongguan",
      metric: "gdp",
      period: "2023",
      value: 1.14e12,
      quote: "the city's output passed 1.14 trillion yuan",
      confidence: 0.45,
      status: "held",
    },
    {
      region: "Shenzhen",
      metric: "gdp",
      period: "2022",
      value: 3.24e12,
      quote: "3.24 trillion yuan, as the year before",
      confidence: 0.4,
      status: "held",
    },
  ],
  { published: "2026-11-18" },
);

let clock = SUBSCRIBED;
let t: TestBot;
const posts: Reply[] = [];
const recorder: PlatformAdapter = {
  platform: "console",
  start: async () => undefined,
  stop: async () => undefined,
  async post(_channel, reply) {
    posts.push(reply);
    return { messageId: `m${posts.length}` };
  },
  findPosted: async () => null,
};

beforeAll(async () => {
  t = await createTestBot({ bundled: false, now: () => clock });
  await t.ask("digest subscribe", { channel: { id: CHANNEL } });
  await t.bot.facts.ingest(document, { now: INGESTED });
  clock = new Date(INGESTED.getTime() + 3_600_000);
});
afterAll(async () => t?.close());

const text = (reply: Reply) => JSON.stringify(reply.blocks);
const cardIds = (reply: Reply) => reply.blocks.flatMap((b) => (b.type === "fact" ? [b.card.id] : []));
const trendPeriods = (reply: Reply) =>
  reply.blocks.flatMap((b) => (b.type === "table" ? b.rows.map((r) => r[0]) : []));

function runDigest(now: Date) {
  clock = now;
  return runDueDigests({
    now,
    db: t.bot.store.db,
    facts: t.bot.facts,
    adapters: new Map<Platform, PlatformAdapter>([["console", recorder]]),
    config: DEFAULT_DIGEST_CONFIG,
    logger: silentLogger(),
    processId: "held-facts-test",
    sleep: async () => undefined,
  });
}

describe("a held fact", () => {
  it("GIVEN a held figure THEN ask shows the served figures and never the held one", async () => {
    expect(cardIds(await t.ask("shenzhen gdp 2023"))).toEqual(["shenzhen.gdp.2023"]);
    const dongguan = await t.ask("dongguan gdp 2023");
    expect(cardIds(dongguan)).not.toContain(DONGGUAN);
    expect(text(dongguan)).not.toContain("1.14 trillion");
    expect(cardIds(await t.ask("shenzhen gdp 2022"))).not.toContain(SHENZHEN_2022);
  });

  it("THEN compare finds no figure for its side, and trend leaves its period out", async () => {
    const compare = await t.ask("compare guangzhou gdp 2023 vs dongguan");
    expect(text(compare)).toContain("3.04 trillion yuan");
    expect(text(compare)).not.toContain("1.14 trillion");
    expect(compare.blocks.flatMap((b) => (b.type === "notice" ? [b.text] : []))).toEqual([
      'No figure found for "Dongguan gdp 2023".',
    ]);

    expect(trendPeriods(await t.ask("trend shenzhen gdp"))).toEqual(["2023", "2024"]);
  });

  it("THEN latest lists the served figures only", async () => {
    const latest = text(await t.ask("latest"));
    expect(latest).toContain("shenzhen.gdp.2024");
    expect(latest).not.toContain(DONGGUAN);
    expect(latest).not.toContain(SHENZHEN_2022);
  });

  it("THEN the digest preview and the delivered digest announce the served figures only", async () => {
    const preview = text(await t.ask("digest preview", { channel: { id: CHANNEL } }));
    expect(preview).toContain("3 new figures from 1 source");
    expect(preview).not.toContain("1.14 trillion");

    const report = await runDigest(W1);

    expect(report.deliveries.map((d) => [d.outcome, d.factCount])).toEqual([["sent", 3]]);
    const posted = text(posts.at(-1)!);
    expect(posted).toContain("3.46 trillion yuan");
    expect(posted).toContain("3.04 trillion yuan");
    expect(posted).not.toContain("1.14 trillion");
    expect(posted).not.toContain("3.24 trillion");
  });

  it("GIVEN the CLI approves it while the bot runs THEN every command shows it, and the next digest announces only it", async () => {
    const cli = await openStore({ dataDir: t.dataDir });
    await cli.approve(DONGGUAN, { now: APPROVED });
    await cli.approve(SHENZHEN_2022, { now: APPROVED });
    await cli.close();
    clock = new Date(APPROVED.getTime() + 3_600_000);
    await sleep(FRESHNESS_CHECK_MS + 100);

    expect(cardIds(await t.ask("dongguan gdp 2023"))).toEqual([DONGGUAN]);
    expect(text(await t.ask("compare guangzhou gdp 2023 vs dongguan"))).toContain("1.14 trillion yuan");
    expect(trendPeriods(await t.ask("trend shenzhen gdp"))).toEqual(["2022", "2023", "2024"]);
    expect(text(await t.ask("latest dongguan"))).toContain(DONGGUAN);

    const report = await runDigest(W2);

    expect(report.deliveries.map((d) => [d.outcome, d.factCount])).toEqual([["sent", 2]]);
    const posted = text(posts.at(-1)!);
    expect(posted).toContain("1.14 trillion yuan");
    expect(posted).toContain("3.24 trillion yuan");
    expect(posted).not.toContain("3.46 trillion yuan");
  });
});
