import { describe, expect, it } from "vitest";
import {
  assess,
  type Evidence,
  hasKindMismatch,
  isFragment,
  isImplausibleAmount,
  namesSingleEntity,
  SERVING_THRESHOLD,
} from "../../../src/ingest/confidence.js";
import { extractArticle } from "../../../src/ingest/extract.js";
import { leadingNounPhrase, readsAsNounPhrase } from "../../../src/ingest/noun-phrase.js";

const BEST: Evidence = {
  region: "clause",
  period: "sentence",
  yearInferred: false,
  metric: "vocabulary",
  fragment: false,
  implausible: false,
  headline: false,
  listed: false,
  singleEntity: false,
  kindMismatch: false,
  wrapped: false,
};

const FRAGMENT_REASON = "metric name reads as a fragment, not a noun phrase";

// Invented articles covering clear and doubtful readings: clause-named facts, carried context,
// no region or period at all, fragments, an implausibly small amount, a table, a headline.
const ARTICLES = [
  "Title: T\nDate: 2024-07-20\n\nIn the first half of 2024, Zhaoqing's GDP grew 4.2 percent to 135.6 billion yuan.\n",
  "Title: T\nDate: 2024-07-20\n\nIn the first half of 2024, Zhaoqing's GDP grew 4.2 percent.\n\nThe city's exports rose 2.5 percent.\n",
  "Title: T\nDate: 2024-07-20\n\nExports rose 3.0 percent year on year.\n",
  "Title: T\nDate: 2024-07-20\n\nThe figure was 3.0 percent year on year.\n",
  "Title: T\nDate: 2024-07-20\n\nIn the first half of 2024, Zhaoqing earned 350 yuan from tourism.\n",
  "Title: T\nDate: 2024-07-20\n\nIn the first half of 2024, Zhaoqing's output of ceramic tiles rose 3.0 percent year on year.\n",
  "Title: T\nDate: 2024-07-20\n\n| City | GDP (100 million yuan) | Growth (%) |\n| --- | --- | --- |\n| Zhaoqing | 1345.6 | 3.2 |\n| Yunfu | 612.3 | 2.8 |\n",
  "Title: Yunfu's GDP grew 3.5 percent in 2023\nDate: 2024-01-20\n\nYunfu's GDP grew 3.5 percent in 2023.\n",
  "Title: Zhongshan's economy in 2023\nDate: unknown\n\nZhongshan's GDP grew 4.1 percent in the first quarter.\n",
  "Title: T\nDate: 2024-07-20\n\nIn the first half of 2024, the output of steel, cement and glass in Shaoguan grew 4.1 percent, 2.2 percent and 1.5 percent respectively.\n",
  "Title: T\nDate: 2024-07-20\n\nJiangmen's investment growth picked up 1.4 percentage points.\n",
];

