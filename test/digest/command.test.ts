/** `/gd digest …` through the real dispatch: who may subscribe, and what status and preview say. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Bot, createBot } from "../../src/bot.js";
import type { Invocation } from "../../src/core/invocation.js";
import { silentLogger } from "../../src/core/logger.js";
import { type Reply, replySummary } from "../../src/core/reply.js";
import { DigestRecords } from "../../src/digest/records.js";
import { DEFAULT_DIGEST_CONFIG } from "../../src/digest/service.js";
import { extractionResult } from "../support/fact-builders.js";

let bot: Bot;
let dataDir: string;
let clock = new Date("2026-11-18T04:00:00Z");

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "gd-digest-cmd-"));
  bot = await createBot({
    config: {
      dataDir,
      databaseUrl: undefined,
      databaseSsl: "off",
      digest: { ...DEFAULT_DIGEST_CONFIG, admins: ["U-SLACK-ADMIN"] },
    },
    logger: silentLogger(),
    ingestBundled: false,
    now: () => clock,
  });
});

afterAll(async () => {
  await bot?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function ask(text: string, over: Partial<Invocation> = {}): Promise<Reply> {
  return bot.handle({
    platform: "console",
    user: { id: "U-CONSOLE" },
    channel: { id: "C-DIGEST" },
    text,
    ...over,
  });
}

const allText = (reply: Reply) => JSON.stringify(reply.blocks);

describe("digest command", () => {
  it("GIVEN a Discord member who cannot manage the channel WHEN they subscribe THEN they are refused privately", async () => {
    const reply = await ask("digest subscribe", {
      platform: "discord",
      user: { id: "1400000000000000001", canManageChannel: false },
      channel: { id: "1300000000000000001" },
    });
    expect(reply.visibility).toBe("ephemeral");
    expect(replySummary(reply)).toMatch(/Only members who can manage this channel/);
  });

  it("GIVEN DIGEST_ADMINS WHEN a Slack user not listed subscribes THEN refused; WHEN a listed one does THEN subscribed", async () => {
    const channel = { id: "C-SLACK" };
    const refused = await ask("digest subscribe", { platform: "slack", user: { id: "U-OTHER" }, channel });
    const allowed = await ask("digest subscribe daily", {
      platform: "slack",
      user: { id: "U-SLACK-ADMIN" },
      channel,
    });
    expect(replySummary(refused)).toMatch(/DIGEST_ADMINS/);
    expect(allowed.visibility).toBe("public");
    expect(allText(allowed)).toContain("daily digest");
    expect(allText(allowed)).toContain("Thu 19 Nov 09:00 (Asia/Shanghai)");
  });

  it("GIVEN a subscribed channel WHEN status and preview are asked THEN they show schedule, next run and the facts added since", async () => {
    await ask("digest subscribe");
    await bot.facts.ingest(
      extractionResult("Zhaoqing bulletin", [{ region: "Zhaoqing", metric: "gdp", value: 279.25e9 }]),
      {
        now: new Date("2026-11-19T02:00:00Z"),
      },
    );
    clock = new Date("2026-11-20T02:00:00Z");

    const status = await ask("digest status");
    const preview = await ask("digest preview");

    expect(status.visibility).toBe("ephemeral");
    expect(allText(status)).toContain("Mon 23 Nov 09:00 (Asia/Shanghai)");
    expect(allText(status)).toContain("none yet");
    expect(preview.visibility).toBe("ephemeral");
    expect(allText(preview)).toContain("1 new figure from 1 source");
    expect(allText(preview)).toContain("279.25 billion yuan");
  });

  it("GIVEN a subscribed channel WHEN unsubscribed THEN status says it was stopped and by whom", async () => {
    await ask("digest subscribe", { channel: { id: "C-STOP" } });
    const stopped = await ask("digest unsubscribe", { channel: { id: "C-STOP" } });
    const status = await ask("digest status", { channel: { id: "C-STOP" } });
    expect(replySummary(stopped)).toMatch(/stopped/);
    expect(allText(status)).toContain("unsubscribed by U-CONSOLE");
  });

  it("GIVEN a digest recovery held because it could not tell whether it was posted THEN status says so and how it is released", async () => {
    const channel = { id: "C-HELD" };
    await ask("digest subscribe", { channel });
    const records = new DigestRecords(bot.store.db);
    const sub = await records.liveSubscription("console", "C-HELD");
    const window = new Date("2026-11-23T01:00:00Z");
    const claim = await records.claim({
      subscriptionId: sub?.id ?? "",
      window,
      from: new Date("2026-11-18T04:00:00Z"),
      claimedBy: "bot-1",
      now: window,
    });
    if (!claim) throw new Error("the test's claim was not made");
    await records.hold(claim, "cannot tell whether it was posted: search_incomplete: 1000 messages searched");

    const status = await ask("digest status", { channel });

    expect(allText(status)).toContain("Mon 23 Nov 09:00");
    expect(allText(status)).toMatch(/held, not posted again/);
    expect(allText(status)).toContain("search_incomplete");
    expect(allText(status)).toContain("digest release");
  });

  it("GIVEN an unknown action or frequency THEN the user is told what to type", async () => {
    expect(replySummary(await ask("digest weekly"))).toMatch(/not a digest action/);
    expect(replySummary(await ask("digest subscribe hourly"))).toMatch(/Choose weekly or daily/);
  });
});
