/**
 * Sub-populations of a metric: the words that restrict a vocabulary metric to a part of the
 * whole ("private enterprises' trade", "general trade imports and exports", "exports of
 * mechanical and electrical products", "trade with ASEAN", "industrial enterprises above
 * designated size"). A figure for a part must never be filed under the total, so the part
 * stays in the metric's name: `private enterprises import and export volume`.
 *
 * Read from the noun phrase around the vocabulary mention, not from a word list of parts: what
 * is left of the phrase once determiners, owners (regions, "the city's") and words that do
 * not restrict ("total", "local", "value") are taken away is the part.
 */
import { readsAsNounPhrase } from "./noun-phrase.js";

// Words that describe the whole, not a part of it.
const NON_RESTRICTIVE = new Set([
  "the",
  "a",
  "an",
  "its",
  "their",
  "this",
  "that",
  "these",
  "those",
  "our",
  "total",
  "overall",
  "local",
  "whole",
  "entire",
  "cumulative",
  "accumulated",
  "combined",
  "aggregate",
  "annual",
  "monthly",
  "quarterly",
  "yearly",
  "city's",
  "province's",
  "country's",
  "nation's",
  "region's",
  "city",
  "province",
  "provincial",
  "municipal",
  "city-wide",
  "citywide",
  "province-wide",
  "provincewide",
  "value",
  "volume",
  "values",
  "amount",
  "figure",
  "level",
  "scale",
  "also",
  "and",
  "of",
  "which",
  "year-on-year",
  "regional",
  "main",
  "major",
  "key",
  "economic",
  "sum",
  "all",
  "such",
  "both",
  "respective",
  "same",
  "period",
  "goods",
  // Hedges and qualifiers that wander before a metric ("about GDP of US$1.4 trillion").
  "about",
  "around",
  "nearly",
  "almost",
  "approximately",
  "roughly",
  "some",
  "over",
  "just",
  "only",
  "still",
  "more",
  "less",
  "than",
]);

// Words that end the noun phrase when read backwards from the metric: verbs, prepositions,
// conjunctions and the like. The part is what follows the last of them.
const PHRASE_BREAK =
  /^(in|on|at|by|for|from|to|with|as|than|while|whereas|but|or|when|where|after|before|since|during|among|including|such|like|is|are|was|were|be|been|has|have|had|saw|sees|see|recorded|registered|reported|posted|achieved|realized|realised|showed|shows|reached|totaled|totalled|amounted|hit|grew|rose|increased|fell|dropped|declined|while|meanwhile|moreover|furthermore|additionally|however|also|there|it|they|he|she|we|said|says|according|up|down|of|that|which|who|whose|show|shows|showed|shown|data|statistics|indicated|indicates)$/i;

const MAX_PART_WORDS = 5;

