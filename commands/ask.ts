/** `ask` (the default): the best-matching figure as a card, and the figures related to it. */
import { defineCommand } from "../src/core/command.js";
import { MAX_QUERY_LENGTH } from "../src/core/dispatch.js";
import { UserError } from "../src/core/errors.js";
import type { Reply, ReplyBlock } from "../src/core/reply.js";
import { factCard, factLine, factList } from "../src/facts/cards.js";
import type { StoredFact } from "../src/facts/fact.js";
import { formatMetric, formatValue } from "../src/facts/format.js";
import { figureKey, sameValue } from "../src/facts/merge.js";
import { formatPeriod } from "../src/facts/period.js";
import type { ParsedQuery } from "../src/facts/query.js";
import { conversions, relatedFacts } from "../src/facts/related.js";
import type { SearchHit, SearchResult } from "../src/facts/search.js";
import type { FactService } from "../src/facts/service.js";
import { refuseOutside } from "./coverage.js";
import type { BotServices } from "./services.js";
import { freeText } from "./text-args.js";

/** Examples shown when the question is empty or finds nothing; each works on the bundled articles. */
export const ASK_EXAMPLES = [
  "zhaoqing gdp 2023",
  "广东 foreign trade 2024",
  "What was Zhaoqing's GDP in 2023?",
  "compare zhaoqing vs guangdong gdp 2023",
];

const ALTERNATIVES = 4;
/** How many of a region's metric names a "not found" answer lists. */
const HAVE_LIMIT = 8;

/** What the question asked for, in words: `GDP growth for Zhaoqing in 2023`. */
function asked(query: ParsedQuery): string {
  const metric = query.metric === null ? "" : formatMetric(query.metric);
  const what =
    query.metric !== null
      ? `${/^[A-Z][a-z]/.test(metric) ? metric.charAt(0).toLowerCase() + metric.slice(1) : metric} figure`
      : query.words.length > 0
        ? `figure for "${query.words.join(" ")}"`
        : "figure";
  const where = query.regions.length > 0 ? ` for ${query.regions.join(" / ")}` : "";
  const when = query.period !== null ? ` in ${formatPeriod(query.period)}` : "";
  return `${what}${where}${when}`;
}

/**
 * Why the best hit does not answer the question, if it does not: it is another metric's or
 * another region's figure, or the question's words fit nothing found. (Another period of the
 * right figure does answer, with the relaxation note saying so.)
 */
function missingPart(query: ParsedQuery, best: SearchHit): "metric" | "region" | "words" | null {
  if (query.metric !== null && !best.matched.metric) return "metric";
  if (query.regions.length > 0 && !best.matched.region) return "region";
  if (query.metric === null && best.matched.words === false) return "words";
  return null;
}

const listed = (items: readonly string[], limit: number): string =>
  items.slice(0, limit).map(formatMetric).join(", ") +
  (items.length > limit ? `, and ${items.length - limit} more` : "");

/** "Not found", naming what the store does have for the region (or the metric's regions). */
function notFound(
  facts: FactService,
  query: ParsedQuery,
  missing: "metric" | "region" | "words",
  result: SearchResult,
): Reply {
  const blocks: ReplyBlock[] = [{ type: "notice", text: `Not found: no ${asked(query)} on record.` }];
  const region = query.regions[0];
  const regionsWithMetric =
    missing === "region" && query.metric !== null ? facts.regionsWith(query.metric) : [];
  if (regionsWithMetric.length > 0 && query.metric !== null)
    blocks.push({
      type: "text",
      text: `${formatMetric(query.metric)} is on record for ${regionsWithMetric.join(", ")}.`,
    });
  else if (region === undefined || missing === "region")
    blocks.push({ type: "text", text: `Regions on record: ${facts.facets().regions.join(", ")}.` });
  if (region !== undefined && missing !== "region") {
    const metrics = facts.metricsOf(region);
    blocks.push({
      type: "text",
      text:
        metrics.length > 0
          ? `What I have for ${region}: ${listed(metrics, HAVE_LIMIT)}.`
          : `I have no figures for ${region} yet; regions on record: ${facts.facets().regions.join(", ")}.`,
    });
  }
  // Only figures that bear on the question: the metric's own growth or level beside a missing
  // metric, the metric elsewhere beside a missing region; never whatever else the region has.
  const wanted = query.metric === null ? "" : query.metric.toLowerCase();
  const bears = (hit: SearchHit): boolean => {
    const name = hit.fact.metric.toLowerCase();
    if (missing === "region") return hit.matched.metric;
    return (
      wanted !== "" &&
      (name.includes(wanted) || wanted.includes(name)) &&
      (region === undefined || hit.matched.region)
    );
  };
  const closest = result.results
    .filter(bears)
    .slice(0, ALTERNATIVES)
    .map((hit) => hit.fact);
  if (closest.length > 0) blocks.push({ type: "heading", text: "Closest on record" }, factList(closest));
  return { blocks, visibility: "ephemeral", summary: `Not found: no ${asked(query)} on record.` };
}

