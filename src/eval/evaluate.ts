/**
 * Scores extracted facts against answer keys: per article and pooled over all of them, loose and
 * strict, on the facts the bot serves; the served-precision curve over confidence thresholds;
 * and why each strict miss and each wrong served fact failed. Pure: the caller extracts.
 */
import {
  classifyMiss,
  classifyWrong,
  MISS_CLASSES,
  type MissClass,
  WRONG_CLASSES,
  type WrongClass,
} from "./failures.js";
import type { GoldFact } from "./gold.js";
import { ignoredForPrecision, type Matcher, matchesLoose, matchesStrict, scoreFacts } from "./match.js";

/** What evaluation needs of an extracted fact. */
export interface EvalFact {
  id?: string;
  region: string;
  metric: string;
  period: string | null;
  value: number;
  unit: string;
  qualifier?: string;
  quote: string;
  /** 0..1; the curve serves facts at or above each threshold. */
  confidence: number;
  /** Facts with status "held" are not answered with, so they are not scored as served. */
  status?: string;
}

/** One article to score: its key, every fact extracted from it, and why extraction failed if it did. */
export interface ArticleInput {
  name: string;
  gold: GoldFact[];
  facts: EvalFact[];
  /** Set when the article could not be read or extracted; its facts are then empty. */
  failed: string | null;
}

/** Counts and the ratios drawn from them. Ratios over nothing are 0, as in the shared scorer. */
export interface Figures {
  hit: number;
  coreHit: number;
  counted: number;
  correct: number;
  recall: number;
  coreRecall: number;
  precision: number;
}

/** A gold figure not matched strictly, and why. */
export interface Miss {
  class: MissClass;
  gold: GoldFact;
  nearest: EvalFact | null;
}

/** A served fact that matches no gold figure strictly, and why. */
export interface Wrong {
  class: WrongClass;
  fact: EvalFact;
  nearest: GoldFact | null;
}

/** Sizes shared by an article's row and the total. */
export interface Sizes {
  gold: number;
  core: number;
  /** Every fact extracted, served or held. */
  extracted: number;
  served: number;
  held: number;
  loose: Figures;
  strict: Figures;
}

/** One article's result. */
export interface ArticleReport extends Sizes {
  name: string;
  failed: string | null;
  misses: Miss[];
  wrong: Wrong[];
}

/** The pooled result over every article. */
export interface TotalReport extends Sizes {
  articles: number;
  failed: number;
}

/** Strict figures if exactly the facts with confidence >= threshold were served. */
export interface CurvePoint {
  threshold: number;
  served: number;
  counted: number;
  correct: number;
  hit: number;
  precision: number;
  recall: number;
}

/** Everything one evaluation run reports. */
export interface EvalReport {
  articles: ArticleReport[];
  total: TotalReport;
  curve: CurvePoint[];
  failures: { misses: Record<MissClass, number>; wrong: Record<WrongClass, number> };
}

/** Thresholds of the curve: 0.00, 0.05, ..., 1.00, each the exact decimal (no drift from adding 0.05). */
export const CURVE_THRESHOLDS: readonly number[] = Array.from({ length: 21 }, (_, k) => (k * 5) / 100);

const ratio = (n: number, d: number): number => (d === 0 ? 0 : n / d);

type Counts = Pick<Figures, "hit" | "coreHit" | "counted" | "correct">;

function figures(c: Counts, gold: number, core: number): Figures {
  return {
    hit: c.hit,
    coreHit: c.coreHit,
    counted: c.counted,
    correct: c.correct,
    recall: ratio(c.hit, gold),
    coreRecall: ratio(c.coreHit, core),
    precision: ratio(c.correct, c.counted),
  };
}

function add(a: Counts, b: Counts): Counts {
  return {
    hit: a.hit + b.hit,
    coreHit: a.coreHit + b.coreHit,
    counted: a.counted + b.counted,
    correct: a.correct + b.correct,
  };
}

const NONE: Counts = { hit: 0, coreHit: 0, counted: 0, correct: 0 };

/** True for facts the bot answers with. */
export const isServed = (fact: EvalFact): boolean => fact.status !== "held";

function scoreArticle(input: ArticleInput): ArticleReport {
  const { gold } = input;
  const served = input.facts.filter(isServed);
  const core = gold.filter((g) => g.core !== false).length;
  const counts = (match: Matcher) => scoreFacts(served, gold, match);
  const loose = counts(matchesLoose);
  const strict = counts(matchesStrict);
  const misses = gold.flatMap((g, i): Miss[] =>
    strict.takenBy[i] === -1 ? [{ gold: g, ...classifyMiss(g, served) }] : [],
  );
  const wrong = served
    .filter((x) => !ignoredForPrecision(x) && !gold.some((g) => matchesStrict(x, g)))
    .map((x): Wrong => ({ fact: x, ...classifyWrong(x, gold) }));
  return {
    name: input.name,
    failed: input.failed,
    gold: gold.length,
    core,
    extracted: input.facts.length,
    served: served.length,
    held: input.facts.length - served.length,
    loose: figures(loose, gold.length, core),
    strict: figures(strict, gold.length, core),
    misses,
    wrong,
  };
}

function curvePoint(inputs: readonly ArticleInput[], threshold: number): CurvePoint {
  let counts = NONE;
  let served = 0;
  let gold = 0;
  for (const input of inputs) {
    const facts = input.facts.filter((x) => x.confidence >= threshold);
    served += facts.length;
    gold += input.gold.length;
    counts = add(counts, scoreFacts(facts, input.gold, matchesStrict));
  }
  const f = figures(counts, gold, 0);
  return {
    threshold,
    served,
    counted: f.counted,
    correct: f.correct,
    hit: f.hit,
    precision: f.precision,
    recall: f.recall,
  };
}

function tally<K extends string>(keys: readonly K[], seen: readonly K[]): Record<K, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const k of seen) out[k]++;
  return out;
}

/**
 * Scores every article and pools the counts (ratios of sums, not means of ratios).
 * @example evaluate([{ name: "a", gold, facts, failed: null }]).total.strict.recall
 */
export function evaluate(inputs: readonly ArticleInput[]): EvalReport {
  const articles = inputs.map(scoreArticle);
  const sum = (pick: (a: ArticleReport) => number) => articles.reduce((n, a) => n + pick(a), 0);
  const gold = sum((a) => a.gold);
  const core = sum((a) => a.core);
  const pooled = (side: "loose" | "strict") => articles.reduce((c, a) => add(c, a[side]), NONE);
  const total: TotalReport = {
    articles: articles.length,
    failed: articles.filter((a) => a.failed !== null).length,
    gold,
    core,
    extracted: sum((a) => a.extracted),
    served: sum((a) => a.served),
    held: sum((a) => a.held),
    loose: figures(pooled("loose"), gold, core),
    strict: figures(pooled("strict"), gold, core),
  };
  return {
    articles,
    total,
    curve: CURVE_THRESHOLDS.map((t) => curvePoint(inputs, t)),
    failures: {
      misses: tally(
        MISS_CLASSES,
        articles.flatMap((a) => a.misses.map((m) => m.class)),
      ),
      wrong: tally(
        WRONG_CLASSES,
        articles.flatMap((a) => a.wrong.map((w) => w.class)),
      ),
    },
  };
}
