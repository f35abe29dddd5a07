/**
 * When two extracted figures are "the same figure": the rule the fact store uses to merge a
 * figure stated by several documents into one fact with several citations. Pure functions.
 */
import type { ExtractedFact } from "./fact.js";
import { canonicalPeriod } from "./period.js";

/** The fields that identify a figure, without its value. */
export type FigureFields = Pick<ExtractedFact, "region" | "metric" | "period" | "unit" | "value">;

/**
 * Relative tolerance for value equality. Values arrive in base units after decimal scaling
 * (13.57 trillion → 13570000000000.002 in floating point), so exact equality would split one
 * figure into two facts; one part in a billion is far below any real revision of a statistic.
 */
export const VALUE_RELATIVE_TOLERANCE = 1e-9;

/**
 * The key under which a figure can have several values: region, metric, period and unit,
 * normalised for case and spacing. The qualifier is deliberately not part of it: "about 5%" and
 * "5%" from two documents are one figure.
 * @example figureKey({ region: "Guangdong", metric: "gdp", period: "2023", unit: "CNY", value: 1 })
 *   === "guangdong|gdp|2023|cny"
 */
export function figureKey(fact: Omit<FigureFields, "value">): string {
  const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");
  return [
    norm(fact.region),
    norm(fact.metric),
    fact.period === null ? "" : canonicalPeriod(fact.period),
    norm(fact.unit),
  ].join("|");
}

/** True when two values are equal within {@link VALUE_RELATIVE_TOLERANCE}. */
export function sameValue(a: number, b: number): boolean {
  if (a === b) return true;
  return Math.abs(a - b) <= VALUE_RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

/** True when `a` and `b` state the same figure: same {@link figureKey} and the same value. */
export function isSameFigure(a: FigureFields, b: FigureFields): boolean {
  return figureKey(a) === figureKey(b) && sameValue(a.value, b.value);
}
