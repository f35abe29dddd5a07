/**
 * How a figure is stated (exact, approximate, a floor, a ceiling, a projection or a target),
 * which way a change goes (`fell`, `decrease`, `down` make it negative), and whether a sentence
 * looks forward (plans, targets) or reports what happened.
 */
import type { Qualifier } from "../facts/fact.js";

const TARGET =
  /\b(targets?|targeted|goals?|aims? (to|at|for)|aiming|expected to (grow|rise|increase|reach|exceed|be)|strive|striving|strives|push(ing)? .{0,40}\bto|plans? to|planning to|seek(s|ing)? to|by the end of (this|next) year)\b|目标|力争|预期/i;
const PROJECTED =
  /\b(projected|projection|forecasts?|forecasted|estimated to|expected to (surpass|top|hit)|is set to|on track to|likely to|anticipated)\b|预计/i;
const UNDER = /\b(less than|under|below|fewer than|at most|up to|within|no more than)\s*$|不足|不到|以内/i;
// Floors right before the number ("over", "more than") or a verb a few words before it
// ("exceeded 7 trillion", "surpass a milestone of 14 trillion").
const OVER =
  /\b(over|more than|above|at least|in excess of|upwards of|beyond)\s*$|\b(exceed(ed|s|ing)?|surpass(ed|es|ing)?|top(ped|s)?|break(s|ing)? through|broke through)\b(\s+\S+){0,4}\s*$|超过|突破|逾/i;
const APPROX =
  /\b(about|around|approximately|approx\.?|nearly|almost|roughly|some|close to|estimated at|an estimated|circa)\s*$|\bit is estimated that\b[^,;]{0,40}$|约|近/i;

/**
 * The qualifier of a figure from the words before it in its clause (`before`) and the
 * sentence it sits in. Target beats projected beats over/under beats approx: "the target is
 * set at around 5 percent" is a target.
 * @example qualifierOf("is projected to surpass a milestone of", "…", false) === "projected"
 */
export function qualifierOf(before: string, sentence: string, forwardLooking: boolean): Qualifier {
  const near = before.slice(-60);
  if (TARGET.test(before)) return "target";
  if (PROJECTED.test(before)) return "projected";
  // A plan stated with a floor ("pushing investment to over 100 billion") is a target.
  const over = OVER.test(near);
  if (
    forwardLooking &&
    (over || /\bwill\b/i.test(before)) &&
    !/\b(it is estimated|estimated)\b/i.test(sentence)
  )
    return "target";
  if (UNDER.test(near)) return "under";
  if (over) return "over";
  if (APPROX.test(near)) return "approx";
  return "exact";
}

/**
 * True when `text` (a sentence up to a figure) sets a goal: "aims to grow investment by 4
 * percent, retail sales by 6 percent, ..." makes every figure of the list a target.
 */
export function setsTarget(text: string): boolean {
  return TARGET.test(text);
}

const CHANGE =
  /\b(increase[sd]?|increasing|grew|grow|grows|growing|growth|rise|rises|rose|risen|rising|up|year-on-year|yoy|y-o-y|expand(ed|s)?|expansion|jump(ed|s)?|surge[sd]?|climb(ed|s)?|gain(ed|s)?|higher|fell|fall|falls|fallen|falling|decrease[sd]?|decreasing|decline[sd]?|declining|down|drop(ped|s)?|dipped|contract(ed|ion|s)?|slid|slump(ed)?|lower|negative growth)\b|增长|增速|增幅|同比|下降|减少|回落/i;

/**
 * True when `text` (the words just before a percentage, or just after it) says it is a change:
 * `increase of`, `grew`, `year-on-year`, `fell by`, `增长`.
 */
export function isChange(text: string): boolean {
  return CHANGE.test(text) || UP_WORDS.test(text) || DOWN_WORDS.test(text);
}

const UP_WORDS =
  /\b(increase[sd]?|increasing|grew|grow|grows|growing|growth|rise|rises|rose|risen|rising|up|expand(ed|s)?|expansion|jump(ed|s)?|surge[sd]?|surging|climb(ed|s)?|gain(ed|s)?|soar(ed|s)?|rall(ied|y)|accelerat(ed|es)|boost(ed)?|higher(?!\s+than)|skyrocket(ed|s)?)\b|增长|上升|提高/i;
const DOWN_WORDS =
  /\b(fell|fall|falls|fallen|falling|decrease[sd]?|decreasing|decline[sd]?|declining|down|drop(ped|s)?|dipped|dip|contract(ed|ion|s)?|shr[au]nk|shrinking|slid|slump(ed)?|plunge[sd]?|plummet(ed|s)?|tumbl(ed|es)|sank|sink|retreat(ed)?|lower(?!\s+than)|negative growth|reduc(ed|tion)|decrement)\b|下降|减少|回落|下滑/i;
// After the figure only a change noun that names this figure counts ("6.8 percent decline");
// "down from 5%" or "lower than" compares with another figure.
const DOWN_AFTER =
  /^\s*(year[- ]on[- ]year\s+|yoy\s+)?(decline|decrease|drop|fall|contraction|reduction|down|lower)\b(?!\s+(from|than))/i;

/**
 * Which way a change goes: the change word nearest before the figure decides ("grew 3.9
 * percent" is up even if "down" follows later), else a decline noun right after it.
 * @example directionOf("exports plummeted by", "") === "down"
 */
export function directionOf(before: string, after: string): "up" | "down" | undefined {
  const near = before.slice(-60);
  const last = (re: RegExp): number => {
    let at = -1;
    for (const m of near.matchAll(new RegExp(re.source, "gi"))) at = m.index;
    return at;
  };
  const up = last(UP_WORDS);
  const down = last(DOWN_WORDS);
  if (up >= 0 || down >= 0) return down > up ? "down" : "up";
  return DOWN_AFTER.test(after) ? "down" : undefined;
}

const FORWARD =
  /\b(will|shall|plans? to|aims? to|strive|strives|target(s|ed)?|goals?|expected to|is set to|going to|seek(s)? to|vigorously|accelerate)\b|将|力争|计划|目标/i;

/**
 * True for a sentence about the future (a plan, target or promise). Machine translations write
 * results in the future tense ("GDP in 2023 will reach"), so callers overrule this when the
 * sentence names a year before publication.
 */
export function isForwardLooking(sentence: string): boolean {
  return FORWARD.test(sentence);
}
