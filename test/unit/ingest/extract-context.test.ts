import { describe, expect, it } from "vitest";
import { extractArticle } from "../../../src/ingest/extract.js";

const HEADER = "Title: T\nDate: 2024-10-25\n\n";

function facts(body: string) {
  return extractArticle({ text: HEADER + body }).facts.map((f) => [
    f.region,
    f.metric,
    f.period,
    f.value,
    f.unit,
  ]);
}

describe("extractArticle: ownership, comparisons and ranges in unseen styles", () => {
  it("GIVEN a city subject with an appositive naming the province WHEN extracted THEN 'its' figures are the city's", () => {
    const out = facts(
      "Guangdong's GDP reached 10.29 trillion yuan in the first three quarters of 2024. Shenzhen, the province's tech hub, saw its GDP expand 5.6 percent to 2.67 trillion yuan during the period.",
    );
    expect(out).toContainEqual(["Shenzhen", "gdp growth", "2024-01-to-09", 5.6, "percent"]);
    expect(out).toContainEqual(["Shenzhen", "gdp", "2024-01-to-09", 2.67e12, "CNY"]);
    expect(out.filter((f) => f[0] === "Guangdong")).toHaveLength(1);
  });

  it("GIVEN a city described as 'a hub in Guangdong province' WHEN extracted THEN the city keeps its figures", () => {
    const out = facts(
      "Foshan, a manufacturing hub in Guangdong province, reported a GDP of 1.33 trillion yuan for 2023.",
    );
    expect(out).toEqual([["Foshan", "gdp", "2023", 1.33e12, "CNY"]]);
  });

  it("GIVEN 'its' after two cities WHEN extracted THEN the sentence's subject owns the figure", () => {
    const out = facts("Shenzhen overtook Guangzhou in 2023, with its GDP reaching 3.46 trillion yuan.");
    expect(out).toEqual([["Shenzhen", "gdp", "2023", 3.46e12, "CNY"]]);
  });

  it("GIVEN the added value of the province's industrial enterprises WHEN extracted THEN it is the vocabulary metric", () => {
    const out = facts(
      "In the first three quarters of 2024, the added value of the province's industrial enterprises above designated size rose 4.5 percent.",
    );
    expect(out).toEqual([
      ["Guangdong", "industrial added value above designated size growth", "2024-01-to-09", 4.5, "percent"],
    ]);
  });

  it("GIVEN a range '5%-6%' WHEN extracted THEN both ends are positive targets of the same metric", () => {
    const out = extractArticle({ text: `${HEADER}Shenzhen aims for GDP growth of 5%-6% in 2025.` }).facts;
    expect(out.map((f) => [f.metric, f.value, f.qualifier])).toEqual([
      ["gdp growth target", 5, "target"],
      ["gdp growth target", 6, "target"],
    ]);
  });

  it("GIVEN 'the national average of 5.3 percent' WHEN extracted THEN that figure is China's, not the province's", () => {
    const out = facts(
      "Guangdong's GDP grew 4.4 percent in the first quarter of 2024, lower than the national average of 5.3 percent.",
    );
    expect(out).toEqual([
      ["Guangdong", "gdp growth", "2024-Q1", 4.4, "percent"],
      ["China", "gdp growth", "2024-Q1", 5.3, "percent"],
    ]);
  });

  it("GIVEN '高于全省0.7个百分点' WHEN extracted THEN the gap belongs to the city, not the province", () => {
    const out = facts("上半年，惠州市地区生产总值2765.19亿元，同比增长4.6%，增速高于全省0.7个百分点。");
    expect(out.map((f) => f[0])).toEqual(["Huizhou", "Huizhou", "Huizhou"]);
  });

  it("GIVEN 'the same period last year' after a quarter WHEN extracted THEN the period is that quarter a year earlier", () => {
    const out = facts(
      "Zhuhai's GDP grew 6.1 percent in the first quarter of 2024. The rate compared with 4.0 percent in the same period last year.",
    );
    expect(out.map((f) => [f[2], f[3]])).toEqual([
      ["2024-Q1", 6.1],
      ["2023-Q1", 4],
    ]);
  });

  it("GIVEN Chinese bulletin metrics WHEN extracted THEN they map to the vocabulary, urban income kept apart", () => {
    const out = facts(
      "前三季度，第一产业增加值253.35亿元，增长3.4%。城镇居民人均可支配收入62153元，增长3.6%。9月末，全市金融机构本外币存款余额9.02万亿元。",
    );
    expect(out.map((f) => [f[1], f[2]])).toEqual([
      ["primary industry added value", "2024-01-to-09"],
      ["primary industry added value growth", "2024-01-to-09"],
      ["urban per capita disposable income", "2024-01-to-09"],
      ["urban per capita disposable income growth", "2024-01-to-09"],
      ["deposit balance of financial institutions", "2024-09"],
    ]);
  });

  it("GIVEN a table with a '(100 million yuan)' unit line WHEN extracted THEN values are exact base units", () => {
    const out = facts(
      "GDP, January-September 2024\n(100 million yuan)\nCity | GDP\nFoshan | 10025.78\nHuizhou | 4204.29\n",
    );
    expect(out.map((f) => [f[0], f[3]])).toEqual([
      ["Foshan", 1002578000000],
      ["Huizhou", 420429000000],
    ]);
  });
});
