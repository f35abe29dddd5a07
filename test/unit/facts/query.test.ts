import { describe, expect, it } from "vitest";
import { editDistance, foldText } from "../../../src/facts/normalize.js";
import { canonicalPeriod, comparePeriods } from "../../../src/facts/period.js";
import { metricBase, parseComparison, parseQuery } from "../../../src/facts/query.js";

const now = new Date("2025-03-01T00:00:00Z");
const parse = (text: string) => parseQuery(text, { now });

describe("foldText", () => {
  it("GIVEN full-width letters, tone marks, a possessive and punctuation THEN folds to plain lower-case words", () => {
    expect(foldText("Zhàoqìng’s ＧＤＰ, in 2023!")).toBe("zhaoqing gdp in 2023");
  });
  it("GIVEN Chinese glued to Latin letters and digits THEN keeps the Chinese and sets it apart", () => {
    expect(foldText("肇庆2023年GDP")).toBe("肇庆 2023 年 gdp");
  });
});

describe("editDistance", () => {
  it("GIVEN two swapped letters THEN counts one edit", () => {
    expect(editDistance("gpd", "gdp", 2)).toBe(1);
  });
  it("GIVEN words further apart than the limit THEN stops at limit + 1", () => {
    expect(editDistance("guangdong", "zhaoqing", 2)).toBe(3);
  });
});

describe("parseQuery: regions", () => {
  it.each([
    ["zhaoqing gdp", "Zhaoqing"],
    ["深圳 gdp", "Shenzhen"],
    ["广东 GDP", "Guangdong"],
    ["zhao qing gdp", "Zhaoqing"],
    ["canton exports", "Guangzhou"],
    ["guangdng gdp", "Guangdong"],
    ["zhaoqng gdp", "Zhaoqing"],
    ["shenzen gdp", "Shenzhen"],
    ["Zhàoqìng GDP", "Zhaoqing"],
  ])("GIVEN %j THEN the region is %s", (text, region) => {
    expect(parse(text).regions).toEqual([region]);
  });

  it("GIVEN two regions THEN keeps both in order of appearance", () => {
    expect(parse("guangzhou and 深圳 gdp").regions).toEqual(["Guangzhou", "Shenzhen"]);
  });

  it("GIVEN 'share of national gdp' THEN 'national' is part of the metric, not China", () => {
    const q = parse("guangdong share of national gdp");
    expect(q.regions).toEqual(["Guangdong"]);
    expect(q.metric).toBe("share of national gdp");
  });
});

describe("parseQuery: metrics", () => {
  it.each([
    ["guangdong gdp", "gdp"],
    ["guangdong gpd", "gdp"],
    ["guangdong economy", "gdp"],
    ["guangdong economic output", "gdp"],
    ["guangdong foreign trade", "import and export volume"],
    ["how much did guangdong trade", "import and export volume"],
    ["high tech companies guangdong", "high-tech enterprises"],
    ["hightech enterprises", "high-tech enterprises"],
    ["zhaoqing gdp growth", "gdp growth"],
    ["zhaoqing gdp target", "gdp growth target"],
    ["guangdong economic growth", "gdp growth"],
    ["gdp per capita shenzhen", "per capita gdp"],
    ["肇庆 GDP 增长", "gdp growth"],
    ["广东 进出口总额", "import and export volume"],
    ["guangdong import and export", "import and export volume"],
  ])("GIVEN %j THEN the metric is %s", (text, metric) => {
    expect(parse(text).metric).toBe(metric);
  });

  it("GIVEN words that name no metric THEN keeps them as words", () => {
    const q = parse("zhaoqing expressway investment");
    expect(q.metric).toBeNull();
    expect(q.words).toEqual(["expressway", "investment"]);
  });

  it("GIVEN a synonym THEN metricText keeps the words used", () => {
    expect(parse("shenzhen foreign trade").metricText).toBe("foreign trade");
  });
});

describe("parseQuery: periods", () => {
  it.each([
    ["gdp 2023", "2023"],
    ["gdp Q1 2024", "2024-Q1"],
    ["gdp 2024q1", "2024-Q1"],
    ["gdp first quarter of 2024", "2024-Q1"],
    ["gdp 2024 first half", "2024-H1"],
    ["gdp H1 2024", "2024-H1"],
    ["gdp second half of 2023", "2023-H2"],
    ["retail sales January-September 2024", "2024-01-to-09"],
    ["retail sales jan to sep 2024", "2024-01-to-09"],
    ["retail sales first three quarters of 2024", "2024-01-to-09"],
    ["retail sales January-March 2024", "2024-Q1"],
    ["gdp march 2024", "2024-03"],
    ["肇庆 2023年 GDP", "2023"],
    ["广东2024年1-9月进出口", "2024-01-to-09"],
    ["广东2024年上半年GDP", "2024-H1"],
    ["广东前三季度GDP", "2025-01-to-09"],
    ["gdp last year", "2024"],
    ["gdp this year", "2025"],
    ["肇庆去年GDP", "2024"],
  ])("GIVEN %j THEN the period is %s", (text, period) => {
    expect(parse(text).period).toBe(period);
  });

  it("GIVEN 'may' used as a verb THEN it is no month", () => {
    expect(parse("what may guangdong gdp be").period).toBeNull();
  });

  it("GIVEN a relative period THEN periodText keeps the words used", () => {
    expect(parse("zhaoqing gdp last year").periodText).toBe("last year");
  });
});

