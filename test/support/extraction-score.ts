/**
 * Scores the extractor on a folder of articles against expected facts (the gold answer key, or
 * the unseen fixtures): a fact matches an expectation with the same region, unit and period and a
 * value within 0.5%; each expectation is matched at most once, facts taken in document order.
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { z } from "zod";
import type { ExtractedFact } from "../../src/facts/fact.js";
import { extractArticle } from "../../src/ingest/extract.js";

const VALUE_TOLERANCE = 0.005;

export const ExpectedFactSchema = z.object({
  region: z.string(),
  metric: z.string(),
  period: z.string().nullable(),
  value: z.number(),
  unit: z.string(),
  qualifier: z.string(),
  core: z.boolean(),
  quote: z.string(),
});
export type ExpectedFact = z.infer<typeof ExpectedFactSchema>;

function matches(expected: ExpectedFact, fact: ExtractedFact): boolean {
  if (expected.region !== fact.region || expected.unit !== fact.unit || expected.period !== fact.period) {
    return false;
  }
  const scale = Math.max(Math.abs(expected.value), 1e-9);
  return Math.abs(expected.value - fact.value) / scale <= VALUE_TOLERANCE;
}

export interface ArticleScore {
  file: string;
  text: string;
  expected: ExpectedFact[];
  hits: Set<number>;
  extras: ExtractedFact[];
  extracted: number;
}

export interface CorpusScore {
  articles: ArticleScore[];
  recallCore: number;
  recallAll: number;
  precision: number;
  /** A one-line summary plus every miss and extra, for the test log. */
  report: string;
}

const ratio = (n: number, d: number): number => (d === 0 ? 1 : n / d);

/** Extracts every `*.txt` in `articlesDir` and matches it with `expectedDir/<same name>.json`. */
export function scoreCorpus(label: string, articlesDir: string, expectedDir: string): CorpusScore {
  const files = readdirSync(articlesDir)
    .filter((f) => f.endsWith(".txt"))
    .sort();
  const articles = files.map((file): ArticleScore => {
    const text = readFileSync(join(articlesDir, file), "utf8");
    const expected = z
      .array(ExpectedFactSchema)
      .parse(JSON.parse(readFileSync(join(expectedDir, `${basename(file, ".txt")}.json`), "utf8")));
    // Only served facts are answered with, so only they count; a held seed figure is a miss.
    const facts = extractArticle({ text, fileName: file }).facts.filter((f) => f.status === "served");
    const hits = new Set<number>();
    const extras: ExtractedFact[] = [];
    for (const fact of facts) {
      const hit = expected.findIndex((e, i) => !hits.has(i) && matches(e, fact));
      if (hit >= 0) hits.add(hit);
      else extras.push(fact);
    }
    return { file, text, expected, hits, extras, extracted: facts.length };
  });
  const all = articles.flatMap((a) => a.expected.map((e, i) => ({ e, hit: a.hits.has(i) })));
  const core = all.filter((x) => x.e.core);
  const extracted = articles.reduce((n, a) => n + a.extracted, 0);
  const extras = articles.reduce((n, a) => n + a.extras.length, 0);
  const recallCore = ratio(core.filter((x) => x.hit).length, core.length);
  const recallAll = ratio(all.filter((x) => x.hit).length, all.length);
  const precision = ratio(extracted - extras, extracted);
  const lines = [
    `extraction vs ${label}: recall core ${recallCore.toFixed(3)} (${core.filter((x) => x.hit).length}/${core.length}), ` +
      `recall all ${recallAll.toFixed(3)} (${all.filter((x) => x.hit).length}/${all.length}), ` +
      `precision ${precision.toFixed(3)} (${extracted - extras}/${extracted})`,
  ];
  for (const a of articles) {
    for (const [i, e] of a.expected.entries()) {
      if (!a.hits.has(i))
        lines.push(`  missed ${a.file}: ${e.region} ${e.period} ${e.value} ${e.unit} "${e.quote}"`);
    }
    for (const f of a.extras) lines.push(`  extra  ${a.file}: ${f.id} ${f.value} ${f.unit}`);
  }
  return { articles, recallCore, recallAll, precision, report: lines.join("\n") };
}
