/**
 * Periods a sentence names: years, quarters, halves, months and month ranges (`January to
 * September`, `first three quarters`, `前三季度`, `1-9月`), and relative ones (`last year`,
 * `this year`, `去年`) resolved against the publication date. Comparison bases (`from last
 * year`, `the same period last year`, `比上年`) are not the period of a figure and are skipped.
 */

import { MONTH_NUMBERS, ORDINAL_NUMBERS } from "../facts/calendar-words.js";
import { periodLabel } from "../facts/period.js";
import { NUMBER_WORDS } from "./numbers.js";

/** A period expression in a sentence; offsets are sentence-relative. */
export interface PeriodMention {
  start: number;
  end: number;
  /** Explicit year, or undefined when the year comes from context (`the first quarter`). */
  year?: number;
  /** Years relative to publication: -1 for `last year`, 0 for `this year`, 1 for `next year`. */
  relativeYear?: number;
  /** Suffix after the year: "", "-Q1", "-H1", "-03", "-01-to-09". */
  sub: string;
  /** Last month the period covers, to tell whether it ended before publication. */
  endMonth: number;
  /** `the same period last year`: the year before the context's period, with its quarter or months. */
  samePeriod?: boolean;
  /** `of the year`: the year the paragraph is about, whole. */
  wholeYear?: boolean;
}

/**
 * Years a text names only as the base of a year-on-year comparison ("compared with the same
 * period in 2022", "higher than May 2017"): the figures around them are for the year after.
 */
export function yearOnYearBaseYears(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(YOY_BASE)) out.push(Number(m.groups?.year));
  return out;
}

const MONTH =
  "(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?";
const ZH_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4 };
// "of 2024", "of this year", ", 2024", "in 2024": the year attached to a sub-period.
const YEAR_TAIL =
  "(?:\\s*(?:of|in|,)?\\s*(?:(\\d{4})|(this|last|next|the) year(?![\\s-]*(?:\\d|before|earlier|ago))))?";

const pad = (n: number): string => String(n).padStart(2, "0");

/** The label suffix of a month span, in the one canonical spelling (`1`–`12` is the whole year). */
function monthRange(from: number, to: number): { sub: string; endMonth: number } {
  return { sub: periodLabel(2000, from, to).slice(4), endMonth: to };
}

function yearParts(explicit: string | undefined, relative: string | undefined): Partial<PeriodMention> {
  if (explicit) return { year: Number(explicit) };
  // "the first 10 months of the year": the year in context, found as for a bare "first quarter".
  if (relative?.toLowerCase() === "the") return {};
  if (relative)
    return {
      relativeYear: relative.toLowerCase() === "last" ? -1 : relative.toLowerCase() === "next" ? 1 : 0,
    };
  return {};
}

type Rule = [RegExp, (m: RegExpMatchArray) => Partial<PeriodMention> | undefined];

