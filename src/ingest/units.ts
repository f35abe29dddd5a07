/**
 * Units of a number: currencies written before (`US$ 1.9 trillion`, `RMB 5 billion`) or after
 * (`yuan`, `亿元`, `US dollars`), percentages, percentage points (a difference, not a share),
 * lengths, weights, and the counted noun of a bare number (`77,000 high-tech enterprises`).
 */

/** A unit read next to a number and the sentence-relative span it covers. */
export interface UnitMatch {
  unit: string;
  /** Offset where the unit text starts (before the number for prefixed currencies). */
  start: number;
  /** Offset just past the unit text. */
  end: number;
}

const SUFFIX_UNITS: Array<[RegExp, string]> = [
  [/^\s*(percentage points?|percent points?|pct points?|ppts?|pp)\b/i, "percentage points"],
  [/^\s*个百分点/, "percentage points"],
  [/^\s*(%|％|percent\b|per cent\b|pct\b)/i, "percent"],
  [/^\s*(us dollars?|u\.s\. dollars?|american dollars?|usd\b|美元)/i, "USD"],
  [/^\s*(hong kong dollars?|hk dollars?|hkd\b|港元|港币)/i, "HKD"],
  [/^\s*(euros?\b|eur\b|欧元)/i, "EUR"],
  [/^\s*(yuan\b|rmb\b|cny\b|renminbi\b|元|人民币)/i, "CNY"],
  [/^\s*(dollars?)\b/i, "USD"],
  [/^[\s-]*(kilometers?|kilometres?|km|公里|千米)(?![A-Za-z])/i, "km"],
  [/^[\s-]*(square kilometers?|square kilometres?|sq km|平方公里)\b/i, "square km"],
  [/^[\s-]*(square meters?|square metres?|sq m|平方米)\b/i, "square meters"],
  [/^[\s-]*(metric tons?|tonnes?|tons?|吨)(?![A-Za-z])/i, "tons"],
  [/^[\s-]*(teus?|twenty-foot equivalent units?|标箱)(?![A-Za-z])/i, "TEU"],
  [/^[\s-]*(kilowatt-hours?|kwh|千瓦时|度)(?![A-Za-z])/i, "kWh"],
  [/^[\s-]*(家)/, "count"],
  [/^[\s-]*(个)(?=项目|企业|集群|平台)/, "count"],
  [/^[\s-]*(人次)/, "person-times"],
  [/^[\s-]*(人)/, "people"],
];

const PREFIX_UNITS: Array<[RegExp, string]> = [
  [/(US\$|USD|U\.S\. \$)\s*$/, "USD"],
  [/(HK\$|HKD)\s*$/, "HKD"],
  [/(RMB|CNY|¥|￥|Rmb)\s*$/, "CNY"],
  [/(€|EUR)\s*$/, "EUR"],
  [/(?<![A-Za-z])\$\s*$/, "USD"],
];

/** The unit written right after or right before a number whose span is `[start, end)`. */
export function unitAround(text: string, start: number, end: number): UnitMatch | undefined {
  const after = text.slice(end);
  for (const [re, unit] of SUFFIX_UNITS) {
    const m = re.exec(after);
    if (m) return { unit, start, end: end + m[0].length };
  }
  const before = text.slice(Math.max(0, start - 12), start);
  for (const [re, unit] of PREFIX_UNITS) {
    const m = re.exec(before);
    if (m) {
      // "US$ 1.9 trillion yuan" does not happen; a prefix may still be followed by "dollars".
      return { unit, start: start - m[0].length, end };
    }
  }
  return undefined;
}

/** Head nouns of countable economic things: the number before them is a `count`. */
export const COUNT_NOUNS =
  /^(enterprises?|companies|company|firms?|businesses|projects?|clusters?|platforms?|parks?|zones?|patents?|factories|plants|stores|shops|brands|institutions|laboratories|labs|centers|centres|startups|start-ups|unicorns|entities|vehicles|cars|ships|vessels|flights|routes|trains|hospitals|schools|universities|colleges|products|contracts|deals|trademarks|households|units|homes|houses|apartments|stations|piles|robots|drones|hubs|bases|incubators|accelerators|ports|berths|airports|highways|lines|listed companies|market entities)$/i;

/** Head nouns of people: the number before them is in `people`. */
export const PEOPLE_NOUNS =
  /^(people|persons|residents|workers|employees|tourists|visitors|passengers|talents|students|migrants|jobs|graduates|professionals|researchers|scientists|engineers)$/i;

/** Words that may stand between a number and its counted noun ("6 special new 'little giant' enterprises"). */
const MODIFIER = /^["“”'‘’]*[A-Za-z][A-Za-z-]*["“”'‘’]*$/;
const STOP =
  /^(in|of|from|and|or|with|at|to|for|by|on|the|a|an|this|that|these|those|which|who|were|was|is|are|have|has|had|will|be|been|than|more|over|about|per|each|every|consecutive|years?|months?|days?)$/i;

/** The counted noun phrase after a number (`major projects`), or undefined. */
export interface CountedNoun {
  unit: "count" | "people";
  /** The phrase from after the number to its head noun, lower-case (`major projects`). */
  phrase: string;
  head: string;
  end: number;
}

/**
 * Looks up to five words past `end` for a countable head noun, through adjectives and
 * hyphenated modifiers (`8 trillion-level industrial clusters`). Stops at prepositions and
 * punctuation. Returns the noun phrase, extended by a trailing `above designated size`.
 */
export function countedNounAfter(text: string, end: number): CountedNoun | undefined {
  const rest = text.slice(end);
  const tokens = rest
    .slice(0, 80)
    .split(/(?=[,;:.()])|\s+/)
    .filter((t) => t !== "");
  const phrase: string[] = [];
  let consumed = 0;
  for (const token of tokens.slice(0, 6)) {
    const clean = token.replace(/^["“”'‘’]+|["“”'‘’]+$/g, "");
    if (!MODIFIER.test(token)) return undefined;
    if (/['’]s$/.test(clean)) return undefined;
    consumed = rest.indexOf(token, consumed) + token.length;
    if (COUNT_NOUNS.test(clean) || PEOPLE_NOUNS.test(clean)) {
      phrase.push(clean);
      let tailEnd = end + consumed;
      const tail = /^\s+above designated size\b/i.exec(text.slice(tailEnd));
      if (tail) {
        phrase.push("above designated size");
        tailEnd += tail[0].length;
      }
      return {
        unit: COUNT_NOUNS.test(clean) ? "count" : "people",
        phrase: phrase.join(" ").toLowerCase(),
        head: clean.toLowerCase(),
        end: tailEnd,
      };
    }
    if (STOP.test(clean)) return undefined;
    phrase.push(clean);
  }
  return undefined;
}
