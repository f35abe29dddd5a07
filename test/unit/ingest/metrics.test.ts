import { describe, expect, it } from "vitest";
import { extractArticle } from "../../../src/ingest/extract.js";
import { canonicalPhrase, findMetricMentions, ownPhraseBefore } from "../../../src/ingest/metrics.js";

describe("findMetricMentions", () => {
  it("GIVEN synonyms WHEN read THEN they map to the vocabulary, longest first", () => {
    expect(
      findMetricMentions("total retail sales of consumer goods will increase").map((m) => m.metric),
    ).toEqual(["retail sales of consumer goods"]);
    expect(findMetricMentions("per capita disposable income of residents").map((m) => m.metric)).toEqual([
      "per capita disposable income",
    ]);
    expect(findMetricMentions("general public budget expenditures").map((m) => m.metric)).toEqual([
      "general public budget expenditure",
    ]);
    expect(findMetricMentions("广东地区生产总值").map((m) => m.metric)).toEqual(["gdp"]);
  });

  it("GIVEN 'economic growth' WHEN read THEN it is GDP and implies growth", () => {
    const [m] = findMetricMentions("The state's economic growth target is 5%");
    expect(m?.metric).toBe("gdp");
    expect(m?.impliesGrowth).toBe(true);
  });

  it("GIVEN everyday words like 'economy' WHEN read THEN they do not name a metric", () => {
    expect(findMetricMentions("The low-altitude economy has also gained traction")).toEqual([]);
  });
});

describe("own phrases", () => {
  it("GIVEN a measured phrase outside the vocabulary WHEN read THEN the text's own words are kept", () => {
    expect(ownPhraseBefore("Zhaoqing's city-wide financial investment was ", ["Zhaoqing"])).toBe(
      "city-wide financial investment",
    );
    expect(
      ownPhraseBefore("◆The planned investment in the introduction of manufacturing projects exceeds ", []),
    ).toBe("planned investment in the introduction of manufacturing projects");
  });

  it("GIVEN a phrase that is a synonym WHEN canonicalised THEN it becomes the vocabulary name", () => {
    expect(canonicalPhrase("high-tech enterprises")).toBe("high-tech enterprises");
    expect(canonicalPhrase("major projects")).toBe("major projects");
  });
});

describe("metric names with an owner inside", () => {
  it("GIVEN 'the added value of the province's industrial enterprises above designated size' WHEN searched THEN the vocabulary metric is found", () => {
    const [m] = findMetricMentions(
      "The added value of the province's industrial enterprises above designated size rose 4.5 percent",
    );
    expect(m?.metric).toBe("industrial added value above designated size");
  });
});

describe("trade written as verbs", () => {
  it("GIVEN 'sold products abroad' and 'purchasing commodities' WHEN extracted THEN they are exports and imports", () => {
    const out = extractArticle({
      text: "Title: T\nDate: 2024-02-01\n\nIn 2023, Zhuhai sold products abroad valued at 180 billion yuan, while purchasing commodities valued at 90 billion yuan from around the world.\n",
    }).facts.map((f) => [f.metric, f.value]);
    expect(out).toEqual([
      ["exports", 180e9],
      ["imports", 90e9],
    ]);
  });
});
