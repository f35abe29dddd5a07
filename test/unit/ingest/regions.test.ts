import { describe, expect, it } from "vitest";
import {
  appositiveSpans,
  canOwnFigure,
  findRegionMentions,
  sentenceSubject,
  subjectRegion,
} from "../../../src/ingest/regions.js";

const names = (text: string) => findRegionMentions(text).map((m) => m.region);

describe("findRegionMentions", () => {
  it("GIVEN names, possessives and Chinese names WHEN read THEN each region is found", () => {
    expect(names("Zhaoqing's GDP and Shenzhen")).toEqual(["Zhaoqing", "Shenzhen"]);
    expect(names("广东地区生产总值，深圳市")).toEqual(["Guangdong", "Shenzhen"]);
  });

  it("GIVEN the Greater Bay Area's long name WHEN read THEN it is one mention, not Guangdong", () => {
    expect(names("the Guangdong-Hong Kong-Macao Greater Bay Area")).toEqual(["Greater Bay Area"]);
  });

  it("GIVEN place names joined by hyphens WHEN read THEN the route is not a region", () => {
    expect(names("the Guangzhou-Zhanjiang High-speed Railway")).toEqual([]);
  });

  it("GIVEN 'the province' WHEN read THEN it is Guangdong; 'the city' waits for the subject", () => {
    const [province] = findRegionMentions("The province's import and export volume");
    expect(province?.region).toBe("Guangdong");
    const [city] = findRegionMentions("1,520 high-tech enterprises in the city");
    expect(city?.anaphor).toBe(true);
  });

  it("GIVEN China in a comparison WHEN read THEN it cannot own the figure", () => {
    const [comparison] = findRegionMentions("accounting for one-tenth of the nation's total");
    expect(comparison && canOwnFigure(comparison)).toBe(false);
    const [owner] = findRegionMentions("China's GDP grew 5.2%");
    expect(owner && canOwnFigure(owner)).toBe(true);
  });

  it("GIVEN quoted spans WHEN read THEN names inside quotes are ignored", () => {
    const text = 'awarded the "Top Ten Belts in Guangdong Province", Duanzhou';
    expect(findRegionMentions(text, [{ start: text.indexOf('"'), end: text.lastIndexOf('"') + 1 }])).toEqual(
      [],
    );
  });
});

describe("subjectRegion", () => {
  it("GIVEN an article's mentions WHEN counted THEN the most named region is the subject", () => {
    const mentions = findRegionMentions(
      "Zhaoqing grew. Zhaoqing built. Guangdong helped. China watched. China too.",
    );
    expect(subjectRegion(mentions)).toBe("Zhaoqing");
    expect(subjectRegion(findRegionMentions("Guangdong and Guangdong and Foshan"), true)).toBe("Foshan");
  });
});

describe("appositives, sentence subjects and comparisons", () => {
  it("GIVEN 'Shenzhen, the province's tech hub,' WHEN read THEN the province sits in an appositive and Shenzhen is the subject", () => {
    const text = "Shenzhen, the province's tech hub, saw its GDP expand 5.6 percent.";
    const mentions = findRegionMentions(text);
    const spans = appositiveSpans(text, mentions);
    const province = mentions.find((m) => m.anaphor);
    expect(province && spans.some((s) => province.start >= s.start && province.end <= s.end)).toBe(true);
    expect(sentenceSubject(text, mentions)?.region).toBe("Shenzhen");
  });

  it("GIVEN a clause with digits after a region WHEN read THEN it is not an appositive", () => {
    const text = "In Shenzhen, the city's GDP rose 5 percent, the bureau said.";
    expect(appositiveSpans(text, findRegionMentions(text))).toEqual([]);
  });

  it("GIVEN 'higher than the province' or '高于全省' WHEN read THEN that region cannot own a figure", () => {
    for (const text of ["growth 0.7 points higher than the province", "增速高于全省0.7个百分点"]) {
      const [m] = findRegionMentions(text);
      expect(m && canOwnFigure(m)).toBe(false);
    }
  });
});
