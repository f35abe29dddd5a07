/**
 * Which region a figure belongs to: an explicit name (`Zhaoqing`, `肇庆`), a possessive
 * (`Zhaoqing's`), `the province` (Guangdong) or `the city` (the article's main city). China is
 * a region only when it owns the figure (`China's GDP`), never in a comparison (`ranking first
 * in China`, `38.7 percent of the national total`).
 */
import { REGIONS, type Region } from "../facts/reference.js";

/** A region named in a sentence; offsets are sentence-relative. */
export interface RegionMention {
  region: string;
  start: number;
  end: number;
  /** `the province`, `the city`: resolved through the article rather than named. */
  anaphor: boolean;
  /** For China: written as an owner (`China's`, `national`, `nationwide`), not a comparison. */
  owner: boolean;
  /** Named as what a figure is compared with (`higher than the province`, `高于全省`): owns nothing. */
  comparison?: boolean;
}

// Words before a region that make it the yardstick of a comparison, not the figure's owner.
const COMPARED_WITH =
  /(\b(than|compared (with|to)|versus|vs\.?|outpacing|outpaced|outpaces|beating|exceeding)\s+(that of\s+)?(the\s+)?|(高于|低于|快于|慢于|超过|超出|领先|比|较))$/i;

// "ranked first in the province", "the fastest among the 21 cities of Guangdong": the region
// is the field of a ranking, not the figure's owner.
const RANKED_IN =
  /\b(rank(s|ed|ing)?|placed|came|first|second|third|top|highest|lowest|largest|biggest|fastest|slowest|leading|led|leads)\b[^,;.]{0,25}\b(in|among|across|of|within)\s+(all\s+)?(the\s+)?([\w-]+\s+){0,2}$/i;
