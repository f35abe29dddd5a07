/**
 * `compare A vs B`: two figures side by side. It names what differs (two years of one region,
 * two regions in one period, or two metrics) and gives a difference and a ratio only where they
 * mean something: the same unit and the same kind of period. Growth rates differ in percentage
 * points. The table keeps to 80 columns: values in English; the quotes and sources follow it.
 */
import { compareChart, withChart } from "../src/charts/build.js";
import { defineCommand } from "../src/core/command.js";
import { UserError } from "../src/core/errors.js";
import type { ReplyBlock } from "../src/core/reply.js";
import { factLine } from "../src/facts/cards.js";
import type { StoredFact } from "../src/facts/fact.js";
import { formatDifference, formatMetric, formatNumber, formatValue } from "../src/facts/format.js";
import { canonicalPeriod, comparePeriods, formatPeriod, periodKind } from "../src/facts/period.js";
import type { ParsedQuery } from "../src/facts/query.js";
import { regionByName } from "../src/facts/reference.js";
import type { FactService } from "../src/facts/service.js";
import { refuseOutside } from "./coverage.js";
import type { BotServices } from "./services.js";
import { freeText } from "./text-args.js";

const EXAMPLE = "compare zhaoqing vs guangdong gdp 2023";
/** Two sides and the word between them must fit in one query. */
const SIDE_LENGTH = 240;

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
      (query.metric === null || hit.matched.metric) &&
      hit.matched.words !== false,
  )?.fact;
}

/** The Chinese rendering in brackets belongs to the card; the table keeps to one language. */
const english = (text: string): string => text.replace(/\s*\(\+?[^()]*[\u3400-\u9fff][^()]*\)/gu, "");

const periodOf = (f: StoredFact): string => (f.period === null ? "" : canonicalPeriod(f.period));

/** What tells the two sides apart, each side's label for it, and what they share. */
function axes(left: StoredFact, right: StoredFact) {
  const region = left.region !== right.region;
  const period = periodOf(left) !== periodOf(right);
  const metric = left.metric.toLowerCase() !== right.metric.toLowerCase();
  const label = (f: StoredFact): string =>
    [region ? f.region : "", metric ? formatMetric(f.metric) : "", period ? formatPeriod(f.period) : ""]
      .filter(Boolean)
      .join(", ");
  const common = [
    metric ? "" : formatMetric(left.metric),
    region ? "" : left.region,
    period ? "" : formatPeriod(left.period),
  ]
    .filter(Boolean)
    .join(" · ");
  return { region, period, metric, left: label(left), right: label(right), common };
}

/** True when `part`'s figures are included in `whole`'s (a city in the province, a Bay Area city in the GBA). */
function isPartOf(part: string, whole: string): boolean {
  const p = regionByName(part);
  const w = regionByName(whole);
  if (!p || !w || p.name === w.name) return false;
  if (w.kind === "country") return true;
  if (w.kind === "province") return p.kind === "city";
  if (w.kind === "area") return p.kind === "city" && p.gba === true;
  return false;
}