const RULES: Rule[] = [
  [
    new RegExp(`\\b${MONTH}\\s*(?:-|–|—|to|through|and|until)\\s*${MONTH}(?:\\s+period)?${YEAR_TAIL}`, "gi"),
    (m) => {
      const from = MONTH_NUMBERS[(m[1] ?? "").toLowerCase()] ?? 1;
      const to = MONTH_NUMBERS[(m[2] ?? "").toLowerCase()] ?? from;
      return to < from ? undefined : { ...monthRange(from, to), ...yearParts(m[3], m[4]) };
    },
  ],
  [
    new RegExp(
      `\\b(first|past) (two|three|four|five|six|seven|eight|nine|ten|eleven|\\d{1,2}) months${YEAR_TAIL}`,
      "gi",
    ),
    (m) => {
      const n = NUMBER_WORDS[(m[2] ?? "").toLowerCase()] ?? Number(m[2]);
      // "the past 10 months of 2018" runs from January; "the past 12 months" alone is rolling.
      if (/^past$/i.test(m[1] ?? "") && !m[3] && !/^this$/i.test(m[4] ?? "")) return undefined;
      return n >= 2 && n <= 12 ? { ...monthRange(1, n), ...yearParts(m[3], m[4]) } : undefined;
    },
  ],
  [
    // "the 11 months ending in November", "the eight months ended August 2023": the year so far.
    new RegExp(
      `\\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\\d{1,2}) months (?:ending|ended)(?: in)? ${MONTH}(?:\\s*,?\\s*(\\d{4}))?`,
      "gi",
    ),
    (m) => {
      const n = NUMBER_WORDS[(m[1] ?? "").toLowerCase()] ?? Number(m[1]);
      const month = MONTH_NUMBERS[(m[2] ?? "").toLowerCase()] ?? 0;
      // Only a span that starts in January is a year-to-date figure; "six months ending in
      // September" is a rolling window with no label of ours.
      return n === month ? { ...monthRange(1, month), ...yearParts(m[3], undefined) } : undefined;
    },
  ],
  [
    new RegExp(`\\bfirst (two|three) quarters${YEAR_TAIL}`, "gi"),
    (m) => ({ ...monthRange(1, (m[1] ?? "").toLowerCase() === "two" ? 6 : 9), ...yearParts(m[2], m[3]) }),
  ],
  [
    new RegExp(
      `\\b(first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter(?:\\s*\\(Q[1-4]\\))?${YEAR_TAIL}`,
      "gi",
    ),
    (m) => {
      const q = ORDINAL_NUMBERS[(m[1] ?? "").toLowerCase()] ?? 1;
      return { sub: `-Q${q}`, endMonth: q * 3, ...yearParts(m[2], m[3]) };
    },
  ],
  [
    /\bQ([1-4])(?:\s*(\d{4}))?\b/g,
    (m) => ({ sub: `-Q${m[1]}`, endMonth: Number(m[1]) * 3, ...yearParts(m[2], undefined) }),
  ],
  [/\b(\d{4})\s*Q([1-4])\b/g, (m) => ({ sub: `-Q${m[2]}`, endMonth: Number(m[2]) * 3, year: Number(m[1]) })],
  [
    new RegExp(`\\b(first|second|1st|2nd)[- ]half(?:\\s*\\(H[12]\\))?${YEAR_TAIL}`, "gi"),
    (m) => {
      const h = /^(first|1st)$/i.test(m[1] ?? "") ? 1 : 2;
      return { sub: `-H${h}`, endMonth: h * 6, ...yearParts(m[2], m[3]) };
    },
  ],
  [
    /\bH([12])(?:\s*(\d{4}))?\b/g,
    (m) => ({ sub: `-H${m[1]}`, endMonth: Number(m[1]) * 6, ...yearParts(m[2], undefined) }),
  ],
  [
    // "by the end of June 2021": the year so far, January to that month.
    new RegExp(`\\b(?:by|until|till) the end of ${MONTH}(?:\\s*,?\\s*(\\d{4}))?`, "gi"),
    (m) => {
      const month = MONTH_NUMBERS[(m[1] ?? "").toLowerCase()] ?? 12;
      return { ...monthRange(1, month), ...yearParts(m[2], undefined) };
    },
  ],
  [
    // "April's exports", "In April alone": a single month named as the subject or set apart.
    new RegExp(`\\b${MONTH}(?:['’]s|\\s+alone)\\b`, "gi"),
    (m) => {
      const month = MONTH_NUMBERS[(m[1] ?? "").toLowerCase()] ?? 1;
      return { sub: `-${pad(month)}`, endMonth: month };
    },
  ],
  [
    // "the total of the year", "for the whole year": the year in context, in full.
    /(?<=\b(?:of|for|in|during|over)\s+)the\s+(?:whole\s+|full\s+|entire\s+)?year\b(?![\s-]*(?:\d|before|earlier|ago|-))/gi,
    () => ({ sub: "", endMonth: 12, wholeYear: true }),
  ],
  [
    // "in March 2024", "during March"; "March 7" is a date, not a period, and "months ending
    // in March" is the end of a span.
    new RegExp(
      `(?<!\\b(?:ending|ended)\\s+)\\b(?:in|during|for)\\s+${MONTH}(?:\\s*,?\\s*(\\d{4}))?(?!\\s*\\d)`,
      "gi",
    ),
    (m) => {
      const month = MONTH_NUMBERS[(m[1] ?? "").toLowerCase()] ?? 1;
      return { sub: `-${pad(month)}`, endMonth: month, ...yearParts(m[2], undefined) };
    },
  ],
  // Chinese: 2024年前三季度, 1-9月, 上半年, 一季度, 2024年.
  [/(?:(\d{4})年)?前三季度/g, (m) => ({ ...monthRange(1, 9), ...yearParts(m[1], undefined) })],
  [
    /(?:(\d{4})年)?(上|下)半年/g,
    (m) => ({
      sub: m[2] === "上" ? "-H1" : "-H2",
      endMonth: m[2] === "上" ? 6 : 12,
      ...yearParts(m[1], undefined),
    }),
  ],
  [
    /(?:(\d{4})年)?第?([一二三四])季度/g,
    (m) => {
      const q = ZH_DIGITS[m[2] ?? "一"] ?? 1;
      return { sub: `-Q${q}`, endMonth: q * 3, ...yearParts(m[1], undefined) };
    },
  ],
  [
    /(?:(\d{4})年)?(\d{1,2})\s*[-—–~至到]\s*(\d{1,2})月/g,
    (m) => {
      const from = Number(m[2]);
      const to = Number(m[3]);
      return from >= 1 && to <= 12 && from <= to
        ? { ...monthRange(from, to), ...yearParts(m[1], undefined) }
        : undefined;
    },
  ],
  [
    /(?:(\d{4})年)?(\d{1,2})月(?!\d{1,2}日|\d)/g,
    (m) => {
      const month = Number(m[2]);
      return month >= 1 && month <= 12
        ? { sub: `-${pad(month)}`, endMonth: month, ...yearParts(m[1], undefined) }
        : undefined;
    },
  ],
  [
    /(去年|上年|今年|本年|明年)/g,
    (m) => ({
      sub: "",
      endMonth: 12,
      relativeYear: m[1] === "明年" ? 1 : m[1] === "今年" || m[1] === "本年" ? 0 : -1,
    }),
  ],
  [/(\d{4})年/g, (m) => ({ sub: "", endMonth: 12, year: Number(m[1]) })],
  [
    /\b(last year|the previous year|the past year|this year|the current year|the new year|next year)\b/gi,
    (m) => {
      const phrase = (m[1] ?? "").toLowerCase();
      const rel = /last|previous|past/.test(phrase) ? -1 : phrase === "next year" ? 1 : 0;
      return { sub: "", endMonth: 12, relativeYear: rel };
    },
  ],
  [
    /(?<![\d.,\-–/])\b(19[5-9]\d|20\d\d)\b(?![\d%]|\s*[-–]\s*\d|\.\d|,\d{3})/g,
    (m) => ({ sub: "", endMonth: 12, year: Number(m[1]) }),
  ],
];

