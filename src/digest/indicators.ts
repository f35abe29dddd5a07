/**
 * Which figures a digest leads with. Readers subscribe for economic indicators (GDP, trade,
 * investment, incomes…); streaks ("the 35th consecutive year first"), ranks and counts of
 * roads or base stations are true but not what a digest is for, so it only mentions them.
 * An indicator is a figure whose metric names one in the vocabulary (`data/metrics.json`),
 * variants and parts included ("gdp growth target", "private enterprises exports").
 */
import type { StoredFact } from "../facts/fact.js";
import { METRICS } from "../facts/reference.js";

/** Units that mark a position or a run of years, never an amount. */
const NOT_AN_AMOUNT = new Set(["rank", "years"]);

const VOCABULARY = METRICS.map(
  (m) => new RegExp(`(^|[^a-z0-9])${m.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^a-z0-9])`),
);

/** True for an economic indicator; false for a streak, a rank or a metric the vocabulary lacks. */
export function isEconomicIndicator(fact: Pick<StoredFact, "metric" | "unit">): boolean {
  if (NOT_AN_AMOUNT.has(fact.unit)) return false;
  const metric = fact.metric.toLowerCase();
  return VOCABULARY.some((re) => re.test(metric));
}
