import { describe, expect, it } from "vitest";
import type { StoredFact } from "../../../src/facts/fact.js";
import { changes, mainSeries, seriesWanted, splitSeries } from "../../../src/facts/series.js";
import { extractedFact, sourceRef } from "../../support/fact-builders.js";

const source = sourceRef("Invented bulletin");
const fact = (period: string, value: number, extra: Partial<StoredFact> = {}): StoredFact =>
  ({
    ...extractedFact(source, {
      region: "Huizhou",
      metric: "gdp",
      period,
      value,
      id: `f${period}${value}`.toLowerCase(),
    }),
    firstSeenAt: "2025-01-01T00:00:00.000Z",
    citations: [],
    retracted: null,
    ...extra,
  }) as StoredFact;

describe("splitSeries / mainSeries / changes", () => {
  const facts = [
    fact("2022", 100),
    fact("2023", 110),
    fact("2024-Q1", 30),
    fact("2024-H1", 60),
    fact("2024-01-to-09", 90),
    fact("2023", 15, { unit: "USD" }),
    fact("2025", 130, { qualifier: "target" }),
  ];

  it("GIVEN mixed kinds, units and a target THEN one series each", () => {
    const series = splitSeries(facts);
    expect(series.map((s) => [s.kind, s.unit, s.targets, s.facts.length])).toEqual([
      ["year", "CNY", false, 2],
      ["quarter", "CNY", false, 1],
      ["half", "CNY", false, 1],
      ["year-to-date", "CNY", false, 1],
      ["year", "USD", false, 1],
      ["year", "CNY", true, 1],
    ]);
  });

  it("GIVEN no wish THEN the annual yuan outcomes; GIVEN words THEN the series they name", () => {
    const series = splitSeries(facts);
    expect(mainSeries(series, {})?.facts.map((f) => f.period)).toEqual(["2022", "2023"]);
    expect(mainSeries(series, seriesWanted("huizhou gdp quarterly"))?.kind).toBe("quarter");
    expect(mainSeries(series, seriesWanted("huizhou gdp year to date"))?.kind).toBe("year-to-date");
    expect(mainSeries(series, seriesWanted("huizhou gdp in dollars"))?.unit).toBe("USD");
    expect(mainSeries(series, seriesWanted("huizhou gdp targets"))?.targets).toBe(true);
  });

  it("GIVEN a series THEN changes only between its own periods", () => {
    const [annual] = splitSeries(facts);
    expect(changes(annual!)).toEqual(["", "+10 yuan (+10%)"]);
  });
});