// A period after these words is what a figure is compared with, not when it holds:
// "from last year", "than that of 2023", "compared to the same period in 2023", "since 2022".
const COMPARISON_BASE =
  /(\b(from|than|over|compared (with|to)|versus|vs\.?|against|on|since)\s+((that|those)\s+(of|in|for|from|during)\s+)?(the\s+)?(year\s+)?(same period\s+(of\s+|in\s+)?)?|比|较|与|同比)$/i;

// A sub-period after these words is a base too ("higher than that of the first nine months").
const SAME_PERIOD =
  /(\b(same period|compared (with|to)|than|versus|vs\.?|since)\s+((that|those)\s+(of|in|for|from|during)\s+)?(of\s+|in\s+)?(the\s+)?|\b(from|over)\s+(that|those)\s+(of|in|for|during)\s+(the\s+)?)$/i;
const CHANGE_FROM =
  /\bcompared (with|to)\b[^,;.]{0,30}\b(from|in|of|for)\s+$|\bthan\s+(the|its|their)\s+([a-z-]+\s+){0,3}(from|in|of|for|during)\s+$|\b(average|level)\s+(from|of|in|for)\s+$|\b(points?|increase[sd]?|decrease[sd]?|rise|rose|decline[sd]?|up|down|higher|lower|narrow(ed|ing)?|widen(ed|ing)?|accelerat(ed|ing)|slow(ed|ing)|compared|change[sd]?|improve[sd]?|pick(ed)? up)\s+from\s+$/i;
// "higher than May 2017": a month of the base year before the year.
const BASE_MONTH_YEAR = new RegExp(
  `\\b(than|from|over|compared (with|to)|versus|against)\\s+(the\\s+)?(same period of\\s+)?${MONTH}\\s*,?\\s*$`,
  "i",
);
const YOY_BASE = new RegExp(
  `\\b(?:same period (?:of|in)|(?:than|over|compared (?:with|to)) (?:the same period (?:of|in) |that of )?(?:${MONTH}\\s+)?)\\s*(?<year>19[5-9]\\d|20\\d\\d)\\b`,
  "gi",
);
// How far back the words that make a period a comparison base may start.
const BASE_LEAD_CHARS = 60;

