/**
 * Scores the extractor against the answer key: every seed article in `data/articles/` is
 * extracted and matched with `test/fixtures/gold/<same name>.json`. A gold fact matches an
 * extracted one with the same region, unit and period and a value within 0.5%; each gold fact
 * is matched at most once. Prints recall (core and all) and precision, then holds the bars.
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { ExtractedFact } from "../../src/facts/fact.js";
import { extractArticle } from "../../src/ingest/extract.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const ARTICLES = join(ROOT, "data/articles");
const GOLD = join(ROOT, "test/fixtures/gold");
const VALUE_TOLERANCE = 0.005;

const GoldFactSchema = z.object({
  region: z.string(),
  metric: z.string(),
  period: z.string().nullable(),
  value: z.number(),
  unit: z.string(),
  qualifier: z.string(),
  core: z.boolean(),
  quote: z.string(),
});
type GoldFact = z.infer<typeof GoldFactSchema>;

function matches(gold: GoldFact, fact: ExtractedFact): boolean {
  if (gold.region !== fact.region || gold.unit !== fact.unit || gold.period !== fact.period) return false;
  const scale = Math.max(Math.abs(gold.value), 1e-9);
  return Math.abs(gold.value - fact.value) / scale <= VALUE_TOLERANCE;
}

interface Score {
  file: string;
  gold: GoldFact[];
  matchedGold: Set<number>;
  unmatchedFacts: ExtractedFact[];
  extracted: number;
}

/** Greedy one-to-one matching, extracted facts in document order. */
function score(file: string, gold: GoldFact[], facts: ExtractedFact[]): Score {
  const matchedGold = new Set<number>();
  const unmatchedFacts: ExtractedFact[] = [];
  for (const fact of facts) {
    const hit = gold.findIndex((g, i) => !matchedGold.has(i) && matches(g, fact));
    if (hit >= 0) matchedGold.add(hit);
    else unmatchedFacts.push(fact);
  }
  return { file, gold, matchedGold, unmatchedFacts, extracted: facts.length };
}

const seeds = readdirSync(ARTICLES)
  .filter((f) => f.endsWith(".txt"))
  .sort();

const scores: Score[] = seeds.map((file) => {
  const text = readFileSync(join(ARTICLES, file), "utf8");
  const gold = z
    .array(GoldFactSchema)
    .parse(JSON.parse(readFileSync(join(GOLD, `${basename(file, ".txt")}.json`), "utf8")));
  return score(file, gold, extractArticle({ text, fileName: file }).facts);
});

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 1 : numerator / denominator;
}

const allGold = scores.flatMap((s) => s.gold.map((g, i) => ({ g, hit: s.matchedGold.has(i) })));
const coreGold = allGold.filter((x) => x.g.core);
const recallCore = ratio(coreGold.filter((x) => x.hit).length, coreGold.length);
const recallAll = ratio(allGold.filter((x) => x.hit).length, allGold.length);
const extracted = scores.reduce((n, s) => n + s.extracted, 0);
const falsePositives = scores.reduce((n, s) => n + s.unmatchedFacts.length, 0);
const precision = ratio(extracted - falsePositives, extracted);

describe("extraction scored against the gold answer key", () => {
  it("GIVEN the five seed articles WHEN extracted THEN every seed has a gold file and facts", () => {
    expect(seeds.length).toBeGreaterThanOrEqual(5);
    for (const s of scores) expect(s.extracted, s.file).toBeGreaterThan(0);
  });

  it("GIVEN the gold facts WHEN matched on region, unit, period and value THEN the bars hold", () => {
    const lines = [
      `extraction vs gold: recall core ${recallCore.toFixed(3)} (${coreGold.filter((x) => x.hit).length}/${coreGold.length}), ` +
        `recall all ${recallAll.toFixed(3)} (${allGold.filter((x) => x.hit).length}/${allGold.length}), ` +
        `precision ${precision.toFixed(3)} (${extracted - falsePositives}/${extracted})`,
    ];
    for (const s of scores) {
      for (const [i, g] of s.gold.entries())
        if (!s.matchedGold.has(i))
          lines.push(`  missed ${s.file}: ${g.region} ${g.period} ${g.value} ${g.unit} "${g.quote}"`);
      for (const f of s.unmatchedFacts) lines.push(`  extra  ${s.file}: ${f.id} ${f.value} ${f.unit}`);
    }
    console.log(lines.join("\n"));
    expect(recallCore).toBeGreaterThanOrEqual(0.95);
    expect(recallAll).toBeGreaterThanOrEqual(0.85);
    expect(precision).toBeGreaterThanOrEqual(0.9);
  });

  it("GIVEN a seed WHEN extracted twice THEN the facts are identical (deterministic)", () => {
    const file = seeds[0] ?? "";
    const text = readFileSync(join(ARTICLES, file), "utf8");
    expect(extractArticle({ text, fileName: file })).toEqual(extractArticle({ text, fileName: file }));
  });

  it("GIVEN any extracted fact THEN its quote is an exact span of the article", () => {
    for (const file of seeds) {
      const text = readFileSync(join(ARTICLES, file), "utf8");
      for (const fact of extractArticle({ text }).facts)
        expect(text.includes(fact.quote), fact.id).toBe(true);
    }
  });
});
