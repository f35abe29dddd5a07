/** The digest content: a pure function of facts, window and platform limits. */
import { describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/reply.js";
import { buildDigest, DIGEST_LIMITS, type DigestInput, formatDateRange } from "../../src/digest/build.js";
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
