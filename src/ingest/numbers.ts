/**
 * Numbers in running text with their scale: `13.57 trillion`, `279.25 billion`, `1,520`,
 * `77,000`, `3.04万亿`, `2792.5亿`, `eight`, `a thousand`, and shares written as fractions
 * (`one-tenth`, `1/8`, `more than half`, which become percentages). Pure; offsets are relative
 * to the text given.
 */

/** How the number was written. `fraction` values are already percentages (1/8 → 12.5). */
export type NumberKind = "digits" | "words" | "fraction";

/** One number found in text. */
export interface NumberToken {
  /** Offset of the first character (a leading minus sign included). */
  start: number;
  /** Offset just past the number and its scale word, if any. */
  end: number;
  value: number;
  kind: NumberKind;
  /** `36th`, `89th`: an ordinal, usable only as a rank or a streak. */
  ordinal: boolean;
  /** Written with an explicit minus sign: `-4.6%`. */
  negative: boolean;
  /** A scale word was applied (`billion`, `亿`). */
  scaled: boolean;
  /** Digits glued to letters or another number (`G324`, `B2-2004`, `COVID-19`, `2017-2018`). */
  attached: boolean;
  /** Four digits without separators that look like a calendar year. */
  yearLike: boolean;
}

const SCALE_WORDS: Record<string, number> = {
  trillion: 1e12,
  tn: 1e12,
  trn: 1e12,
  billion: 1e9,
  bn: 1e9,
  bln: 1e9,
  million: 1e6,
  mn: 1e6,
  mln: 1e6,
  thousand: 1e3,
};
const ZH_SCALES: Array<[string, number]> = [
  ["万亿", 1e12],
  ["千亿", 1e11],
  ["百亿", 1e10],
  ["亿", 1e8],
  ["万", 1e4],
  ["千", 1e3],
];

/** Number words up to ninety (`three`, `forty`), as articles spell small numbers. */
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const WORD_SCALES: Record<string, number> = { hundred: 100, ...SCALE_WORDS };

const DENOMINATORS: Record<string, number> = {
  half: 2,
  halves: 2,
  third: 3,
  thirds: 3,
  quarter: 4,
  quarters: 4,
  fourth: 4,
  fourths: 4,
  fifth: 5,
  fifths: 5,
  sixth: 6,
  sixths: 6,
  seventh: 7,
  sevenths: 7,
  eighth: 8,
  eighths: 8,
  ninth: 9,
  ninths: 9,
  tenth: 10,
  tenths: 10,
};

// A scale word followed by one of these is an adjective ("8 trillion-level clusters"): the
// number counts the clusters, it is not 8 trillion of anything.
const SCALE_ADJECTIVE = /^-(level|class|grade|scale|strong|plus)\b/i;

function round(value: number): number {
  return Number.parseFloat(value.toPrecision(12));
}

function scaleAfter(text: string, at: number): { factor: number; end: number } | undefined {
  const rest = text.slice(at);
  for (const [word, factor] of ZH_SCALES) {
    if (rest.startsWith(word)) return { factor, end: at + word.length };
  }
  // "31.07 billionyuan": a scale glued to its currency in a careless copy.
  const m =
    /^\s*(trillion|trn|tn|billion|bln|bn|million|mln|mn|thousand)(?:\b|(?=yuan|rmb|usd|dollars))/i.exec(rest);
  if (!m) return undefined;
  const end = at + m[0].length;
  if (SCALE_ADJECTIVE.test(text.slice(end))) return undefined;
  const factor = SCALE_WORDS[(m[1] ?? "").toLowerCase()];
  return factor === undefined ? undefined : { factor, end };
}

const GLUED_CURRENCY = /(?<![A-Za-z])(CNY|RMB|USD|HKD|EUR|Rmb|rmb)$/;

