/**
 * Places the bot does not cover (Hong Kong, Macao, other provinces, other countries) named as
 * the owner of a figure: "Jiangsu province, whose GDP hit …", "Hong Kong's exports rose …".
 * Such figures are not Guangdong's and must never be filed under a Guangdong region. A place
 * named as a partner ("trade with Japan", "exports to Hong Kong") owns nothing and is left to
 * the metric.
 */
import { OUTSIDE_PLACES } from "../facts/reference.js";

/** An outside place written as a figure's owner; offsets are sentence-relative. */
export interface OutsideOwner {
  place: string;
  start: number;
  end: number;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// Names of four letters or more, whole words; short aliases ("hk") are too ambiguous in prose.
const NAMES = OUTSIDE_PLACES.flatMap((p) =>
  [p.name, ...p.aliases].filter((n) => n.length >= 4).map((n) => ({ place: p.name, name: n })),
).sort((a, b) => b.name.length - a.name.length);
// English names only: in Chinese text "对香港出口" (exports to Hong Kong) has no word to tell an
// owner from a partner, so Chinese names are left to the reader.
const PATTERN = new RegExp(
  `(?<![\\w-])(${NAMES.map((n) => escapeRegExp(n.name)).join("|")})(?![\\w-])`,
  "gi",
);
const PLACE_OF = new Map(NAMES.map((n) => [n.name.toLowerCase(), n.place]));

// What makes a place the owner: a possessive, its own administrative noun, or a result verb.
const OWNER_AFTER =
  /^(['’]s\b|\s+(province|city|municipality|special administrative region|sar)\b|\s+(grew|rose|recorded|reported|saw|achieved|posted|registered|had|has|logged|expanded)\b)/i;
// A partner or a yardstick: "with Japan", "to Hong Kong", "than Jiangsu".
const PARTNER_BEFORE = /\b(with|to|from|than|and|or|versus|vs\.?|including|like)\s+(the\s+)?$/i;

/**
 * The outside places `text` names as owners of what follows them.
 * @example outsideOwners("Jiangsu province, whose GDP hit 5.7 trillion yuan") → [{ place: "Jiangsu", … }]
 * @example outsideOwners("trade with Japan rose 3 percent") → []
 */
export function outsideOwners(text: string): OutsideOwner[] {
  const out: OutsideOwner[] = [];
  for (const m of text.matchAll(PATTERN)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    // "Guangdong-Hong Kong-Macao Greater Bay Area" names the Bay Area, not Hong Kong.
    if (/-$/.test(text.slice(0, start)) || /^-/.test(text.slice(end))) continue;
    if (PARTNER_BEFORE.test(text.slice(Math.max(0, start - 20), start))) continue;
    if (!OWNER_AFTER.test(text.slice(end, end + 40))) continue;
    const place = PLACE_OF.get(m[0].toLowerCase()) ?? m[0];
    out.push({ place, start, end });
  }
  return out;
}
