import { describe, expect, it } from "vitest";
import { extractArticle } from "../../../src/ingest/extract.js";

function facts(text: string) {
  return extractArticle({ text }).facts.map((f) => ({
    region: f.region,
    metric: f.metric,
    period: f.period,
    value: f.value,
    unit: f.unit,
    qualifier: f.qualifier,
  }));
}

describe("extractArticle", () => {
  it("GIVEN a GDP figure with a US$ conversion in parentheses WHEN extracted THEN both currencies are facts", () => {
    const text =
      "Title: T\nUPDATED :2025-01-16\n\nGuangdong's GDP is projected to surpass a milestone of 14 trillion yuan (US$ 1.9 trillion) for 2024, Wang said.";
    const result = extractArticle({ text });
    expect(result.facts.map((f) => [f.id, f.value, f.unit, f.qualifier])).toEqual([
      ["guangdong.gdp.2024", 14e12, "CNY", "projected"],
      ["guangdong.gdp.2024.usd", 1.9e12, "USD", "projected"],
    ]);
  });

  it("GIVEN 'decrease by 4.6%' WHEN extracted THEN the growth figure is negative", () => {
    const text =
      "Title: T\nDate: 2024-02-02\n\nIn 2023, Zhaoqing's fixed asset investment will decrease by 4.6%, and exports fell by 3.5%.";
    expect(facts(text)).toEqual([
      {
        region: "Zhaoqing",
        metric: "fixed asset investment growth",
        period: "2023",
        value: -4.6,
        unit: "percent",
        qualifier: "exact",
      },
      {
        region: "Zhaoqing",
        metric: "exports growth",
        period: "2023",
        value: -3.5,
        unit: "percent",
        qualifier: "exact",
      },
    ]);
  });

  it("GIVEN 'last year' in an article published in January WHEN extracted THEN the period is the previous year", () => {
    const text =
      "Title: T\nDate: 2025-01-16\n\nThe balance of technology loans in the province rose 23 percent last year.";
    expect(facts(text)[0]).toMatchObject({ region: "Guangdong", period: "2024", value: 23 });
  });

  it("GIVEN a growth target with a hedge WHEN extracted THEN it is a target of GDP growth", () => {
    const text =
      "Title: T\nDate: 2025-01-16\n\nFor 2025, the province's GDP growth target is set at around 5 percent.";
    expect(facts(text)).toEqual([
      {
        region: "Guangdong",
        metric: "gdp growth target",
        period: "2025",
        value: 5,
        unit: "percent",
        qualifier: "target",
      },
    ]);
  });

  it("GIVEN a share of the national total WHEN extracted THEN China is a comparison, not the region", () => {
    const text =
      "Title: T\nDate: 2024-03-31\n\nGuangdong's GDP in 2023 reached 13.57 trillion yuan, accounting for one-tenth of the nation's total and ranking first for 35 consecutive years.";
    expect(facts(text)).toEqual([
      {
        region: "Guangdong",
        metric: "gdp",
        period: "2023",
        value: 13.57e12,
        unit: "CNY",
        qualifier: "exact",
      },
      {
        region: "Guangdong",
        metric: "share of national gdp",
        period: "2023",
        value: 10,
        unit: "percent",
        qualifier: "approx",
      },
      {
        region: "Guangdong",
        metric: "consecutive years ranked first in gdp",
        period: "2023",
        value: 35,
        unit: "years",
        qualifier: "exact",
      },
    ]);
  });

  it("GIVEN 'the city' WHEN extracted THEN it is the article's main city", () => {
    const text =
      "Title: Zhaoqing report\nDate: 2024-02-02\n\nIn 2023, Zhaoqing grew. There will be 1,520 high-tech enterprises in the city.";
    expect(facts(text)[0]).toMatchObject({
      region: "Zhaoqing",
      metric: "high-tech enterprises",
      value: 1520,
      unit: "count",
    });
  });

  it("GIVEN Chinese text WHEN extracted THEN 万亿/亿 figures, growth and periods are read", () => {
    const text =
      "标题：广东经济\n发布时间：2024-10-25\n\n前三季度，广东地区生产总值10.27万亿元，同比增长3.4%；进出口总额2792.5亿元，下降1.2%。";
    expect(facts(text)).toEqual([
      {
        region: "Guangdong",
        metric: "gdp",
        period: "2024-01-to-09",
        value: 10.27e12,
        unit: "CNY",
        qualifier: "exact",
      },
      {
        region: "Guangdong",
        metric: "gdp growth",
        period: "2024-01-to-09",
        value: 3.4,
        unit: "percent",
        qualifier: "exact",
      },
      {
        region: "Guangdong",
        metric: "import and export volume",
        period: "2024-01-to-09",
        value: 279.25e9,
        unit: "CNY",
        qualifier: "exact",
      },
      {
        region: "Guangdong",
        metric: "import and export volume growth",
        period: "2024-01-to-09",
        value: -1.2,
        unit: "percent",
        qualifier: "exact",
      },
    ]);
  });

  it("GIVEN contacts, reporters and dates WHEN extracted THEN none of them is a fact", () => {
    const text =
      "Title: T\nDate: 2024-03-08\n\nOn March 7, a total of 225 reporters from 102 media attended. Foshan sent teams to 23 cities in 11 provinces.\n\nTel: +86 758 2899202\nAddress: 6/F, No. 18, Jiangbin West Road";
    expect(facts(text)).toEqual([]);
  });

  it("GIVEN the same figure twice WHEN extracted THEN it is one fact", () => {
    const text =
      "Title: T\nDate: 2024-02-02\n\nIn 2023, retail sales of consumer goods increased by 5.5%.\n\n◆In 2023, retail sales of consumer goods increased by 5.5%;";
    expect(facts(text)).toHaveLength(1);
  });

  it("GIVEN an article without a date WHEN extracted THEN relative periods stay unresolved and a warning says so", () => {
    const result = extractArticle({ text: "Title: T\n\nGuangdong's GDP grew 5% this year." });
    expect(result.warnings.join(" ")).toMatch(/no publication date/);
    expect(result.facts[0]?.period).toBe(null);
  });

  it("GIVEN hints WHEN extracted THEN they override the header", () => {
    const result = extractArticle({
      text: "Title: Old\nDate: 2020-01-01\n\nGuangdong's GDP grew 5% this year.",
      hints: { title: "New", published: "2024-05-01", url: "https://x.test" },
    });
    expect(result.source).toMatchObject({ title: "New", published: "2024-05-01", url: "https://x.test" });
    expect(result.facts[0]?.period).toBe("2024");
  });

  it("GIVEN a level stated after its growth WHEN extracted THEN both measure the same metric", () => {
    const text =
      "Title: T\nDate: 2024-01-25\n\nGuangdong's GDP grew by 4.8 percent year on year to 13.57 trillion yuan in 2023.";
    expect(facts(text).map((f) => [f.metric, f.value])).toEqual([
      ["gdp growth", 4.8],
      ["gdp", 13.57e12],
    ]);
  });

  it("GIVEN a share of the province's total WHEN extracted THEN the city keeps the figure", () => {
    const text =
      "Title: T\nDate: 2024-01-25\n\nIn 2023, Foshan's industrial output was 2.9 trillion yuan, accounting for 25% of the province's total.";
    expect(facts(text).map((f) => f.region)).toEqual(["Foshan", "Foshan"]);
  });

  it("GIVEN a breakdown of cities WHEN the next sentence follows THEN it returns to the province", () => {
    const text =
      "标题：广东\n发布时间：2025-01-20\n\n2024年，广东地区生产总值14.16万亿元。其中，广州市地区生产总值3.10万亿元；深圳市3.68万亿元。全年社会消费品零售总额4.79万亿元。";
    expect(facts(text).map((f) => [f.region, f.metric, f.value])).toEqual([
      ["Guangdong", "gdp", 14.16e12],
      ["Guangzhou", "gdp", 3.1e12],
      ["Shenzhen", "gdp", 3.68e12],
      ["Guangdong", "retail sales of consumer goods", 4.79e12],
    ]);
  });
});

describe("a second figure's own subject after 'and'", () => {
  it("GIVEN 'profit increase of x percent and operating revenue increase of y percent' WHEN extracted THEN the second measures operating revenue", () => {
    const out = facts(
      "Title: T\nDate: 2024-02-01\n\nIn 2023, Foshan's industrial enterprises saw profit increase of 12 percent and operating revenue increase of 6.5 percent.",
    );
    expect(out.map((f) => [f.metric, f.value])).toEqual([
      ["profit growth", 12],
      ["operating revenue growth", 6.5],
    ]);
  });

  it("GIVEN 'and' followed only by the change WHEN extracted THEN the second figure keeps the first's subject", () => {
    const out = facts(
      "Title: T\nDate: 2024-02-01\n\nIn 2023, Foshan's exports rose 5.1 percent in value and grew 3.2 percent in volume.",
    );
    expect(out.every((f) => f.metric.startsWith("exports"))).toBe(true);
  });
});
