import { describe, expect, it } from "vitest";
import { extractArticle } from "../../../src/ingest/extract.js";
import { findPeriods, resolveMention } from "../../../src/ingest/periods.js";

const PUBLISHED = "2024-07-20";

function article(body: string, header = `Title: T\nDate: ${PUBLISHED}\n`) {
  return extractArticle({ text: `${header}\n${body}\n` });
}

function facts(body: string, header?: string) {
  return article(body, header).facts.map((f) => [f.region, f.metric, f.period, f.value, f.unit]);
}

/** The period each fact of a one-figure sentence gets. */
function periodOf(sentence: string): Array<string | null> {
  return article(sentence).facts.map((f) => f.period);
}

/** What findPeriods + resolveMention make of a phrase: [matched text, period label]. */
function resolved(text: string, published: string | null = PUBLISHED): Array<[string, string | undefined]> {
  return findPeriods(text).map((m) => [text.slice(m.start, m.end), resolveMention(m, published)?.period]);
}

describe("periods: the forms a figure's period is written in", () => {
  describe("a rate's base after 'than the growth rate from'", () => {
    it("GIVEN 'faster than its growth rate from January to March' WHEN extracted THEN the span is the base, not the figure's period", () => {
      const out = article(
        "From January to April 2023, Zhuhai's retail sales grew 6.1 percent. Car sales rose 34.5%, 4.2 percentage points faster than its growth rate from January to March.",
      ).facts;
      expect(out.find((f) => f.value === 34.5)?.period).toBe("2023-01-to-04");
    });
  });

  describe("spans ending in a month", () => {
    it("GIVEN 'the 11 months ending in November 2023' WHEN extracted THEN the period is January to November", () => {
      expect(periodOf("Zhuhai's exports rose 3.3 percent in the 11 months ending in November 2023.")).toEqual(
        ["2023-01-to-11"],
      );
      // Published in July 2024, a span ending in August without a year is last year's.
      expect(periodOf("Zhuhai's exports rose 3.3 percent in the eight months ended August.")).toEqual([
        "2023-01-to-08",
      ]);
    });

    it("GIVEN a span that does not start in January WHEN extracted THEN it is never read as its last month", () => {
      expect(
        periodOf("Zhuhai's exports rose 3.3 percent in the six months ending in September 2023."),
      ).not.toContain("2023-09");
    });
  });

  describe("quarters", () => {
    it("GIVEN 'the first quarter (Q1) of 2024' WHEN extracted THEN the period is 2024-Q1", () => {
      expect(periodOf("Zhuhai's GDP grew 4.8 percent in the first quarter (Q1) of 2024.")).toEqual([
        "2024-Q1",
      ]);
      expect(resolved("in the first quarter (Q1) of 2024")).toEqual([
        ["first quarter (Q1) of 2024", "2024-Q1"],
      ]);
    });

    it("GIVEN a bare 'Q1' WHEN extracted THEN it is the first quarter of the publication year", () => {
      expect(periodOf("Zhuhai's GDP grew 4.8 percent in Q1.")).toEqual(["2024-Q1"]);
      expect(resolved("exports in Q3", "2023-11-02")).toEqual([["Q3", "2023-Q3"]]);
    });

    it("GIVEN 'first quarter' without a year WHEN the quarter has ended by the Date THEN it is this year's", () => {
      expect(periodOf("Zhuhai's GDP grew 4.8 percent in the first quarter.")).toEqual(["2024-Q1"]);
    });

    it("GIVEN 'first quarter' without a year WHEN the article appeared before that quarter ended THEN it is last year's", () => {
      const out = article(
        "Zhuhai's GDP grew 4.8 percent in the first quarter.",
        "Title: T\nDate: 2024-02-10\n",
      );
      expect(out.facts.map((f) => f.period)).toEqual(["2023-Q1"]);
    });

    it("GIVEN a bare quarter WHEN resolved against dates either side of its end THEN the latest ended quarter wins", () => {
      const second = { sub: "-Q2", endMonth: 6 };
      expect(resolveMention(second, "2024-07-01")).toEqual({ period: "2024-Q2", year: "published" });
      expect(resolveMention(second, "2024-06-28")).toEqual({ period: "2023-Q2", year: "published" });
      expect(resolveMention({ sub: "-Q4", endMonth: 12 }, "2025-01-05")?.period).toBe("2024-Q4");
    });

    it("GIVEN 'between January and March' WHEN extracted THEN the three months are the first quarter", () => {
      expect(periodOf("Huizhou's retail sales grew 6.6 percent between January and March 2024.")).toEqual([
        "2024-Q1",
      ]);
      expect(resolved("between January and March")).toEqual([["January and March", "2024-Q1"]]);
    });
  });

  describe("halves", () => {
    it("GIVEN 'H1' WHEN extracted THEN the period is the first half", () => {
      expect(periodOf("Foshan's exports rose 3.2 percent in H1.")).toEqual(["2024-H1"]);
    });

    it("GIVEN 'the first half' without a year WHEN extracted THEN it is the half that just ended", () => {
      expect(periodOf("Foshan's exports rose 3.2 percent in the first half.")).toEqual(["2024-H1"]);
    });

    it("GIVEN '1st half of 2022' WHEN extracted THEN the written year is kept", () => {
      expect(periodOf("Foshan's exports rose 3.2 percent in the 1st half of 2022.")).toEqual(["2022-H1"]);
    });

    it("GIVEN 'January-June' WHEN extracted THEN the six months are the first half", () => {
      expect(periodOf("Foshan's exports rose 3.2 percent in January-June.")).toEqual(["2024-H1"]);
    });

    it("GIVEN 'the January-June period in 2023' WHEN extracted THEN the period is 2023-H1", () => {
      expect(periodOf("Foshan's exports rose 3.2 percent in the January-June period in 2023.")).toEqual([
        "2023-H1",
      ]);
      expect(resolved("the January-June period in 2023")).toEqual([
        ["January-June period in 2023", "2023-H1"],
      ]);
    });
  });

  describe("month ranges and single months", () => {
    it("GIVEN 'first three quarters' WHEN extracted THEN the period runs January to September", () => {
      expect(
        periodOf("Huizhou's retail sales grew 6.6 percent in the first three quarters of 2023."),
      ).toEqual(["2023-01-to-09"]);
    });

    it("GIVEN 'first three quarters' without a year in July WHEN resolved THEN it is last year's, not yet over this year", () => {
      expect(resolved("the first three quarters")).toEqual([["first three quarters", "2023-01-to-09"]]);
    });

    it("GIVEN 'January–September' with an en dash WHEN extracted THEN the period is -01-to-09", () => {
      expect(periodOf("Huizhou's retail sales grew 6.6 percent during January–September 2023.")).toEqual([
        "2023-01-to-09",
      ]);
      expect(resolved("During January–September, exports grew")).toEqual([
        ["January–September", "2023-01-to-09"],
      ]);
    });

    it("GIVEN the abbreviations 'Jan.-Sept. 2023' WHEN extracted THEN the period is 2023-01-to-09", () => {
      expect(periodOf("Huizhou's retail sales grew 6.6 percent in Jan.-Sept. 2023.")).toEqual([
        "2023-01-to-09",
      ]);
    });

    it("GIVEN 'the first nine months' WHEN extracted THEN the period is -01-to-09", () => {
      expect(periodOf("Huizhou's retail sales grew 6.6 percent in the first nine months of 2023.")).toEqual([
        "2023-01-to-09",
      ]);
    });

    it("GIVEN 'the first 11 months' in digits WHEN extracted THEN the period is 2023-01-to-11", () => {
      expect(periodOf("Huizhou's retail sales grew 6.6 percent in the first 11 months of 2023.")).toEqual([
        "2023-01-to-11",
      ]);
      expect(resolved("in the first 11 months of 2023")).toEqual([
        ["first 11 months of 2023", "2023-01-to-11"],
      ]);
    });

    it("GIVEN 'in March 2024' WHEN extracted THEN the period is the month 2024-03", () => {
      expect(periodOf("Huizhou's retail sales grew 6.6 percent in March 2024.")).toEqual(["2024-03"]);
    });
  });

  describe("comparison bases are not the figure's period", () => {
    it("GIVEN 'compared with the same period in 2023' WHEN read THEN 2023 is not a period", () => {
      expect(resolved("exports were up 3 percent compared with the same period in 2023")).toEqual([]);
    });

    it("GIVEN 'higher than that of the first nine months' WHEN read THEN the ten months are not a period", () => {
      expect(resolved("higher than that of the first nine months")).toEqual([]);
    });

    it("GIVEN 'since 2022' WHEN read THEN 2022 is not a period", () => {
      expect(resolved("the fastest pace since 2022")).toEqual([]);
    });

    it("GIVEN 'from that of the first quarter' WHEN read THEN the quarter is not a period", () => {
      expect(resolved("up 1.3 percentage points from that of the first quarter")).toEqual([]);
    });

    it("GIVEN a sentence with both the figure's period and a base WHEN read THEN only the figure's period is found", () => {
      expect(resolved("grew 5 percent in 2024 compared with 2023", "2025-01-20")).toEqual([["2024", "2024"]]);
    });

    it("GIVEN paragraphs whose only period is a base WHEN extracted THEN each figure keeps the article's main period", () => {
      const out = facts(
        [
          "In the first half of 2024, Jiangmen's GDP grew 4.5 percent.",
          "Compared with the same period in 2023, Jiangmen's exports rose 6.6 percent.",
          "Jiangmen's retail sales grew 3.2 percent, higher than that of the first nine months.",
          "Jiangmen's imports have risen 8.0 percent since 2022.",
        ].join("\n\n"),
      );
      expect(out).toEqual([
        ["Jiangmen", "gdp growth", "2024-H1", 4.5, "percent"],
        ["Jiangmen", "exports growth", "2024-H1", 6.6, "percent"],
        ["Jiangmen", "retail sales of consumer goods growth", "2024-H1", 3.2, "percent"],
        ["Jiangmen", "imports growth", "2024-H1", 8, "percent"],
      ]);
    });

    it("GIVEN a change 'from that of the first quarter' WHEN extracted THEN the change is dated to the figure's half, not the quarter", () => {
      const out = article(
        "In the first half of 2024, Jiangmen's imports rose 3.1 percent, up 1.5 percentage points from that of the first quarter.",
      ).facts;
      expect(out.map((f) => f.period)).toEqual(["2024-H1", "2024-H1"]);
    });
  });

  describe("'at the end of' is a period", () => {
    it("GIVEN 'at the end of 2023' WHEN read THEN 2023 is found", () => {
      expect(resolved("deposits stood at 1.5 trillion yuan at the end of 2023")).toEqual([["2023", "2023"]]);
    });

    it("GIVEN a stock figure 'at the end of 2023' in an article of 2024 WHEN extracted THEN its period is 2023", () => {
      expect(periodOf("Jiangmen's household deposits reached 1.5 trillion yuan at the end of 2023.")).toEqual(
        ["2023"],
      );
      expect(periodOf("By the end of 2023, Jiangmen had 3,400 high-tech enterprises.")).toEqual(["2023"]);
    });
  });

  describe("an undated article's year", () => {
    const reasonsMentionInferred = (reasons: readonly string[]) => reasons.some((r) => /inferred/i.test(r));

    it("GIVEN 'Date: unknown' and a title naming 2023 WHEN a bare quarter is extracted THEN it is 2023's, and the reason says the year was inferred", () => {
      const out = extractArticle({
        text: "Title: How Zhongshan's economy fared in 2023\nDate: unknown\n\nZhongshan's GDP grew 4.1 percent in the first quarter.\n",
      });
      expect(out.source.published).toBeNull();
      expect(out.facts.map((f) => [f.region, f.metric, f.period, f.value])).toEqual([
        ["Zhongshan", "gdp growth", "2023-Q1", 4.1],
      ]);
      expect(reasonsMentionInferred(out.facts[0]?.reasons ?? [])).toBe(true);
    });

    it("GIVEN 'Date: unknown' and a title naming 2023 WHEN 'this year' is extracted THEN it is 2023, inferred", () => {
      const out = extractArticle({
        text: "Title: How Zhongshan's economy fared in 2023\nDate: unknown\n\nZhongshan's exports rose 2.7 percent this year.\n",
      });
      expect(out.facts.map((f) => f.period)).toEqual(["2023"]);
      expect(reasonsMentionInferred(out.facts[0]?.reasons ?? [])).toBe(true);
    });

    it("GIVEN 'Date: unknown', no year in the title and a URL naming 2022 WHEN extracted THEN the year comes from the URL, inferred", () => {
      const out = extractArticle({
        text: "Title: Zhongshan economic report\nDate: unknown\nURL: https://example.gov.cn/news/2022/report.htm\n\nZhongshan's GDP grew 4.1 percent this year.\n",
      });
      expect(out.source.published).toBeNull();
      expect(out.facts.map((f) => f.period)).toEqual(["2022"]);
      expect(reasonsMentionInferred(out.facts[0]?.reasons ?? [])).toBe(true);
    });

    it("GIVEN 'Date: unknown' and a URL naming a year and month WHEN a bare quarter is extracted THEN it takes the URL's year, inferred", () => {
      const out = extractArticle({
        text: "Title: Zhongshan economic report\nDate: unknown\nURL: https://example.gov.cn/2022-05/report.htm\n\nZhongshan's GDP grew 4.1 percent in the first quarter.\n",
      });
      expect(out.facts.map((f) => f.period)).toEqual(["2022-Q1"]);
      expect(reasonsMentionInferred(out.facts[0]?.reasons ?? [])).toBe(true);
    });

    it("GIVEN 'Date: unknown' and a URL with a full date path WHEN extracted THEN the URL's date is the publication date and the quarter is 2022's", () => {
      const out = extractArticle({
        text: "Title: Zhongshan economic report\nDate: unknown\nURL: https://example.gov.cn/2022-05/10/x.htm\n\nZhongshan's GDP grew 4.1 percent in the first quarter.\n",
      });
      expect(out.source.published).toBe("2022-05-10");
      expect(out.facts.map((f) => f.period)).toEqual(["2022-Q1"]);
    });

    it("GIVEN 'Date: unknown', a title naming 2023 and a URL naming 2021 WHEN extracted THEN the title wins", () => {
      const out = extractArticle({
        text: "Title: Shaoguan's trade in 2023\nDate: unknown\nURL: https://example.gov.cn/news/2021/x.htm\n\nShaoguan's exports rose 1.9 percent this year.\n",
      });
      expect(out.facts.map((f) => f.period)).toEqual(["2023"]);
    });

    it("GIVEN 'Date: unknown' with nothing naming a year WHEN a bare quarter is extracted THEN its period is unknown, not guessed", () => {
      const out = extractArticle({
        text: "Title: Zhongshan economic report\nDate: unknown\n\nZhongshan's GDP grew 4.1 percent in the first quarter.\n",
      });
      expect(out.facts.map((f) => f.period)).toEqual([null]);
      expect(out.facts[0]?.reasons.some((r) => /inferred/i.test(r))).toBe(false);
    });

    it("GIVEN a dated article WHEN extracted THEN no reason says the year was inferred", () => {
      const out = article("Zhongshan's GDP grew 4.1 percent in the first quarter.");
      expect(out.facts.flatMap((f) => f.reasons).some((r) => /inferred/i.test(r))).toBe(false);
    });

    it("GIVEN no publication date and an article year WHEN resolveMention resolves a bare quarter THEN the year is marked inferred", () => {
      expect(resolveMention({ sub: "-Q1", endMonth: 3 }, null, undefined, 2023)).toEqual({
        period: "2023-Q1",
        year: "inferred",
      });
      expect(resolveMention({ sub: "", endMonth: 12, relativeYear: -1 }, null, undefined, 2023)).toEqual({
        period: "2022",
        year: "inferred",
      });
      expect(resolveMention({ sub: "-Q1", endMonth: 3 }, null)).toBeUndefined();
      expect(resolveMention({ sub: "-Q1", endMonth: 3 }, null, 2021, 2023)).toEqual({
        period: "2021-Q1",
        year: "context",
      });
    });
  });

  describe("carrying a period past its paragraph", () => {
    it("GIVEN the article's main period in the lede WHEN a later paragraph names none THEN its figures take the main period", () => {
      const out = facts(
        "In the first half of 2024, Zhongshan's GDP grew 4.1 percent.\n\nThe city's exports rose 2.5 percent.",
      );
      expect(out).toEqual([
        ["Zhongshan", "gdp growth", "2024-H1", 4.1, "percent"],
        ["Zhongshan", "exports growth", "2024-H1", 2.5, "percent"],
      ]);
    });

    it("GIVEN an aside period in the middle of a sentence WHEN the next paragraph names none THEN the aside does not carry", () => {
      const out = facts(
        [
          "In the first half of 2024, Zhongshan's GDP grew 4.1 percent.",
          "Industrial profits rose 7 percent between January and April, the bureau said.",
          "The city's exports rose 2.5 percent.",
        ].join("\n\n"),
      );
      expect(out.map((f) => [f[1], f[2]])).toEqual([
        ["gdp growth", "2024-H1"],
        ["industrial profits growth", "2024-01-to-04"],
        ["exports growth", "2024-H1"],
      ]);
    });

    it("GIVEN a paragraph that opens with a period WHEN a later paragraph names none THEN the opening period carries", () => {
      const out = facts(
        [
          "In the first half of 2024, Zhongshan's GDP grew 4.1 percent.",
          "In the first five months, industrial profits rose 7 percent.",
          "The city's exports rose 2.5 percent.",
        ].join("\n\n"),
      );
      expect(out.map((f) => [f[1], f[2]])).toEqual([
        ["gdp growth", "2024-H1"],
        ["industrial profits growth", "2024-01-to-05"],
        ["exports growth", "2024-01-to-05"],
      ]);
    });

    it("GIVEN a carried period WHEN extracted THEN the reason says it is the article's main period", () => {
      const out = article(
        "In the first half of 2024, Zhongshan's GDP grew 4.1 percent.\n\nThe city's exports rose 2.5 percent.",
      ).facts;
      expect(out[1]?.reasons).toContain("period is the article's main period");
      expect(out[0]?.reasons).toContain("period named in the sentence");
    });
  });
});

