/**
 * The digest as a pure function: facts first seen in a window, the window and a platform's
 * limits in, a `Reply` out (or null when there is nothing to say). Economic indicators come
 * first, grouped by region, province first; each figure as a card with metric, period, value,
 * qualifier and source link. Streaks, ranks and other figures outside the indicator vocabulary
 * get one short "other" line; what does not fit the platform is summarised as
 * `… and N more — /gd latest`. The window is stated once, in the headline, in the digest's zone.
 */

import { DateTime } from "luxon";
import type { Platform } from "../core/invocation.js";
import type { FactCard, Reply, ReplyBlock } from "../core/reply.js";
import { factCard } from "../facts/cards.js";
import type { StoredFact } from "../facts/fact.js";
import { formatMetric } from "../facts/format.js";
import { REGIONS } from "../facts/reference.js";
import { isEconomicIndicator } from "./indicators.js";

/**
 * How much one message can carry, in the platform's own unit (Slack blocks, Discord embeds),
 * and what each part costs in it. Mirrors the renderers' limits so the digest, not the
 * renderer, decides what to leave out and can point to `/gd latest` for the rest.
 */
export interface DigestLimits {
  budget: number;
  /** Headline, its context line and the closing "… and N more" note together. */
  fixedCost: number;
  /** One region heading; 0 means regions are not given headings (facts stay grouped in order). */
  headingCost: number;
  factCost: number;
  /** Rough character budget for all fact cards together, where the platform counts characters. */
  maxChars?: number;
}

/** Per platform. */
export const DIGEST_LIMITS: Record<Platform, DigestLimits> = {
  // 50 blocks a message; a header block per region; a card is a section, a quote and a context line.
  slack: { budget: 50, fixedCost: 3, headingCost: 1, factCost: 3 },
  // 10 embeds a message and 6,000 characters over all of them; a card is one embed, and a
  // heading would cost a whole embed, so the card titles carry the region instead.
  discord: { budget: 10, fixedCost: 2, headingCost: 0, factCost: 1, maxChars: 5200 },
  console: { budget: 200, fixedCost: 3, headingCost: 1, factCost: 1 },
  cli: { budget: 200, fixedCost: 3, headingCost: 1, factCost: 1 },
};

/** The command that shows what a digest left out. */
export const MORE_COMMAND = "/gd latest";

export interface DigestInput {
  /** Served facts that became answerable in [from, to) (`factsFirstSeenBetween`). */
  facts: readonly StoredFact[];
  from: Date;
  to: Date;
  /** IANA zone the dates are shown in (DIGEST_TZ). */
  timezone: string;
  limits: DigestLimits;
  /** DIGEST_EMPTY: whether a window with nothing new still gets a post. */
  empty: "skip" | "post";
  /**
   * `scheduled` (the default): `to` is a posting time, so the days shown end the day before it.
   * `now`: the window is still open (a preview), so they end on the day of `to`.
   */
  windowEnd?: "scheduled" | "now";
}

/** How many "other" figures the closing line names before counting the rest. */
const OTHER_NAMED = 3;

/** What the digest shows, or null when nothing is new and empty digests are skipped. */
export function buildDigest(input: DigestInput): Reply | null {
  const range = formatDateRange(input.from, input.to, input.timezone, input.windowEnd ?? "scheduled");
  if (input.facts.length === 0) {
    if (input.empty === "skip") return null;
    const headline = `No new figures, ${range}`;
    return {
      visibility: "public",
      summary: headline,
      blocks: [
        { type: "heading", text: headline },
        {
          type: "text",
          text: `Nothing new was added since the last digest. \`${MORE_COMMAND}\` shows the newest figures.`,
        },
      ],
    };
  }

  const sources = new Set(input.facts.map((f) => f.source.hash)).size;
  const n = input.facts.length;
  const headline = `${n} new figure${n === 1 ? "" : "s"} from ${sources} source${sources === 1 ? "" : "s"}, ${range}`;
  const indicators = input.facts.filter(isEconomicIndicator);
  const others = input.facts.filter((f) => !isEconomicIndicator(f));
  const blocks: ReplyBlock[] = [{ type: "heading", text: headline }];
  if (indicators.length > 0)
    blocks.push({
      type: "context",
      text: `Economic indicators by region, each with its source. Dates in ${input.timezone}.`,
    });

  const { limits } = input;
  // The "other" line, when there is one, takes the place of a card.
  let room = limits.budget - limits.fixedCost - (others.length > 0 ? limits.factCost : 0);
  let chars = limits.maxChars ?? Number.POSITIVE_INFINITY;
  let shown = 0;
  fill: for (const [region, facts] of groupByRegion(indicators)) {
    let headed = false;
    for (const fact of facts) {
      const card = factCard(fact);
      const cost = limits.factCost + (headed ? 0 : limits.headingCost);
      const size = cardSize(card);
      if (cost > room || size > chars) break fill;
      if (!headed && limits.headingCost > 0) blocks.push({ type: "heading", text: region });
      headed = true;
      blocks.push({ type: "fact", card });
      room -= cost;
      chars -= size;
      shown += 1;
    }
  }
  if (others.length > 0) blocks.push({ type: "context", text: otherLine(others) });
  const left = indicators.length - shown;
  if (left > 0) blocks.push({ type: "context", text: `… and ${left} more — ${MORE_COMMAND}` });
  return { visibility: "public", summary: headline, blocks };
}