/** The card, with the same figure in other units inside it rather than beside it. */
function cardFor(facts: FactService, fact: StoredFact): ReplyBlock {
  const card = factCard(fact);
  for (const other of conversions(facts, fact))
    card.details.push({ label: `In ${other.unit}`, value: formatValue(other) });
  return { type: "fact", card };
}

export const ask = defineCommand<{ text: string }, BotServices>({
  name: "ask",
  aliases: ["q", "find"],
  description: "Find a figure: region, metric and period in any order, English or Chinese",
  examples: ["ask zhaoqing gdp 2023", "广东 foreign trade 2024", "What was Zhaoqing's GDP in 2023?"],
  options: [
    {
      name: "query",
      description: "Region, metric and period in your own words",
      type: "string",
      required: true,
      maxLength: MAX_QUERY_LENGTH,
      suggest: "query",
    },
  ],
  args: freeText,
  async run({ args, services, now }) {
    if (!args.text) {
      throw new UserError(
        `Ask about a Guangdong figure, for example:\n${ASK_EXAMPLES.map((e) => `• ${e}`).join("\n")}\nType \`help\` for every command.`,
        "EMPTY_QUERY",
      );
    }
    const { query, result } = services.facts.search(args.text, now, ALTERNATIVES + 1);
    refuseOutside(query);
    const [best] = result.results;
    if (!best && (query.regions.length > 0 || query.metric !== null)) {
      return notFound(services.facts, query, query.regions.length > 0 ? "metric" : "region", result);
    }
    if (!best) {
      throw new UserError(
        `I found no figure for "${args.text}". Try a region and a metric, e.g. \`${ASK_EXAMPLES[0]}\`, or \`latest\` to see what is new.`,
        "NOT_FOUND",
      );
    }
    const missing = missingPart(query, best);
    if (missing !== null) return notFound(services.facts, query, missing, result);

    const blocks: ReplyBlock[] = result.relaxed.map((r) => ({ type: "notice", text: r.note }));
    // Two sources giving different values for one figure are both shown, never one chosen. A
    // target beside its outcome is not a disagreement.
    const plan = (q: string) => q === "target" || q === "projected";
    const rivals = services.facts
      .trend(best.fact.region, best.fact.metric)
      .filter(
        (f) =>
          f.id !== best.fact.id &&
          figureKey(f) === figureKey(best.fact) &&
          plan(f.qualifier) === plan(best.fact.qualifier) &&
          !sameValue(f.value, best.fact.value),
      );
    if (rivals.length > 0)
      blocks.push({
        type: "notice",
        text: `Sources disagree: ${rivals.length + 1} different values are stored for this figure. Each is shown with its source; check them before citing one.`,
      });
    blocks.push(cardFor(services.facts, best.fact));
    for (const rival of rivals) blocks.push(cardFor(services.facts, rival));
    const shown = new Set([...rivals, ...conversions(services.facts, best.fact)].map((f) => f.id));
    const also = relatedFacts(services.facts, best.fact, shown, ALTERNATIVES);
    if (also.length > 0) blocks.push({ type: "heading", text: "Also" }, factList(also));
    return { blocks, visibility: "public", shareable: true, summary: factLine(best.fact) };
  },
});
