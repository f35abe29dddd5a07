/**
 * trend, compare and ask over a SYNTHETIC store (invented figures) that mixes what real
 * articles mix: annual, half-year and quarterly figures of one metric, the same figure in yuan
 * and in dollars, a sub-population beside its total, two sources disagreeing, a target, a streak.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyToText } from "../../../adapters/console/render.js";
import type { FactCard, Reply } from "../../../src/core/reply.js";
import { createTestBot, type TestBot } from "../../support/bot.js";
import { extractionResult, type FigureSpec } from "../../support/fact-builders.js";

const NOW = new Date("2025-06-01T00:00:00Z");
/** Stored ids are lower-case; the builders' default id keeps the period's capital Q or H. */
const spec = (figure: FigureSpec): FigureSpec => ({
  ...figure,
  id:
    figure.id ??
    `${figure.region}.${figure.metric}.${figure.period}`.toLowerCase().replace(/[^a-z0-9.]+/g, "-"),
});
const pct = (region: string, metric: string, period: string, value: number): FigureSpec => ({
  region,
  metric,
  period,
  value,
  unit: "percent",
});

const documents = [
  extractionResult(
    "Foshan yearbook",
    (
      [
        { region: "Foshan", metric: "gdp", period: "2022", value: 1.2e12 },
        { region: "Foshan", metric: "gdp", period: "2023", value: 1.26e12 },
        { region: "Foshan", metric: "gdp", period: "2024", value: 1.323e12 },
        { region: "Foshan", metric: "gdp", period: "2024-Q1", value: 0.3e12 },
        { region: "Foshan", metric: "gdp", period: "2024-H1", value: 0.64e12 },
        {
          region: "Foshan",
          metric: "gdp",
          period: "2023",
          value: 0.178e12,
          unit: "USD",
          id: "foshan.gdp.2023.usd",
        },
        pct("Foshan", "gdp growth", "2023", 4.1),
        pct("Foshan", "gdp growth", "2024", 4.6),
        pct("Foshan", "gdp growth", "2024-H1", 3.2),
        { ...pct("Foshan", "gdp growth target", "2025", 5), qualifier: "target" },
        {
          region: "Foshan",
          metric: "consecutive years ranked first in gdp",
          period: "2023",
          value: 9,
          unit: "years",
        },
        { region: "Foshan", metric: "import and export volume", period: "2023", value: 0.5e12 },
        { region: "Foshan", metric: "import and export volume", period: "2024", value: 0.55e12 },
        pct("Foshan", "import and export volume growth", "2024", 10),
        {
          region: "Foshan",
          metric: "private enterprises import and export volume",
          period: "2024-Q1",
          value: 0.08e12,
        },
        { region: "Foshan", metric: "exports", period: "2023", value: 0.3e12 },
        pct("Foshan", "exports growth", "2023", 2.5),
        { region: "Foshan", metric: "retail sales of consumer goods", period: "2023", value: 0.35e12 },
        pct("Foshan", "retail sales of consumer goods growth", "2023", 5.5),
        { region: "Foshan", metric: "high-tech enterprises", period: "2023", value: 9000, unit: "count" },
        { region: "Foshan", metric: "per capita disposable income", period: "2023", value: 70000 },
        { region: "Foshan", metric: "general public budget revenue", period: "2023", value: 0.08e12 },
        {
          region: "Foshan",
          metric: "industrial added value above designated size",
          period: "2023",
          value: 0.55e12,
        },
        pct("Foshan", "industrial added value above designated size growth", "2023", 3.9),
        { region: "Foshan", metric: "population", period: "2023", value: 9.6e6, unit: "people" },
        { region: "Foshan", metric: "key projects", period: "2023", value: 120, unit: "count" },
        {
          region: "Foshan",
          metric: "key projects",
          period: "2023",
          value: 50e9,
          id: "foshan.key-projects.2023.cny",
        },
      ] as FigureSpec[]
    ).map(spec),
    { published: "2025-02-01" },
  ),
  extractionResult(
    "Foshan revised release",
    [{ region: "Foshan", metric: "gdp", period: "2023", value: 1.27e12, id: "foshan.gdp.2023.rev" }],
    {
      published: "2024-03-01",
    },
  ),
  extractionResult(
    "Other cities",
    [
      { region: "Jiangmen", metric: "gdp", period: "2023", value: 0.4e12 },
      pct("Jiangmen", "gdp growth", "2023", 3),
      { region: "Guangdong", metric: "gdp", period: "2023", value: 13e12 },
      pct("Guangdong", "gdp growth", "2023", 4.8),
    ],
    { published: "2024-02-01" },
  ),
];

let t: TestBot;
beforeAll(async () => {
  t = await createTestBot({ bundled: false, documents, now: () => NOW });
}, 180_000);
afterAll(async () => t.close());

