/**
 * What a figure measures: the phrase in the text mapped to the metric vocabulary
 * (`total retail sales of consumer goods` → `retail sales of consumer goods`), or, when the
 * vocabulary has no word for it, the text's own short noun phrase in lower case. Variants are
 * composed here: `<metric> growth`, `<metric> growth target`, `share of national <metric>`.
 */
import { METRICS, type Metric } from "../facts/reference.js";

/** A vocabulary metric named in a sentence; offsets are sentence-relative. */
export interface MetricMention {
  metric: string;
  start: number;
  end: number;
  /** The matched words themselves say "growth" (`economic growth`). */
  impliesGrowth: boolean;
}

// Synonyms that are ordinary words in running text ("the low-altitude economy"); they name a
// metric only in a query, not in an article.
const TOO_VAGUE = new Set([
  "economy",
  "retail",
  "consumption",
  "people",
  "residents",
  "employment",
  "change",
  "unemployment",
  "inflation",
  "patents",
]);

// "trade", "exports", "imports" alone name the flow only as a head noun ("the city's trade
// was", "exports rose"), not as a modifier of another noun ("trade fairs", "export controls").
const FLOW_WORDS = new Set(["trade", "import", "export", "imports", "exports"]);
const NOT_A_FLOW_AFTER =
  /^\s*(-\s*)?(fairs?|wars?|shows?|expos?|partners?|zones?|polic(y|ies)|frictions?|tensions?|barriers?|disputes?|surplus|deficit|agreements?|cent(er|re)s?|hubs?|ports?|routes?|modes?|structure|protectionism|talks|relations|cooperation|ties|links?|channels?|networks?|facilitation|liberali[sz]ation|controls?|restrictions?|bans?|licen[cs]es?|enterprises?|companies|firms|businesses|markets?|destinations?|-oriented|oriented|growth rate|platforms?|services?|promotion|missions?|delegations?|bod(y|ies)|organi[sz]ations?|rules?|data|statistics|figures|environment|development|sector|industry|dependence|competitiveness|powerhouse|giant|city|province)\b/i;

interface Needle {
  text: string;
  metric: Metric;
  latin: boolean;
  /** Latin needles match across any run of spaces, so a masked owner may sit between words. */
  pattern: RegExp;
}

const NEEDLES: Needle[] = METRICS.flatMap((metric) =>
  [metric.name, ...metric.synonyms, ...metric.zh]
    .filter((t) => !TOO_VAGUE.has(t.toLowerCase()))
    .map((t) => {
      const text = t.toLowerCase();
      const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+");
      return { text, metric, latin: /[a-z]/i.test(t), pattern: new RegExp(escaped, "g") };
    }),
).sort((a, b) => b.text.length - a.text.length);

