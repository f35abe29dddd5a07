/** The digest content: a pure function of facts, window and platform limits. */
import { describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/reply.js";
import { buildDigest, DIGEST_LIMITS, type DigestInput, formatDateRange } from "../../src/digest/build.js";
import { isEconomicIndicator } from "../../src/digest/indicators.js";
import type { StoredFact } from "../../src/facts/fact.js";
import { extractedFact, type FigureSpec, sourceRef } from "../support/fact-builders.js";

const FROM = new Date("2026-11-16T01:00:00Z"); // Mon 16 Nov 09:00 Shanghai
const TO = new Date("2026-11-23T01:00:00Z"); // Mon 23 Nov 09:00 Shanghai

function stored(title: string, spec: FigureSpec): StoredFact {
  const fact = extractedFact(sourceRef(title), spec);
  return {
    ...fact,
    citations: [{ source: fact.source, quote: fact.quote }],
    firstSeenAt: "2026-11-18T00:00:00.000Z",
    retracted: null,
    review: null,
  };
}

function input(facts: StoredFact[], overrides: Partial<DigestInput> = {}): DigestInput {
  return {
    facts,
    from: FROM,
    to: TO,
    timezone: "Asia/Shanghai",
    limits: DIGEST_LIMITS.slack,
    empty: "skip",
    ...overrides,
  };
}

const ZHAOQING_GDP = stored("Zhaoqing report", { region: "Zhaoqing", metric: "gdp", value: 279.25e9 });
const GUANGDONG_TARGET = stored("Work report", {
  region: "Guangdong",
  metric: "gdp growth target",
  period: "2025",
  value: 5,
  unit: "percent",
  qualifier: "target",
});
const SHENZHEN_GDP = stored("Work report", { region: "Shenzhen", metric: "gdp", value: 3.46e12 });

function facts(reply: Reply) {
  return reply.blocks.flatMap((b) => (b.type === "fact" ? [b.card] : []));
}

describe("buildDigest", () => {
  it("GIVEN facts from two sources THEN the headline counts figures and sources over the week's days", () => {
    const reply = buildDigest(input([ZHAOQING_GDP, GUANGDONG_TARGET, SHENZHEN_GDP]))!;
    expect(reply.blocks[0]).toEqual({ type: "heading", text: "3 new figures from 2 sources, 16–22 Nov" });
    expect(reply.summary).toBe("3 new figures from 2 sources, 16–22 Nov");
    expect(reply.visibility).toBe("public");
  });

  it("GIVEN facts of several regions THEN they are grouped under region headings, the province first", () => {
    const reply = buildDigest(input([ZHAOQING_GDP, SHENZHEN_GDP, GUANGDONG_TARGET]))!;
    const headings = reply.blocks
      .filter((b) => b.type === "heading")
      .map((b) => (b as { text: string }).text);
    expect(headings.slice(1)).toEqual(["Guangdong", "Shenzhen", "Zhaoqing"]);
    expect(facts(reply).map((c) => c.id)).toEqual([GUANGDONG_TARGET.id, SHENZHEN_GDP.id, ZHAOQING_GDP.id]);
  });

  it("GIVEN a fact THEN its card carries metric, period, value with qualifier, and the source link", () => {
    const [card] = facts(buildDigest(input([GUANGDONG_TARGET]))!);
    expect(card).toMatchObject({
      title: "GDP growth target · Guangdong",
      period: "2025",
      value: "target 5%",
      details: [{ label: "Status", value: "a target, not an outcome" }],
      source: { title: "Work report", url: "https://example.test/Work%20report" },
    });
  });

  it("GIVEN more facts than a Discord message holds THEN the rest are counted with a pointer to /gd latest", () => {
    const many = Array.from({ length: 14 }, (_, i) =>
      stored(`Doc ${i}`, { region: "Foshan", metric: "gdp", period: String(2000 + i), value: 1e9 + i }),
    );
    const reply = buildDigest(input(many, { limits: DIGEST_LIMITS.discord }))!;
    const shown = facts(reply).length;
    expect(shown).toBe(DIGEST_LIMITS.discord.budget - DIGEST_LIMITS.discord.fixedCost);
    expect(reply.blocks.at(-1)).toEqual({ type: "context", text: `… and ${14 - shown} more — /gd latest` });
  });

  it("GIVEN more facts than Slack's 50 blocks allow THEN what is shown stays within 50 blocks", () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      stored(`Doc ${i}`, {
        region: i % 2 ? "Foshan" : "Zhuhai",
        metric: "gdp",
        period: String(1990 + i),
        value: 1e9 + i,
      }),
    );
    const reply = buildDigest(input(many))!;
    const slackBlocks = reply.blocks.reduce((n, b) => n + (b.type === "fact" ? 3 : 1), 0);
    expect(slackBlocks).toBeLessThanOrEqual(50);
    expect(reply.blocks.at(-1)).toMatchObject({
      type: "context",
      text: expect.stringMatching(/^… and \d+ more — \/gd latest$/),
    });
  });

  it("GIVEN no facts THEN there is no digest, unless DIGEST_EMPTY=post", () => {
    expect(buildDigest(input([]))).toBeNull();
    const empty = buildDigest(input([], { empty: "post" }))!;
    expect(empty.blocks[0]).toEqual({ type: "heading", text: "No new figures, 16–22 Nov" });
  });
});