function digitTokens(text: string): NumberToken[] {
  const out: NumberToken[] = [];
  for (const m of text.matchAll(/\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g)) {
    let start = m.index;
    const end0 = start + m[0].length;
    const prev = text[start - 1] ?? "";
    const prev2 = text[start - 2] ?? "";
    let negative = false;
    // "CNY13.57 trillion", "USD1.89 trillion": a currency code glued to its amount is a prefix.
    let attached = /[A-Za-z_.]/.test(prev) && !GLUED_CURRENCY.test(text.slice(Math.max(0, start - 4), start));
    if (prev === "-" || prev === "−" || prev === "–") {
      if (/[A-Za-z0-9]/.test(prev2)) attached = true;
      // "5%-6%": the upper end of a range, not a negative number.
      else if (prev !== "–" && !/[%％]/.test(prev2)) {
        negative = true;
        start -= 1;
      }
    }
    // "1/8" is a fraction, handled on its own.
    if (text[end0] === "/" && /\d/.test(text[end0 + 1] ?? "")) continue;
    if (prev === "/" && /\d/.test(prev2)) continue;
    const after = text.slice(end0);
    const ordinal = /^(st|nd|rd|th)\b/i.test(after);
    if (!ordinal && /^[A-Za-z]/.test(after) && !/^(km|bn|mn|tn|kwh)\b/i.test(after)) attached = true;
    // "2017-2018", "5-6%": one side of a range.
    if (/^[-–~]\d/.test(after)) attached = true;
    const digits = m[0].replace(/,/g, "");
    let value = Number.parseFloat(digits);
    let end = end0;
    let scaled = false;
    if (!ordinal) {
      const scale = scaleAfter(text, end0);
      if (scale) {
        value *= scale.factor;
        end = scale.end;
        scaled = true;
      }
    }
    if (ordinal) end = end0 + 2;
    const yearLike = /^(19[5-9]\d|20\d\d)$/.test(m[0]);
    out.push({
      start,
      end,
      value: round(negative ? -value : value),
      kind: "digits",
      ordinal,
      negative,
      scaled,
      attached,
      yearLike,
    });
  }
  return out;
}

function fractionTokens(text: string): NumberToken[] {
  const out: NumberToken[] = [];
  const base = { kind: "fraction" as const, ordinal: false, negative: false, scaled: false, attached: false };
  for (const m of text.matchAll(/(?<![\w/.])(\d{1,2})\/(\d{1,3})(?![\w/])/g)) {
    const num = Number(m[1]);
    const den = Number(m[2]);
    if (den < 2 || num >= den || !/^\s+of\b/i.test(text.slice(m.index + m[0].length))) continue;
    out.push({
      ...base,
      start: m.index,
      end: m.index + m[0].length,
      value: round((num / den) * 100),
      yearLike: false,
    });
  }
  const words = Object.keys(DENOMINATORS).join("|");
  const re = new RegExp(`\\b(?:(one|a|two|three|four|five|six|seven|eight|nine)[- ])?(${words})\\b`, "gi");
  for (const m of text.matchAll(re)) {
    const end = m.index + m[0].length;
    if (!/^\s+of\b/i.test(text.slice(end))) continue;
    const numWord = (m[1] ?? "").toLowerCase();
    const denWord = (m[2] ?? "").toLowerCase();
    // "the first half of 2024" is a period, "a quarter of" without a numerator word is ambiguous.
    if (!numWord && denWord !== "half") continue;
    if (
      /\b(first|second|third|fourth|1st|2nd|3rd|4th|last|past|next)\s+$/i.test(
        text.slice(Math.max(0, m.index - 8), m.index),
      )
    )
      continue;
    const num = numWord === "" || numWord === "a" ? 1 : (NUMBER_WORDS[numWord] ?? 1);
    const den = DENOMINATORS[denWord] ?? 1;
    out.push({ ...base, start: m.index, end, value: round((num / den) * 100), yearLike: false });
  }
  return out;
}

function wordTokens(text: string): NumberToken[] {
  const out: NumberToken[] = [];
  const units = Object.keys(NUMBER_WORDS).join("|");
  const re = new RegExp(
    `\\b(a|${units})(?:-(one|two|three|four|five|six|seven|eight|nine))?(?:\\s+(hundred|thousand|million|billion|trillion))?\\b`,
    "gi",
  );
  for (const m of text.matchAll(re)) {
    const end = m.index + m[0].length;
    const head = (m[1] ?? "").toLowerCase();
    const scaleWord = (m[3] ?? "").toLowerCase();
    // "a" is a number only as "a thousand"; "one-year" and "two-way" are adjectives.
    if (head === "a" && !scaleWord) continue;
    if (text[end] === "-") continue;
    let value = head === "a" ? 1 : (NUMBER_WORDS[head] ?? 0);
    value += NUMBER_WORDS[(m[2] ?? "").toLowerCase()] ?? 0;
    const factor = WORD_SCALES[scaleWord];
    if (factor !== undefined) value *= factor;
    out.push({
      start: m.index,
      end,
      value,
      kind: "words",
      ordinal: false,
      negative: false,
      scaled: factor !== undefined,
      attached: false,
      yearLike: false,
    });
  }
  return out;
}

/**
 * All numbers in `text`, in order, without overlaps (fractions win over digits and words).
 * @example findNumbers("GDP of 3.04万亿元")[0].value === 3040000000000
 * @example findNumbers("accounting for one-tenth of the total")[0].value === 10
 */
export function findNumbers(text: string): NumberToken[] {
  const all = [...fractionTokens(text), ...digitTokens(text), ...wordTokens(text)];
  const taken: NumberToken[] = [];
  for (const token of all) {
    if (taken.some((t) => token.start < t.end && t.start < token.end)) continue;
    taken.push(token);
  }
  return taken.sort((a, b) => a.start - b.start);
}
