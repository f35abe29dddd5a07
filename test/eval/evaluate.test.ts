import { describe, expect, it } from "vitest";
import { CURVE_THRESHOLDS, type EvalFact, evaluate } from "../../src/eval/evaluate.js";
import { classifyMiss, classifyWrong } from "../../src/eval/failures.js";
import type { GoldFact } from "../../src/eval/gold.js";

const gold = (over: Partial<GoldFact> = {}): GoldFact => ({
  region: "Shanwei",
  metric: "retail sales",
  period: "2020",
  value: 90_000_000_000,
  unit: "CNY",
  qualifier: "exact",
  quote: "retail sales of 90 billion yuan",
  core: true,
  ...over,
});
const fact = (over: Partial<EvalFact> = {}): EvalFact => ({
  region: "Shanwei",
  metric: "retail sales",
  period: "2020",
  value: 90_000_000_000,
  unit: "CNY",
  quote: "retail sales of 90 billion yuan",
  confidence: 0.9,
  status: "served",
  ...over,
});

describe("eval failure classes: strict misses", () => {
  it("GIVEN no fact with the value and unit WHEN classified THEN it is missed", () => {
    expect(classifyMiss(gold(), [fact({ value: 1 })]).class).toBe("missed");
    expect(classifyMiss(gold(), [fact({ unit: "USD" })]).class).toBe("missed");
  });

  it("GIVEN only the opposite value WHEN classified THEN it is a sign error", () => {
    const g = gold({ metric: "retail sales growth", value: -2.5, unit: "percent" });
    expect(
      classifyMiss(g, [fact({ metric: "retail sales growth", value: 2.5, unit: "percent" })]),
    ).toMatchObject({
      class: "sign",
    });
  });

  it("GIVEN facts with the value that fail different checks WHEN classified THEN the closest one names the class", () => {
    const g = gold();
    expect(classifyMiss(g, [fact({ region: "Heyuan" })]).class).toBe("region");
    // One fact fails on region, another only on period: the period one is closer.
    const near = fact({ period: "2019" });
    expect(classifyMiss(g, [fact({ region: "Heyuan" }), near])).toEqual({ class: "period", nearest: near });
    expect(classifyMiss(g, [fact({ metric: "fixed asset investment" })]).class).toBe("family");
    expect(classifyMiss(g, [fact({ metric: "retail sales share" })]).class).toBe("kind");
  });

  it("GIVEN a fact that matches strictly WHEN classified as a miss THEN it was taken by another gold figure", () => {
    expect(classifyMiss(gold(), [fact()]).class).toBe("taken");
  });
});

describe("eval failure classes: wrong facts", () => {
  it("GIVEN no gold with the value and unit WHEN classified THEN it is spurious", () => {
    expect(classifyWrong(fact({ value: 7 }), [gold()])).toEqual({ class: "spurious", nearest: null });
  });

  it("GIVEN gold with the opposite value WHEN classified THEN it is a sign error", () => {
    const g = gold({ metric: "exports growth", value: 4, unit: "percent" });
    expect(classifyWrong(fact({ metric: "exports growth", value: -4, unit: "percent" }), [g]).class).toBe(
      "sign",
    );
  });

  it("GIVEN gold with the value that differs in one respect WHEN classified THEN that respect names the class", () => {
    expect(classifyWrong(fact({ region: "Guangdong" }), [gold()]).class).toBe("region");
    expect(classifyWrong(fact({ period: "2020-H1" }), [gold()]).class).toBe("period");
    expect(classifyWrong(fact({ metric: "exports" }), [gold()]).class).toBe("family");
    expect(classifyWrong(fact({ metric: "retail sales growth" }), [gold()]).class).toBe("kind");
  });
});

describe("eval report", () => {
  const golds = [gold(), gold({ metric: "exports", value: 30_000_000_000, core: false })];
  const facts = [
    fact({ confidence: 0.95 }),
    fact({ metric: "exports", value: 30_000_000_000, confidence: 0.6 }),
    fact({ value: 5, confidence: 0.7 }),
    fact({ value: 6, unit: "rank", confidence: 0.7 }),
    fact({ metric: "exports", value: 30_000_000_000, period: "2019", confidence: 0.4, status: "held" }),
  ];
  const report = evaluate([{ name: "one", gold: golds, facts, failed: null }]);

  it("GIVEN served and held facts WHEN evaluated THEN only served facts are scored and held ones are counted", () => {
    const [a] = report.articles;
    expect(a).toMatchObject({ gold: 2, core: 1, extracted: 5, served: 4, held: 1 });
    expect(a!.strict).toMatchObject({ hit: 2, coreHit: 1, counted: 3, correct: 2, recall: 1, coreRecall: 1 });
    expect(a!.strict.precision).toBeCloseTo(2 / 3);
    expect(report.failures.wrong.spurious).toBe(1);
    expect(a!.wrong.map((w) => w.fact.value)).toEqual([5]);
  });

  it("GIVEN confidence thresholds WHEN the curve is drawn THEN each point serves exactly the facts at or above it", () => {
    expect(report.curve.map((p) => p.threshold)).toEqual(CURVE_THRESHOLDS);
    expect(CURVE_THRESHOLDS).toContain(0.7);
    const at = (t: number) => report.curve.find((p) => p.threshold === t)!;
    // At 0 the held fact is served too: it matches nothing strictly (wrong period).
    expect(at(0)).toMatchObject({ served: 5, counted: 4, correct: 2, hit: 2, precision: 0.5, recall: 1 });
    // 0.7 is served at 0.70 (>=), and the exports figure at 0.6 is not.
    expect(at(0.7)).toMatchObject({ served: 3, counted: 2, correct: 1, hit: 1, precision: 0.5, recall: 0.5 });
    expect(at(0.95)).toMatchObject({ served: 1, precision: 1, recall: 0.5 });
    expect(at(1)).toMatchObject({ served: 0, precision: 0, recall: 0 });
  });

  it("GIVEN two articles WHEN totalled THEN counts are pooled, not ratios averaged, and failures tallied", () => {
    const two = evaluate([
      { name: "one", gold: golds, facts, failed: null },
      { name: "two", gold: [gold({ region: "Heyuan" })], facts: [], failed: "two.txt: no such file" },
    ]);
    expect(two.total).toMatchObject({ articles: 2, failed: 1, gold: 3, core: 2, served: 4, held: 1 });
    expect(two.total.strict.recall).toBeCloseTo(2 / 3);
    expect(two.total.strict.coreRecall).toBeCloseTo(1 / 2);
    expect(two.failures.misses).toEqual({
      missed: 1,
      sign: 0,
      region: 0,
      period: 0,
      family: 0,
      kind: 0,
      taken: 0,
    });
  });
});
