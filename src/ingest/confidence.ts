/**
 * How sure extraction is of one figure, and why. Each piece of evidence (how the region,
 * period and metric were found, whether the metric name reads as a noun phrase, whether the
 * value is plausible for its unit) costs a measured amount of confidence and adds a reason a
 * curator can read in `facts review`. Facts below {@link SERVING_THRESHOLD} are held: stored,
 * never answered until a person approves them.
 *
 * The costs were set from the served-precision curve on a corpus of real articles labelled
 * blind (see README, "Measuring extraction"): each is roughly how much more often facts with
 * that evidence were wrong. They are deliberately coarse; the threshold is what is tuned.
 */
import type { FactStatus } from "../facts/fact.js";
import { findMetricMentions } from "./metrics.js";
import { readsAsNounPhrase } from "./noun-phrase.js";

export type RegionEvidence = "clause" | "sentence" | "paragraph" | "article" | "default" | "list";
export type PeriodEvidence = "sentence" | "paragraph" | "context" | "none";
export type MetricEvidence = "vocabulary" | "inherited" | "phrase";

/** What extraction knows about how it read one figure. */
export interface Evidence {
  region: RegionEvidence;
  period: PeriodEvidence;
  /** The period's year was guessed for an undated article (from its title, URL or body). */
  yearInferred: boolean;
  metric: MetricEvidence;
  /** The metric's name does not read as a noun phrase ("year on year", "including growth"). */
  fragment: boolean;
  /** A money amount too small to be an economic aggregate without a per-capita or per-unit word. */
  implausible: boolean;
  /** Read from the headline, which restates the body loosely. */
  headline: boolean;
  /** The figure was paired with its item in a "respectively" list. */
  listed: boolean;
  /** The metric names one company, project, vessel or park: not an economic indicator. */
  singleEntity: boolean;
  /** The metric's kind disagrees with the value's unit (a "growth" in yuan, trade in percent). */
  kindMismatch: boolean;
  /**
   * The figure's sentence runs across line breaks, as a PDF's text does. Columns read side by
   * side interleave there, so the words around a figure may belong to another sentence.
   */
  wrapped: boolean;
}

/** Facts at or above this confidence are served; below it they are held for review. */
export const SERVING_THRESHOLD = 0.7;

const REGION_COST: Record<RegionEvidence, [number, string]> = {
  clause: [0, "region named in the figure's clause"],
  list: [0, "region paired from its item in a list"],
  sentence: [0.05, "region named earlier in the sentence"],
  paragraph: [0.05, "region carried from earlier in the paragraph"],
  article: [0.05, "region is the article's main subject"],
  default: [0.3, "no region named; assumed Guangdong"],
};
const PERIOD_COST: Record<PeriodEvidence, [number, string]> = {
  sentence: [0, "period named in the sentence"],
  paragraph: [0.1, "period carried from earlier in the paragraph"],
  context: [0.05, "period is the article's main period"],
  none: [0.05, "no period found"],
};
const METRIC_COST: Record<MetricEvidence, [number, string]> = {
  vocabulary: [0, "metric from the vocabulary"],
  inherited: [0.05, "metric carried from the figure before it"],
  phrase: [0.15, "metric named by the text's own words, outside the vocabulary"],
};

/**
 * Confidence in 0..1 with the reasons for it, and whether the fact is served or held.
 * @example assess({ region: "clause", period: "sentence", metric: "vocabulary", ... }).confidence === 1
 */
export function assess(evidence: Evidence): { confidence: number; reasons: string[]; status: FactStatus } {
  const costs: Array<[number, string]> = [
    REGION_COST[evidence.region],
    PERIOD_COST[evidence.period],
    METRIC_COST[evidence.metric],
  ];
  if (evidence.yearInferred) costs.push([0, "year inferred: the article has no date"]);
  if (evidence.fragment) costs.push([0.2, "metric name reads as a fragment, not a noun phrase"]);
  if (evidence.implausible) costs.push([0.6, "amount implausibly small for its unit (truncated text?)"]);
  if (evidence.headline) costs.push([0.2, "read from the headline, which restates the body loosely"]);
  if (evidence.listed) costs.push([0, "paired with its own item in a list"]);
  if (evidence.singleEntity) costs.push([0.35, "measures a single company, project or site"]);
  if (evidence.wrapped) costs.push([0.2, "sentence runs across line breaks (PDF columns may interleave)"]);
  if (evidence.kindMismatch)
    costs.push([0.35, "the metric's kind does not fit the unit (a rate in yuan, a level in percent)"]);
  const total = costs.reduce((sum, [cost]) => sum + cost, 0);
  const confidence = Math.round(Math.max(0.05, 1 - total) * 100) / 100;
  const reasons = costs.map(([, reason]) => reason);
  return { confidence, reasons, status: confidence >= SERVING_THRESHOLD ? "served" : "held" };
}

