/**
 * Two sources that disagree on one figure are both shown, marked as disagreeing, with their
 * sources; an outcome ranks above a target for the same question. Synthetic documents.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FactCard, Reply, ReplyBlock } from "../../../src/core/reply.js";
import { createTestBot, type TestBot } from "../../support/bot.js";
import { extractionResult } from "../../support/fact-builders.js";

const NOW = new Date("2025-03-01T00:00:00Z");

const documents = [
  extractionResult(
    "Heyuan bulletin",
    [
      {
        region: "Heyuan",
        metric: "gdp",
        period: "2023",
        value: 141.2e9,
        unit: "CNY",
        quote: "Heyuan's GDP was 141.2 billion yuan",
      },
    ],
    { published: "2024-01-30", publisher: "Heyuan Statistics Bureau" },
  ),
  extractionResult(
    "A repost with another figure",
    [
      {
        region: "Heyuan",
        metric: "gdp",
        period: "2023",
        value: 114.2e9,
        unit: "CNY",
        quote: "Heyuan's GDP reached 114.2 billion yuan",
      },
    ],
    { published: "2024-02-10", publisher: "Some portal" },
  ),
  extractionResult(
    "Yunfu plans and results",
    [
      {
        region: "Yunfu",
        metric: "gdp growth",
        period: "2024",
        value: 6,
        unit: "percent",
        qualifier: "target",
        quote: "Yunfu aims for GDP growth of 6 percent in 2024",
      },
      {
        region: "Yunfu",
        metric: "gdp growth",
        period: "2024",
        value: 3.9,
        unit: "percent",
        quote: "Yunfu's GDP grew 3.9 percent in 2024",
      },
    ],
    { published: "2025-01-25" },
  ),
];

let t: TestBot;
beforeAll(async () => {
  t = await createTestBot({ bundled: false, documents, now: () => NOW });
});
afterAll(async () => t.close());

const cards = (reply: Reply): FactCard[] =>
  reply.blocks.flatMap((b: ReplyBlock) => (b.type === "fact" ? [b.card] : []));
const notices = (reply: Reply): string[] =>
  reply.blocks.flatMap((b: ReplyBlock) => (b.type === "notice" ? [b.text] : []));

describe("conflicting values", () => {
  it("GIVEN two sources with different values for one figure WHEN asked THEN both are shown, marked as disagreeing, each with its source", async () => {
    const reply = await t.ask("heyuan gdp 2023");
    const shown = cards(reply);
    expect(shown.map((c) => c.value).sort()).toEqual([
      "114.2 billion yuan (1,142亿元)",
      "141.2 billion yuan (1,412亿元)",
    ]);
    expect(shown.map((c) => c.source.title).sort()).toEqual([
      "A repost with another figure",
      "Heyuan bulletin",
    ]);
    expect(notices(reply).join(" ")).toMatch(/disagree/i);
  });

  it("GIVEN one value for a figure WHEN asked THEN no disagreement is claimed", async () => {
    const reply = await t.ask("yunfu gdp growth 2024");
    expect(notices(reply).join(" ")).not.toMatch(/disagree/i);
  });
});

describe("outcomes and targets", () => {
  it("GIVEN a target and an outcome for the same year WHEN asked THEN the outcome comes first", async () => {
    const [first] = cards(await t.ask("yunfu gdp growth 2024"));
    expect(first?.value).toContain("3.9");
  });
});
