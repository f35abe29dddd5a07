/** `trend <region> <metric>`: every period on record, in order, with the change between them. */
import { trendChart, withChart } from "../src/charts/build.js";
import { defineCommand } from "../src/core/command.js";
import { UserError } from "../src/core/errors.js";
import type { StoredFact } from "../src/facts/fact.js";
import { formatDifference, formatMetric, formatNumber, formatValue } from "../src/facts/format.js";
import { formatPeriod } from "../src/facts/period.js";
import type { BotServices } from "./services.js";
import { freeText } from "./text-args.js";

const EXAMPLE = "trend guangdong gdp";

/** The change from the previous row of the same unit: difference, and percent change for levels. */
function change(previous: StoredFact | undefined, current: StoredFact): string {
  if (!previous || previous.unit !== current.unit) return "";
  const diff = formatDifference(current.value - previous.value, current.unit);
  if (current.unit === "percent" || previous.value === 0) return diff;
  const pct = ((current.value - previous.value) / Math.abs(previous.value)) * 100;
  return `${diff} (${pct >= 0 ? "+" : ""}${formatNumber(pct, 1)}%)`;
}

export const trend = defineCommand<{ text: string }, BotServices>({
  name: "trend",
  aliases: ["history"],
  description: "Every period on record for a region's metric, with the change between them",
  examples: [EXAMPLE, "trend zhaoqing gdp growth"],
  args: freeText,
  async run({ args, services, now }) {
    const query = services.facts.parse(args.text, now);
    const region = query.regions[0];
    if (!region || !query.metric) {
      throw new UserError(`Name a region and a metric, e.g. \`${EXAMPLE}\`.`, "BAD_INPUT");
    }
    let metric = query.metric;
    let facts = services.facts.trend(region, metric);
    if (facts.length === 0) {
      // The vocabulary name may differ from the stored one ("gdp growth" vs a text's own phrase):
      // take the metric of the best fact for this region and metric, whatever its period.
      const { results } = services.facts.searchParsed({ ...query, period: null }, 5);
      const hit = results.find((h) => h.matched.region);
      if (hit) {
        metric = hit.fact.metric;
        facts = services.facts.trend(hit.fact.region, metric);
      }
    }
    if (facts.length === 0) {
      throw new UserError(`I have no ${formatMetric(query.metric)} figures for ${region} yet.`, "NOT_FOUND");
    }
    const rows = facts.map((fact, i) => [
      formatPeriod(fact.period),
      formatValue(fact),
      change(facts[i - 1], fact),
      `${fact.source.title}${fact.source.published ? ` (${fact.source.published})` : ""}`,
    ]);
    return {
      blocks: [
        { type: "heading", text: `${formatMetric(metric)} · ${region}` },
        { type: "table", columns: ["Period", "Value", "Change", "Source"], rows },
        ...(facts.length === 1
          ? [{ type: "context" as const, text: "Only one period on record so far." }]
          : []),
      ],
      visibility: "public",
      shareable: true,
      summary: `${formatMetric(metric)} · ${region}: ${facts.length} period(s)`,
      ...withChart(trendChart(region, metric, facts)),
    };
  },
});
