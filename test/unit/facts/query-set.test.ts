/**
 * The query test set: questions people ask, in English and Chinese, with typos and in natural
 * language, each with the fact that must come first. Facts: the gold answer key plus the clearly
 * SYNTHETIC facts from `test/support/gold-facts.ts` (other cities and years, so ranking has rivals).
 */
import { describe, expect, it } from "vitest";
import { parseComparison, parseQuery } from "../../../src/facts/query.js";
import { FactIndex } from "../../../src/facts/search.js";
import { goldFacts, syntheticFacts } from "../../support/gold-facts.js";

const now = new Date("2025-03-01T00:00:00Z");
const index = new FactIndex([...goldFacts(), ...syntheticFacts()]);
const first = (text: string): string | undefined =>
  index.search(parseQuery(text, { now }), { limit: 5 }).results[0]?.fact.id;

const QUERIES: [query: string, expected: string][] = [
  // Plain English.
  ["zhaoqing gdp 2023", "zhaoqing.gdp.2023"],
  ["guangdong gdp 2023", "guangdong.gdp.2023"],
  ["guangdong gdp 2024", "guangdong.gdp.2024"],
  ["zhaoqing gdp growth 2023", "zhaoqing.gdp-growth.2023"],
  ["zhaoqing gdp target 2024", "zhaoqing.gdp-growth-target.2024"],
  ["guangdong gdp growth target 2025", "guangdong.gdp-growth-target.2025"],
  ["guangdong share of national gdp", "guangdong.share-of-national-gdp.2023"],
  ["guangdong import and export volume 2024", "guangdong.import-and-export-volume.2024"],
  ["guangdong foreign trade growth 2024", "guangdong.import-and-export-volume-growth.2024"],
  ["zhaoqing high-tech enterprises", "zhaoqing.high-tech-enterprises.2023"],
  ["zhaoqing fixed asset investment growth", "zhaoqing.fixed-asset-investment-growth.2023"],
  ["zhaoqing retail sales growth 2023", "zhaoqing.retail-sales-of-consumer-goods-growth.2023"],
  ["zhaoqing exports growth", "zhaoqing.exports-growth.2023"],
  ["zhaoqing disposable income growth", "zhaoqing.per-capita-disposable-income-growth.2023"],
  ["zhaoqing fiscal revenue growth", "zhaoqing.general-public-budget-revenue-growth.2023"],
  ["shenzhen major projects 2023", "shenzhen.major-projects-started.2023"],
  ["shenzhen gdp 2024", "shenzhen.gdp.2024"],
  ["guangzhou gdp 2023", "guangzhou.gdp.2023"],
  ["guangdong gdp first half 2024", "guangdong.gdp.2024-h1"],
  ["guangdong retail sales January-September 2024", "guangdong.retail-sales-of-consumer-goods.2024-01-to-09"],
  ["shenzhen exports Q1 2024", "shenzhen.exports.2024-q1"],
  // Natural questions.
  ["What was Zhaoqing's GDP in 2023?", "zhaoqing.gdp.2023"],
  ["how much did guangdong trade in 2024", "guangdong.import-and-export-volume.2024"],
  ["how many high tech companies does guangdong have", "guangdong.high-tech-enterprises.2024"],
  ["What is Guangdong's economic growth target for 2025?", "guangdong.gdp-growth-target.2025"],
  ["How big was Shenzhen's economy last year?", "shenzhen.gdp.2024"],
  ["How much did Zhaoqing spend on people's livelihood?", "zhaoqing.people-s-livelihood-expenditure.2023"],
  ["how many people live in dongguan", "dongguan.population.2023"],
  ["what is the GDP of Guangzhou this year", "guangzhou.gdp.2024"],
  // Typos.
  ["guangdng gpd 2023", "guangdong.gdp.2023"],
  ["zhaoqng gdp 2023", "zhaoqing.gdp.2023"],
  ["shenzen gdp 2023", "shenzhen.gdp.2023"],
  ["guangzhuo economy 2024", "guangzhou.gdp.2024"],
  ["zhaoqing hightech enterprises", "zhaoqing.high-tech-enterprises.2023"],
  ["guangdong foriegn trade 2024", "guangdong.import-and-export-volume.2024"],
  // Chinese and pinyin.
  ["肇庆 2023年 GDP", "zhaoqing.gdp.2023"],
  ["广东 GDP 2023", "guangdong.gdp.2023"],
  ["深圳2024年GDP", "shenzhen.gdp.2024"],
  ["肇庆高新技术企业", "zhaoqing.high-tech-enterprises.2023"],
  ["广东2024年进出口总额", "guangdong.import-and-export-volume.2024"],
  ["肇庆去年GDP增长", "zhaoqing.gdp-growth.2023"],
  ["zhao qing gdp 2023", "zhaoqing.gdp.2023"],
  // Loose words.
  ["zhaoqing expressway investment", "zhaoqing.zhaoming-expressway-investment-completed.2023"],
  [
    "zhaoqing digital transformation enterprises",
    "zhaoqing.enterprises-above-designated-size-with-digital-transformation.2023",
  ],
  ["guangdong technology loans", "guangdong.technology-loans-balance-growth.2024"],
  [
    "guangdong low-altitude economy",
    "guangdong.share-of-national-low-altitude-economy-industrial-chain-enterprises.2024",
  ],
];

describe("query set: the expected fact comes first", () => {
  it("GIVEN the set THEN it holds at least 40 queries", () => {
    expect(QUERIES.length).toBeGreaterThanOrEqual(40);
  });
  it.each(QUERIES)("GIVEN %j THEN %s is first", (query, expected) => {
    expect(first(query)).toBe(expected);
  });
});

const COMPARISONS: [query: string, left: string, right: string][] = [
  ["shenzhen gdp 2023 vs guangzhou", "shenzhen.gdp.2023", "guangzhou.gdp.2023"],
  ["guangdong gdp 2023 vs 2024", "guangdong.gdp.2023", "guangdong.gdp.2024"],
  ["深圳和广州 2024年 GDP", "shenzhen.gdp.2024", "guangzhou.gdp.2024"],
  ["shenzhen versus guangzhou gdp growth 2024", "shenzhen.gdp-growth.2024", "guangzhou.gdp-growth.2024"],
  [
    "guangdong foreign trade 2023 and 2024",
    "guangdong.import-and-export-volume.2023",
    "guangdong.import-and-export-volume.2024",
  ],
];

describe("query set: comparisons", () => {
  it.each(COMPARISONS)("GIVEN %j THEN %s against %s", (query, left, right) => {
    const comparison = parseComparison(query, { now });
    expect(comparison).not.toBeNull();
    expect(index.search(comparison!.left, { limit: 1 }).results[0]?.fact.id).toBe(left);
    expect(index.search(comparison!.right, { limit: 1 }).results[0]?.fact.id).toBe(right);
  });
});