/** Difference and ratio (or share, or change), only where they mean something. */
function relation(left: StoredFact, right: StoredFact, ax: ReturnType<typeof axes>): ReplyBlock[] {
  if (left.unit !== right.unit) {
    return [
      {
        type: "notice",
        text: `The units differ (${left.unit} and ${right.unit}), so no difference is shown.`,
      },
    ];
  }
  const kinds = [left, right].map((f) => (f.period === null ? null : periodKind(f.period)));
  if (kinds[0] !== kinds[1]) {
    return [
      {
        type: "notice",
        text: `${formatPeriod(left.period)} and ${formatPeriod(right.period)} are different kinds of period, so no difference is shown.`,
      },
    ];
  }
  // Two periods of one figure read from the earlier to the later; otherwise left minus right.
  const byTime = ax.period && !ax.region && !ax.metric;
  const [first, second, firstLabel, secondLabel] =
    byTime && comparePeriods(left.period, right.period) < 0
      ? [right, left, ax.right, ax.left]
      : [left, right, ax.left, ax.right];
  const fields = [
    {
      label: `Difference (${firstLabel} − ${secondLabel})`,
      value: english(formatDifference(first.value - second.value, first.unit)),
    },
  ];
  const ratioMeans =
    left.unit !== "percent" && right.value !== 0 && Math.sign(left.value) === Math.sign(right.value);
  if (ratioMeans) {
    const [small, large, smallLabel, largeLabel] =
      Math.abs(left.value) <= Math.abs(right.value)
        ? [left, right, ax.left, ax.right]
        : [right, left, ax.right, ax.left];
    if (ax.period && !ax.region && !ax.metric) {
      // Two periods of one figure: the ratio is a change, read from the earlier to the later.
      const [earlier, later] = comparePeriods(left.period, right.period) < 0 ? [left, right] : [right, left];
      const pct = ((later.value - earlier.value) / Math.abs(earlier.value)) * 100;
      fields.push({
        label: `Change (${formatPeriod(earlier.period)} → ${formatPeriod(later.period)})`,
        value: `${pct >= 0 ? "+" : ""}${formatNumber(pct, 1)}%`,
      });
    } else if (ax.region && !ax.metric && isPartOf(small.region, large.region)) {
      fields.push({
        label: "Share",
        value: `${smallLabel} is ${formatNumber((small.value / large.value) * 100, 1)}% of ${largeLabel}`,
      });
    } else {
      fields.push({
        label: "Ratio",
        value: `${largeLabel} is ${formatNumber(large.value / small.value, 2)}× ${smallLabel}`,
      });
    }
  }
  return [{ type: "fields", fields }];
}

export const compare = defineCommand<{ text: string }, BotServices>({
  name: "compare",
  aliases: ["vs"],
  description: "Two figures side by side; the second side inherits what it leaves out",
  examples: [
    EXAMPLE,
    "compare guangdong gdp 2023 vs 2024",
    "compare zhaoqing gdp growth vs exports growth 2023",
  ],
  options: [
    {
      name: "a",
      description: "First, e.g. zhaoqing gdp 2023",
      type: "string",
      required: true,
      maxLength: SIDE_LENGTH,
    },
    {
      name: "b",
      description: "Second, e.g. foshan gdp 2023 (or just what differs: foshan)",
      type: "string",
      required: true,
      maxLength: SIDE_LENGTH,
      joinWord: "vs",
    },
  ],
  args: freeText,
  async run({ args, services, now }) {
    const parsed = args.text ? services.facts.parseComparison(args.text, now) : null;
    if (!parsed) {
      throw new UserError(`Name two sides joined by "vs", e.g. \`${EXAMPLE}\`.`, "BAD_INPUT");
    }
    refuseOutside(parsed.left);
    refuseOutside(parsed.right);
    const left = bestFor(services.facts, parsed.left);
    const right = bestFor(services.facts, parsed.right);
    if (!left && !right) {
      throw new UserError(
        `I found no figure for either side ("${describe(parsed.left)}", "${describe(parsed.right)}"). Try \`${EXAMPLE}\`.`,
        "NOT_FOUND",
      );
    }
    if (left && right && left.id === right.id) {
      throw new UserError(
        `Both sides are the same figure (${factLine(left)}). Name two regions, two years or two metrics, e.g. \`${EXAMPLE}\`.`,
        "BAD_INPUT",
      );
    }
    const blocks: ReplyBlock[] = [];
    if (left && right) {
      const ax = axes(left, right);
      blocks.push(
        { type: "heading", text: ax.common ? `Comparison: ${ax.common}` : "Comparison" },
        {
          type: "table",
          columns: ["", ax.left, ax.right],
          rows: [
            ["Value", english(formatValue(left)), english(formatValue(right))],
            ["Published", left.source.published ?? "", right.source.published ?? ""],
          ],
        },
        ...relation(left, right, ax),
      );
    } else {
      const fact = (left ?? right)!;
      blocks.push({ type: "heading", text: "Comparison" }, { type: "text", text: factLine(fact) });
    }
    for (const [fact, query] of [
      [left, parsed.left],
      [right, parsed.right],
    ] as const) {
      if (!fact) blocks.push({ type: "notice", text: `No figure found for "${describe(query)}".` });
      else
        blocks.push({
          type: "context",
          text: `${factLine(fact)}: “${fact.quote}” — ${fact.source.title}${fact.source.url ? ` ${fact.source.url}` : ""}`,
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
