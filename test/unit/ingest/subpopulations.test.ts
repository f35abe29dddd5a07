import { describe, expect, it } from "vitest";
import { extractArticle } from "../../../src/ingest/extract.js";
import { partAfter, partBefore } from "../../../src/ingest/subpopulation.js";

const HEADER = "Title: T\nDate: 2024-07-20\n\n";

function facts(body: string) {
  return extractArticle({ text: `${HEADER}${body}\n` }).facts.map((f) => ({
    region: f.region,
    metric: f.metric,
    period: f.period,
    value: f.value,
    unit: f.unit,
  }));
}

const REGIONS: ReadonlySet<string> = new Set(["guangdong", "shantou", "maoming", "yangjiang", "zhanjiang"]);

describe("sub-populations of a metric", () => {
  describe("through extractArticle", () => {
    it("GIVEN 'private enterprises' imports and exports' WHEN extracted THEN the metric names private enterprises and import and export", () => {
      const out = facts(
        "In the first half of 2024, private enterprises' imports and exports in Shantou reached 120.5 billion yuan.",
      );
      expect(out).toHaveLength(1);
      expect(out[0]?.metric).toContain("private enterprises");
      expect(out[0]?.metric).toContain("import and export");
      expect(out[0]?.value).toBe(120.5e9);
    });

    it("GIVEN 'private enterprises' trade' WHEN extracted THEN the part is kept and the figure is not the total", () => {
      // Today: [{ region: "Shantou", metric: "import and export volume", value: 98.6e9 }].
      const out = facts(
        "In the first half of 2024, Shantou's private enterprises' trade reached 98.6 billion yuan.",
      );
      expect(out).toHaveLength(1);
      expect(out[0]?.metric).not.toBe("import and export volume");
      expect(out[0]?.metric).toContain("private enterprises");
    });

    it("GIVEN 'general trade' WHEN extracted THEN the level and its growth are general trade's", () => {
      const out = facts(
        "In the first half of 2024, Zhanjiang's general trade reached 80.3 billion yuan, up 5.5 percent.",
      );
      expect(out).toEqual([
        {
          region: "Zhanjiang",
          metric: "general trade import and export volume",
          period: "2024-H1",
          value: 80.3e9,
          unit: "CNY",
        },
        {
          region: "Zhanjiang",
          metric: "general trade import and export volume growth",
          period: "2024-H1",
          value: 5.5,
          unit: "percent",
        },
      ]);
    });

    it("GIVEN 'processing trade fell ... to' WHEN extracted THEN both figures are processing trade's, the change negative", () => {
      const out = facts(
        "In the first half of 2024, Zhanjiang's processing trade fell 3.4 percent to 22.1 billion yuan.",
      );
      expect(out.map((f) => [f.metric, f.value, f.unit])).toEqual([
        ["processing trade import and export volume growth", -3.4, "percent"],
        ["processing trade import and export volume", 22.1e9, "CNY"],
      ]);
    });

    it("GIVEN 'exports of mechanical and electrical products' WHEN extracted THEN the metric names the whole product group", () => {
      const out = facts(
        "In the first half of 2024, Maoming's exports of mechanical and electrical products grew 9.9 percent.",
      );
      expect(out).toHaveLength(1);
      expect(out[0]?.metric).toContain("mechanical and electrical products");
      expect(out[0]?.metric).toMatch(/growth$/);
    });

    it("GIVEN 'exports of high-tech products' WHEN extracted THEN the part follows the metric into its name", () => {
      const out = facts(
        "In the first half of 2024, Maoming's exports of high-tech products grew 6.3 percent.",
      );
      expect(out).toEqual([
        {
          region: "Maoming",
          metric: "high-tech products exports growth",
          period: "2024-H1",
          value: 6.3,
          unit: "percent",
        },
      ]);
    });

    it("GIVEN 'trade with ASEAN' WHEN extracted THEN the partner is in the metric", () => {
      const out = facts("In the first half of 2024, Yangjiang's trade with ASEAN rose 12.3 percent.");
      expect(out).toHaveLength(1);
      expect(out[0]?.metric).toContain("with asean");
      expect(out[0]?.region).toBe("Yangjiang");
    });

    it("GIVEN the total and a partner's part in one sentence WHEN extracted THEN they are two different metrics", () => {
      const out = facts(
        "In the first half of 2024, Yangjiang's total trade rose 4.5 percent, while its trade with ASEAN rose 12.3 percent.",
      );
      expect(out.map((f) => [f.metric, f.value])).toEqual([
        ["import and export volume growth", 4.5],
        ["import and export volume with asean growth", 12.3],
      ]);
    });

    it("GIVEN the total and 'of which private enterprises' imports and exports' WHEN extracted THEN the part is not filed under the total", () => {
      const out = facts(
        "In the first half of 2024, Yangjiang's imports and exports totaled 60.2 billion yuan, of which private enterprises' imports and exports were 35.9 billion yuan.",
      );
      expect(out).toHaveLength(2);
      const [total, part] = out;
      expect(total?.metric).toBe("import and export volume");
      expect(part?.metric).not.toBe(total?.metric);
      expect(part?.metric).toContain("private enterprises");
    });

    it("GIVEN 'accounting for 59.6 percent of the province's total trade' WHEN extracted THEN it is a share, not growth", () => {
      const out = facts(
        "In the first half of 2024, general trade in Guangdong grew 6.1 percent, accounting for 59.6 percent of the province's total trade.",
      );
      expect(out).toHaveLength(2);
      const share = out.find((f) => f.value === 59.6);
      expect(share?.metric).toContain("share");
      expect(share?.metric).not.toMatch(/growth/);
      expect(share?.unit).toBe("percent");
      const growth = out.find((f) => f.value === 6.1);
      expect(growth?.metric).toBe("general trade import and export volume growth");
    });

    it("GIVEN 'up' or 'grew' before a percentage WHEN extracted THEN the metric is a growth, never a level", () => {
      for (const sentence of [
        "In the first half of 2024, Chaozhou's exports were up 7.7 percent.",
        "In the first half of 2024, Chaozhou's retail sales grew 2.9 percent.",
        "In the first half of 2024, Chaozhou's general trade grew 3.6 percent.",
        "In the first half of 2024, Chaozhou's trade with ASEAN was up 8.8 percent.",
      ]) {
        const out = facts(sentence);
        expect(out, sentence).toHaveLength(1);
        expect(out[0]?.unit, sentence).toBe("percent");
        expect(out[0]?.metric, sentence).toMatch(/growth$/);
      }
    });
  });

  describe("partBefore", () => {
    it("GIVEN a region's kind of trade WHEN read THEN the kind is the part and the region is not", () => {
      expect(partBefore("Guangdong's general ", REGIONS)).toBe("general");
      expect(partBefore("In 2024, Zhanjiang's processing ", REGIONS)).toBe("processing");
    });

    it("GIVEN words that describe the whole WHEN read THEN there is no part", () => {
      expect(partBefore("the city's total ", REGIONS)).toBeUndefined();
      expect(partBefore("In 2024, Shantou's ", REGIONS)).toBeUndefined();
      expect(partBefore("the province's overall ", REGIONS)).toBeUndefined();
    });

    it("GIVEN a verb before the metric WHEN read THEN the part stops at the verb", () => {
      expect(partBefore("Shantou recorded ", REGIONS)).toBeUndefined();
    });

    it("GIVEN an owner that is not a region WHEN read THEN the owner is the part", () => {
      // Today undefined: compromise tags "value" in the probe "enterprises value" as a verb.
      expect(partBefore("private enterprises' ", REGIONS)).toBe("private enterprises");
    });
  });

  describe("partAfter", () => {
    it("GIVEN 'with ASEAN' WHEN read THEN the partner is the part, lower-cased", () => {
      expect(partAfter(" with ASEAN rose 12.3 percent", REGIONS)).toEqual({
        part: "asean",
        preposition: "with",
      });
    });

    it("GIVEN 'by private enterprises' WHEN read THEN the part stops at the verb", () => {
      expect(partAfter(" by private enterprises reached 5 billion yuan", REGIONS)).toEqual({
        part: "private enterprises",
        preposition: "by",
      });
    });

    it("GIVEN 'of high-tech products' WHEN read THEN the product group is the part", () => {
      expect(partAfter(" of high-tech products rose 4 percent", REGIONS)).toEqual({
        part: "high-tech products",
        preposition: "of",
      });
    });

    it("GIVEN a region after 'of' WHEN read THEN it owns the whole, so there is no part", () => {
      expect(partAfter(" of Shantou grew 3 percent", REGIONS)).toBeUndefined();
    });

    it("GIVEN a period after 'of' WHEN read THEN it is not a part", () => {
      expect(partAfter(" of the first quarter rose 2 percent", REGIONS)).toBeUndefined();
      expect(partAfter(" in 2024 rose 2 percent", REGIONS)).toBeUndefined();
    });

    it("GIVEN 'of mechanical and electrical products' WHEN read THEN 'and' inside the name does not cut it", () => {
      // Today { part: "mechanical", preposition: "of" }.
      expect(partAfter(" of mechanical and electrical products grew 9.9 percent", REGIONS)).toEqual({
        part: "mechanical and electrical products",
        preposition: "of",
      });
    });
  });
});

