/** The one period model: labels, canonical spelling, order, kind and reading. */
import { describe, expect, it } from "vitest";
import { PeriodSchema } from "../../../src/facts/fact.js";
import { figureKey } from "../../../src/facts/merge.js";
import {
  canonicalPeriod,
  comparePeriods,
  formatPeriod,
  parsePeriod,
  periodKind,
  periodLabel,
} from "../../../src/facts/period.js";
import { extractArticle } from "../../../src/ingest/extract.js";

describe("period model", () => {
  it("GIVEN every spelling of one span WHEN labelled THEN one canonical label", () => {
    expect(periodLabel(2023, 1, 12)).toBe("2023");
    expect(periodLabel(2024, 1, 3)).toBe("2024-Q1");
    expect(periodLabel(2024, 10, 12)).toBe("2024-Q4");
    expect(periodLabel(2024, 1, 6)).toBe("2024-H1");
    expect(periodLabel(2024, 7, 12)).toBe("2024-H2");
    expect(periodLabel(2024, 3, 3)).toBe("2024-03");
    expect(periodLabel(2024, 1, 9)).toBe("2024-01-to-09");
    expect(canonicalPeriod("2023-01-to-12")).toBe("2023");
    expect(canonicalPeriod("2024-04-to-06")).toBe("2024-Q2");
    expect(canonicalPeriod("not a period")).toBe("not a period");
    for (const label of ["2023", "2024-Q1", "2024-H2", "2024-03", "2024-01-to-11"])
      expect(PeriodSchema.safeParse(label).success).toBe(true);
  });

  it("GIVEN labels WHEN parsed THEN their months", () => {
    expect(parsePeriod("2024-H2")).toEqual({ year: 2024, from: 7, to: 12 });
    expect(parsePeriod("2024-Q3")).toEqual({ year: 2024, from: 7, to: 9 });
    expect(parsePeriod("2024-01-to-05")).toEqual({ year: 2024, from: 1, to: 5 });
    expect(parsePeriod("24-Q1")).toBeNull();
  });

  it("GIVEN periods of one year WHEN ordered THEN by the month they end, longer spans last", () => {
    const sorted = ["2024", "2024-01-to-09", "2024-H1", "2024-Q1", "2023", null].sort(comparePeriods);
    expect(sorted).toEqual([null, "2023", "2024-Q1", "2024-H1", "2024-01-to-09", "2024"]);
  });

  it("GIVEN periods WHEN asked their kind THEN year, half, quarter, month, year to date or months", () => {
    expect(periodKind("2023")).toBe("year");
    expect(periodKind("2023-H1")).toBe("half");
    expect(periodKind("2023-Q3")).toBe("quarter");
    expect(periodKind("2023-05")).toBe("month");
    expect(periodKind("2023-01-to-11")).toBe("year-to-date");
    expect(periodKind("2023-03-to-05")).toBe("months");
  });

  it("GIVEN labels WHEN formatted THEN they read as people write them", () => {
    expect(formatPeriod("2024-Q1")).toBe("Q1 2024");
    expect(formatPeriod("2024-01-to-09")).toBe("January–September 2024");
    expect(formatPeriod("2023-01-to-12")).toBe("2023");
    expect(formatPeriod(null)).toBe("no period stated");
  });

  it("GIVEN 'January to December 2023' and '2023' WHEN extracted and merged THEN one figure", () => {
    const text = (body: string) => `Title: Zhuhai bulletin\nDate: 2024-02-01\n\n${body}\n`;
    const [a] = extractArticle({
      text: text("From January to December 2023, Zhuhai's GDP reached 435.6 billion yuan."),
    }).facts;
    const [b] = extractArticle({ text: text("In 2023, Zhuhai's GDP reached 435.6 billion yuan.") }).facts;
    expect(a?.period).toBe("2023");
    expect(b?.period).toBe("2023");
    expect(figureKey({ region: "Zhuhai", metric: "gdp", period: "2023-01-to-12", unit: "CNY" })).toBe(
      figureKey({ region: "Zhuhai", metric: "gdp", period: "2023", unit: "CNY" }),
    );
  });
});
