import { describe, expect, it } from "vitest";
import { findNumbers } from "../../../src/ingest/numbers.js";

const values = (text: string) => findNumbers(text).map((t) => t.value);

describe("findNumbers", () => {
  it("GIVEN a scale word WHEN read THEN the value is in base units", () => {
    expect(values("GDP reached 13.57 trillion yuan")).toEqual([13570000000000]);
    expect(values("GDP was 279.25 billion yuan")).toEqual([279250000000]);
  });

  it("GIVEN a comma in a number WHEN read THEN the comma is a thousands separator", () => {
    expect(values("about 77,000 high-tech enterprises and 1,520 more")).toEqual([77000, 1520]);
  });

  it("GIVEN Chinese scales WHEN read THEN 万亿 and 亿 multiply", () => {
    expect(values("地区生产总值3.04万亿元")).toEqual([3040000000000]);
    expect(values("2792.5亿元")).toEqual([279250000000]);
    expect(values("9600万人")).toEqual([96000000]);
  });

  it("GIVEN fractions of a whole WHEN followed by 'of' THEN they are percentages", () => {
    expect(values("accounting for one-tenth of the nation's total")).toEqual([10]);
    expect(values("accounting for 1/8 of the country's total")).toEqual([12.5]);
    expect(values("more than half of the total investment")).toEqual([50]);
  });

  it("GIVEN 'first half of 2024' WHEN read THEN 'half' is not a fraction", () => {
    expect(findNumbers("in the first half of 2024").filter((t) => t.kind === "fraction")).toEqual([]);
  });

  it("GIVEN number words WHEN read THEN they count, but 'one-year' stays an adjective", () => {
    expect(values("eight industrial clusters")).toEqual([8]);
    expect(values("Over a thousand major projects")).toEqual([1000]);
    expect(values("a one-year plan")).toEqual([]);
  });

  it("GIVEN 'trillion-level' WHEN read THEN the scale is an adjective, not a multiplier", () => {
    expect(values("with 8 trillion-level industrial clusters")).toEqual([8]);
  });

  it("GIVEN a minus sign WHEN read THEN the value is negative", () => {
    const [token] = findNumbers("fixed asset investment -4.6%");
    expect(token?.value).toBe(-4.6);
    expect(token?.negative).toBe(true);
  });

  it("GIVEN identifiers and ranges WHEN read THEN they are marked attached", () => {
    for (const text of ["G324 highway", "粤B2-20040381号", "COVID-19", "2017-2018"]) {
      expect(
        findNumbers(text).every((t) => t.attached || t.yearLike),
        text,
      ).toBe(true);
    }
  });

  it("GIVEN an ordinal WHEN read THEN it is marked ordinal", () => {
    expect(findNumbers("for the 36th consecutive year")[0]?.ordinal).toBe(true);
  });
});
