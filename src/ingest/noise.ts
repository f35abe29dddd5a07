/**
 * What is not a figure: site navigation, footers, contact blocks, phone and fax numbers, dates,
 * times, addresses, identifiers, list ranks ("top 100") and head-counts at a press event.
 * Pure predicates; extraction asks them before turning a number into a fact.
 */

const MONTHS =
  "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec";

// A line that starts one of these ends the article: what follows is comments, related posts,
// copyright or licence boilerplate.
const FOOTER_START =
  /^\s*(no comments?\b|post a comment|\d+\s+comments?\b|copyright\b|©|all rights reserved|related (articles|news|posts|stories|reading)|you may also like|contact us\s*\|)/i;

// Single lines that are boilerplate wherever they appear.
const BOILERPLATE_LINE =
  /^\s*(tel|phone|telephone|fax|mobile|hotline|e-?mail|address|add|contact|website|web|wechat|editor|responsible editor|reporter|translator|cover photo|photo|source|share|print)\s*[:：]/i;

const UNIT_LINE =
  /^[(（]\s*((units?|单位)\s*[:：]\s*)?(100 million|10,000|ten thousand|thousand|million|billion|亿|万|百万)?\s*(yuan|rmb|元|us dollars|dollars|tons|吨|%|percent)(\s*[,，、]\s*(%|percent))?\s*[)）]$|^(units?|单位)\s*[:：]\s*\S.{0,30}$/i;

/** True for a table's unit line (`(100 million yuan)`, `单位：亿元`): a scale, not a figure. */
export function isUnitLine(line: string): boolean {
  const text = line.trim();
  return text.length <= 50 && UNIT_LINE.test(text);
}

/**
 * True for a line of site chrome: bullets of a menu (`· NEWS`), short lines with no figure and
 * no closing punctuation, `|`-separated link bars, licence numbers like `粤B2-20040381号`.
 */
export function isNoiseLine(line: string): boolean {
  const text = line.trim();
  if (text === "") return false;
  if (BOILERPLATE_LINE.test(text)) return true;
  if (/^[·•»>|]/.test(text)) return true;
  if ((text.match(/\|/g) ?? []).length >= 2) return true;
  if (/ICP|[\u4e00-\u9fff][A-Z]\d*-\d{6,}号?/.test(text) && text.length < 60) return true;
  const words = text.split(/\s+/).length;
  const hasDigit = /\d/.test(text);
  const closes = /[.!?。！？;；:]["”’)]?$/.test(text);
  // Headings and menu items carry no figure; a short line with a digit may be a table row.
  return !hasDigit && !closes && words <= 6;
}

/** True when a line marks the start of the footer (everything after it is not article). */
export function isFooterStart(line: string): boolean {
  return FOOTER_START.test(line);
}

/** Sentence-relative spans of dates and clock times, whose numbers are never figures. */
export function dateSpans(text: string): Array<{ start: number; end: number }> {
  const patterns = [
    new RegExp(`\\b(${MONTHS})\\.?\\s+\\d{1,2}(st|nd|rd|th)?(\\s*,\\s*\\d{4})?\\b`, "gi"),
    new RegExp(`\\b\\d{1,2}(st|nd|rd|th)?\\s+(${MONTHS})\\.?(\\s*,?\\s*\\d{4})?\\b`, "gi"),
    /\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b/g,
    /\b\d{1,2}:\d{2}(:\d{2})?\b/g,
    /\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}月\d{1,2}日/g,
    // "on the 29th", "the 29th of": a day of the month.
    /\bon the \d{1,2}(st|nd|rd|th)\b/gi,
  ];
  const spans: Array<{ start: number; end: number }> = [];
  for (const re of patterns) {
    for (const m of text.matchAll(re)) spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

/**
 * True for a number that is a phone or fax number, an identifier or part of an address:
 * `+86 758 2899202`, `0086-758-2583333`, `No. 18`, `6/F`, a seven-digit run with no separators.
 * `numStart`/`numEnd` are sentence-relative offsets of the digits.
 */
export function isContactOrIdNumber(text: string, numStart: number, numEnd: number): boolean {
  const before = text.slice(Math.max(0, numStart - 12), numStart);
  const after = text.slice(numEnd, numEnd + 12);
  const digits = text.slice(numStart, numEnd);
  if (/(tel|fax|phone|hotline)\s*[:：]?\s*[+(\d\s-]*$/i.test(before)) return true;
  if (/(\+|00)\d{2,3}[\s-]*\(?\d*\)?[\s-]*$/.test(before) || /^[\s-]\d{3,}/.test(after)) return true;
  if (/^\d{7,}$/.test(digits)) return true;
  if (
    /\bno\.?\s*$/i.test(before) ||
    /^\s*\/\s*F\b/i.test(after) ||
    /^(st|nd|rd|th)?\s*(floor|fl\.)/i.test(after)
  )
    return true;
  if (/^\s+(road|rd\.?|street|st\.|avenue|ave\.?|lane|building|tower|room)\b/i.test(after)) return true;
  return false;
}

/**
 * True for ranks in a list rather than quantities: "top 100 counties", "Top Ten", "Fortune
 * Global 500". `before` is the text right before the number.
 */
export function isListRank(before: string): boolean {
  return /\b(top|fortune|global|forbes|no\.?|number|phase|grade|level|class|batch|stage|session|chapter|article|item|line)\s*$/i.test(
    before,
  );
}

/**
 * Nouns whose counts describe an event or an itinerary, not the economy: reporters at a press
 * conference, media outlets, delegates, places visited.
 */
export const NOT_ECONOMIC_COUNT =
  /^(reporters?|journalists?|media|outlets?|delegates?|deputies|attendees|participants?|guests?|speakers?|cities|provinces|countries|counties|districts|towns|villages|regions|matters|items|times|sentences|keywords|points|questions|answers|days|hours|minutes|months|weeks|meetings|sessions|rounds)$/i;

/** Verbs that make a head-count an attendance figure ("300 people attended"). */
export const ATTENDANCE = /\b(attend(ed|ing)?|participat(ed|ing)|took part|gathered|were present|sat in)\b/i;