describe("confidence and serving", () => {
  describe("facts from extractArticle", () => {
    const all = ARTICLES.flatMap((text) => extractArticle({ text }).facts);

    it("GIVEN the articles WHEN extracted THEN both served and held facts occur, so the checks below bite", () => {
      expect(all.some((f) => f.status === "served")).toBe(true);
      expect(all.some((f) => f.status === "held")).toBe(true);
    });

    it("GIVEN any extracted fact WHEN checked THEN it is served exactly when its confidence reaches the threshold", () => {
      for (const f of all)
        expect(f.status, `${f.metric} ${f.value} @ ${f.confidence}`).toBe(
          f.confidence >= SERVING_THRESHOLD ? "served" : "held",
        );
    });

    it("GIVEN any extracted fact WHEN checked THEN it gives at least one reason and a confidence in 0..1", () => {
      for (const f of all) {
        expect(f.reasons.length, `${f.metric} ${f.value}`).toBeGreaterThan(0);
        for (const r of f.reasons) expect(r.trim()).not.toBe("");
        expect(f.confidence).toBeGreaterThan(0);
        expect(f.confidence).toBeLessThanOrEqual(1);
      }
    });

    it("GIVEN a clause-named region and period and a vocabulary metric WHEN extracted THEN confidence is 1", () => {
      const [fact] = extractArticle({ text: ARTICLES[0] ?? "" }).facts;
      expect(fact?.metric).toBe("gdp growth");
      expect(fact?.confidence).toBe(1);
      expect(fact?.status).toBe("served");
      expect(fact?.reasons).toEqual([
        "region named in the figure's clause",
        "period named in the sentence",
        "metric from the vocabulary",
      ]);
    });

    it("GIVEN a figure with neither region nor period named WHEN extracted THEN confidence drops and the reasons say why", () => {
      const [fact] = extractArticle({ text: ARTICLES[2] ?? "" }).facts;
      expect(fact?.confidence).toBeLessThan(1);
      expect(fact?.reasons).toContain("no region named; assumed Guangdong");
      expect(fact?.reasons).toContain("no period found");
    });

    it("GIVEN a fact whose metric reads as a fragment WHEN extracted THEN it costs confidence", () => {
      const fragments = all.filter((f) => f.reasons.includes(FRAGMENT_REASON));
      expect(fragments.length).toBeGreaterThan(0);
      for (const f of fragments) expect(f.confidence).toBeLessThanOrEqual(0.7);
    });

    it("GIVEN an implausibly small amount WHEN extracted THEN it is held", () => {
      const [fact] = extractArticle({ text: ARTICLES[4] ?? "" }).facts;
      expect(fact?.value).toBe(350);
      expect(fact?.status).toBe("held");
      expect(fact?.reasons).toContain("amount implausibly small for its unit (truncated text?)");
    });

    it("GIVEN a title restating the body WHEN extracted THEN only the body's sentence gives a fact, at full confidence", () => {
      const out = extractArticle({ text: ARTICLES[7] ?? "" }).facts;
      expect(out).toHaveLength(1);
      expect(out[0]?.confidence).toBe(1);
    });
  });

  describe("assess", () => {
    it("GIVEN the best evidence WHEN assessed THEN confidence is 1 and the fact is served", () => {
      expect(assess(BEST)).toEqual({
        confidence: 1,
        reasons: [
          "region named in the figure's clause",
          "period named in the sentence",
          "metric from the vocabulary",
        ],
        status: "served",
      });
    });

    it("GIVEN a fragment metric name WHEN assessed THEN confidence drops and the reason says so", () => {
      const phrase = assess({ ...BEST, metric: "phrase" });
      const fragment = assess({ ...BEST, metric: "phrase", fragment: true });
      expect(fragment.confidence).toBeLessThan(phrase.confidence);
      expect(fragment.reasons).toContain(FRAGMENT_REASON);
      expect(phrase.reasons).not.toContain(FRAGMENT_REASON);
    });

    it("GIVEN each weaker piece of evidence WHEN assessed THEN confidence is lower than the best and a reason is added", () => {
      const weaker: Array<Partial<Evidence>> = [
        { region: "sentence" },
        { region: "paragraph" },
        { region: "article" },
        { region: "default" },
        { period: "paragraph" },
        { period: "context" },
        { period: "none" },
        { metric: "inherited" },
        { metric: "phrase" },
        { implausible: true },
        { headline: true },
        { singleEntity: true },
        { kindMismatch: true },
        { wrapped: true },
      ];
      for (const change of weaker) {
        const out = assess({ ...BEST, ...change });
        expect(out.confidence, JSON.stringify(change)).toBeLessThan(1);
        expect(out.reasons, JSON.stringify(change)).not.toEqual(assess(BEST).reasons);
      }
      // Evidence the corpus found as reliable as the best costs nothing, but is still named.
      for (const change of [{ region: "list" }, { yearInferred: true }, { listed: true }] as Array<
        Partial<Evidence>
      >) {
        const out = assess({ ...BEST, ...change });
        expect(out.confidence, JSON.stringify(change)).toBe(1);
        expect(out.reasons, JSON.stringify(change)).not.toEqual(assess(BEST).reasons);
      }
      expect(assess({ ...BEST, yearInferred: true }).reasons).toContain(
        "year inferred: the article has no date",
      );
    });

    it("GIVEN evidence just at and just below the threshold WHEN assessed THEN at is served and below is held", () => {
      // Each combination is served exactly when its confidence reaches the threshold.
      const combos: Array<Partial<Evidence>> = [
        { region: "default" },
        { region: "default", period: "none" },
        { metric: "phrase", period: "paragraph" },
        { metric: "phrase", fragment: true },
        { region: "sentence", period: "paragraph", metric: "inherited" },
        { headline: true, metric: "phrase" },
      ];
      const statuses = combos.map((c) => assess({ ...BEST, ...c }));
      for (const out of statuses)
        expect(out.status).toBe(out.confidence >= SERVING_THRESHOLD ? "served" : "held");
      expect(statuses.some((s) => s.status === "served")).toBe(true);
      expect(statuses.some((s) => s.status === "held")).toBe(true);
    });

    it("GIVEN everything wrong at once WHEN assessed THEN confidence bottoms out above zero and the fact is held", () => {
      const out = assess({
        region: "default",
        period: "none",
        yearInferred: true,
        metric: "phrase",
        fragment: true,
        implausible: true,
        headline: true,
        listed: true,
        singleEntity: true,
        kindMismatch: true,
        wrapped: true,
      });
      expect(out.confidence).toBe(0.05);
      expect(out.status).toBe("held");
      expect(out.reasons).toHaveLength(11);
    });
  });

  describe("namesSingleEntity and hasKindMismatch", () => {
    it("GIVEN one company, project or vessel WHEN checked THEN it is a single entity, and aggregates are not", () => {
      for (const single of [
        "the company's initial investment",
        "refinery project",
        "a cargo vessel",
        "logistics park",
      ])
        expect(namesSingleEntity(single), single).toBe(true);
      for (const many of [
        "industrial projects",
        "major projects investment",
        "gdp",
        "companies above designated size",
      ])
        expect(namesSingleEntity(many), many).toBe(false);
    });

    it("GIVEN a rate in yuan or a money level in percent WHEN checked THEN the kinds mismatch", () => {
      expect(hasKindMismatch("retail sales growth", "CNY", "money")).toBe(true);
      expect(hasKindMismatch("exports share of gdp", "USD", "money")).toBe(true);
      expect(hasKindMismatch("import and export volume", "percent", "money")).toBe(true);
      expect(hasKindMismatch("population", "percent", "people")).toBe(true);
    });

    it("GIVEN kinds that fit their units WHEN checked THEN there is no mismatch", () => {
      expect(hasKindMismatch("retail sales", "CNY", "money")).toBe(false);
      expect(hasKindMismatch("retail sales growth", "percent", "money")).toBe(false);
      expect(hasKindMismatch("exports share of gdp", "percent", "money")).toBe(false);
      expect(hasKindMismatch("per capita disposable income growth", "CNY", "money")).toBe(false);
      expect(hasKindMismatch("urbanization rate", "percent", undefined)).toBe(false);
      expect(hasKindMismatch("engel coefficient", "percent", undefined)).toBe(false);
    });

    it("GIVEN an article about one plant's investment WHEN extracted THEN that figure is held", () => {
      const out = extractArticle({
        text: "Title: T\nDate: 2024-05-02\n\nIn 2023, the refinery project's total investment in Zhanjiang reached 45 billion yuan.\n",
        fileName: "plant.txt",
      });
      const fact = out.facts.find((f) => f.value === 45_000_000_000);
      expect(fact?.status).toBe("held");
      expect(fact?.reasons).toContain("measures a single company, project or site");
    });
  });

  describe("names that are pieces of the sentence", () => {
    it("GIVEN a name opening with a preposition or a year, or pointing back to 'the industry' WHEN checked THEN it is a fragment", () => {
      expect(isFragment("by the manufacturing sector")).toBe(true);
      expect(isFragment("2022 investment")).toBe(true);
      expect(isFragment("value of the industry")).toBe(true);
      expect(isFragment("value of the high-tech manufacturing industry")).toBe(false);
    });

    it("GIVEN a fragment's growth carried to the next figure WHEN extracted THEN both are held", () => {
      const out = extractArticle({
        text: "Title: T\nDate: 2024-02-01\n\nIn 2023, the value added by the industry was 55.2 billion yuan, an increase of 4.4%.\n",
      }).facts;
      expect(out.length).toBe(2);
      for (const f of out) expect(f.status, f.metric).toBe("held");
    });

    it("GIVEN '80% of which' with no subject WHEN extracted THEN the 'share of total' is held", () => {
      const out = extractArticle({
        text: "Title: T\nDate: 2024-02-01\n\n80% of which are small firms.\n",
      }).facts;
      for (const f of out) expect(f.status).toBe("held");
    });
  });

  describe("wrapped sentences", () => {
    it("GIVEN a figure whose sentence runs across line breaks WHEN extracted THEN it carries the PDF reason and costs confidence", () => {
      const wrapped = extractArticle({
        text: "Title: T\nDate: 2024-05-02\n\nIn 2023, Maoming's exports\nreached 21.4 billion yuan, a\nrecord for the city.\n",
        fileName: "wrapped.txt",
      }).facts.find((f) => f.value === 21_400_000_000);
      const flat = extractArticle({
        text: "Title: T\nDate: 2024-05-02\n\nIn 2023, Maoming's exports reached 21.4 billion yuan, a record for the city.\n",
        fileName: "flat.txt",
      }).facts.find((f) => f.value === 21_400_000_000);
      expect(wrapped?.reasons).toContain("sentence runs across line breaks (PDF columns may interleave)");
      expect(flat?.reasons).not.toContain("sentence runs across line breaks (PDF columns may interleave)");
      expect(wrapped?.confidence ?? 1).toBeLessThan(flat?.confidence ?? 0);
    });
  });

  describe("isFragment and readsAsNounPhrase", () => {
    it("GIVEN 'year on year' WHEN checked THEN it is a fragment", () => {
      expect(isFragment("year on year")).toBe(true);
      expect(isFragment("year-on-year")).toBe(true);
    });

    it("GIVEN 'also rose with japan' WHEN checked THEN it is a fragment and not a noun phrase", () => {
      expect(isFragment("also rose with japan")).toBe(true);
      expect(readsAsNounPhrase("also rose with japan")).toBe(false);
    });

    it("GIVEN words with no content WHEN checked THEN they are a fragment", () => {
      expect(isFragment("of the")).toBe(true);
      expect(isFragment("")).toBe(true);
    });

    it("GIVEN product output names WHEN checked THEN they read as noun phrases, not fragments", () => {
      expect(readsAsNounPhrase("industrial robots output")).toBe(true);
      expect(isFragment("industrial robots output")).toBe(false);
      expect(isFragment("new energy vehicles output")).toBe(false);
      expect(isFragment("retail sales")).toBe(false);
    });

    it("GIVEN pronouns or plans WHEN checked THEN they are fragments", () => {
      expect(readsAsNounPhrase("it plans")).toBe(false);
      expect(isFragment("it plans")).toBe(true);
      expect(isFragment("including growth")).toBe(true);
    });

    it("GIVEN 'private enterprises import and export volume' WHEN checked THEN it is not a fragment", () => {
      // Today true: compromise tags "import" and "export" as verbs.
      expect(isFragment("private enterprises import and export volume")).toBe(false);
    });

    it.fails("GIVEN 'private enterprises trade' WHEN checked THEN it reads as a noun phrase", () => {
      // Tagged alone, "trade" reads as a verb; extraction masks vocabulary names before asking (see isFragment).
      expect(readsAsNounPhrase("private enterprises trade")).toBe(true);
    });
  });

  describe("isImplausibleAmount", () => {
    it("GIVEN a money amount under a thousand WHEN checked THEN it is implausible unless per unit", () => {
      expect(isImplausibleAmount(350, "CNY", "tourism revenue")).toBe(true);
      expect(isImplausibleAmount(-12, "USD", "exports")).toBe(true);
      expect(isImplausibleAmount(850, "CNY", "per capita disposable income")).toBe(false);
      expect(isImplausibleAmount(620, "CNY", "average monthly wage")).toBe(false);
    });

    it("GIVEN a large amount or a non-money unit WHEN checked THEN it is plausible", () => {
      expect(isImplausibleAmount(1.2e12, "CNY", "gdp")).toBe(false);
      expect(isImplausibleAmount(1000, "CNY", "tourism revenue")).toBe(false);
      expect(isImplausibleAmount(3.5, "percent", "gdp growth")).toBe(false);
      expect(isImplausibleAmount(12, "count", "new projects")).toBe(false);
    });
  });
});

describe("leadingNounPhrase", () => {
  it("GIVEN a metric phrase that runs into its verb WHEN cut THEN the noun phrase it opens with, and the flow a trade verb names", () => {
    expect(leadingNounPhrase("private enterprises exported")).toEqual({
      phrase: "private enterprises",
      flow: "exports",
    });
    expect(leadingNounPhrase("household items went")?.phrase).toBe("household items");
    expect(leadingNounPhrase("output of industrial robots rising")?.phrase).toBe(
      "output of industrial robots",
    );
    expect(leadingNounPhrase("infrastructure investment")?.phrase).toBe("infrastructure investment");
  });

  it("GIVEN words with no nominal opening WHEN cut THEN nothing", () => {
    expect(leadingNounPhrase("already")).toBeUndefined();
    expect(leadingNounPhrase("year on year")).toBeUndefined();
    expect(leadingNounPhrase("experienced a year-on-year drop")).toBeUndefined();
  });
});
