/**
 * Figure candidates in one sentence: numbers joined to their units, with everything that is
 * not a figure left out (dates, phone numbers, addresses, identifiers, list ranks, numbers in
 * quoted names, head-counts at events, thresholds like "500 billion yuan level").
 */

import { type Sector, structureParts } from "./industry-structure.js";
import { ATTENDANCE, dateSpans, isContactOrIdNumber, isListRank, NOT_ECONOMIC_COUNT } from "./noise.js";
import { findNumbers, type NumberToken } from "./numbers.js";
import { insideAny, quotedSpans } from "./sentences.js";
import { countedNounAfter, unitAround } from "./units.js";

/**
 * What sort of figure: an `amount` of money, a `percent`, a difference in `points`, a `share`
 * written as a fraction, a `count` or `people`, a `streak` of years, a `rank`, a physical
 * `measure` (km, tons), or a `bare` number whose unit only its metric can tell.
 */
export type FigureKind =
  | "amount"
  | "percent"
  | "points"
  | "share"
  | "count"
  | "people"
  | "streak"
  | "rank"
  | "measure"
  | "bare";

/** A number with its unit in a sentence; offsets are sentence-relative. */
export interface Figure {
  /** Start of the figure's text (a currency prefix included). */
  start: number;
  /** End of the figure's text (unit or counted noun included). */
  end: number;
  /** Where the number itself starts, for reading the words before it. */
  numberStart: number;
  value: number;
  unit: string;
  kind: FigureKind;
  token: NumberToken;
  /** For counts: the counted noun phrase (`major projects`). */
  countPhrase?: string;
  /** For a part of a three-sector structure ratio ("2.5:55.3:42.2"): whose share of GDP it is. */
  sector?: Sector;
}

const MONEY = new Set(["CNY", "USD", "HKD", "EUR"]);
const STREAK_AFTER = /^\s+(consecutive|straight|successive)\s+years?\b|^\s+years?\s+in\s+a\s+row\b/i;
const PAST_YEARS = /\bfor the (past|last)\s+$/i;
// A streak is a ranking fact only when the sentence says what was led or topped.
const LEAD_CUE =
  /\b(first|top|top-ranking|led|lead|leads|leading|no\. ?1|number one|largest|biggest|highest)\b/i;
const RANK_BEFORE = /\brank(s|ed|ing)?\s+(no\.\s*)?$|\b(placed|came|ranking)\s+$/i;
// "500 billion yuan level", "trillion-yuan-class": a size class, not an amount.
const SIZE_CLASS_AFTER = /^\s*-?\s*(level|class|grade|scale)\b/i;

/** True for numbers that can never be a figure, wherever they stand. */
function isNeverFigure(
  text: string,
  token: NumberToken,
  ignore: ReadonlyArray<{ start: number; end: number }>,
) {
  if (token.attached) return true;
  if (insideAny(ignore, token.start) || ignore.some((s) => token.start >= s.start && token.start < s.end))
    return true;
  const digitsStart = token.negative ? token.start + 1 : token.start;
  const digitsEnd =
    token.scaled || token.ordinal
      ? digitsStart + (/^[\d,.]+/.exec(text.slice(digitsStart))?.[0].length ?? 0)
      : token.end;
  if (token.kind === "digits" && isContactOrIdNumber(text, digitsStart, digitsEnd)) return true;
  return isListRank(text.slice(Math.max(0, token.start - 16), token.start));
}

/**
 * The figure candidates of a sentence, in order.
 * @example findFigures("exports fell by 3.5%")[0] is { value: 3.5, unit: "percent", kind: "percent" }
 */
export function findFigures(text: string): Figure[] {
  return withListUnits(text, rawFigures(text));
}

// "41.2, 18.5 and 9.7 percent": the unit written once, after the last of a list of numbers.
const LIST_JOIN = /^\s*(,|and|, and|&|or|, or)\s*$/i;

