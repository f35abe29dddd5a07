/**
 * `trend <region> [metric]`: one series (one region, metric, unit and kind of period) in order,
 * with the change between periods; other series on record are offered, never mixed in.
 */
import { trendChart, withChart } from "../src/charts/build.js";
import { defineCommand } from "../src/core/command.js";
import { UserError } from "../src/core/errors.js";
import type { StoredFact } from "../src/facts/fact.js";
import { formatMetric, formatValue } from "../src/facts/format.js";
import { formatPeriod } from "../src/facts/period.js";
import {
  changes,
  describeSeries,
  KIND_WORDS,
  mainSeries,
  seriesWanted,
  seriesWords,
  splitSeries,
} from "../src/facts/series.js";
import { refuseOutside } from "./coverage.js";
import type { BotServices } from "./services.js";
import { freeText } from "./text-args.js";

const EXAMPLE = "trend guangdong gdp";
/** A region alone asks for its economy's size. */
const DEFAULT_METRIC = "gdp";

export const trend = defineCommand<{ text: string }, BotServices>({
  name: "trend",
  aliases: ["history"],
  description: "One region's metric over time (GDP when none is named), with the change between periods",
  examples: [EXAMPLE, "trend zhaoqing"],
  options: [
    {
      name: "region",
      description: "A city, the province or the Greater Bay Area",
      type: "string",
      required: true,
      suggest: "region",
    },
    {
      name: "metric",
      description: "GDP unless you name another, e.g. retail sales",
      type: "string",
      required: false,
      suggest: "metric",
    },
  ],
  args: freeText,
  async run({ args, services, now }) {
    const query = services.facts.parse(args.text, now);
    refuseOutside(query);
    const region = query.regions[0];
    if (!region)
      throw new UserError(`Name a region, and a metric if not GDP, e.g. \`${EXAMPLE}\`.`, "BAD_INPUT");
    const wanted = seriesWanted(args.text);
    const asked = query.metric ?? (query.words.length > 0 ? null : DEFAULT_METRIC);
    let metric = asked ?? query.words.join(" ");
    let facts: StoredFact[] = asked === null ? [] : services.facts.trend(region, asked);
    if (facts.length === 0) {
      // The stored name may differ from the vocabulary's ("gdp growth" vs a text's own phrase):
      // take the metric of the best fact for this region that is that metric, whatever its period.
      const { results } = services.facts.searchParsed({ ...query, metric: asked, period: null }, 5);
      const hit = results.find(
        (h) => h.matched.region && (asked !== null ? h.matched.metric : h.matched.words !== false),
      );
      if (hit) {
        metric = hit.fact.metric;
        facts = services.facts.trend(hit.fact.region, metric);
      }
    }
    if (facts.length === 0) {
      const have = services.facts.metricsOf(region).slice(0, 8).map(formatMetric);
      throw new UserError(
        `I have no ${formatMetric(metric)} figures for ${region}.${have.length > 0 ? ` What I have for ${region}: ${have.join(", ")}.` : ""}`,
        "NOT_FOUND",
      );
    }
    const all = splitSeries(facts);
    const series = mainSeries(all, wanted);
    const title = `${formatMetric(metric)} · ${region}`;
    if (!series) {
      const kinds = all.map((s) => describeSeries(s, s)).join(", ");
      throw new UserError(`${title} has no such series on record; it has: ${kinds}.`, "NOT_FOUND");
    }
    const change = changes(series);
    const rows = series.facts.map((fact, i) => [
      formatPeriod(fact.period),
      formatValue(fact),
      change[i] ?? "",
      fact.source.published ?? "",
    ]);
    const foreignCurrency = /^[A-Z]{3}$/.test(series.unit) && series.unit !== "CNY";
    const label = [
      series.targets ? "targets" : "",
      series.kind === "year" ? "" : KIND_WORDS[series.kind],
      foreignCurrency ? series.unit : "",
    ]
      .filter(Boolean)
      .join(", ");
    const others = all
      .filter((s) => s !== series)
      .map((s) => {
        const words = seriesWords(s);
        const hint = words === null ? "" : ` (\`trend ${region.toLowerCase()} ${metric} ${words}\`)`;
        return `${describeSeries(s, series)}, ${s.facts.length} figure${s.facts.length > 1 ? "s" : ""}${hint}`;
      });
    const sources = [
      ...new Set(
        series.facts.map((f) => `${f.source.title}${f.source.published ? ` (${f.source.published})` : ""}`),
      ),
    ];
    return {
      blocks: [
        { type: "heading", text: label ? `${title} (${label})` : title },
        { type: "table", columns: ["Period", "Value", "Change", "Published"], rows },
        ...(series.facts.length === 1
          ? [{ type: "context" as const, text: "Only one period on record so far." }]
          : []),
        ...(others.length > 0
          ? [{ type: "context" as const, text: `Also on record, as separate series: ${others.join("; ")}.` }]
          : []),
        { type: "context", text: `Sources: ${sources.join("; ")}` },
      ],
      visibility: "public",
      shareable: true,
      summary: `${title}: ${series.facts.length} period(s)`,
      ...withChart(trendChart(region, metric, series.facts)),
    };
  },
});
