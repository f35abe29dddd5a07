/**
 * Search benchmark (`npm run bench`, not part of the tests): synthetic stores of 1k, 10k, 100k
 * and 1M facts with realistic regions, metrics, periods and quotes; 200+ mixed queries (typos,
 * Chinese names, years, natural questions) against each. Prints index build time, heap used and
 * query latency (parse + search) p50/p99 per size, times plain fuse.js over every fact at 10k as
 * the yardstick, and ends with one JSON line with all figures.
 *
 * Run with `--expose-gc` (the npm script does) so heap figures are taken after a collection.
 */
import Fuse from "fuse.js";
import type { SourceRef, StoredFact } from "../src/facts/fact.js";
import { parseQuery } from "../src/facts/query.js";
import { METRIC_VARIANTS, METRICS, REGIONS } from "../src/facts/reference.js";
import { FactIndex } from "../src/facts/search.js";

const SIZES = [1_000, 10_000, 100_000, 1_000_000];
const QUERY_ROUNDS = 3;
/** Plain fuse.js costs hundreds of ms a query; a slice of the query set is enough for its percentiles. */
const PLAIN_FUSE_QUERIES = 40;
const NOW = new Date("2025-06-01T00:00:00Z");

/** Deterministic PRNG (mulberry32) so every run measures the same data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

// One-off metric names as articles state them, next to the vocabulary's canonical ones.
const LONG_TAIL_METRICS = [
  "major projects started",
  "major projects total investment",
  "new energy vehicle output",
  "industrial robot output",
  "integrated circuit output",
  "strategic emerging industries added value",
  "digital economy core industries added value",
  "consecutive years ranked first in gdp",
  "contribution to national trade increment",
  "technology loans balance growth",
  "specialized little giant enterprises",
  "expressway mileage",
  "rail transit mileage",
  "cross-border e-commerce import and export",
  "private economy share of gdp",
  "manufacturing value added share of gdp",
  "people's livelihood expenditure",
  "provincial innovation platforms",
  "urban renewal projects",
  "affordable housing units",
  "hospital beds",
  "university enrolment",
  "foreign-invested enterprises established",
  "trillion-yuan industrial clusters",
  "billion-yuan industrial projects",
  "high-tech zone national ranking",
  "low-altitude economy enterprises",
  "port vessel calls",
  "airport passenger throughput",
  "forest coverage rate",
];

const CANONICAL_METRICS = METRICS.flatMap((m) => [
  m.name,
  ...METRIC_VARIANTS.map((v) =>
    v.prefix !== undefined ? `${v.prefix} ${m.name}` : `${m.name} ${v.suffix ?? ""}`,
  ),
]);

function periods(): string[] {
  const out: string[] = [];
  for (let y = 2000; y <= 2025; y++) out.push(String(y));
  for (let y = 2018; y <= 2025; y++) {
    out.push(`${y}-Q1`, `${y}-Q2`, `${y}-Q3`, `${y}-Q4`, `${y}-H1`, `${y}-H2`, `${y}-01-to-09`);
  }
  for (let y = 2023; y <= 2025; y++)
    for (let m = 1; m <= 12; m++) out.push(`${y}-${String(m).padStart(2, "0")}`);
  return out;
}
const PERIODS = periods();

const MONTH_NAMES =
  "January February March April May June July August September October November December".split(" ");

function periodWords(period: string): string {
  const [year, rest] = [period.slice(0, 4), period.slice(5)];
  if (rest === "") return `in ${year}`;
  if (rest.startsWith("Q"))
    return `in the ${["first", "second", "third", "fourth"][Number(rest[1]) - 1]} quarter of ${year}`;
  if (rest === "H1") return `in the first half of ${year}`;
  if (rest === "H2") return `in the second half of ${year}`;
  if (rest === "01-to-09") return `from January to September ${year}`;
  return `in ${MONTH_NAMES[Number(rest) - 1]} ${year}`;
}

/** A synthetic store of `count` facts. Sources are shared (about 25 facts a document), as in real ingest. */
function syntheticFacts(count: number, seed: number): StoredFact[] {
  const random = rng(seed);
  const facts: StoredFact[] = [];
  let source: SourceRef | undefined;
  const seen = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    if (i % 25 === 0 || source === undefined) {
      const published = new Date(Date.UTC(2015, 0, 1) + Math.floor(random() * 3800) * 86_400_000);
      source = {
        title: `${pick(random, REGIONS).name} economic bulletin ${published.toISOString().slice(0, 10)}`,
        url: `https://example.org/bulletin/${seed}/${i}`,
        publisher: pick(random, ["Guangdong Statistics Bureau", "Nanfang Daily", "GDToday", "Xinhua"]),
        published: published.toISOString().slice(0, 10),
        hash: (i.toString(16) + seed.toString(16)).padStart(64, "0"),
      };
    }
    const region = pick(random, REGIONS).name;
    // Headline metrics are more common than one-off phrases.
    const metric = random() < 0.7 ? pick(random, CANONICAL_METRICS) : pick(random, LONG_TAIL_METRICS);
    const period = random() < 0.05 ? null : pick(random, PERIODS);
    const base = `${region.toLowerCase().replace(/\s+/g, "-")}.${metric.replace(/[^a-z0-9]+/g, "-")}.${period ?? "undated"}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const value = Math.round(random() * 1e6) / 100;
    const quote = `${region}'s ${metric} ${period === null ? "" : `${periodWords(period)} `}reached ${value} ${
      metric.includes("growth") || metric.includes("share") ? "percent" : "billion yuan"
    }, according to the ${source.publisher}`;
    facts.push({
      id: n === 1 ? base : `${base}~${n}`,
      region,
      metric,
      period,
      value,
      unit: "CNY",
      qualifier: "exact",
      source,
      quote,
      confidence: 0.9,
      status: "served",
      reasons: [],
      citations: [{ source, quote }],
      firstSeenAt: new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString(),
      retracted: null,
      review: null,
    });
  }
  return facts;
}

/** Introduces one typo: drop, swap or double a letter. */
function typo(random: () => number, word: string): string {
  if (word.length < 5) return word;
  const i = 1 + Math.floor(random() * (word.length - 2));
  const kind = Math.floor(random() * 3);
  if (kind === 0) return word.slice(0, i) + word.slice(i + 1);
  if (kind === 1) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  return word.slice(0, i) + word[i] + word.slice(i);
}

/** 240 mixed queries: plain, typos, Chinese, natural questions, periods, loose words. */
function queries(): string[] {
  const random = rng(42);
  const cities = REGIONS.filter((r) => r.kind !== "country");
  const out: string[] = [];
  for (let i = 0; i < 240; i++) {
    const region = pick(random, cities);
    const metric = pick(random, METRICS);
    const year = 2015 + Math.floor(random() * 11);
    switch (i % 12) {
      case 0:
        out.push(`${region.name.toLowerCase()} ${metric.name} ${year}`);
        break;
      case 1:
        out.push(`${typo(random, region.name.toLowerCase())} ${pick(random, metric.synonyms)} ${year}`);
        break;
      case 2:
        out.push(`${pick(random, region.zh)} ${year}年 ${pick(random, metric.zh)}`);
        break;
      case 3:
        out.push(`What was ${region.name}'s ${metric.name} in ${year}?`);
        break;
      case 4:
        out.push(`how much did ${region.name.toLowerCase()} trade in ${year}`);
        break;
      case 5:
        out.push(`how many high tech companies does ${typo(random, region.name.toLowerCase())} have`);
        break;
      case 6:
        out.push(`${region.name} gdp Q${1 + Math.floor(random() * 4)} ${2018 + Math.floor(random() * 8)}`);
        break;
      case 7:
        out.push(
          `${region.name.toLowerCase()} ${pick(random, ["gpd", "econmy", "foriegn trade", "retial sales"])} last year`,
        );
        break;
      case 8:
        out.push(`${pick(random, LONG_TAIL_METRICS)} ${region.name.toLowerCase()}`);
        break;
      case 9:
        out.push(
          `${region.name.toLowerCase()} ${metric.name} growth first half of ${2018 + Math.floor(random() * 8)}`,
        );
        break;
      case 10:
        out.push(
          `January-September ${2018 + Math.floor(random() * 8)} ${pick(random, region.zh)} ${metric.name}`,
        );
        break;
      default:
        out.push(
          pick(random, [
            "expressway investment",
            "robot output",
            "guangdong",
            "深圳",
            "gdp",
            "economy this year",
          ]),
        );
    }
  }
  return out;
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}
const round = (n: number, digits = 3): number => Number(n.toFixed(digits));

