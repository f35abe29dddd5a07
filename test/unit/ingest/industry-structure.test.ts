import { describe, expect, it } from "vitest";
import { extractArticle } from "../../../src/ingest/extract.js";
import { structureParts } from "../../../src/ingest/industry-structure.js";

function facts(body: string) {
  return extractArticle({ text: `Title: T\nDate: 2024-02-01\n\n${body}\n` }).facts.map((f) => [
    f.region,
    f.metric,
    f.period,
    f.value,
    f.unit,
    f.qualifier,
  ]);
}

describe("three-sector structure ratios", () => {
  it("GIVEN 'the structure of its three industries was 17.2:41.0:41.8' WHEN extracted THEN each sector's share of GDP is a fact", () => {
    expect(
      facts("In 2023, the structure of Zhaoqing's three industries was adjusted to 17.2:41.0:41.8."),
    ).toEqual([
      ["Zhaoqing", "primary industry share of gdp", "2023", 17.2, "percent", "exact"],
      ["Zhaoqing", "secondary industry share of gdp", "2023", 41, "percent", "exact"],
      ["Zhaoqing", "tertiary industry share of gdp", "2023", 41.8, "percent", "exact"],
    ]);
  });

  it("GIVEN a ratio whose parts do not add up to 100 WHEN read THEN it is no structure", () => {
    expect(structureParts("the ratio of the three industries was 3:4:5")).toEqual([]);
  });

  it("GIVEN a clock time or a score with no structure word WHEN read THEN it is no structure", () => {
    expect(structureParts("the meeting ran from 10:30:60 onwards")).toEqual([]);
    expect(structureParts("visitors split 20.5:40.0:39.5 between the three venues")).toEqual([]);
  });

  it("GIVEN a ratio after 'ratio of the three industries' WHEN read THEN its parts are in sector order with their offsets", () => {
    const text = "the ratio of the three industries was 2.1:40.5:57.4";
    const parts = structureParts(text);
    expect(parts.map((p) => [p.sector, p.value, text.slice(p.start, p.end)])).toEqual([
      ["primary", 2.1, "2.1"],
      ["secondary", 40.5, "40.5"],
      ["tertiary", 57.4, "57.4"],
    ]);
  });
});