describe("buildDigest: what it leads with", () => {
  // Invented figures that are true but are not economic indicators.
  const STREAK = stored("Province review", {
    region: "Guangdong",
    metric: "consecutive years ranked first in gdp",
    value: 12,
    unit: "years",
  });
  const RANK = stored("Province review", {
    region: "Shenzhen",
    metric: "gdp ranking",
    value: 3,
    unit: "rank",
  });
  const ROADS = stored("Transport notes", {
    region: "Zhuhai",
    metric: "expressway mileage",
    value: 480,
    unit: "km",
  });
  const STATIONS = stored("Transport notes", {
    region: "Foshan",
    metric: "5g base stations",
    value: 51_000,
    unit: "count",
  });

  it("GIVEN indicators among streaks, ranks and infrastructure counts THEN only the indicators are cards, by region; the rest is one short line", () => {
    const reply = buildDigest(input([STREAK, ZHAOQING_GDP, ROADS, RANK, GUANGDONG_TARGET, STATIONS]))!;

    expect(facts(reply).map((c) => c.id)).toEqual([GUANGDONG_TARGET.id, ZHAOQING_GDP.id]);
    const headings = reply.blocks.flatMap((b) => (b.type === "heading" ? [b.text] : []));
    expect(headings.slice(1)).toEqual(["Guangdong", "Zhaoqing"]);
    const other = reply.blocks.filter((b) => b.type === "context" && b.text.startsWith("Also new"));
    expect(other).toEqual([
      {
        type: "context",
        text: "Also new: 4 other figures (Consecutive years ranked first in GDP · Guangdong; Expressway mileage · Zhuhai; GDP ranking · Shenzhen and 1 more) — /gd latest",
      },
    ]);
  });

  it("GIVEN the other line THEN a Discord digest still fits its 10 embeds", () => {
    const many = Array.from({ length: 14 }, (_, i) =>
      stored(`Doc ${i}`, { region: "Foshan", metric: "gdp", period: String(2000 + i), value: 1e9 + i }),
    );
    const reply = buildDigest(input([...many, ROADS], { limits: DIGEST_LIMITS.discord }))!;
    const embeds = reply.blocks.filter((b) => b.type !== "heading").length;
    expect(embeds).toBeLessThanOrEqual(DIGEST_LIMITS.discord.budget);
    expect(reply.blocks.at(-1)).toMatchObject({
      text: expect.stringMatching(/^… and \d+ more — \/gd latest$/),
    });
  });

  it("GIVEN metrics THEN indicators are the vocabulary's, with variants and parts; streaks, ranks and unknown counts are not", () => {
    expect(isEconomicIndicator({ metric: "gdp growth target", unit: "percent" })).toBe(true);
    expect(isEconomicIndicator({ metric: "private enterprises import and export volume", unit: "CNY" })).toBe(
      true,
    );
    expect(isEconomicIndicator({ metric: "per capita disposable income", unit: "CNY" })).toBe(true);
    expect(isEconomicIndicator({ metric: "gdp", unit: "years" })).toBe(false);
    expect(isEconomicIndicator({ metric: "gdp ranking", unit: "rank" })).toBe(false);
    expect(isEconomicIndicator({ metric: "expressway mileage", unit: "km" })).toBe(false);
    // A vocabulary name must stand as words, not inside another word.
    expect(isEconomicIndicator({ metric: "gdpx stations", unit: "count" })).toBe(false);
  });
});

describe("buildDigest: the window", () => {
  it("GIVEN a scheduled digest THEN its window is stated once, in the headline, and the zone is named", () => {
    const reply = buildDigest(input([ZHAOQING_GDP]))!;
    const text = JSON.stringify(reply.blocks);

    expect(reply.blocks[0]).toEqual({ type: "heading", text: "1 new figure from 1 source, 16–22 Nov" });
    expect(text.match(/Nov/g)).toHaveLength(1);
    expect(text).not.toMatch(/\d{2}:\d{2}/);
    expect(text).toContain("Asia/Shanghai");
  });

  it("GIVEN a preview (the window still open) THEN the days run to today's, not yesterday's", () => {
    const from = new Date("2026-11-30T01:00:00Z"); // Mon 30 Nov 09:00 Shanghai
    const now = new Date("2026-12-01T19:19:00Z"); // Wed 2 Dec 03:19 Shanghai
    const reply = buildDigest(input([ZHAOQING_GDP], { from, to: now, windowEnd: "now" }))!;

    expect(reply.blocks[0]).toEqual({ type: "heading", text: "1 new figure from 1 source, 30 Nov – 2 Dec" });
    expect(JSON.stringify(reply.blocks)).not.toMatch(/Wed|\d{2}:\d{2}/);
  });
});

describe("formatDateRange", () => {
  it("GIVEN ranges within a month, across months, across years and within a day THEN they read naturally", () => {
    const tz = "Asia/Shanghai";
    expect(formatDateRange(FROM, TO, tz)).toBe("16–22 Nov");
    expect(formatDateRange(new Date("2026-11-30T01:00:00Z"), new Date("2026-12-07T01:00:00Z"), tz)).toBe(
      "30 Nov – 6 Dec",
    );
    expect(formatDateRange(new Date("2026-12-28T01:00:00Z"), new Date("2027-01-04T01:00:00Z"), tz)).toBe(
      "28 Dec 2026 – 3 Jan 2027",
    );
    expect(formatDateRange(new Date("2026-11-22T01:00:00Z"), new Date("2026-11-23T01:00:00Z"), tz)).toBe(
      "22 Nov",
    );
  });
});