/**
 * Period expressions in `text`, in order, longest first when they overlap. Expressions inside
 * `ignore` spans (dates, quotes) and comparison bases are left out.
 * @example findPeriods("GDP grew 5% in the first three quarters of 2024")[0] has year 2024, sub "-01-to-09"
 */
export function findPeriods(
  text: string,
  ignore: ReadonlyArray<{ start: number; end: number }> = [],
): PeriodMention[] {
  const found: PeriodMention[] = [];
  const bases: Array<{ start: number; end: number }> = [];
  for (const [re, build] of RULES) {
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (found.some((f) => start < f.end && f.start < end)) continue;
      if (bases.some((f) => start < f.end && f.start < end)) continue;
      if (ignore.some((s) => start >= s.start && start < s.end)) continue;
      const parts = build(m);
      if (!parts) continue;
      // "over the past year" is a span and "From January to September" a period, not bases.
      const lead = text.slice(Math.max(0, start - BASE_LEAD_CHARS), start);
      // "2.7 percentage points higher ... from January to March", "narrowed from the first quarter"
      // compare; "19.42 billion yuan from January to June" and "From January to April," date.
      const fromMidClause = CHANGE_FROM.test(lead);
      // A span of months is a base only after words that compare; a bare year after "from" too.
      // ("From January to December 2023" spans the whole year yet is no base.)
      const yearOnly =
        parts.sub === "" && !/[a-z]{3,}\s*(?:-|–|—|to|through|and|until)\s*[a-z]{3,}/i.test(m[0]);
      const base = !yearOnly
        ? SAME_PERIOD.test(lead) || fromMidClause
        : !/^the past/i.test(m[0]) && (COMPARISON_BASE.test(lead) || BASE_MONTH_YEAR.test(lead));
      // A base's words ("compared to the first half of the year") are no period of another rule.
      if (base) {
        bases.push({ start, end });
        continue;
      }
      const samePeriod = parts.relativeYear !== undefined && /same period\s+(of\s+|in\s+)?$/i.test(lead);
      found.push({ sub: "", endMonth: 12, ...parts, start, end, ...(samePeriod ? { samePeriod } : {}) });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Year, month and day of an ISO date. */
function parseIso(date: string): { year: number; month: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) };
}

/** How a period's year was fixed: written with it, taken from the sentence or paragraph, from the publication date, or inferred for an undated article. */
export type YearSource = "stated" | "context" | "published" | "inferred";

/**
 * The period label of a mention and where its year came from. A year comes from the mention,
 * else from `contextYear` (a year named elsewhere in the sentence or paragraph), else from the
 * publication date: relative years count from it, and a bare `first quarter` is the latest one
 * that had ended when the article appeared. An undated article's `currentYear` (see
 * `article-year.ts`) stands in for the publication year. Undefined when nothing fixes the year.
 * @example resolveMention({ relativeYear: -1, sub: "", endMonth: 12 }, "2025-01-16") is { period: "2024", year: "published" }
 */
export function resolveMention(
  mention: Pick<PeriodMention, "year" | "relativeYear" | "sub" | "endMonth">,
  published: string | null,
  contextYear?: number,
  currentYear?: number,
): { period: string; year: YearSource } | undefined {
  const label = (year: number, how: YearSource) => ({ period: `${year}${mention.sub}`, year: how });
  if (mention.year !== undefined) return label(mention.year, "stated");
  if (mention.relativeYear !== undefined) {
    if (published) return label(parseIso(published).year + mention.relativeYear, "published");
    return currentYear === undefined ? undefined : label(currentYear + mention.relativeYear, "inferred");
  }
  if (contextYear !== undefined) return label(contextYear, "context");
  if (published) {
    const pub = parseIso(published);
    return label(mention.endMonth < pub.month ? pub.year : pub.year - 1, "published");
  }
  return currentYear === undefined ? undefined : label(currentYear, "inferred");
}

/**
 * The period label of a mention (see {@link resolveMention}).
 * @example resolvePeriod({ relativeYear: -1, sub: "", endMonth: 12 }, "2025-01-16") === "2024"
 */
export function resolvePeriod(
  mention: Pick<PeriodMention, "year" | "relativeYear" | "sub" | "endMonth">,
  published: string | null,
  contextYear?: number,
  currentYear?: number,
): string | undefined {
  return resolveMention(mention, published, contextYear, currentYear)?.period;
}