const text = (reply: Reply): string => JSON.stringify(reply.blocks);
const table = (reply: Reply) => {
  const block = reply.blocks.find((b) => b.type === "table");
  return block?.type === "table" ? block : undefined;
};
const cards = (reply: Reply): FactCard[] => reply.blocks.flatMap((b) => (b.type === "fact" ? [b.card] : []));
/** Terminal columns a line takes: CJK characters are two wide. */
const width = (line: string): number =>
  [...line].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/u.test(ch) ? 2 : 1), 0);

describe("trend: one series", () => {
  it("GIVEN annual, quarterly, half-year and USD figures THEN only the annual yuan series, the others offered", async () => {
    const reply = await t.ask("trend foshan gdp");
    const rows = table(reply)?.rows ?? [];
    expect(rows.map((r) => r[0])).toEqual(["2022", "2023", "2023", "2024"]);
    expect(rows.map((r) => r[1]).join(" ")).not.toMatch(/US\$/);
    // 2023 from 2022, then the second 2023 value is no change, then 2024 from 2023's newest source.
    expect(rows.map((r) => r[2])).toEqual([
      "",
      "+60 billion yuan (+5%)",
      "another source",
      "+63 billion yuan (+5%)",
    ]);
    const also = text(reply);
    expect(also).toMatch(/quarterly, 1 figure/);
    expect(also).toMatch(/half-year, 1 figure/);
    expect(also).toMatch(/annual in USD/);
    expect(also).toContain("trend foshan gdp quarterly");
  });

  it("GIVEN a kind word THEN that series alone", async () => {
    expect(table(await t.ask("trend foshan gdp quarterly"))?.rows.map((r) => r[0])).toEqual(["Q1 2024"]);
    expect(table(await t.ask("trend foshan gdp annual usd"))?.rows.map((r) => r[1])).toEqual([
      "US$178 billion",
    ]);
  });

  it("GIVEN growth rates THEN changes in percentage points, and the half-year rate is apart", async () => {
    const rows = table(await t.ask("trend foshan gdp growth"))?.rows ?? [];
    expect(rows.map((r) => r[0])).toEqual(["2023", "2024"]);
    expect(rows[1]?.[2]).toBe("+0.5 percentage points");
  });

  it("GIVEN a total and a sub-population THEN the total's series only, no change from a part", async () => {
    const reply = await t.ask("trend foshan foreign trade");
    expect(table(reply)?.rows.map((r) => [r[0], r[2]])).toEqual([
      ["2023", ""],
      ["2024", "+50 billion yuan (+10%)"],
    ]);
    expect(text(reply)).not.toMatch(/private/i);
  });

  it("GIVEN a region alone THEN GDP", async () => {
    const reply = await t.ask("trend foshan");
    expect(reply.blocks[0]).toMatchObject({ type: "heading", text: "GDP · Foshan" });
  });

  it("GIVEN every trend THEN no row's change crosses a kind of period", async () => {
    for (const q of [
      "trend foshan gdp",
      "trend foshan gdp growth",
      "trend foshan foreign trade",
      "trend foshan gdp half-year",
    ]) {
      const rows = table(await t.ask(q))?.rows ?? [];
      const kinds = new Set(rows.map((r) => (/^Q\d/.test(r[0]!) ? "q" : /^H\d/.test(r[0]!) ? "h" : "y")));
      expect(kinds.size, q).toBe(1);
    }
  });

  it("GIVEN a place outside Guangdong THEN it says so", async () => {
    expect(text(await t.ask("trend macau gdp"))).toContain(
      "I only know Guangdong, its 21 cities and the Greater Bay Area",
    );
  });
});

describe("compare: what differs", () => {
  it("GIVEN two years of one region THEN the years are named, later minus earlier, with the change", async () => {
    const reply = await t.ask("compare foshan gdp 2023 vs 2024");
    const all = text(reply);
    expect(all).toContain("Difference (2024 − 2023)");
    expect(all).toContain("Change (2023 → 2024)");
    expect(all).not.toContain("Foshan − Foshan");
  });

  it("GIVEN two cities THEN the cities are named and the ratio reads larger over smaller", async () => {
    const all = text(await t.ask("compare foshan vs jiangmen gdp 2023"));
    expect(all).toContain("Difference (Foshan − Jiangmen)");
    expect(all).toContain("Foshan is 3.15× Jiangmen");
  });

  it("GIVEN a city and its province THEN a share, not a ratio of 0.1×", async () => {
    const all = text(await t.ask("compare foshan vs guangdong gdp 2023"));
    expect(all).toContain("Foshan is 9.7% of Guangdong");
    expect(all).not.toMatch(/0\.\d+×/);
  });

  it("GIVEN two growth rates THEN percentage points and no ratio", async () => {
    const all = text(await t.ask("compare foshan vs jiangmen gdp growth 2023"));
    expect(all).toContain("+1.1 percentage points");
    expect(all).not.toContain("Ratio");
  });

  it("GIVEN a quarter and a year THEN both values but no difference", async () => {
    const reply = await t.ask("compare foshan gdp 2024 vs q1 2024");
    expect(text(reply)).toContain("different kinds of period");
    expect(text(reply)).not.toContain("Difference");
  });

  it("GIVEN one figure on both sides THEN a refusal", async () => {
    const reply = await t.ask("compare foshan gdp 2024 vs foshan gdp 2024");
    expect(reply.visibility).toBe("ephemeral");
    expect(text(reply)).toContain("Both sides are the same figure");
  });

  it("GIVEN any comparison THEN its table fits in 80 columns", async () => {
    for (const q of [
      "compare foshan gdp 2023 vs 2024",
      "compare foshan vs jiangmen gdp 2023",
      "compare foshan vs guangdong gdp 2023",
      "compare foshan gdp growth vs exports growth 2023",
    ]) {
      const reply = await t.ask(q);
      const tableOnly = { ...reply, blocks: reply.blocks.filter((b) => b.type === "table") };
      for (const line of replyToText(tableOnly).split("\n"))
        expect(width(line), `${q}: ${line}`).toBeLessThanOrEqual(80);
    }
  });
});

