import { describe, expect, it } from "vitest";
import { findPeriods, resolvePeriod } from "../../../src/ingest/periods.js";

function periodsOf(text: string, published: string | null): Array<string | undefined> {
  return findPeriods(text).map((m) => resolvePeriod(m, published));
}

describe("periods", () => {
  it("GIVEN 'last year' in an article published in January WHEN resolved THEN it is the previous year", () => {
    expect(periodsOf("steady growth last year", "2025-01-16")).toEqual(["2024"]);
  });

  it("GIVEN 'this year' WHEN resolved THEN it is the publication year", () => {
    expect(periodsOf("GDP is expected to grow by 5% this year", "2024-02-02")).toEqual(["2024"]);
    expect(periodsOf("266 major projects this year", "2023-01-31")).toEqual(["2023"]);
  });

  it("GIVEN quarters, halves and month ranges WHEN resolved THEN they get their labels", () => {
    expect(periodsOf("in the first three quarters of 2024", null)).toEqual(["2024-01-to-09"]);
    expect(periodsOf("From January to September, trade grew", "2024-10-20")).toEqual(["2024-01-to-09"]);
    expect(periodsOf("in the first quarter of 2024", null)).toEqual(["2024-Q1"]);
    expect(periodsOf("in the first half of this year", "2024-07-30")).toEqual(["2024-H1"]);
    expect(periodsOf("in March 2024", null)).toEqual(["2024-03"]);
  });

  it("GIVEN Chinese periods WHEN resolved THEN they get their labels", () => {
    expect(periodsOf("2024年前三季度", null)).toEqual(["2024-01-to-09"]);
    expect(periodsOf("1-9月，全省固定资产投资下降4.0%", "2024-10-20")).toEqual(["2024-01-to-09"]);
    expect(periodsOf("上半年", "2024-07-20")).toEqual(["2024-H1"]);
  });

  it("GIVEN a bare first quarter published in January WHEN resolved THEN it is last year's", () => {
    expect(periodsOf("in the first quarter, exports rose", "2024-01-10")).toEqual(["2023-Q1"]);
  });

  it("GIVEN a comparison base WHEN read THEN it is not the figure's period", () => {
    expect(periodsOf("up 16.9 percent over the same period last year", "2024-10-01")).toEqual([]);
    expect(periodsOf("rose 3% from last year", "2024-10-01")).toEqual([]);
  });

  it("GIVEN a year range or a number WHEN read THEN it is not a year", () => {
    expect(periodsOf("Copyright 2017-2018", null)).toEqual([]);
    expect(periodsOf("2,024 enterprises", null)).toEqual([]);
  });
});
