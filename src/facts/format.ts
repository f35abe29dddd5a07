/**
 * Figures for people: values with their scale in English and Chinese, signed growth, qualifiers
 * in words, periods and metric names as a reader expects them. Pure functions.
 */
import type { Qualifier } from "./fact.js";

/** The minus sign used for declines; a typographic minus reads better than a hyphen. */
export const MINUS = "\u2212";

const EN_SCALES: readonly [number, string][] = [
  [1e12, "trillion"],
  [1e9, "billion"],
  [1e6, "million"],
];
const ZH_SCALES: readonly [number, string][] = [
  [1e12, "万亿"],
  [1e8, "亿"],
  [1e4, "万"],
];

const CURRENCY: Record<string, { prefix?: string; suffix?: string; zh?: string }> = {
  CNY: { suffix: "yuan", zh: "元" },
  USD: { prefix: "US$" },
  HKD: { prefix: "HK$" },
  EUR: { prefix: "€" },
};

/** `1520` → `1,520`; `279.25` → `279.25`; at most `digits` decimals, trailing zeros dropped. */
export function formatNumber(value: number, digits = 2): string {
  const abs = Math.abs(value);
  const text = new Intl.NumberFormat("en-US", { maximumFractionDigits: digits }).format(abs);
  return value < 0 ? `${MINUS}${text}` : text;
}

/**
 * Enough significant digits for any figure a document states, and few enough that binary
 * rounding (`2176.98e9 / 1e12` is 2.1769800000000001) never shows.
 */
const MAX_SIGNIFICANT = 12;

/**
 * `2.17698` → `2.17698`, `2792.5` → `2,792.5`: every digit the value carries, no more. A stored
 * value is the source's number times its scale, so this keeps the digits the source gave
 * (2,176.98 billion is 2.17698 trillion and 21,769.8亿, never a rounded 2.177).
 */
export function formatSignificant(value: number): string {
  const text = new Intl.NumberFormat("en-US", { maximumSignificantDigits: MAX_SIGNIFICANT }).format(
    Math.abs(value),
  );
  return value < 0 ? `${MINUS}${text}` : text;
}

function scaled(value: number, scales: readonly [number, string][]): string {
  const abs = Math.abs(value);
  for (const [size, word] of scales) {
    if (abs >= size) return `${formatSignificant(value / size)}${word.match(/^[a-z]/) ? " " : ""}${word}`;
  }
  return formatNumber(value, 2);
}

/** A money amount: `279.25 billion yuan (2,792.5亿元)`, `US$1.9 trillion`. */
export function formatMoney(value: number, currency: string): string {
  const style = CURRENCY[currency] ?? { suffix: currency };
  const english = scaled(value, EN_SCALES);
  const main = `${style.prefix ?? ""}${english}${style.suffix ? ` ${style.suffix}` : ""}`;
  if (style.zh && Math.abs(value) >= 1e4) return `${main} (${scaled(value, ZH_SCALES)}${style.zh})`;
  return main;
}

/** True for metrics whose percent value is a change, shown with a sign. */
export function isGrowthMetric(metric: string): boolean {
  return /\b(growth|increase|change|decline)\b/.test(metric) && !/\btarget\b/.test(metric);
}

function signed(value: number, text: string): string {
  return value > 0 ? `+${text}` : text;
}

const UNIT_WORDS: Record<string, (v: string, n: number) => string> = {
  count: (v) => v,
  people: (v) => `${v} people`,
  km: (v) => `${v} km`,
  years: (v, n) => `${v} ${Math.abs(n) === 1 ? "year" : "years"}`,
  rank: (v) => `No. ${v}`,
  TEU: (v) => `${v} TEU`,
  tonnes: (v) => `${v} tonnes`,
};

/** The bare value with its unit, no qualifier: `+3.7%`, `77,000`, `13.57 trillion yuan (13.57万亿元)`. */
export function formatQuantity(value: number, unit: string, metric = ""): string {
  if (unit === "percent") {
    const text = `${formatNumber(value, 2)}%`;
    return isGrowthMetric(metric) ? signed(value, text) : text;
  }
  if (unit === "percentage points") return signed(value, `${formatNumber(value, 2)} percentage points`);
  if (CURRENCY[unit] || /^[A-Z]{3}$/.test(unit)) return formatMoney(value, unit);
  const number = Math.abs(value) >= 1e8 ? scaled(value, EN_SCALES) : formatNumber(value, 2);
  const word = UNIT_WORDS[unit];
  return word ? word(number, value) : `${number} ${unit}`;
}

const QUALIFIER_WORDS: Record<Qualifier, string> = {
  exact: "",
  approx: "about",
  over: "over",
  under: "under",
  target: "target",
  projected: "projected",
};

/** The qualifier in words, empty for `exact`. */
export function qualifierWord(qualifier: Qualifier): string {
  return QUALIFIER_WORDS[qualifier];
}

/** A stated figure: `over 9 trillion yuan (9万亿元)`, `about 77,000`, `target 5%`. */
export function formatValue(fact: {
  value: number;
  unit: string;
  qualifier: Qualifier;
  metric: string;
}): string {
  const word = qualifierWord(fact.qualifier);
  const quantity = formatQuantity(fact.value, fact.unit, fact.metric);
  return word ? `${word} ${quantity}` : quantity;
}

const ACRONYMS: Record<string, string> = {
  gdp: "GDP",
  "r&d": "R&D",
  cpi: "CPI",
  fdi: "FDI",
  gba: "GBA",
  teu: "TEU",
};

/** `gdp growth target` → `GDP growth target`, `high-tech enterprises` → `High-tech enterprises`. */
export function formatMetric(metric: string): string {
  const words = metric.split(" ").map((w) => ACRONYMS[w.toLowerCase()] ?? w);
  const first = words[0] ?? "";
  words[0] = first.charAt(0).toUpperCase() + first.slice(1);
  return words.join(" ");
}

/** A difference between two values of one unit, signed: `+42.1 billion yuan (421亿元)`. */
export function formatDifference(difference: number, unit: string): string {
  const text =
    unit === "percent"
      ? `${formatNumber(difference, 2)} percentage points`
      : formatQuantity(difference, unit);
  // Sign every rendering of the amount, the Chinese one in brackets too.
  return difference > 0 ? `+${text.replace("(", "(+")}` : text;
}
