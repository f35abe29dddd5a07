/**
 * Scores the extractor on articles written to resemble what it will meet in the wild (other
 * outlets, machine-translated reposts, Chinese bulletins, tables, currency and noise), none of
 * which the rules were tuned on: each `test/fixtures/unseen/<name>.txt` is matched with the
 * analyst's expectations in `<name>.json`, exactly as the gold test scores the seeds (region,
 * unit, period, value within 0.5%, each expectation matched at most once). Prints the scores
 * and every miss and extra, then holds the bars: a wrong figure costs precision, a missed one recall.
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { ExtractedFact } from "../../src/facts/fact.js";
import { extractArticle } from "../../src/ingest/extract.js";

const DIR = fileURLToPath(new URL("../fixtures/unseen/", import.meta.url));
const VALUE_TOLERANCE = 0.005;

const ExpectedFactSchema = z.object({
  region: z.string(),
  metric: z.string(),
  period: z.string().nullable(),
  value: z.number(),
  unit: z.string(),
  qualifier: z.string(),
  core: z.boolean(),
  quote: z.string(),
});
type ExpectedFact = z.infer<typeof ExpectedFactSchema>;

function matches(expected: ExpectedFact, fact: ExtractedFact): boolean {
  if (expected.region !== fact.region || expected.unit !== fact.unit || expected.period !== fact.period)
    return false;
  const scale = Math.max(Math.abs(expected.value), 1e-9);
  return Math.abs(expected.value - fact.value) / scale <= VALUE_TOLERANCE;
}

interface Score {
  file: string;
  expected: ExpectedFact[];
  hits: Set<number>;
  extras: ExtractedFact[];
  extracted: number;
}

function score(file: string): Score {
  const text = readFileSync(join(DIR, file), "utf8");
  const expected = z
    .array(ExpectedFactSchema)
    .parse(JSON.parse(readFileSync(join(DIR, `${basename(file, ".txt")}.json`), "utf8")));
  const facts = extractArticle({ text, fileName: file }).facts;
  const hits = new Set<number>();
  const extras: ExtractedFact[] = [];
  for (const fact of facts) {
    const hit = expected.findIndex((e, i) => !hits.has(i) && matches(e, fact));
    if (hit >= 0) hits.add(hit);
    else extras.push(fact);
  }
  return { file, expected, hits, extras, extracted: facts.length };
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 1 : numerator / denominator;
}

const files = readdirSync(DIR)
  .filter((f) => f.endsWith(".txt"))
  .sort();
const scores = files.map(score);
const all = scores.flatMap((s) => s.expected.map((e, i) => ({ e, hit: s.hits.has(i) })));
const core = all.filter((x) => x.e.core);
const recallCore = ratio(core.filter((x) => x.hit).length, core.length);
const recallAll = ratio(all.filter((x) => x.hit).length, all.length);
const extracted = scores.reduce((n, s) => n + s.extracted, 0);
const extras = scores.reduce((n, s) => n + s.extras.length, 0);
const precision = ratio(extracted - extras, extracted);

describe("extraction scored on unseen articles", () => {
  it("GIVEN the unseen fixtures WHEN listed THEN there are at least six, each with expectations", () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const s of scores) expect(s.expected.length, s.file).toBeGreaterThan(0);
  });

  it("GIVEN the analyst's expectations WHEN matched on region, unit, period and value THEN the bars hold", () => {
    const lines = [
      `extraction vs unseen: recall core ${recallCore.toFixed(3)} (${core.filter((x) => x.hit).length}/${core.length}), ` +
        `recall all ${recallAll.toFixed(3)} (${all.filter((x) => x.hit).length}/${all.length}), ` +
        `precision ${precision.toFixed(3)} (${extracted - extras}/${extracted})`,
    ];
    for (const s of scores) {
      for (const [i, e] of s.expected.entries())
        if (!s.hits.has(i))
          lines.push(`  missed ${s.file}: ${e.region} ${e.period} ${e.value} ${e.unit} "${e.quote}"`);
      for (const f of s.extras) lines.push(`  extra  ${s.file}: ${f.id} ${f.value} ${f.unit}`);
    }
    console.log(lines.join("\n"));
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recallAll).toBeGreaterThanOrEqual(0.85);
  });

  it("GIVEN any unseen article WHEN extracted THEN every quote is an exact span of it", () => {
    for (const file of files) {
      const text = readFileSync(join(DIR, file), "utf8");
      for (const fact of extractArticle({ text }).facts)
        expect(text.includes(fact.quote), fact.id).toBe(true);
    }
  });
});
