/**
 * A trend's series: the facts of one region and metric cut into series of one unit and one kind
 * of period (annual, half-year, quarterly, monthly, year-to-date), targets apart. A change is
 * only ever computed inside one series, so a quarter is never compared with a year, yuan with
 * dollars, or a goal with an outcome.
 */
import type { StoredFact } from "./fact.js";
import { formatDifference, formatNumber } from "./format.js";
import { canonicalPeriod, comparePeriods, type PeriodKind, periodKind } from "./period.js";

export type SeriesKind = PeriodKind | "undated";

export interface Series {
  unit: string;
  kind: SeriesKind;
  /** Targets (goals) form their own series: a goal is not a value the figure had. */
  targets: boolean;
  /** In period order, newest source first within one period. */
  facts: StoredFact[];
}

/** How a kind reads in "also: quarterly", and the word that asks for it in `trend`. */
export const KIND_WORDS: Record<SeriesKind, string> = {
  year: "annual",
  half: "half-year",
  quarter: "quarterly",
  month: "monthly",
  "year-to-date": "year-to-date",
  months: "other months",
  undated: "undated",
};

/** Words people type to ask for a kind of series. */
const KIND_BY_WORD: Record<string, SeriesKind> = {
  annual: "year",
  yearly: "year",
  annually: "year",
  quarterly: "quarter",
  quarters: "quarter",
  half: "half",
  "half-year": "half",
  halfyear: "half",
  "half-yearly": "half",
  halves: "half",
  monthly: "month",
  months: "month",
  ytd: "year-to-date",
  "year-to-date": "year-to-date",
  cumulative: "year-to-date",
};
const UNIT_BY_WORD: Record<string, string> = {
  usd: "USD",
  dollars: "USD",
  dollar: "USD",
  cny: "CNY",
  yuan: "CNY",
  rmb: "CNY",
};

/** What the words of a `trend` question ask for beyond region and metric: a kind, a unit, targets. */
export function seriesWanted(text: string): { kind?: SeriesKind; unit?: string; targets?: boolean } {
  const out: { kind?: SeriesKind; unit?: string; targets?: boolean } = {};
  const words = text.toLowerCase().split(/[^a-z$-]+/);
  for (const word of words) {
    const kind = KIND_BY_WORD[word];
    if (kind !== undefined) out.kind = kind;
    const unit = UNIT_BY_WORD[word];
    if (unit !== undefined) out.unit = unit;
    if (word === "targets" || word === "goals") out.targets = true;
  }
  // "year to date" arrives as three words.
  if (/\byear to date\b/.test(text.toLowerCase())) out.kind = "year-to-date";
  return out;
}

/** Cuts one region-metric history into series. */
export function splitSeries(facts: readonly StoredFact[]): Series[] {
  const byKey = new Map<string, Series>();
  for (const fact of facts) {
    const kind: SeriesKind = fact.period === null ? "undated" : (periodKind(fact.period) ?? "undated");
    const targets = fact.qualifier === "target";
    const key = `${fact.unit}|${kind}|${targets}`;
    let series = byKey.get(key);
    if (!series) {
      series = { unit: fact.unit, kind, targets, facts: [] };
      byKey.set(key, series);
    }
    series.facts.push(fact);
  }
  for (const series of byKey.values()) series.facts.sort((a, b) => comparePeriods(a.period, b.period));
  return [...byKey.values()];
}

const periodsIn = (series: Series): number =>
  new Set(series.facts.map((f) => (f.period === null ? "" : canonicalPeriod(f.period)))).size;

/**
 * The series to draw: the one asked for, else outcomes before targets, annual before other
 * kinds, dated before undated, the longest, and yuan before other currencies.
 */
export function mainSeries(
  all: readonly Series[],
  wanted: { kind?: SeriesKind; unit?: string; targets?: boolean },
): Series | undefined {
  const fits = all.filter(
    (s) =>
      (wanted.kind === undefined || s.kind === wanted.kind) &&
      (wanted.unit === undefined || s.unit === wanted.unit) &&
      (wanted.targets === undefined || s.targets === wanted.targets),
  );
  const rank = (s: Series): number[] => [
    s.targets ? 1 : 0,
    s.kind === "undated" ? 2 : s.kind === "year" ? 0 : 1,
    -periodsIn(s),
    s.unit === "CNY" ? 0 : 1,
  ];
  return [...fits].sort((a, b) => {
    const x = rank(a);
    const y = rank(b);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return 0;
  })[0];
}

/** The Chinese rendering in brackets is the card's; a table column keeps to one language. */
const english = (text: string): string => text.replace(/\s*\(\+?[^()]*[\u3400-\u9fff][^()]*\)/gu, "");

/**
 * The change column of a series: from the previous period's value (its newest source) to this
 * one; a percent figure changes in percentage points, a level also in percent. A second value
 * for the same period is not a change: it says so.
 */
export function changes(series: Series): string[] {
  const out: string[] = [];
  let previous: StoredFact | undefined;
  let current: StoredFact | undefined;
  for (const fact of series.facts) {
    const period = fact.period === null ? null : canonicalPeriod(fact.period);
    if (current && period !== null && current.period !== null && canonicalPeriod(current.period) === period) {
      out.push("another source");
      continue;
    }
    previous = current;
    current = fact;
    if (!previous || period === null || series.kind === "undated") {
      out.push("");
      continue;
    }
    const diff = english(formatDifference(fact.value - previous.value, fact.unit));
    if (
      fact.unit === "percent" ||
      previous.value === 0 ||
      Math.sign(previous.value) !== Math.sign(fact.value)
    ) {
      out.push(diff);
      continue;
    }
    const pct = ((fact.value - previous.value) / Math.abs(previous.value)) * 100;
    out.push(`${diff} (${pct >= 0 ? "+" : ""}${formatNumber(pct, 1)}%)`);
  }
  return out;
}

/** How another series is described in "also on record": `quarterly`, `annual in USD`, `targets`. */
export function describeSeries(series: Series, main: Series): string {
  const parts: string[] = [];
  if (series.targets) parts.push("targets");
  if (series.kind !== main.kind || parts.length === 0) parts.push(KIND_WORDS[series.kind]);
  if (series.unit !== main.unit) parts.push(`in ${series.unit}`);
  return parts.join(" ");
}

/** The words that select this series in `trend` (after region and metric); null when none can. */
export function seriesWords(series: Series): string | null {
  if (series.kind === "months" || series.kind === "undated") return null;
  const words: string[] = [KIND_WORDS[series.kind]];
  if (series.unit !== "CNY" && UNIT_BY_WORD[series.unit.toLowerCase()] === series.unit)
    words.push(series.unit.toLowerCase());
  if (series.targets) words.push("targets");
  return words.join(" ");
}