/** Gives bare numbers in a list the unit and kind of the figure that ends the list. */
function withListUnits(text: string, figures: Figure[]): Figure[] {
  for (let i = figures.length - 2; i >= 0; i--) {
    const here = figures[i];
    const next = figures[i + 1];
    if (!here || !next || here.kind !== "bare") continue;
    if (next.kind !== "percent" && next.kind !== "amount") continue;
    if (!LIST_JOIN.test(text.slice(here.end, next.numberStart))) continue;
    const scale = next.token.scaled
      ? next.value / Number(text.slice(next.numberStart, next.token.end).replace(/[^\d.]/g, "") || 1)
      : 1;
    if (!Number.isFinite(scale) || scale <= 0) continue;
    figures[i] = {
      ...here,
      kind: next.kind,
      unit: next.unit,
      value: Number.parseFloat((here.value * (next.kind === "amount" ? scale : 1)).toPrecision(12)),
    };
  }
  return figures;
}

function rawFigures(text: string): Figure[] {
  const ignore = [...quotedSpans(text), ...dateSpans(text)];
  const out: Figure[] = [];
  const parts = structureParts(text);
  for (const token of findNumbers(text)) {
    const part = parts.find((p) => p.start === token.start);
    if (part) {
      out.push({
        start: token.start,
        end: token.end,
        numberStart: token.start,
        token,
        value: part.value,
        unit: "percent",
        kind: "share",
        sector: part.sector,
      });
      continue;
    }
    if (isNeverFigure(text, token, ignore)) continue;
    const before = text.slice(0, token.start);
    const base = { numberStart: token.start, token, value: token.value };
    if (token.kind === "fraction") {
      out.push({ ...base, start: token.start, end: token.end, unit: "percent", kind: "share" });
      continue;
    }
    if (token.ordinal) {
      if (
        /^\s+(consecutive|straight|successive)\s+year\b/i.test(text.slice(token.end)) &&
        LEAD_CUE.test(before)
      )
        out.push({ ...base, start: token.start, end: token.end, unit: "years", kind: "streak" });
      else if (RANK_BEFORE.test(before))
        out.push({ ...base, start: token.start, end: token.end, unit: "rank", kind: "rank" });
      continue;
    }
    const after = text.slice(token.end);
    if (
      (STREAK_AFTER.test(after) || (PAST_YEARS.test(before) && /^\s+years\b/i.test(after))) &&
      LEAD_CUE.test(before)
    ) {
      out.push({ ...base, start: token.start, end: token.end, unit: "years", kind: "streak" });
      continue;
    }
    const unit = unitAround(text, token.start, token.end);
    if (unit) {
      if (token.yearLike && !MONEY.has(unit.unit) && unit.unit !== "percent") continue;
      if (MONEY.has(unit.unit)) {
        if (SIZE_CLASS_AFTER.test(text.slice(unit.end))) continue;
        out.push({ ...base, start: unit.start, end: unit.end, unit: unit.unit, kind: "amount" });
      } else if (unit.unit === "percent") {
        out.push({ ...base, start: unit.start, end: unit.end, unit: "percent", kind: "percent" });
      } else if (unit.unit === "percentage points") {
        out.push({ ...base, start: unit.start, end: unit.end, unit: unit.unit, kind: "points" });
      } else if (unit.unit === "count" || unit.unit === "people") {
        out.push({ ...base, start: unit.start, end: unit.end, unit: unit.unit, kind: unit.unit });
      } else {
        out.push({ ...base, start: unit.start, end: unit.end, unit: unit.unit, kind: "measure" });
      }
      continue;
    }
    if (token.yearLike) continue;
    const noun = countedNounAfter(text, token.end);
    if (noun) {
      if (NOT_ECONOMIC_COUNT.test(noun.head)) continue;
      if (noun.unit === "people" && ATTENDANCE.test(text.slice(noun.end, noun.end + 40))) continue;
      out.push({
        ...base,
        start: token.start,
        end: noun.end,
        unit: noun.unit,
        kind: noun.unit,
        countPhrase: noun.phrase,
      });
      continue;
    }
    // A bare number is kept for the metric to claim ("high-tech enterprises reached 75,000"),
    // unless the word after it names a non-economic count.
    const nextWord = /^\s+([A-Za-z]+)/.exec(after)?.[1] ?? "";
    if (token.kind === "digits" && !NOT_ECONOMIC_COUNT.test(nextWord))
      out.push({ ...base, start: token.start, end: token.end, unit: "", kind: "bare" });
  }
  return out;
}
