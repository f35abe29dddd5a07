/** The merge rule the store relies on: which two figures are the same figure. */
import { describe, expect, it } from "vitest";
import { figureKey, isSameFigure } from "../../src/facts/merge.js";

const gdp = { region: "Guangdong", metric: "gdp", period: "2023", unit: "CNY", value: 13_570_000_000_000 };

describe("figureKey", () => {
  it("GIVEN differences of case and spacing THEN the key is the same", () => {
    expect(figureKey({ ...gdp, region: " guangdong ", metric: "GDP", unit: "cny" })).toBe(figureKey(gdp));
  });

  it("GIVEN another region, metric, period or unit THEN the key differs", () => {
    const keys = [
      gdp,
      { ...gdp, region: "Shenzhen" },
      { ...gdp, metric: "gdp growth" },
      { ...gdp, period: "2024" },
      { ...gdp, period: null },
      { ...gdp, unit: "USD" },
    ].map(figureKey);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("isSameFigure", () => {
  it("GIVEN values equal up to floating-point noise THEN they are the same figure", () => {
    expect(isSameFigure(gdp, { ...gdp, value: 13.57 * 1e12 })).toBe(true);
    expect(isSameFigure({ ...gdp, value: 0 }, { ...gdp, value: 0 })).toBe(true);
    expect(isSameFigure({ ...gdp, value: -2.5 }, { ...gdp, value: -2.5 })).toBe(true);
  });

  it("GIVEN a real difference in value THEN they are different figures", () => {
    expect(isSameFigure(gdp, { ...gdp, value: 13_580_000_000_000 })).toBe(false);
    expect(isSameFigure({ ...gdp, value: 5 }, { ...gdp, value: 5.1 })).toBe(false);
    expect(isSameFigure({ ...gdp, value: 0 }, { ...gdp, value: 1e-12 })).toBe(false);
  });

  it("GIVEN the same value for another period THEN they are different figures", () => {
    expect(isSameFigure(gdp, { ...gdp, period: "2022" })).toBe(false);
  });
});