// The words that say where the region just named lies: "… in (south China's) Guangdong Province".
const LOCATED_IN = /\b(in|of)\s+((south(ern)?|southeast(ern)?)\s+)?(china['’]s\s+)?(the\s+)?$/i;

function isCityName(name: string): boolean {
  return REGIONS.find((r) => r.name === name)?.kind === "city";
}

interface Pattern {
  region: Region;
  needle: string;
  caseSensitive: boolean;
}

// Aliases too short or too common to trust in running text unless written in capitals.
const MIN_ALIAS_LENGTH = 4;

function buildPatterns(): Pattern[] {
  const patterns: Pattern[] = [];
  for (const region of REGIONS) {
    patterns.push({ region, needle: region.name, caseSensitive: false });
    for (const alias of region.aliases) {
      if (alias.length >= MIN_ALIAS_LENGTH) patterns.push({ region, needle: alias, caseSensitive: false });
      else if (alias.length >= 3) patterns.push({ region, needle: alias.toUpperCase(), caseSensitive: true });
    }
    for (const zh of region.zh)
      if (zh.length >= 2) patterns.push({ region, needle: zh, caseSensitive: true });
  }
  // Longest first, so "Guangdong-Hong Kong-Macao Greater Bay Area" beats "Guangdong".
  return patterns.sort((a, b) => b.needle.length - a.needle.length);
}

const PATTERNS = buildPatterns();
// "'s economic powerhouse of ", "'s manufacturing heartland, ": a description, then its subject.
const DESCRIBED_AS_OF = /^['’]s\s+([A-Za-z-]+\s+){1,4}(of|,)\s*(the\s+)?$/;
// "China achieved a GDP of …", "China's GDP": the country as the subject of a result.
const CHINA_AS_SUBJECT =
  /^\s+(achieved|recorded|saw|sees|reported|posted|registered|had|has|realized|realised|logged|notched|grew|expanded)\b/i;
const CHINA = "China";

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z0-9]/.test(ch);
}

/**
 * Region mentions in `text`, longest match first, skipping hyphenated compounds of place
 * names (`Guangzhou-Zhanjiang High-speed Railway`) and anything inside `ignore` spans (quotes).
 */
export function findRegionMentions(
  text: string,
  ignore: ReadonlyArray<{ start: number; end: number }> = [],
): RegionMention[] {
  const lower = text.toLowerCase();
  const taken: RegionMention[] = [];
  const free = (s: number, e: number): boolean =>
    !taken.some((t) => s < t.end && t.start < e) && !ignore.some((q) => s >= q.start && e <= q.end);
  for (const p of PATTERNS) {
    const hay = p.caseSensitive ? text : lower;
    const needle = p.caseSensitive ? p.needle : p.needle.toLowerCase();
    const latin = /[a-z]/i.test(needle);
    let from = 0;
    for (;;) {
      const at = hay.indexOf(needle, from);
      if (at < 0) break;
      from = at + needle.length;
      const end = at + needle.length;
      if (latin && (isWordChar(text[at - 1]) || isWordChar(text[end]))) continue;
      // Place names joined by hyphens name a route or a corridor, not a region's figure.
      if (latin && (/[A-Za-z]-$/.test(text.slice(0, at)) || /^-[A-Za-z]/.test(text.slice(end)))) continue;
      if (!free(at, end)) continue;
      // "China's GDP" and "nationwide" own a figure; "national" mostly qualifies a noun
      // ("national high-tech enterprises", "the national total"), so it does not.
      // After a preposition ("of the country's total", "in China") it is a comparison.
      const owner =
        p.region.name === CHINA &&
        (/^['’]s\b/.test(text.slice(end)) ||
          /^(nationwide|全国)$/i.test(needle) ||
          CHINA_AS_SUBJECT.test(text.slice(end))) &&
        !/\b(of|in|to|across|than|among|for|from|with|throughout|around|over)\s+(the\s+)?$/i.test(
          text.slice(0, at),
        );
      taken.push({ region: p.region.name, start: at, end, anaphor: false, owner });
    }
  }
  for (const m of text.matchAll(/\b(?:the|this|our)\s+province\b|\bprovince-wide\b|全省/gi)) {
    if (free(m.index, m.index + m[0].length))
      taken.push({
        region: "Guangdong",
        start: m.index,
        end: m.index + m[0].length,
        anaphor: true,
        owner: false,
      });
  }
  for (const m of text.matchAll(/\b(?:the|this|our)\s+city\b|\bcity-?wide\b|全市/gi)) {
    if (free(m.index, m.index + m[0].length))
      taken.push({ region: "", start: m.index, end: m.index + m[0].length, anaphor: true, owner: false });
  }
  taken.sort((a, b) => a.start - b.start);
  for (const m of taken) {
    // "China's export hub of Guangdong Province": the description's "of" names
    // the owner; China only locates it.
    if (m.owner && m.region === CHINA) {
      const next = taken.find((n) => n.start > m.end && n.region !== CHINA);
      if (next && DESCRIBED_AS_OF.test(text.slice(m.end, next.start))) m.owner = false;
    }
    const lead = text.slice(Math.max(0, m.start - 40), m.start);
    if (COMPARED_WITH.test(lead) || RANKED_IN.test(lead)) m.comparison = true;
    // "Foshan City in south China's Guangdong Province reported ...": where a city lies
    // describes the city; the province named there owns nothing.
    if (
      LOCATED_IN.test(lead) &&
      taken.some((c) => c.end <= m.start && m.start - c.end < 60 && !c.anaphor && isCityName(c.region))
    )
      m.comparison = true;
  }
  return taken;
}

/**
 * The article's subject: the region named most often (China excluded), ties going to the
 * first named. `cityOnly` picks the main city, which is what `the city` refers to.
 */
export function subjectRegion(mentions: readonly RegionMention[], cityOnly = false): string | undefined {
  const counts = new Map<string, number>();
  for (const m of mentions) {
    if (m.anaphor || m.region === CHINA) continue;
    if (cityOnly && REGIONS.find((r) => r.name === m.region)?.kind !== "city") continue;
    counts.set(m.region, (counts.get(m.region) ?? 0) + 1);
  }
  let best: string | undefined;
  let bestCount = 0;
  for (const [region, count] of counts) {
    if (count > bestCount) {
      best = region;
      bestCount = count;
    }
  }
  return best;
}

/** True when the mention can own a figure: China only as an owner (`China's GDP`). */
export function canOwnFigure(mention: RegionMention): boolean {
  if (mention.comparison) return false;
  return mention.region !== CHINA || mention.owner;
}

// What an appositive opens with: a description of the region just named, not a new owner.
const APPOSITIVE =
  /^\s*,\s*((?:the|a|an|one of|home to|known as|dubbed|(?:south |southern )?china['’]s)\s[^,;:，。；\d]{0,100}?)\s*,/i;

/**
 * Appositives after a region name ("Shenzhen, the province's tech hub, saw ..."): region
 * names inside one describe the region before it and own no figure. An appositive holds no
 * digits, so "In Shenzhen, the city's GDP rose 5%," is not one.
 */
export function appositiveSpans(
  text: string,
  mentions: readonly RegionMention[],
): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  for (const m of mentions) {
    if (m.anaphor) continue;
    const match = APPOSITIVE.exec(text.slice(m.end));
    const body = match?.[1];
    if (!match || body === undefined) continue;
    const start = m.end + match[0].indexOf(body);
    spans.push({ start, end: start + body.length });
  }
  return spans;
}

// Words that may come before a sentence's subject: a connective or "In" ("In Shenzhen, ...").
const BEFORE_SUBJECT =
  /^[\s"“]*(?:(?:in|meanwhile|also|however|moreover|in addition|similarly|by contrast|in comparison|for its part|as for|and|but)[\s,]+)*$/i;
// A wire dateline before the first sentence ("GUANGZHOU, July 30 (Xinhua) -- ").
const DATELINE = /^[^\n]{0,80}?(?:--|—|\/PRNewswire\/\s*--)\s*/;
// "ZHUHAI, March 3 (Xinhua) --", "SHENZHEN, March 3 /PRNewswire/ --": a wire dateline.
const WIRE_DATELINE =
  /^[A-Z][A-Z .'-]{2,30},\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2}(?:,\s*\d{4})?\s*(?:\([^)]{2,30}\)|\/[^/]{2,30}\/)?\s*(?:--|—|–)\s*/;

/** The span of a wire dateline opening the sentence, whose place names own nothing. */
export function datelineSpan(text: string): { start: number; end: number } | undefined {
  const m = WIRE_DATELINE.exec(text);
  return m ? { start: 0, end: m[0].length } : undefined;
}

/**
 * The region that opens the sentence as its subject (`Shenzhen, the province's tech hub, saw
 * its GDP ...`), which is what `its` and `the city's` later in the sentence refer to.
 */
export function sentenceSubject(text: string, mentions: readonly RegionMention[]): RegionMention | undefined {
  const dateline = DATELINE.exec(text);
  const from = dateline ? dateline[0].length : 0;
  const first = mentions.find((m) => m.start >= from);
  if (!first || first.anaphor || !canOwnFigure(first)) return undefined;
  return BEFORE_SUBJECT.test(text.slice(from, first.start)) ? first : undefined;
}