function isModifier(word: string): boolean {
  const clean = word.replace(/['’]s?$/, "").replace(/[,;:.]+$/, "");
  return (
    clean !== "" &&
    (NON_RESTRICTIVE.has(clean.toLowerCase()) ||
      readsAsNounPhrase(clean) ||
      readsAsNounPhrase(`${clean} value`))
  );
}

function cleanWords(text: string): string[] {
  return text
    .replace(/[“”"()（）[\]]/g, " ")
    .split(/\s+/)
    .map((w) => w.trim())
    .filter((w) => w !== "");
}

function keepPart(words: readonly string[], regionNames: ReadonlySet<string>): string | undefined {
  const kept = words
    .map((w) => w.replace(/['’]s?$/, (m) => (m.length > 1 ? "'s" : "")))
    // "mechanical and electrical products": "and" inside a part joins its words.
    .filter(
      (w, i, all) =>
        !NON_RESTRICTIVE.has(w.toLowerCase()) || (/^(and|&)$/i.test(w) && i > 0 && i < all.length - 1),
    )
    .filter((w) => !regionNames.has(w.toLowerCase().replace(/'s$/, "")))
    .filter((w) => /[a-z]/i.test(w) && !/\d/.test(w))
    .map((w) =>
      w
        .toLowerCase()
        .replace(/'s$/, "")
        .replace(/[,;:.]+$/, ""),
    )
    .filter((w) => w !== "");
  if (kept.length === 0 || kept.length > MAX_PART_WORDS) return undefined;
  const part = kept.join(" ");
  return part.length >= 3 ? part : undefined;
}

/**
 * The restricting words right before a vocabulary mention, inside its noun phrase
 * ("Guangdong's general trade" → "general trade"; "private enterprises' trade" →
 * "private enterprises"; "the city's total trade" → undefined).
 */
export function partBefore(before: string, regionNames: ReadonlySet<string>): string | undefined {
  const tail = before.split(/[,;:，；：—]/).pop() ?? "";
  const words = cleanWords(tail);
  let from = words.length;
  while (from > 0) {
    const word = words[from - 1] ?? "";
    if (PHRASE_BREAK.test(word)) break;
    // A region or "the city's" owns the whole figure and ends the part ("Zhaoqing's GDP");
    // any other owner is the part ("private enterprises' trade").
    const owner = /['’]s?$/.test(word) ? word.replace(/['’]s?$/, "").toLowerCase() : undefined;
    if (
      owner !== undefined &&
      (regionNames.has(owner) || /^(city|province|country|nation|region)$/.test(owner))
    )
      break;
    if (regionNames.has(word.toLowerCase())) break;
    from--;
  }
  // Only the run of words that can modify a noun, right before the metric, is the part
  // ("December booked record retail sales" → no part worth keeping but "record").
  const candidate = words.slice(from);
  let start = candidate.length;
  while (start > 0 && isModifier(candidate[start - 1] ?? "")) start--;
  return keepPart(candidate.slice(start), regionNames);
}

// "exports of mechanical and electrical products", "trade with ASEAN", "trade value of
// State-owned enterprises": the part after the metric, up to the verb or punctuation.
const AFTER_LEAD = /^\s*(?:value\s+|volume\s+)?(of|with|by|from)\s+/i;
const AFTER_STOP =
  /^(grew|rose|increased|fell|dropped|declined|reached|totaled|totalled|was|were|is|are|amounted|hit|stood|up|down|in|at|to|for|during|accounted|accounting|making|which|that|recorded|registered|saw|posted|continued|expanded|jumped|surged|climbed|the|decreased|dipped)$/i;

/**
 * The part named after a vocabulary mention: `of X` (the owner of the flow), `with X` (the
 * trading partner), `by X` ("trade by private enterprises"). Regions after "of" are owners of
 * the whole figure, not parts, and are left out.
 */
export function partAfter(
  after: string,
  regionNames: ReadonlySet<string>,
): { part: string; preposition: string } | undefined {
  const lead = AFTER_LEAD.exec(after);
  if (!lead) return undefined;
  const preposition = (lead[1] ?? "").toLowerCase();
  const rest = after.slice(lead[0].length).split(/[,;:.()，；：。]/)[0] ?? "";
  const words: string[] = [];
  for (const w of cleanWords(rest)) {
    if (words.length > 0 && AFTER_STOP.test(w)) break;
    if (/\d/.test(w)) break;
    words.push(w);
    if (words.length > MAX_PART_WORDS + 1) return undefined;
  }
  // "with a surge of", "by an increase of": the change itself, not a partner or an owner.
  if (
    /^(an? )?(surge|increase|rise|growth|decline|decrease|drop|jump|gain|fall|year-on-year)\b/i.test(
      words.join(" "),
    )
  )
    return undefined;
  // "the first quarter", "this year": a period, not a part.
  if (/^(the )?(first|second|third|fourth|same|last|this|previous|past|next)\b/i.test(words.join(" ")))
    return undefined;
  const part = keepPart(words, regionNames);
  if (!part) return undefined;
  if (regionNames.has(part)) return undefined;
  return { part, preposition };
}
