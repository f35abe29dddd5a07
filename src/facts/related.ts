/**
 * What an answer shows beside its figure. "Also" lists only figures that explain the answer:
 * the same metric's growth (or level), the same figure for the neighbouring periods of the same
 * kind, and other regions' same figure for the same period. Streaks, ranks, other metrics'
 * targets and the same figure in another currency are never "also": the conversion belongs
 * inside the card (`conversions`).
 */
import type { StoredFact } from "./fact.js";
import { canonicalPeriod, comparePeriods, periodKind } from "./period.js";
import type { FactService } from "./service.js";

const isPlan = (f: StoredFact): boolean => f.qualifier === "target" || f.qualifier === "projected";
const samePeriod = (a: StoredFact, b: StoredFact): boolean =>
  a.period !== null && b.period !== null && canonicalPeriod(a.period) === canonicalPeriod(b.period);
const GROWTH = / growth$/;

/** The level for a growth metric and the growth for a level: `gdp` ↔ `gdp growth`. */
export function companionMetric(metric: string): string | null {
  if (/\b(target|share|consecutive|rank|ranked)\b/.test(metric)) return null;
  return GROWTH.test(metric) ? metric.replace(GROWTH, "") : `${metric} growth`;
}

/** Currency codes (`CNY`, `USD`); `TEU` is three capitals too but counts containers. */
const isCurrency = (unit: string): boolean => /^[A-Z]{3}$/.test(unit) && unit !== "TEU";

/**
 * The same figure stated in another currency (`US$1.9 trillion` beside `14 trillion yuan`).
 * Only currencies convert: a count of projects and their investment share a name, not a value.
 */
export function conversions(facts: FactService, best: StoredFact): StoredFact[] {
  if (!isCurrency(best.unit)) return [];
  return facts
    .trend(best.region, best.metric)
    .filter(
      (f) =>
        f.id !== best.id &&
        samePeriod(f, best) &&
        f.unit !== best.unit &&
        isCurrency(f.unit) &&
        isPlan(f) === isPlan(best),
    );
}

/** Up to `limit` related figures for "Also", best first, none of `exclude`. */
export function relatedFacts(
  facts: FactService,
  best: StoredFact,
  exclude: ReadonlySet<string>,
  limit = 4,
): StoredFact[] {
  const out: StoredFact[] = [];
  const seen = new Set([best.id, ...exclude]);
  const take = (f: StoredFact | undefined): void => {
    if (!f || seen.has(f.id) || out.length >= limit) return;
    seen.add(f.id);
    out.push(f);
  };
  const fits = (f: StoredFact): boolean => isPlan(f) === isPlan(best);

  // 1. The same metric's growth beside a level, or its level beside a growth rate.
  const companion = companionMetric(best.metric);
  if (companion !== null)
    take(facts.trend(best.region, companion).find((f) => samePeriod(f, best) && fits(f)));

  // 2. The neighbouring periods of the same kind and unit: the one before, then the one after.
  const kind = best.period === null ? null : periodKind(best.period);
  if (kind !== null) {
    const series = facts
      .trend(best.region, best.metric)
      .filter(
        (f) =>
          f.unit === best.unit && f.period !== null && periodKind(f.period) === kind && !samePeriod(f, best),
      );
    // A neighbour may be a projection: its line says so, and it is the same figure.
    const before = series.filter((f) => comparePeriods(f.period, best.period) < 0).at(-1);
    const after = series.find((f) => comparePeriods(f.period, best.period) > 0);
    take(before);
    take(after);
  }

  // 3. Other regions' same figure for the same period.
  if (best.period !== null) {
    for (const region of facts.regionsWith(best.metric)) {
      if (region === best.region) continue;
      take(
        facts.trend(region, best.metric).find((f) => samePeriod(f, best) && f.unit === best.unit && fits(f)),
      );
    }
  }
  return out;
}
