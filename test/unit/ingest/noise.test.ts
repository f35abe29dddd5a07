import { describe, expect, it } from "vitest";
import { findFigures } from "../../../src/ingest/figures.js";
import {
  dateSpans,
  isContactOrIdNumber,
  isFooterStart,
  isNoiseLine,
  isUnitLine,
} from "../../../src/ingest/noise.js";

describe("line noise", () => {
  it("GIVEN site navigation and contact lines WHEN checked THEN they are noise", () => {
    for (const line of [
      "· BUSINESS NEWS",
      "NEW",
      "Tel: 008610-68994660",
      "Fax:   0086-758-2588213",
      "Address: No. 1 Jinhua Road",
      "XINHUANET |CHINA DAILY |GLOBAL TIMES |",
      "粤B2-20040381号",
    ])
      expect(isNoiseLine(line), line).toBe(true);
  });

  it("GIVEN an article sentence WHEN checked THEN it is not noise", () => {
    expect(isNoiseLine("Total exports fell by 3.5%, general public budget revenue increased by 9.8%.")).toBe(
      false,
    );
  });

  it("GIVEN comment and copyright markers WHEN checked THEN they start the footer", () => {
    expect(isFooterStart("No comments:")).toBe(true);
    expect(isFooterStart("Copyright 2017-2018")).toBe(true);
    expect(isFooterStart("Contact Us|About Us|Copyright")).toBe(true);
  });
});

describe("number noise", () => {
  it("GIVEN phone numbers WHEN checked THEN they are contact numbers", () => {
    const text = "Tel: +86 758 2899202";
    expect(isContactOrIdNumber(text, text.indexOf("2899202"), text.length)).toBe(true);
  });

  it("GIVEN dates and times WHEN scanned THEN their spans are found", () => {
    const text = "On January 31, 2024, at 22:34 on 2024-02-02 and on the 29th";
    expect(dateSpans(text).length).toBeGreaterThanOrEqual(4);
  });

  it("GIVEN reporters at a press conference WHEN figures are read THEN none is a figure", () => {
    const figures = (text: string) => findFigures(text).filter((f) => f.kind !== "bare");
    expect(
      figures("A total of 225 reporters from 102 domestic and foreign media sat in on the meeting."),
    ).toEqual([]);
    expect(figures("more than 300 people attended the forum")).toEqual([]);
  });

  it("GIVEN dates, addresses, list ranks and quoted names WHEN figures are read THEN none is a figure", () => {
    for (const text of [
      "At a press conference in Beijing on March 29, he spoke.",
      "Address: 6/F, No. 18, Jiangbin West Road",
      "Sihui entered the ranks of the top 100 counties.",
      'the "99" Bay Area integration operation',
      "Foshan's team set off to 23 cities in 11 provinces.",
      "form a new 500 billion yuan level industrial cluster",
    ])
      expect(
        findFigures(text).filter((f) => f.kind !== "bare"),
        text,
      ).toEqual([]);
  });
});

describe("isUnitLine", () => {
  it("GIVEN a table's unit line WHEN checked THEN it is a unit line, and a sentence with a figure is not", () => {
    expect(isUnitLine("(100 million yuan)")).toBe(true);
    expect(isUnitLine("（单位：亿元）")).toBe(true);
    expect(isUnitLine("Unit: 100 million yuan, %")).toBe(true);
    expect(isUnitLine("城镇居民人均可支配收入62153元，增长3.6%。")).toBe(false);
    expect(isUnitLine("GDP reached 100 million yuan")).toBe(false);
  });
});
