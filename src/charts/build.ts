/**
 * Chart descriptions from the facts `trend` and `compare` already chose: one unit per chart
 * (scaled to thousands, millions, billions or trillions, in English: see `fonts.ts` for why),
 * a label and printed value per point, and a numbered footnote naming each point's source.
 * Pure functions; drawing is `render-png.ts`'s job.
 */
import type { Chart, ChartPoint } from "../core/reply.js";
import type { StoredFact } from "../facts/fact.js";
import { formatMetric, formatNumber, qualifierWord } from "../facts/format.js";
import { formatPeriod } from "../facts/period.js";

/** Longest footnote, so one verbose headline cannot push the chart off the image. */
const MAX_FOOTNOTE = 110;

type Scale = { label: string; scale: number };

const EN_SCALES: readonly [number, string][] = [
  [1e12, "trillion"],
  [1e9, "billion"],
  [1e6, "million"],
];
/** How an amount of money at a scale ("billion", or "" for none) is written on the axis. */
const MONEY: Record<string, (scale: string) => string> = {
  CNY: (scale) => `${scale} yuan`,
  USD: (scale) => `US$ ${scale}`,
  HKD: (scale) => `HK$ ${scale}`,
  EUR: (scale) => `€ ${scale}`,
};
const PLAIN_UNITS: Record<string, string> = {
  count: "",
  percent: "%",
  "percentage points": "percentage points",
};

/** The axis unit for values of `unit` whose largest magnitude is `max`. */
export function chartUnit(unit: string, max: number): Scale {
  if (unit === "percent" || unit === "percentage points")
    return { label: PLAIN_UNITS[unit] ?? unit, scale: 1 };
  const [scale, word] = EN_SCALES.find(([size]) => max >= size) ?? [1, ""];
  const money = MONEY[unit];
  const label = money ? money(word) : `${word} ${PLAIN_UNITS[unit] ?? unit}`;
  return { label: label.trim() || "number", scale };
}

/** Characters the bundled chart font has no glyphs for (Chinese, Japanese, Korean, full-width). */
const CJK = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/;

function host(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}

/**
 * `Title — Publisher, 2024-03-28`, cut to a footnote's length. A title in Chinese would draw
 * as empty boxes, so the publisher (or the link's host) names such a source instead.
 */
function footnote(fact: StoredFact): string {
  const { source } = fact;
  const readable = !CJK.test(source.title);
  const title = readable
    ? source.title
    : `${[source.publisher, host(source.url)].find((s) => s && !CJK.test(s)) ?? "Chinese-language source"} (title in Chinese)`;
  const publisher = readable && source.publisher && !CJK.test(source.publisher) ? source.publisher : null;
  const meta = [publisher, source.published].filter(Boolean).join(", ");
  const text = `${title}${meta ? ` — ${meta}` : ""}`;
  return text.length > MAX_FOOTNOTE ? `${text.slice(0, MAX_FOOTNOTE - 1)}…` : text;
}

/** The unit most of the facts share (the latest fact's on a tie), and the facts in it. */
function commonUnit(facts: readonly StoredFact[]): { unit: string; facts: StoredFact[] } {
  const counts = new Map<string, number>();
  for (const fact of facts) counts.set(fact.unit, (counts.get(fact.unit) ?? 0) + 1);
  let unit = facts[facts.length - 1]?.unit ?? "";
  for (const [candidate, count] of counts) if (count > (counts.get(unit) ?? 0)) unit = candidate;
  return { unit, facts: facts.filter((f) => f.unit === unit) };
}

function pointsOf(facts: readonly StoredFact[], label: (fact: StoredFact) => string, scale: Scale) {
  const sources: string[] = [];
  const points: ChartPoint[] = facts.map((fact) => {
    const note = footnote(fact);
    let index = sources.indexOf(note);
    if (index < 0) index = sources.push(note) - 1;
    const word = qualifierWord(fact.qualifier);
    const number = formatNumber(fact.value / scale.scale, 2);
    return {
      label: label(fact),
      value: fact.value / scale.scale,
      display: word ? `${word} ${number}` : number,
      source: index + 1,
    };
  });
  return { points, sources };
}

function altText(title: string, unit: Scale, points: readonly ChartPoint[]): string {
  const list = points.map((p) => `${p.label}: ${p.display}`).join("; ");
  return `${title}, in ${unit.label}. ${list}.`;
}

function slug(...parts: string[]): string {
  return (
    parts
      .join("-")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "chart"
  );
}

/**
 * A line chart of a region's metric over the periods `trend` found, oldest first. Figures in a
 * unit other than the one most share are left out of the chart (and say so); none → undefined.
 */
export function trendChart(region: string, metric: string, facts: readonly StoredFact[]): Chart | undefined {
  if (facts.length === 0) return undefined;
  const common = commonUnit(facts);
  const max = Math.max(...common.facts.map((f) => Math.abs(f.value)));
  const unit = chartUnit(common.unit, max);
  const title = `${formatMetric(metric)} · ${region}`;
  const { points, sources } = pointsOf(common.facts, (f) => formatPeriod(f.period), unit);
  const left = facts.length - common.facts.length;
  return {
    kind: "line",
    title,
    unit,
    points,
    sources,
    ...(left > 0 ? { note: `${left} figure(s) in another unit are in the table, not the chart.` } : {}),
    altText: altText(title, unit, points),
    name: slug("trend", region, metric),
  };
}

/** Bars for the two sides of a comparison; undefined when a side is missing or the units differ. */
export function compareChart(left: StoredFact | undefined, right: StoredFact | undefined): Chart | undefined {
  if (!left || !right || left.unit !== right.unit) return undefined;
  const unit = chartUnit(left.unit, Math.max(Math.abs(left.value), Math.abs(right.value)));
  const metrics = left.metric === right.metric ? [left.metric] : [left.metric, right.metric];
  const title = metrics.map(formatMetric).join(" vs ");
  const label = (f: StoredFact) => `${f.region} · ${formatPeriod(f.period)}`;
  const { points, sources } = pointsOf([left, right], label, unit);
  return {
    kind: "bar",
    title,
    unit,
    points,
    sources,
    altText: altText(title, unit, points),
    name: slug("compare", label(left), label(right)),
  };
}

/** `{ chart }` to spread into a Reply, or nothing when there is no chart. */
export function withChart(chart: Chart | undefined): { chart?: Chart } {
  return chart ? { chart } : {};
}