describe("periods inside comparison bases", () => {
  it("GIVEN 'compared to the first half of the year' WHEN read THEN neither the half nor 'the year' is the figure's period", () => {
    const out = extractArticle({
      text: "Title: Qingyuan bulletin\nDate: 2023-10-20\n\nIn the first three quarters, Qingyuan's farm output grew 4.4 percent, 1.8 percentage points faster compared to the first half of the year. Of this, vegetable output increased by 2.6 percent.\n",
    }).facts;
    expect(out.filter((f) => f.unit === "percent").map((f) => f.period)).toEqual([
      "2023-01-to-09",
      "2023-01-to-09",
    ]);
  });

  it("GIVEN 'the past 10 months of 2018' WHEN read THEN January to October; 'the past 12 months' alone is no period", () => {
    const [first] = findPeriods("Over the past 10 months of 2018, investment rose");
    expect(first).toMatchObject({ year: 2018, sub: "-01-to-10" });
    expect(findPeriods("prices rose over the past 12 months")).toEqual([]);
  });
});

describe("the year so far", () => {
  it("GIVEN 'by the end of June 2021' WHEN read THEN January to June, the first half", () => {
    const [first] = findPeriods("By the end of June 2021, the city had spent 19.7 billion yuan");
    expect(first).toMatchObject({ year: 2021, sub: "-H1" });
  });
});