describe("parts of the province named by direction", () => {
  it("GIVEN 'west Guangdong's GDP' and 'eastern Guangdong retail sales' WHEN extracted THEN the part stays in the metric, never the province's total", () => {
    const out = facts(
      "In 2023, west Guangdong's GDP grew 4.1 percent and eastern Guangdong retail sales reached 300 billion yuan.",
    );
    expect(out).toEqual([
      {
        region: "Guangdong",
        metric: "western guangdong gdp growth",
        period: "2023",
        value: 4.1,
        unit: "percent",
      },
      {
        region: "Guangdong",
        metric: "eastern guangdong retail sales of consumer goods",
        period: "2023",
        value: 300e9,
        unit: "CNY",
      },
    ]);
  });

  it("GIVEN 'east and west Guangdong … grew x and y percent to A and B yuan respectively' WHEN extracted THEN each part gets its growth and its level", () => {
    const out = facts(
      "In 2023, east and west Guangdong retail sales grew 7.7 percent and 6.0 percent to 201.35 billion yuan and 149.05 billion yuan respectively.",
    ).map((f) => [f.metric, f.value, f.unit]);
    expect(out).toEqual([
      ["eastern guangdong retail sales of consumer goods growth", 7.7, "percent"],
      ["western guangdong retail sales of consumer goods growth", 6, "percent"],
      ["eastern guangdong retail sales of consumer goods", 201.35e9, "CNY"],
      ["western guangdong retail sales of consumer goods", 149.05e9, "CNY"],
    ]);
  });
});

describe("a part of the province as the sentence's subject", () => {
  it("GIVEN 'Northern Guangdong topped the list for retail sales with a rise of x percent to y yuan' WHEN extracted THEN both figures are the part's, and 'a rise' is no trading partner", () => {
    expect(
      facts(
        "In 2023, northern Guangdong topped the list for retail sales with a rise of 8.7 percent to 216.72 billion yuan.",
      ),
    ).toEqual([
      {
        region: "Guangdong",
        metric: "northern guangdong retail sales of consumer goods growth",
        period: "2023",
        value: 8.7,
        unit: "percent",
      },
      {
        region: "Guangdong",
        metric: "northern guangdong retail sales of consumer goods",
        period: "2023",
        value: 216.72e9,
        unit: "CNY",
      },
    ]);
  });
});