// Words that never end a noun phrase naming a metric, and function words that cannot make one.
const FRAGMENT_WORDS =
  /\b(year[- ]on[- ]year|yoy|including|included|respectively|growing|rising|increasing|still|just|hit|latest|plans?|costs?|could|would|will|stretches|covers|exceeds|produces|which|those|these|it|its|their|there|than|from|previous|same period|last year|once again|but|pointed|maintained|notch|above)\b/i;
const CONTENT_WORD = /[a-z\u4e00-\u9fff]{3,}/i;
// A name that opens with a preposition or a year ("by the industrial industry", "2022
// investment"), or that points back to an industry named before ("value of the industry"), is
// a piece of the sentence, not what the figure measures.
const FRAGMENT_START = /^(by|of|in|to|for|from|with|at|on|as)\b|^\d{4}\b|\bthe (industry|sector)$/i;

/** True when a metric name (outside the vocabulary) reads as a sentence fragment. */
export function isFragment(metric: string): boolean {
  const words = metric.split(/\s+/).filter((w) => CONTENT_WORD.test(w));
  if (words.length === 0) return true;
  // A vocabulary name inside is a noun whatever the tagger thinks of "import" or "trade".
  let masked = metric;
  for (const m of findMetricMentions(metric).reverse())
    masked = `${masked.slice(0, m.start)}volume${masked.slice(m.end)}`;
  return FRAGMENT_WORDS.test(metric) || FRAGMENT_START.test(metric) || !readsAsNounPhrase(masked);
}

// A per-unit or per-person word makes a small amount plausible ("per capita GDP of 31,480 yuan").
const PER_UNIT = /\b(per|average|minimum|wage|salary|price|cost|allowance|each|capita)\b|人均/i;

/** True for a money amount that no economic aggregate would have, unless it is per unit. */
export function isImplausibleAmount(value: number, unit: string, metric: string): boolean {
  if (!["CNY", "USD", "HKD", "EUR"].includes(unit)) return false;
  return Math.abs(value) < 1000 && !PER_UNIT.test(metric);
}

// A singular head noun for one undertaking: "the company's investment", "a specialized vessel",
// "the ethylene project". Plurals ("industrial projects", "major projects") are aggregates.
const SINGLE_ENTITY =
  /\b(company|company's|firm|project|vessel|ship|plant|factory|site|park|mall|terminal|wind farm|power station|refinery)\b(?!s)/i;

/**
 * True when a metric names one company, project or site rather than an economy's indicator.
 * @example namesSingleEntity("the ethylene project investment") === true
 * @example namesSingleEntity("industrial projects investment") === false
 */
export function namesSingleEntity(metric: string): boolean {
  return SINGLE_ENTITY.test(metric);
}

const MONEY_UNITS: ReadonlySet<string> = new Set(["CNY", "USD", "HKD", "EUR"]);
// A percentage names its own kind: a rate of change, a share, a ratio, an index.
const PERCENT_WORDS =
  /\b(growth|share|rate|ratio|proportion|index|percent|percentage|coefficient|inflation|cpi|ppi|increase|decrease|decline|change|contribution|target|utili[sz]ation|level)\b/i;

/**
 * True when what the metric says it measures cannot be in the unit the value has: a change or
 * share written in yuan, or a money or head-count level written in percent. Such a pairing
 * comes from a list read in the wrong order or a subject taken from the wrong clause.
 * @param levelKind the vocabulary kind of the metric's base (`money`, `people`, …), if known
 * @example hasKindMismatch("retail sales growth", "CNY", "money") === true
 * @example hasKindMismatch("import and export volume", "percent", "money") === true
 */
export function hasKindMismatch(metric: string, unit: string, levelKind: string | undefined): boolean {
  if (MONEY_UNITS.has(unit)) return /\b(growth|share)\b/i.test(metric) && !/\bper\b/i.test(metric);
  if (unit === "percent")
    return (levelKind === "money" || levelKind === "people") && !PERCENT_WORDS.test(metric);
  return false;
}
