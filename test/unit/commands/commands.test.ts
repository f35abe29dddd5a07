/**
 * Every command through the real dispatch, store and index, over SYNTHETIC documents (invented
 * figures, built by hand) so the assertions test the commands, not the extractor.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FactCard, Reply, ReplyBlock } from "../../../src/core/reply.js";
import { replySummary } from "../../../src/core/reply.js";
import { createTestBot, type TestBot } from "../../support/bot.js";
import { extractionResult } from "../../support/fact-builders.js";

const NOW = new Date("2025-03-01T00:00:00Z");

const documents = [
  extractionResult(
    "Zhaoqing work report",
    [
      {
        region: "Zhaoqing",
        metric: "gdp",
        period: "2023",
        value: 279.25e9,
        unit: "CNY",
        quote: "Zhaoqing's GDP in 2023 was 279.25 billion yuan",
      },
      {
        region: "Zhaoqing",
        metric: "gdp growth",
        period: "2023",
        value: 3.7,
        unit: "percent",
        quote: "an increase of 3.7%",
      },
    ],
    { published: "2024-02-02", publisher: "Invest in Zhaoqing" },
  ),
  extractionResult(
    "Synthetic city statistics 2023",
    [
      {
        region: "Shenzhen",
        metric: "gdp",
        period: "2023",
        value: 3.46e12,
        unit: "CNY",
        quote: "Shenzhen's GDP was 3.46 trillion yuan",
      },
      {
        region: "Guangzhou",
        metric: "gdp",
        period: "2023",
        value: 3.04e12,
        unit: "CNY",
        quote: "Guangzhou's GDP was 3.04 trillion yuan",
      },
      {
        region: "Guangdong",
        metric: "gdp",
        period: "2023",
        value: 13.57e12,
        unit: "CNY",
        quote: "GDP in 2023 reached 13.57 trillion yuan",
      },
    ],
    { published: "2024-01-20" },
  ),
  extractionResult(
    "Synthetic city statistics 2024",
    [
      {
        region: "Shenzhen",
        metric: "gdp",
        period: "2024",
        value: 3.68e12,
        unit: "CNY",
        quote: "Shenzhen's GDP was 3.68 trillion yuan",
      },
      {
        region: "Guangdong",
        metric: "gdp",
        period: "2024",
        value: 14.16e12,
        unit: "CNY",
        quote: "GDP reached 14.16 trillion yuan",
      },
      {
        region: "Guangdong",
        metric: "high-tech enterprises",
        period: "2024",
        value: 77000,
        unit: "count",
        qualifier: "approx",
        quote: "approximately 77,000 high-tech enterprises",
      },
    ],
    { published: "2025-01-20" },
  ),
];

let t: TestBot;
beforeAll(async () => {
  t = await createTestBot({ bundled: false, documents, now: () => NOW });
});
afterAll(async () => t.close());

const facts = (reply: Reply): FactCard[] =>
  reply.blocks.flatMap((b: ReplyBlock) => (b.type === "fact" ? [b.card] : []));
const allText = (reply: Reply): string => JSON.stringify(reply.blocks);

describe("ask", () => {
  it("GIVEN region, metric and year THEN the figure as a card with value, period, source and quote", async () => {
    const reply = await t.ask("zhaoqing gdp 2023");
    const [card] = facts(reply);
    expect(card).toMatchObject({
      id: "zhaoqing.gdp.2023",
      value: "279.25 billion yuan (2,792.5亿元)",
      period: "2023",
      quote: "Zhaoqing's GDP in 2023 was 279.25 billion yuan",
    });
    expect(card?.source).toMatchObject({ title: "Zhaoqing work report", published: "2024-02-02" });
    expect(reply.shareable).toBe(true);
  });

  it("GIVEN a natural question with a Chinese region name THEN the same kind of answer", async () => {
    expect(facts(await t.ask("深圳 GDP 2024"))[0]?.id).toBe("shenzhen.gdp.2024");
    expect(facts(await t.ask("What was Guangzhou's GDP in 2023?"))[0]?.id).toBe("guangzhou.gdp.2023");
  });

  it("GIVEN a year with no figure THEN it says so and shows the latest it has", async () => {
    const reply = await t.ask("zhaoqing gdp 2025");
    expect(reply.blocks[0]).toMatchObject({ type: "notice" });
    expect(replySummary({ ...reply, summary: undefined })).toMatch(/2025/);
    expect(facts(reply)[0]?.id).toBe("zhaoqing.gdp.2023");
  });

  it("GIVEN an empty question THEN an ephemeral hint with examples", async () => {
    const reply = await t.ask("   ");
    expect(reply.visibility).toBe("ephemeral");
    expect(allText(reply)).toContain("zhaoqing gdp 2023");
  });

  it("GIVEN words that match nothing THEN an ephemeral not-found with a suggestion", async () => {
    const reply = await t.ask("qwxzv plonk");
    expect(reply.visibility).toBe("ephemeral");
    expect(allText(reply)).toMatch(/found no figure/);
  });

  it("GIVEN alternatives exist THEN up to four are listed after the best", async () => {
    const reply = await t.ask("shenzhen gdp 2023");
    expect(facts(reply)[0]?.id).toBe("shenzhen.gdp.2023");
    const also = reply.blocks.find((b) => b.type === "text");
    expect(also && "text" in also ? also.text.split("\n").length : 0).toBeLessThanOrEqual(4);
  });
});

describe("compare", () => {
  it("GIVEN two cities and one metric-year THEN both values, the difference and the ratio", async () => {
    const reply = await t.ask("compare shenzhen gdp 2023 vs guangzhou");
    const text = allText(reply);
    expect(text).toContain("3.46 trillion yuan");
    expect(text).toContain("3.04 trillion yuan");
    expect(text).toContain("+420 billion yuan");
    expect(text).toContain("1.14×");
  });

  it("GIVEN one region and two years THEN the second side inherits region and metric", async () => {
    const text = allText(await t.ask("compare guangdong gdp 2023 vs 2024"));
    expect(text).toContain("13.57 trillion yuan");
    expect(text).toContain("14.16 trillion yuan");
  });

  it("GIVEN a side with no figure THEN it says so instead of showing another region's figure", async () => {
    const reply = await t.ask("compare shenzhen gdp 2023 vs zhuhai");
    const text = allText(reply);
    expect(text).toContain("3.46 trillion yuan");
    const notices = reply.blocks.flatMap((b) => (b.type === "notice" ? [b.text] : []));
    expect(notices).toEqual(['No figure found for "Zhuhai gdp 2023".']);
    expect(text).not.toContain("Difference");
  });

  it("GIVEN no second side THEN a usage hint", async () => {
    const reply = await t.ask("compare shenzhen");
    expect(reply.visibility).toBe("ephemeral");
    expect(allText(reply)).toContain("vs");
  });
});

describe("trend", () => {
  it("GIVEN a region and metric THEN every period in order with the change", async () => {
    const reply = await t.ask("trend shenzhen gdp");
    const table = reply.blocks.find((b) => b.type === "table");
    expect(table?.type === "table" && table.rows.map((r) => r[0])).toEqual(["2023", "2024"]);
    // The change column keeps to English; the card carries the Chinese rendering.
    expect(table?.type === "table" && table.rows[1]?.[2]).toBe("+220 billion yuan (+6.4%)");
  });
  it("GIVEN a region and no metric THEN its GDP", async () => {
    const reply = await t.ask("trend shenzhen");
    expect(reply.blocks[0]).toMatchObject({ type: "heading", text: "GDP · Shenzhen" });
  });
  it("GIVEN no region THEN a usage hint", async () => {
    expect(allText(await t.ask("trend gdp"))).toMatch(/Name a region/);
  });
});

describe("latest, sources, about, help", () => {
  it("GIVEN a region THEN only its newest figures", async () => {
    const text = allText(await t.ask("latest shenzhen"));
    expect(text).toContain("shenzhen.gdp.2024");
    expect(text).not.toContain("zhaoqing");
  });
  it("GIVEN stored documents THEN sources lists each with its fact count, newest first", async () => {
    const reply = await t.ask("sources");
    const table = reply.blocks.find((b) => b.type === "table");
    expect(table?.type === "table" && table.rows.map((r) => [r[1], r[3]])).toEqual([
      ["Synthetic city statistics 2024", "3"],
      ["Zhaoqing work report", "2"],
      ["Synthetic city statistics 2023", "3"],
    ]);
  });
  it("GIVEN the store THEN about counts facts and sources and names the newest date", async () => {
    const text = allText(await t.ask("about"));
    expect(text).toContain('"Facts","value":"8"');
    expect(text).toContain('"Sources","value":"3"');
    expect(text).toContain("2025-01-20");
  });
  it("GIVEN help THEN every command with an example, ephemeral", async () => {
    const reply = await t.ask("help");
    expect(reply.visibility).toBe("ephemeral");
    for (const name of ["ask", "compare", "trend", "latest", "sources", "about", "help"]) {
      expect(allText(reply)).toContain(`• ${name}`);
    }
  });
});

describe("retraction", () => {
  it("GIVEN a retracted fact THEN answers never show it", async () => {
    await t.bot.facts.retract("guangzhou.gdp.2023", "synthetic test figure");
    const reply = await t.ask("guangzhou gdp 2023");
    expect(allText(reply)).not.toContain("guangzhou.gdp.2023");
  });
});
