import { describe, expect, it } from "vitest";
import {
  familyOf,
  ignoredForPrecision,
  kindOf,
  type Measured,
  matchesLoose,
  matchesStrict,
  periodOf,
  regionOf,
  scoreFacts,
  unitOf,
} from "../../src/eval/match.js";

const BASE: Measured = {
  region: "Maoming",
  metric: "gdp",
  period: "2022",
  value: 400_000_000_000,
  unit: "CNY",
};
const gold = (over: Partial<Measured & { core: boolean }> = {}) => ({ ...BASE, core: true, ...over });
const fact = (over: Partial<Measured> = {}): Measured => ({ ...BASE, ...over });

describe("eval matching: normalisation", () => {
  it("GIVEN unit spellings WHEN normalised THEN synonyms fold and other units keep their letters", () => {
    expect(["CNY", "RMB", "yuan", "Renminbi"].map(unitOf)).toEqual(["cny", "cny", "cny", "cny"]);
    expect(["USD", "US$", "dollars"].map(unitOf)).toEqual(["usd", "usd", "usd"]);
    expect(["%", "percent", "pct"].map(unitOf)).toEqual(["percent", "percent", "percent"]);
    expect(["people", "enterprises", "count"].map(unitOf)).toEqual(["count", "count", "count"]);
    expect(unitOf("percentage points")).toBe("percentagepoints");
    expect(unitOf("TEU")).toBe("teu");
  });

  it("GIVEN periods and regions in other spellings WHEN normalised THEN punctuation and case do not matter", () => {
    expect(periodOf("2021-q3")).toBe(periodOf("2021Q3"));
    expect(periodOf(null)).toBeNull();
    expect(regionOf("Shan Wei")).toBe(regionOf("shanwei"));
  });

  it("GIVEN metric names WHEN their family is read THEN the first family in order wins", () => {
    expect(familyOf("Imports and exports growth")).toBe("trade");
    expect(familyOf("export value")).toBe("exports");
    expect(familyOf("tertiary industry added value")).toBe("tertiary");
    expect(familyOf("per capita disposable income")).toBe("income");
    expect(familyOf("consumer price index")).toBeNull();
  });

  it("GIVEN metric names and units WHEN their kind is read THEN share beats growth and percent levels stand apart", () => {
    expect(kindOf("share of exports growth", "percent")).toBe("share");
    expect(kindOf("retail sales increase", "percent")).toBe("growth");
    expect(kindOf("urbanisation rate", "percent")).toBe("percent-level");
    expect(kindOf("retail sales", "CNY")).toBe("level");
  });
});

describe("eval matching: loose and strict", () => {
  it("GIVEN values within and beyond 0.5% WHEN matched THEN only the close one matches", () => {
    expect(matchesLoose(fact({ value: 401_900_000_000 }), gold())).toBe(true);
    expect(matchesLoose(fact({ value: 402_100_000_000 }), gold())).toBe(false);
    expect(matchesLoose(fact({ value: 0 }), gold({ value: 0 }))).toBe(true);
  });

  it("GIVEN a different region, unit or period WHEN matched THEN it does not match", () => {
    expect(matchesLoose(fact({ region: "Zhanjiang" }), gold())).toBe(false);
    expect(matchesLoose(fact({ unit: "USD" }), gold())).toBe(false);
    expect(matchesLoose(fact({ period: "2021" }), gold())).toBe(false);
    expect(matchesLoose(fact({ unit: "RMB", region: "MAOMING" }), gold())).toBe(true);
  });

  it("GIVEN a gold figure without a period WHEN matched THEN any period matches, but not the reverse", () => {
    expect(matchesLoose(fact({ period: "2019-H1" }), gold({ period: null }))).toBe(true);
    expect(matchesLoose(fact({ period: null }), gold({ period: null }))).toBe(true);
    expect(matchesLoose(fact({ period: null }), gold())).toBe(false);
  });

  it("GIVEN the same number under another family WHEN matched strictly THEN only loose matches", () => {
    const x = fact({ metric: "retail sales of consumer goods" });
    expect(matchesLoose(x, gold())).toBe(true);
    expect(matchesStrict(x, gold())).toBe(false);
  });

  it("GIVEN a gold metric naming no family WHEN matched strictly THEN any family of the same kind matches", () => {
    const g = gold({ metric: "number of listed firms", unit: "count", value: 12 });
    expect(matchesStrict(fact({ metric: "exports", unit: "count", value: 12 }), g)).toBe(true);
  });

  it("GIVEN a growth fact against a share or a level WHEN matched strictly THEN the kind must agree", () => {
    const share = gold({ metric: "exports share of trade", unit: "percent", value: 55 });
    expect(matchesStrict(fact({ metric: "exports growth", unit: "percent", value: 55 }), share)).toBe(false);
    expect(matchesStrict(fact({ metric: "exports proportion", unit: "percent", value: 55 }), share)).toBe(
      true,
    );
  });

  it("GIVEN a gold target in percent WHEN a growth fact meets it THEN it matches, but only for a lower-case 'target'", () => {
    const target = gold({ metric: "gdp target", unit: "percent", value: 5 });
    expect(matchesStrict(fact({ metric: "gdp growth", unit: "percent", value: 5 }), target)).toBe(true);
    // The exception is written for the gold metric as spelled; a capitalised one does not get it.
    const capital = gold({ metric: "GDP Target", unit: "percent", value: 5 });
    expect(matchesStrict(fact({ metric: "gdp growth", unit: "percent", value: 5 }), capital)).toBe(false);
    // Nor does a percent level that is not a target.
    const rate = gold({ metric: "gdp deflator", unit: "percent", value: 5 });
    expect(matchesStrict(fact({ metric: "gdp growth", unit: "percent", value: 5 }), rate)).toBe(false);
  });

  it("GIVEN ranks, multiples and percentage-point gaps WHEN checked THEN they are ignored for precision", () => {
    for (const unit of ["rank", "other", "times", "percentage points", "pp", "years"])
      expect(ignoredForPrecision({ unit }), unit).toBe(true);
    for (const unit of ["percent", "CNY", "count"]) expect(ignoredForPrecision({ unit }), unit).toBe(false);
  });
});

describe("eval matching: scoring", () => {
  it("GIVEN two gold figures and one fact matching both WHEN scored THEN recall is one-to-one but precision is not", () => {
    const both = [gold(), gold({ metric: "gross domestic product" })];
    const s = scoreFacts([fact()], both, matchesStrict);
    expect(s).toMatchObject({ hit: 1, counted: 1, correct: 1, takenBy: [0, -1] });
  });

  it("GIVEN facts in order WHEN scored THEN each gold takes the first untaken matching fact, greedily", () => {
    // The first gold takes fact 0 although fact 1 would also do; the second gold then gets fact 1.
    const golds = [gold({ period: null }), gold()];
    const facts = [fact(), fact({ period: "2022" })];
    expect(scoreFacts(facts, golds, matchesLoose).takenBy).toEqual([0, 1]);
    // Greedy, not optimal: with the period-free gold first and only one fact fitting the other, one is lost.
    const lost = scoreFacts([fact(), fact({ period: "2010" })], golds, matchesLoose);
    expect(lost.takenBy).toEqual([0, -1]);
    expect(lost.hit).toBe(1);
  });

  it("GIVEN a non-core gold figure and an ignored-unit fact WHEN scored THEN core hits and counted facts leave them out", () => {
    const s = scoreFacts([fact(), fact({ unit: "rank", value: 3 })], [gold({ core: false })], matchesStrict);
    expect(s).toMatchObject({ hit: 1, coreHit: 0, counted: 1, correct: 1 });
  });
});