describe("parseQuery: natural questions", () => {
  it("GIVEN 'What was Zhaoqing's GDP in 2023?' THEN region, metric and period and no leftover words", () => {
    expect(parse("What was Zhaoqing's GDP in 2023?")).toMatchObject({
      regions: ["Zhaoqing"],
      metric: "gdp",
      period: "2023",
      words: [],
    });
  });
  it("GIVEN 'how many high tech companies does guangdong have' THEN high-tech enterprises in Guangdong", () => {
    expect(parse("how many high tech companies does guangdong have")).toMatchObject({
      regions: ["Guangdong"],
      metric: "high-tech enterprises",
      words: [],
    });
  });
  it("GIVEN Chinese question words THEN they are not kept as words", () => {
    expect(parse("肇庆2023年GDP是多少").words).toEqual([]);
  });
});

describe("parseComparison", () => {
  it("GIVEN 'shenzhen gdp 2023 vs guangzhou' THEN the right side inherits metric and period", () => {
    const c = parseComparison("shenzhen gdp 2023 vs guangzhou", { now });
    expect(c?.left).toMatchObject({ regions: ["Shenzhen"], metric: "gdp", period: "2023" });
    expect(c?.right).toMatchObject({ regions: ["Guangzhou"], metric: "gdp", period: "2023" });
  });
  it("GIVEN 'guangdong gdp 2023 vs 2024' THEN the right side inherits region and metric", () => {
    const c = parseComparison("compare guangdong gdp 2023 vs 2024", { now });
    expect(c?.right).toMatchObject({ regions: ["Guangdong"], metric: "gdp", period: "2024" });
  });
  it("GIVEN 'shenzhen and guangzhou gdp' THEN splits on 'and' and the left side inherits the metric", () => {
    const c = parseComparison("shenzhen and guangzhou gdp", { now });
    expect(c?.left).toMatchObject({ regions: ["Shenzhen"], metric: "gdp" });
    expect(c?.right).toMatchObject({ regions: ["Guangzhou"], metric: "gdp" });
  });
  it("GIVEN 'import and export' THEN does not split inside the metric", () => {
    expect(parseComparison("guangdong import and export 2024", { now })).toBeNull();
  });
  it("GIVEN Chinese 和 THEN splits", () => {
    const c = parseComparison("深圳和广州GDP", { now });
    expect(c?.left.regions).toEqual(["Shenzhen"]);
    expect(c?.right).toMatchObject({ regions: ["Guangzhou"], metric: "gdp" });
  });
  it("GIVEN two years and no separator THEN compares the years", () => {
    const c = parseComparison("guangdong gdp 2023 2024", { now });
    expect([c?.left.period, c?.right.period]).toEqual(["2023", "2024"]);
  });
  it("GIVEN only one thing THEN there is nothing to compare", () => {
    expect(parseComparison("guangdong gdp", { now })).toBeNull();
  });
});

describe("period helpers", () => {
  it("GIVEN month ranges that are whole quarters or halves THEN canonicalPeriod names them so", () => {
    expect(canonicalPeriod("2024-01-to-03")).toBe("2024-Q1");
    expect(canonicalPeriod("2024-01-to-06")).toBe("2024-H1");
    expect(canonicalPeriod("2024-01-to-09")).toBe("2024-01-to-09");
  });
  it("GIVEN periods of one year THEN comparePeriods orders them by when they end", () => {
    const labels = ["2024", "2024-H1", "2023", "2024-01-to-09", "2024-Q1"];
    expect([...labels].sort(comparePeriods)).toEqual(["2023", "2024-Q1", "2024-H1", "2024-01-to-09", "2024"]);
  });
  it("GIVEN free-form metric names THEN metricBase finds the vocabulary metric inside", () => {
    expect(metricBase("gdp growth target")).toBe("gdp");
    expect(metricBase("import and export volume growth")).toBe("import and export volume");
    expect(metricBase("zhaoming expressway investment completed")).toBeNull();
  });
});

describe("parseQuery: places the bot does not cover", () => {
  it.each([
    ["macau gdp", ["Macao"]],
    ["澳门 GDP 2023", ["Macao"]],
    ["hong kong exports", ["Hong Kong"]],
    ["jiangsu gdp 2023", ["Jiangsu"]],
    ["what was japan's gdp", ["Japan"]],
  ])("GIVEN %j THEN no covered region, and the place is named as outside", (text, outside) => {
    const query = parse(text);
    expect(query.regions).toEqual([]);
    expect(query.outside).toEqual(outside);
  });
  it("GIVEN a covered region trading with a place outside THEN the region owns the question", () => {
    const query = parse("guangdong trade with japan 2024");
    expect(query.regions).toEqual(["Guangdong"]);
    expect(query.outside).toBeUndefined();
  });
  it("GIVEN the Bay Area's full name THEN the Bay Area, not Hong Kong or Macao", () => {
    const query = parse("guangdong-hong kong-macao greater bay area gdp");
    expect(query.regions).toEqual(["Greater Bay Area"]);
    expect(query.outside).toBeUndefined();
  });
  it("GIVEN a comparison with a place outside THEN that side does not inherit the other's region", () => {
    const sides = parseComparison("compare shenzhen vs hong kong gdp", { now });
    expect(sides?.right.regions).toEqual([]);
    expect(sides?.right.outside).toEqual(["Hong Kong"]);
  });
});

describe("parseQuery: growth questions", () => {
  it.each([
    ["how fast did zhaoqing's economy grow in 2023", "gdp growth"],
    ["how much did guangdong's exports rise", "exports growth"],
    ["growth of foshan's foreign trade", "import and export volume growth"],
    ["how much did retail sales in jiangmen expand", "retail sales of consumer goods growth"],
    ["肇庆 GDP 增幅", "gdp growth"],
  ])("GIVEN %j THEN the metric is %s", (text, metric) => {
    expect(parse(text).metric).toBe(metric);
  });
});
