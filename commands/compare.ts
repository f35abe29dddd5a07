/** `compare A vs B`: two figures side by side, with difference and ratio when units agree. */
import { compareChart, withChart } from "../src/charts/build.js";
import { defineCommand } from "../src/core/command.js";
import { UserError } from "../src/core/errors.js";
import type { ReplyBlock } from "../src/core/reply.js";
import { factLine } from "../src/facts/cards.js";
import type { StoredFact } from "../src/facts/fact.js";
import { formatDifference, formatMetric, formatNumber, formatValue } from "../src/facts/format.js";
import { formatPeriod } from "../src/facts/period.js";
import type { ParsedQuery } from "../src/facts/query.js";
import type { FactService } from "../src/facts/service.js";
import type { BotServices } from "./services.js";
import { freeText } from "./text-args.js";

const EXAMPLE = "compare shenzhen gdp 2023 vs guangzhou";

function describe(query: ParsedQuery): string {
  return [query.regions.join(" & "), query.metric ?? query.words.join(" "), query.period ?? ""]
    .filter(Boolean)
    .join(" ");
}

/**
 * The best fact for one side, only if it satisfies every part that side names: a comparison
 * that silently swapped Guangzhou for Shenzhen would be worse than none.
 */
function bestFor(facts: FactService, query: ParsedQuery): StoredFact | undefined {
  const { results } = facts.searchParsed(query, 5);
  return results.find(
    (hit) =>
      (query.regions.length === 0 || hit.matched.region) &&
      (query.period === null || hit.matched.period) &&
      (query.metric === null || hit.matched.metric),
  )?.fact;
}

function relation(left: StoredFact, right: StoredFact): ReplyBlock[] {
  if (left.unit !== right.unit) {
    return [
      {
        type: "notice",
        text: `The units differ (${left.unit} and ${right.unit}), so no difference is shown.`,
      },
    ];
  }
  const fields = [
    {
      label: `Difference (${left.region} − ${right.region})`,
      value: formatDifference(left.value - right.value, left.unit),
    },
  ];
  if (left.unit !== "percent" && right.value !== 0 && Math.sign(left.value) === Math.sign(right.value)) {
    fields.push({ label: "Ratio", value: `${formatNumber(left.value / right.value, 2)}×` });
  }
  return [{ type: "fields", fields }];
}

export const compare = defineCommand<{ text: string }, BotServices>({
  name: "compare",
  aliases: ["vs"],
  description: "Two figures side by side; the second side inherits what it leaves out",
  examples: [EXAMPLE, "compare guangdong gdp 2023 vs 2024", "compare shenzhen vs guangzhou gdp"],
  args: freeText,
  async run({ args, services, now }) {
    const parsed = args.text ? services.facts.parseComparison(args.text, now) : null;
    if (!parsed) {
      throw new UserError(`Name two sides joined by "vs", e.g. \`${EXAMPLE}\`.`, "BAD_INPUT");
    }
    const left = bestFor(services.facts, parsed.left);
    const right = bestFor(services.facts, parsed.right);
    if (!left && !right) {
      throw new UserError(
        `I found no figure for either side ("${describe(parsed.left)}", "${describe(parsed.right)}"). Try \`${EXAMPLE}\`.`,
        "NOT_FOUND",
      );
    }
    const column = (fact: StoredFact | undefined, query: ParsedQuery) =>
      fact
        ? [
            `${fact.region}`,
            formatMetric(fact.metric),
            formatPeriod(fact.period),
            formatValue(fact),
            `${fact.source.title}${fact.source.published ? ` (${fact.source.published})` : ""}`,
          ]
        : [describe(query), "no figure found", "", "", ""];
    const a = column(left, parsed.left);
    const b = column(right, parsed.right);
    const labels = ["Region", "Metric", "Period", "Value", "Source"];
    const blocks: ReplyBlock[] = [
      { type: "heading", text: "Comparison" },
      {
        type: "table",
        columns: ["", a[0] ?? "", b[0] ?? ""],
        rows: labels.slice(1).map((l, i) => [l, a[i + 1] ?? "", b[i + 1] ?? ""]),
      },
    ];
    if (left && right) blocks.push(...relation(left, right));
    for (const [fact, query] of [
      [left, parsed.left],
      [right, parsed.right],
    ] as const) {
      if (!fact) blocks.push({ type: "notice", text: `No figure found for "${describe(query)}".` });
      else
        blocks.push({
          type: "context",
          text: `${fact.region}: “${fact.quote}” — ${fact.source.title}${fact.source.url ? ` ${fact.source.url}` : ""}`,
        });
    }
    const summary = [left, right].map((f) => (f ? factLine(f) : "no figure")).join(" vs ");
    return {
      blocks,
      visibility: "public",
      shareable: true,
      summary,
      ...withChart(compareChart(left, right)),
    };
  },
});