describe("ask: growth questions, paraphrases and 'also'", () => {
  const growth: [string, string][] = [
    ["how fast did foshan's economy grow in 2023", "foshan.gdp-growth.2023"],
    ["how fast did foshan grow in 2024", "foshan.gdp-growth.2024"],
    ["how much did foshan's gdp rise in 2023", "foshan.gdp-growth.2023"],
    ["how much did foshan's exports rise in 2023", "foshan.exports-growth.2023"],
    ["growth of foshan's exports in 2023", "foshan.exports-growth.2023"],
    ["growth of foshan gdp 2024", "foshan.gdp-growth.2024"],
    ["how fast did foshan's foreign trade grow in 2024", "foshan.import-and-export-volume-growth.2024"],
    [
      "by how much did foreign trade in foshan increase in 2024",
      "foshan.import-and-export-volume-growth.2024",
    ],
    ["how much did retail sales in foshan grow in 2023", "foshan.retail-sales-of-consumer-goods-growth.2023"],
    ["how fast did jiangmen's economy expand in 2023", "jiangmen.gdp-growth.2023"],
    ["guangdong economic growth 2023", "guangdong.gdp-growth.2023"],
    ["佛山 GDP 增速 2023", "foshan.gdp-growth.2023"],
    [
      "how much did foshan's industrial output rise in 2023",
      "foshan.industrial-added-value-above-designated-size-growth.2023",
    ],
    ["foshan gdp growth rate 2024", "foshan.gdp-growth.2024"],
  ];
  it.each(growth)("GIVEN %j THEN the growth figure first", async (question, id) => {
    expect(cards(await t.ask(question))[0]?.id).toBe(id);
  });

  const paraphrases: [string, string][] = [
    ["how big was the size of foshan's economy in 2023", "gdp"],
    ["foshan consumer spending 2023", "retail sales of consumer goods"],
    ["how much did foshan sell abroad in 2023", "exports"],
    ["average income in foshan 2023", "per capita disposable income"],
    ["how many tech companies does foshan have", "high-tech enterprises"],
    ["foshan tax revenue 2023", "general public budget revenue"],
    ["foshan factory output 2023", "industrial added value above designated size"],
    ["foshan goods trade 2024", "import and export volume"],
    ["how many people live in foshan", "population"],
  ];
  it.each(paraphrases)("GIVEN the paraphrase %j THEN the metric it means (%s)", async (question, metric) => {
    const [card] = cards(await t.ask(question));
    expect(
      card?.id.startsWith(`foshan.${metric.replace(/[^a-z0-9]+/g, "-")}.`),
      `${question} → ${card?.id}`,
    ).toBe(true);
  });

  it("GIVEN a level THEN 'also' holds its growth, its neighbouring years and other regions — no streak, target or conversion", async () => {
    const reply = await t.ask("foshan gdp 2023");
    const card = cards(reply)[0];
    expect(card?.details).toContainEqual({ label: "In USD", value: "US$178 billion" });
    const also = reply.blocks.find((b) => b.type === "text");
    const lines = also?.type === "text" ? also.text.split("\n") : [];
    expect(lines.map((l) => /`([^`]+)`$/.exec(l)?.[1])).toEqual([
      "foshan.gdp-growth.2023",
      "foshan.gdp.2022",
      "foshan.gdp.2024",
      // Other regions in reference order: the province first.
      "guangdong.gdp.2023",
    ]);
    expect(text(reply)).not.toMatch(/consecutive|target|ranked/i);
  });

  it("GIVEN a count and an amount under one name THEN the amount is no conversion of the count", async () => {
    const [card] = cards(await t.ask("foshan key projects 2023"));
    expect(card?.value).toBe("120");
    expect(card?.details).toEqual([]);
  });
});
