/** Facts drawn into Reply blocks, so answers and digests show a figure the same way. */
import type { FactCard, ReplyBlock } from "../core/reply.js";
import type { StoredFact } from "./fact.js";
import { formatMetric, formatValue } from "./format.js";
import { formatPeriod } from "./period.js";

/** The full card: value, period, source with date and link, and the sentence that states it. */
export function factCard(fact: StoredFact): FactCard {
  const details: FactCard["details"] = [];
  if (fact.qualifier === "projected") details.push({ label: "Status", value: "projected, not final" });
  if (fact.qualifier === "target") details.push({ label: "Status", value: "a target, not an outcome" });
  return {
    id: fact.id,
    title: `${formatMetric(fact.metric)} · ${fact.region}`,
    value: formatValue(fact),
    period: formatPeriod(fact.period),
    details,
    source: {
      title: fact.source.title,
      url: fact.source.url,
      publisher: fact.source.publisher,
      published: fact.source.published,
      ...(fact.source.inferred && { inferred: fact.source.inferred }),
    },
    quote: fact.quote,
    otherSources: Math.max(0, fact.citations.length - 1),
  };
}

/** One line per fact, for lists: `GDP growth · Zhaoqing, 2023: +3.7%`. */
export function factLine(fact: StoredFact): string {
  return `${formatMetric(fact.metric)} · ${fact.region}, ${formatPeriod(fact.period)}: ${formatValue(fact)}`;
}

/** A list of facts as one text block of bullet lines, with the source date for each. */
export function factList(facts: readonly StoredFact[]): ReplyBlock {
  const lines = facts.map((f) => {
    const date = f.source.published ? ` (${f.source.published})` : "";
    return `• ${factLine(f)}${date} — \`${f.id}\``;
  });
  return { type: "text", text: lines.join("\n") };
}