function heapMb(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  return process.memoryUsage().heapUsed / 1_048_576;
}

function timeQueries(
  run: (q: string) => unknown,
  list: string[],
  rounds: number,
): { p50: number; p99: number } {
  for (const q of list) run(q); // one round to warm up the JIT
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of list) {
      const start = performance.now();
      run(q);
      samples.push(performance.now() - start);
    }
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

interface SizeResult {
  facts: number;
  build_ms: number;
  heap_mb: number;
  p50_ms: number;
  p99_ms: number;
}

function main(): void {
  const list = queries();
  console.log(`queries: ${list.length} (x${QUERY_ROUNDS} rounds), node ${process.version}`);
  if (!(globalThis as { gc?: unknown }).gc) console.log("note: run with --expose-gc for steady heap figures");
  // Warm the JIT on a throwaway store first, so the first size measured is not the one that
  // pays for compiling the parser, the index and fuse.js.
  const warm = new FactIndex(syntheticFacts(5_000, 1));
  for (let r = 0; r < 5; r++) for (const q of list) warm.search(parseQuery(q, { now: NOW }), { limit: 5 });

  const sizes: SizeResult[] = [];
  let plain: { p50_ms: number; p99_ms: number } = { p50_ms: 0, p99_ms: 0 };

  for (const count of SIZES) {
    let facts: StoredFact[] | undefined = syntheticFacts(count, count);
    const before = heapMb();
    const start = performance.now();
    let index: FactIndex | undefined = new FactIndex(facts);
    const buildMs = performance.now() - start;
    const heap = heapMb();
    const timing = timeQueries(
      (q) => index!.search(parseQuery(q, { now: NOW }), { limit: 5 }),
      list,
      QUERY_ROUNDS,
    );
    const result: SizeResult = {
      facts: count,
      build_ms: round(buildMs, 1),
      heap_mb: round(heap, 1),
      p50_ms: round(timing.p50),
      p99_ms: round(timing.p99),
    };
    sizes.push(result);
    console.log(
      `${String(count).padStart(9)} facts: build ${result.build_ms} ms, heap ${result.heap_mb} MB ` +
        `(index ≈ ${round(heap - before, 1)} MB), query p50 ${result.p50_ms} ms, p99 ${result.p99_ms} ms`,
    );

    if (count === 10_000) {
      const fuse = new Fuse(facts, { keys: ["region", "metric", "period", "quote"], includeScore: true });
      const t = timeQueries((q) => fuse.search(q, { limit: 5 }), list.slice(0, PLAIN_FUSE_QUERIES), 1);
      plain = { p50_ms: round(t.p50), p99_ms: round(t.p99) };
      console.log(
        `   plain fuse.js over all 10k facts: p50 ${plain.p50_ms} ms, p99 ${plain.p99_ms} ms ` +
          `(indexed search is ${round(plain.p50_ms / result.p50_ms, 0)}x faster at p50, ${round(plain.p99_ms / result.p99_ms, 0)}x at p99)`,
      );
    }
    index = undefined;
    facts = undefined;
  }
  console.log(JSON.stringify({ sizes, plain_fuse_10k: plain }));
}

main();