/** One line for the figures that are not economic indicators: `Also new: 2 other figures (…)`. */
function otherLine(others: readonly StoredFact[]): string {
  const names = others.slice(0, OTHER_NAMED).map((f) => `${formatMetric(f.metric)} · ${f.region}`);
  const rest = others.length > OTHER_NAMED ? ` and ${others.length - OTHER_NAMED} more` : "";
  const n = others.length;
  return `Also new: ${n} other figure${n === 1 ? "" : "s"} (${names.join("; ")}${rest}) — ${MORE_COMMAND}`;
}

/** Facts by region: the province, the Bay Area and the country first, then cities as listed in data/regions.json. */
export function groupByRegion(facts: readonly StoredFact[]): [string, StoredFact[]][] {
  const groups = new Map<string, StoredFact[]>();
  for (const fact of facts) groups.set(fact.region, [...(groups.get(fact.region) ?? []), fact]);
  const rank = (region: string) => {
    const i = REGIONS.findIndex((r) => r.name === region);
    return i === -1 ? REGIONS.length : i;
  };
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([region, list]) => [
      region,
      [...list].sort(
        (x, y) => cmp(x.metric, y.metric) || cmp(y.period ?? "", x.period ?? "") || cmp(x.id, y.id),
      ),
    ]);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Characters a card roughly takes once drawn, with room for labels and formatting. */
function cardSize(card: FactCard): number {
  const details = card.details.reduce((n, d) => n + d.label.length + d.value.length, 0);
  const source =
    card.source.title.length + (card.source.url?.length ?? 0) + (card.source.publisher?.length ?? 0);
  return (
    card.title.length + card.value.length + card.period.length + card.quote.length + details + source + 80
  );
}

/**
 * The days a window covers, as people say them: `16–22 Nov`, `28 Nov – 4 Dec`,
 * `28 Dec 2026 – 3 Jan 2027`. For a scheduled window the day `to` falls on is the posting day,
 * so the range ends the day before it (a Monday digest covers the week to Sunday); a window
 * still open (`now`, a preview) ends on the day of `to`, so it never stops short of what it holds.
 */
export function formatDateRange(
  from: Date,
  to: Date,
  timezone: string,
  windowEnd: "scheduled" | "now" = "scheduled",
): string {
  const start = DateTime.fromJSDate(from, { zone: timezone }).setLocale("en-GB").startOf("day");
  const last = DateTime.fromJSDate(to, { zone: timezone }).setLocale("en-GB").startOf("day");
  let end = windowEnd === "now" ? last : last.minus({ days: 1 });
  if (end < start) end = start;
  if (start.hasSame(end, "day")) return start.toFormat("d LLL");
  if (start.hasSame(end, "month")) return `${start.toFormat("d")}–${end.toFormat("d LLL")}`;
  if (start.hasSame(end, "year")) return `${start.toFormat("d LLL")} – ${end.toFormat("d LLL")}`;
  return `${start.toFormat("d LLL yyyy")} – ${end.toFormat("d LLL yyyy")}`;
}

/** `Mon 16 Nov 09:00` in `timezone`. */
export function formatMoment(at: Date, timezone: string): string {
  return DateTime.fromJSDate(at, { zone: timezone }).setLocale("en-GB").toFormat("ccc d LLL HH:mm");
}
