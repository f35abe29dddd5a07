import { describe, expect, it } from "vitest";
import {
  formatDifference,
  formatMetric,
  formatMoney,
  formatQuantity,
  formatValue,
} from "../../../src/facts/format.js";
import { formatPeriod } from "../../../src/facts/period.js";

describe("formatMoney", () => {
  it("GIVEN billions of yuan THEN English and 亿 scales", () => {
    expect(formatMoney(279_250_000_000, "CNY")).toBe("279.25 billion yuan (2,792.5亿元)");
  });
  it("GIVEN trillions of yuan THEN trillion and 万亿", () => {
    expect(formatMoney(13_570_000_000_000, "CNY")).toBe("13.57 trillion yuan (13.57万亿元)");
  });
  it("GIVEN US dollars THEN a US$ prefix and no Chinese", () => {
    expect(formatMoney(1_900_000_000_000, "USD")).toBe("US$1.9 trillion");
  });
  it("GIVEN a small amount THEN plain digits with separators", () => {
    expect(formatMoney(1520, "CNY")).toBe("1,520 yuan");
  });
});

describe("formatQuantity", () => {
  it("GIVEN a growth metric THEN the percent carries a sign", () => {
    expect(formatQuantity(3.7, "percent", "gdp growth")).toBe("+3.7%");
    expect(formatQuantity(-4.6, "percent", "fixed asset investment growth")).toBe("\u22124.6%");
  });
  it("GIVEN a share THEN no sign", () => {
    expect(formatQuantity(32.7, "percent", "manufacturing value added share of gdp")).toBe("32.7%");
  });
  it("GIVEN counts, people, km, years and ranks THEN readable units", () => {
    expect(formatQuantity(77000, "count")).toBe("77,000");
    expect(formatQuantity(1_270_000, "people")).toBe("1,270,000 people");
    expect(formatQuantity(462, "km")).toBe("462 km");
    expect(formatQuantity(35, "years")).toBe("35 years");
    expect(formatQuantity(89, "rank")).toBe("No. 89");
  });
});

describe("formatValue", () => {
  it("GIVEN qualifiers THEN they read as words", () => {
    expect(
      formatValue({ value: 9e12, unit: "CNY", qualifier: "over", metric: "import and export volume" }),
    ).toBe("over 9 trillion yuan (9万亿元)");
    expect(
      formatValue({ value: 77000, unit: "count", qualifier: "approx", metric: "high-tech enterprises" }),
    ).toBe("about 77,000");
    expect(formatValue({ value: 5, unit: "percent", qualifier: "target", metric: "gdp growth target" })).toBe(
      "target 5%",
    );
    expect(formatValue({ value: 14e12, unit: "CNY", qualifier: "projected", metric: "gdp" })).toBe(
      "projected 14 trillion yuan (14万亿元)",
    );
  });
});

describe("formatPeriod", () => {
  it.each([
    ["2023", "2023"],
    ["2024-Q1", "Q1 2024"],
    ["2024-H1", "H1 2024"],
    ["2024-03", "March 2024"],
    ["2024-01-to-09", "January–September 2024"],
    [null, "no period stated"],
  ])("GIVEN %s THEN %s", (period, expected) => {
    expect(formatPeriod(period)).toBe(expected);
  });
});

describe("formatMetric and formatDifference", () => {
  it("GIVEN acronyms THEN upper-cased, first word capitalised", () => {
    expect(formatMetric("gdp growth target")).toBe("GDP growth target");
    expect(formatMetric("high-tech enterprises")).toBe("High-tech enterprises");
  });
  it("GIVEN a percent difference THEN percentage points with a sign", () => {
    expect(formatDifference(1.2, "percent")).toBe("+1.2 percentage points");
    expect(formatDifference(-42.1e9, "CNY")).toBe("\u221242.1 billion yuan (\u2212421亿元)");
    expect(formatDifference(42.1e9, "CNY")).toBe("+42.1 billion yuan (+421亿元)");
  });
});

describe("precision", () => {
  it("GIVEN an official figure with many significant digits THEN none is dropped, in English or 亿/万", () => {
    // 34,606.4亿 and 2,176.98 billion, as a statistics bureau might write them.
    expect(formatMoney(3_460_640_000_000, "CNY")).toBe("3.46064 trillion yuan (3.46064万亿元)");
    expect(formatMoney(2_176_980_000_000, "CNY")).toBe("2.17698 trillion yuan (2.17698万亿元)");
    expect(formatMoney(1_597_760_000_000, "CNY")).toBe("1.59776 trillion yuan (1.59776万亿元)");
    expect(formatMoney(152_043_000_000, "CNY")).toBe("152.043 billion yuan (1,520.43亿元)");
  });
  it("GIVEN a value as a source states it THEN no digit is added, in English or 亿/万", () => {
    expect(formatMoney(49_300, "CNY")).toBe("49,300 yuan (4.93万元)");
    expect(formatMoney(3_150_000_000_000, "CNY")).toBe("3.15 trillion yuan (3.15万亿元)");
    // 0.1 + 0.2 style binary noise from arithmetic never shows as digits.
    expect(formatMoney(1.1e9 * 3, "CNY")).toBe("3.3 billion yuan (33亿元)");
    expect(formatDifference(3.1e12 - 2.9e12, "CNY")).toBe("+200 billion yuan (+2,000亿元)");
  });
});
