import { describe, expect, it } from "vitest";
import { countedNounAfter, unitAround } from "../../../src/ingest/units.js";

function unitOf(text: string, number: string): string | undefined {
  const start = text.indexOf(number);
  return unitAround(text, start, start + number.length)?.unit;
}

describe("unitAround", () => {
  it("GIVEN a currency written after WHEN read THEN yuan, RMB and 元 are CNY", () => {
    expect(unitOf("9 trillion yuan", "9 trillion")).toBe("CNY");
    expect(unitOf("5 billion RMB", "5 billion")).toBe("CNY");
    expect(unitOf("3.04万亿元", "3.04万亿")).toBe("CNY");
  });

  it("GIVEN US$ inside parentheses WHEN read THEN the prefix makes it USD", () => {
    const text = "14 trillion yuan (US$ 1.9 trillion)";
    const start = text.indexOf("1.9");
    const unit = unitAround(text, start, start + "1.9 trillion".length);
    expect(unit?.unit).toBe("USD");
    expect(text.slice(unit?.start, unit?.end)).toBe("US$ 1.9 trillion");
  });

  it("GIVEN HK$ and USD WHEN read THEN each currency keeps its code", () => {
    expect(unitOf("HK$20 billion", "20 billion")).toBe("HKD");
    expect(unitOf("USD 3 million", "3 million")).toBe("USD");
  });

  it("GIVEN percent signs and words WHEN read THEN the unit is percent", () => {
    expect(unitOf("up 5%", "5")).toBe("percent");
    expect(unitOf("9.8 percent growth", "9.8")).toBe("percent");
    expect(unitOf("增长4.8％", "4.8")).toBe("percent");
  });

  it("GIVEN percentage points WHEN read THEN it is a difference, not a share", () => {
    expect(unitOf("0.3 percentage points lower", "0.3")).toBe("percentage points");
  });

  it("GIVEN a hyphenated length WHEN read THEN it is km", () => {
    expect(unitOf("the 462-kilometer provincial highway", "462")).toBe("km");
  });
});

describe("countedNounAfter", () => {
  it("GIVEN adjectives and quotes before the noun WHEN read THEN the noun phrase is found", () => {
    const text = '6 special new "little giant" enterprises';
    expect(countedNounAfter(text, 1)?.phrase).toBe("special new little giant enterprises");
  });

  it("GIVEN 'above designated size' WHEN read THEN it stays in the phrase", () => {
    expect(countedNounAfter("691 enterprises above designated size have", 3)?.phrase).toBe(
      "enterprises above designated size",
    );
  });

  it("GIVEN a preposition before any noun WHEN read THEN there is no counted noun", () => {
    expect(countedNounAfter("23 cities in 11 provinces", 2)?.head).toBe(undefined);
    expect(countedNounAfter("225 reporters from 102 media", 3)?.head).toBe(undefined);
  });
});
