import { describe, expect, it } from "vitest";
import { extractArticle } from "../../../src/ingest/extract.js";
import { parseLayout } from "../../../src/ingest/metadata.js";
import { cellsOf, unitHint } from "../../../src/ingest/tables.js";

function figures(text: string) {
  return extractArticle({ text }).facts.map((f) => [f.region, f.metric, f.period, f.value, f.unit]);
}

describe("tables", () => {
  it("GIVEN a markdown row WHEN split THEN each cell is an exact span", () => {
    const text = "| Guangzhou | 22,719.43 | 2.1 |";
    const cells = cellsOf({ start: 0, end: text.length, text }) ?? [];
    expect(cells.map((c) => c.text)).toEqual(["Guangzhou", "22,719.43", "2.1"]);
    for (const c of cells) expect(text.slice(c.start, c.end)).toBe(c.text);
  });

  it("GIVEN a unit in a header WHEN read THEN its scale is known", () => {
    expect(unitHint("GDP (100 million yuan)")).toEqual({ unit: "CNY", factor: 1e8 });
    expect(unitHint("产值（亿元）")).toEqual({ unit: "CNY", factor: 1e8 });
    expect(unitHint("Growth (%)")).toEqual({ unit: "percent", factor: 1 });
  });

  it("GIVEN a link bar in a footer WHEN laid out THEN it is not a table", () => {
    expect(
      parseLayout("Title: T\n\nBody.\nXINHUANET |CHINA DAILY |CCTV |\nContact Us|About Us").tables,
    ).toEqual([]);
  });

  it("GIVEN a table of cities WHEN extracted THEN each cell is a figure of its city, scaled by the header", () => {
    const text = [
      "Title: GDP of Guangdong's cities in the first three quarters of 2024",
      "Date: 2024-10-30",
      "",
      "| City | GDP (100 million yuan) | Growth (%) |",
      "|------|------|------|",
      "| Guangzhou | 22,719.43 | 2.1 |",
      "| Foshan | 10,000.5 | -0.5 |",
    ].join("\n");
    expect(figures(text)).toEqual([
      ["Guangzhou", "gdp", "2024-01-to-09", 2271943000000, "CNY"],
      ["Guangzhou", "gdp growth", "2024-01-to-09", 2.1, "percent"],
      ["Foshan", "gdp", "2024-01-to-09", 1000050000000, "CNY"],
      ["Foshan", "gdp growth", "2024-01-to-09", -0.5, "percent"],
    ]);
  });

  it("GIVEN a tab-separated table with years as columns WHEN extracted THEN each year is a period", () => {
    const text =
      "Title: Trade\nDate: 2024-02-01\n\nIndicator\t2022\t2023\nExports (trillion yuan)\t5.33\t5.43";
    expect(figures(text)).toEqual([
      ["Guangdong", "exports", "2022", 5.33e12, "CNY"],
      ["Guangdong", "exports", "2023", 5.43e12, "CNY"],
    ]);
  });
});