// An owner written inside a metric's name ("the added value of the province's industrial
// enterprises above designated size"): blanked before matching so the name still matches.
const INNER_OWNER =
  /\b(?:(?:the|this|our)\s+(?:province|city|country|nation)|[a-z]+)['’]s\s+|\b(?:its|their)\s+/g;

/** The vocabulary entry with this canonical name. */
export function metricByName(name: string): Metric | undefined {
  return METRICS.find((m) => m.name === name);
}

/**
 * Vocabulary metrics named in `text`, longest match first, without overlaps. Latin names
 * match whole words (a trailing plural `s` allowed: "expenditures"); Chinese names match anywhere.
 */
export function findMetricMentions(text: string): MetricMention[] {
  const lower = text.toLowerCase();
  const masked = lower
    .replace(INNER_OWNER, (m) => " ".repeat(m.length))
    // "above the designated size", "above a designated size" name the same threshold.
    .replace(
      /\b(above\s+)(the|a)(\s+designated)/g,
      (_m, a: string, b: string, c: string) => `${a}${" ".repeat(b.length)}${c}`,
    );
  const found: MetricMention[] = [];
  for (const needle of NEEDLES) {
    const re = needle.pattern;
    re.lastIndex = 0;
    for (;;) {
      const hit = re.exec(needle.latin ? masked : lower);
      if (!hit) break;
      const at = hit.index;
      re.lastIndex = at + 1;
      let end = at + hit[0].length;
      if (needle.latin) {
        if (/[a-z0-9]/.test(lower[at - 1] ?? "")) continue;
        if (lower[end] === "s" && !/[a-z0-9]/.test(lower[end + 1] ?? "")) end += 1;
        if (/[a-z0-9]/.test(lower[end] ?? "")) continue;
        if (FLOW_WORDS.has(needle.text) && (NOT_A_FLOW_AFTER.test(lower.slice(end)) || lower[at - 1] === "-"))
          continue;
      }
      if (found.some((f) => at < f.end && f.start < end)) continue;
      found.push({
        metric: needle.metric.name,
        start: at,
        end,
        impliesGrowth: /growth|增长/.test(needle.text),
      });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The mention nearest before `offset` that lies inside `[from, offset)`. */
export function nearestBefore(mentions: readonly MetricMention[], from: number, offset: number) {
  let best: MetricMention | undefined;
  for (const m of mentions) if (m.start >= from && m.end <= offset) best = m;
  return best;
}

// Verbs, copulas, prepositions and hedges between a metric's words and its number.
const TRAILING_FILLER =
  /(?:\s+|^)(of|at|to|by|was|were|is|are|be|will|has|have|had|been|reached|reach(es)?|hit|hits|totall?ed|totals?|amounted|amounts?|stood|stands|exceeded|exceeds?|surpassed|surpass(es)?|topped|tops?|about|around|approximately|nearly|over|more than|less than|up|down|some|roughly|an?|the|completed|recorded|registered|achieved|realized|posted|projected|expected|estimated|set|reaching|totall?ing|increased|increase|rose|grew|fell|decreased|decline[sd]?|dropped|accounting for|accounts? for|accounted for|for|with|in|its|their|rate|strong|milestone|level|there|would|should|could|can|it|that)\s*$/i;
const LEADING_FILLER = /^(the|a|an|its|their|his|her|our|this|that|and|but|while|with|of|in|as|also)\s+/i;
const STOPWORD_BREAK =
  /\b(that|which|said|says|and|but|while|where|when|as|because|after|before|since|there are|there is|among them)\b/gi;

/** Removes region names (`Zhaoqing's`, `深圳市`) from a phrase. */
export function stripRegionNames(text: string, regionNames: readonly string[]): string {
  let out = text;
  for (const name of regionNames) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const re = /[a-z]/i.test(name) ? new RegExp(`\\b${escaped}(['’]s)?\\b`, "gi") : new RegExp(escaped, "g");
    out = out.replace(re, " ");
  }
  return out;
}

const VERB =
  /^(has|have|had|is|are|was|were|will|completed|complete|made|started|start|achieved|recorded|registered|realized|posted|saw|reported|invested|attracted|added)$/i;

/**
 * The subject of a clause: the words before its last verb ("Zhaoming Expressway has
 * completed a total investment of" → "zhaoming expressway"), at most four words.
 */
export function subjectBeforeVerb(before: string, regionNames: readonly string[]): string | undefined {
  const words = before
    .replace(/[“”"()]/g, " ")
    .trim()
    .split(/\s+/);
  let verbAt = -1;
  words.forEach((w, i) => {
    if (VERB.test(w)) verbAt = i;
  });
  while (verbAt > 0 && VERB.test(words[verbAt - 1] ?? "")) verbAt--;
  if (verbAt <= 0) return undefined;
  let subject = stripRegionNames(words.slice(Math.max(0, verbAt - 4), verbAt).join(" "), regionNames);
  subject = subject
    .replace(/^.*\b(the|and|that|which|of)\b/i, "")
    .replace(/[^A-Za-z\s-]/g, " ")
    .trim()
    .toLowerCase();
  return subject.length >= 3 ? subject.replace(/\s+/g, " ") : undefined;
}

/**
 * The text's own name for what a number measures: the noun phrase just before it, stripped
 * of verbs, hedges and leading articles, at most six words, lower case, without the region
 * (`Zhaoqing's city-wide financial investment was` → `city-wide financial investment`).
 */
export function ownPhraseBefore(before: string, regionNames: readonly string[]): string | undefined {
  let text = before.replace(/[“”"()（）]/g, " ").replace(/\s+/g, " ");
  for (;;) {
    const next = text.replace(TRAILING_FILLER, "");
    if (next === text) break;
    text = next;
  }
  // Keep only the words after the last clause break or connective.
  const cut = Math.max(text.lastIndexOf(","), text.lastIndexOf(";"), text.lastIndexOf(":"));
  text = text.slice(cut + 1);
  let lastBreak = -1;
  for (const m of text.matchAll(STOPWORD_BREAK)) lastBreak = m.index + m[0].length;
  if (lastBreak >= 0) text = text.slice(lastBreak);
  text = stripRegionNames(text, regionNames);
  text = text.replace(/\b(the|this) (province|city)(['’]s)?\b/gi, " ").replace(/\b\d[\d,.]*\b/g, " ");
  let words = text
    .trim()
    .split(/\s+/)
    .filter((w) => w !== "");
  // Drop a subject and its verb ("Zhaoqing has completed an investment" → "investment").
  let verbAt = -1;
  words.forEach((w, i) => {
    if (VERB.test(w)) verbAt = i;
  });
  if (verbAt >= 0 && verbAt < words.length - 1) words = words.slice(verbAt + 1);
  let phrase = words
    .slice(-8)
    .join(" ")
    .replace(/^[^A-Za-z\u4e00-\u9fff]+/, "");
  for (;;) {
    const next = phrase.replace(LEADING_FILLER, "").replace(TRAILING_FILLER, "").trim();
    if (next === phrase) break;
    phrase = next;
  }
  phrase = phrase.toLowerCase().replace(/['’]s\b/g, "'s");
  return /[a-z\u4e00-\u9fff]/.test(phrase) && phrase.length >= 3 ? phrase : undefined;
}

/**
 * A short phrase after a number: `in industrial technological transformation` →
 * `industrial technological transformation`. Up to five words, stopping at punctuation.
 */
export function phraseAfter(after: string, lead: RegExp): string | undefined {
  const m = lead.exec(after);
  if (!m) return undefined;
  const words = after
    .slice(m.index + m[0].length)
    .split(/[,;:.()"“”]/)[0]
    ?.trim()
    .split(/\s+/)
    .filter((w) => w !== "");
  if (!words || words.length === 0) return undefined;
  const kept: string[] = [];
  for (const w of words.slice(0, 6)) {
    if (
      /^(in|at|for|by|to|from|with|and|or|last|this|which|that|was|is|were|are|has|have)$/i.test(w) &&
      kept.length > 0
    )
      break;
    kept.push(w);
  }
  const phrase = kept
    .join(" ")
    .replace(/^(the|a|an)\s+/i, "")
    .replace(/["“”]/g, "")
    .toLowerCase();
  return phrase.length >= 3 ? phrase : undefined;
}

/** Maps a phrase to its vocabulary name when the whole phrase is a known synonym. */
export function canonicalPhrase(phrase: string): string {
  const lower = phrase.toLowerCase().trim();
  const singular = lower.replace(/s$/, "");
  // "of which export 934.1 billion yuan": a singular that only the plural names.
  const hit = NEEDLES.find((n) => n.text === lower || n.text === singular || n.text === `${lower}s`);
  return hit ? hit.metric.name : lower;
}

/** The unit a metric is naturally stated in, for deciding whether the id needs a unit suffix. */
export function naturalUnit(metric: string): string {
  const entry = metricByName(metric);
  if (entry) {
    switch (entry.kind) {
      case "money":
        return "CNY";
      case "count":
        return "count";
      case "percent":
        return "percent";
      case "people":
        return "people";
      case "length":
        return "km";
    }
  }
  return "";
}

/**
 * Generic heads that say little alone ("total investment"): extraction prefixes them with
 * what they belong to ("major projects total investment").
 */
export function isGenericPhrase(phrase: string): boolean {
  return /^(total |planned |actual )?(investment|investments|output|output value|value|amount|funds?|funding|scale|revenue|total)$/.test(
    phrase,
  );
}
