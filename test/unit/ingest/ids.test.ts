import { describe, expect, it } from "vitest";
import { ExtractedFactSchema } from "../../../src/facts/fact.js";
import { factId, slug } from "../../../src/ingest/ids.js";

describe("factId", () => {
  it("GIVEN a region, metric and period WHEN built THEN the id is readable", () => {
    expect(factId("Zhaoqing", "gdp", "2023", "CNY", "CNY")).toBe("zhaoqing.gdp.2023");
    expect(factId("Guangdong", "gdp growth target", "2024-Q1", "percent", "")).toBe(
      "guangdong.gdp-growth-target.2024-q1",
    );
  });

  it("GIVEN a unit other than the metric's natural one WHEN built THEN the unit is appended", () => {
    expect(factId("Guangdong", "gdp", "2024", "USD", "CNY")).toBe("guangdong.gdp.2024.usd");
    expect(factId("Shenzhen", "urban unemployment rate change", "2024-09", "percentage points", "")).toBe(
      "shenzhen.urban-unemployment-rate-change.2024-09.percentage-points",
    );
  });

  it("GIVEN no period and odd characters WHEN built THEN the id still matches the schema's pattern", () => {
    const id = factId("Greater Bay Area", "people's livelihood & R&D", null, "count", "");
    expect(id).toBe("greater-bay-area.peoples-livelihood-and-r-and-d.undated");
    expect(ExtractedFactSchema.shape.id.safeParse(id).success).toBe(true);
    expect(
      ExtractedFactSchema.shape.id.safeParse(factId("Shenzhen", "深圳", "2024", "CNY", "")).success,
    ).toBe(true);
  });

  it("GIVEN text WHEN slugged THEN it is lower-case with single hyphens", () => {
    expect(slug("  Fixed--Asset Investment ")).toBe("fixed-asset-investment");
  });
});

describe("slug of Chinese phrases", () => {
  it("GIVEN a Chinese phrase outside the vocabulary WHEN slugged THEN it is one short stable m-<8 hex> token", () => {
    const a = slug("新能源汽车产量 growth");
    expect(a).toMatch(/^m-[0-9a-f]{8}-growth$/);
    expect(slug("新能源汽车产量 growth")).toBe(a);
    expect(slug("工业机器人产量")).not.toBe(slug("新能源汽车产量"));
  });
});
