/**
 * Query understanding: pulls the region(s), the period and the metric out of free text
 * (English, Chinese, toneless pinyin, common typos) and keeps the rest as words to match.
 * Pure; the vocabulary comes from `data/regions.json` and `data/metrics.json`, so extraction and
 * questions speak one language.
 *
 * How: fold the text (`normalize.ts`), cut Chinese runs into known vocabulary pieces, then take,
 * in this order, the period (token patterns), the metric (longest synonym, then a growth /
 * target / share variant), the regions (names, aliases, Chinese), and finally typo matches by
 * bounded edit distance over the small vocabulary for whatever is left.
 */
import { MONTH_NUMBERS, ORDINAL_NUMBERS } from "./calendar-words.js";
import { editDistance, foldText, isHan, typoAllowance } from "./normalize.js";
import { periodLabel } from "./period.js";
import { METRIC_VARIANTS, METRICS, OUTSIDE_PLACES, REGIONS } from "./reference.js";

/** What a free-text question asks for. */
export interface ParsedQuery {
  /** The text as given (trimmed). */
  text: string;
  /** Canonical region names (`Zhaoqing`), in order of appearance, no duplicates. */
  regions: string[];
  /** Canonical period label (`2023`, `2024-Q1`, `2024-H1`, `2024-03`, `2024-01-to-09`), or null. */
  period: string | null;
  /** The words that named the period, e.g. `last year`. */
  periodText?: string;
  /** Canonical metric name incl. variant (`gdp`, `gdp growth`, `share of national gdp`), or null. */
  metric: string | null;
  /** The words that named the metric, e.g. `foreign trade`. */
  metricText?: string;
  /** Remaining folded words (stop words removed), for fuzzy matching. */
  words: string[];
  /**
   * Places named that the bot does not cover (`Macao`, `Jiangsu`, `Japan`), canonical names, when
   * no covered region owns the question; absent when there are none.
   */
  outside?: string[];
}

/** Both sides of a comparison; each side has inherited what it left out from the other. */
export interface ParsedComparison {
  left: ParsedQuery;
  right: ParsedQuery;
}

/** Options for parsing; `now` resolves `last year` / `this year` and periods given without a year. */
export interface ParseOptions {
  now: Date;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary, built once from the reference tables.

type VariantKind = "growth target" | "share" | "growth";

interface Vocabulary {
  /** Folded phrase → canonical region name. */
  regions: Map<string, string>;
  /** Folded phrase → canonical base metric name. */
  metrics: Map<string, string>;
  /** Folded phrase → variant index in METRIC_VARIANTS. */
  variants: Map<string, number>;
  /** Folded phrase → canonical name of a place outside the bot's regions. */
  outside: Map<string, string>;
  /** Longest phrase, in tokens, over all three maps. */
  maxTokens: number;
  /** Chinese pieces for cutting Han runs, longest first per starting character. */
  hanPieces: Set<string>;
  maxHanPiece: number;
  /** Typo candidates: space-stripped phrase with its meaning. */
  fuzzy: { stripped: string; tokens: number; kind: "region" | "metric"; value: string }[];
  /** Phrases that contain the word `and` (`import and export`), which must not split a comparison. */
  andPhrases: string[];
}

const CHINESE_PERIOD_WORDS = [
  "年",
  "年度",
  "月",
  "月份",
  "季度",
  "上半年",
  "下半年",
  "前三季度",
  "全年",
  "去年",
  "上年",
  "今年",
  "本年",
  "明年",
  "至",
  "到",
  "一季度",
  "二季度",
  "三季度",
  "四季度",
  "第一季度",
  "第二季度",
  "第三季度",
  "第四季度",
];
const CHINESE_STOP_WORDS = [
  "的",
  "是",
  "多少",
  "什么",
  "有",
  "有多少",
  "几",
  "吗",
  "呢",
  "请问",
  "查询",
  "一下",
  "情况",
  "数据",
  "总共",
  "共",
  "和",
  "与",
  "跟",
  "对比",
  "比较",
  "相比",
  "了",
  "家",
  "个",
  "为",
];
const STOP_WORDS = new Set([
  ...CHINESE_STOP_WORDS,
  ...[
    "a an the of in on at to for by from with and or vs versus compare compared against",
    "what whats was were is are be been did do does how much many have has had which who when where",
    "show me tell give please about figure figures number numbers stat stats statistic statistics",
    "data its it there their this that year years annual full whole total overall",
    "city province municipality prefecture shi sheng",
    "年 年度 月 月份 全年",
  ]
    .join(" ")
    .split(" "),
]);

const VARIANT_KIND_BY_INDEX: VariantKind[] = METRIC_VARIANTS.map((v) =>
  v.prefix !== undefined ? "share" : (v.suffix ?? "").includes("target") ? "growth target" : "growth",
);

let vocabulary: Vocabulary | undefined;

function buildVocabulary(): Vocabulary {
  const regions = new Map<string, string>();
  const metrics = new Map<string, string>();
  const variants = new Map<string, number>();
  const outside = new Map<string, string>();
  const fuzzy: Vocabulary["fuzzy"] = [];
  const hanPieces = new Set<string>([...CHINESE_PERIOD_WORDS, ...CHINESE_STOP_WORDS]);

  const add = (map: Map<string, string | number>, phrase: string, value: string | number): void => {
    const folded = foldText(phrase);
    if (folded === "") return;
    if (!map.has(folded)) map.set(folded, value);
    for (const token of folded.split(" ")) if (isHan(token)) hanPieces.add(token);
  };
  const addFuzzy = (phrase: string, kind: "region" | "metric", value: string): void => {
    const folded = foldText(phrase);
    if (folded === "" || isHan(folded)) return;
    fuzzy.push({ stripped: folded.replaceAll(" ", ""), tokens: folded.split(" ").length, kind, value });
  };

  for (const region of REGIONS) {
    for (const phrase of [region.name, ...region.aliases, ...region.zh]) {
      add(regions, phrase, region.name);
      // Toneless pinyin is often typed with a space between syllables ("zhao qing") or none.
      const folded = foldText(phrase);
      if (folded.includes(" ") && !isHan(folded)) add(regions, folded.replaceAll(" ", ""), region.name);
    }
    addFuzzy(region.name, "region", region.name);
    for (const alias of region.aliases)
      if (alias.replace(/\s/g, "").length >= 5) addFuzzy(alias, "region", region.name);
  }
  for (const place of OUTSIDE_PLACES) {
    for (const phrase of [place.name, ...place.aliases, ...place.zh]) add(outside, phrase, place.name);
  }
  for (const metric of METRICS) {
    // Paraphrases are how people ask, never how articles state a figure: questions only.
    for (const phrase of [metric.name, ...metric.synonyms, ...metric.zh, ...(metric.paraphrases ?? [])]) {
      add(metrics, phrase, metric.name);
      addFuzzy(phrase, "metric", metric.name);
    }
  }
  METRIC_VARIANTS.forEach((variant, index) => {
    for (const phrase of [...variant.synonyms, ...variant.zh]) {
      add(variants, phrase, index);
    }
  });

  const allPhrases = [...regions.keys(), ...metrics.keys(), ...variants.keys(), ...outside.keys()];
  return {
    regions,
    metrics,
    variants,
    outside,
    maxTokens: Math.max(...allPhrases.map((p) => p.split(" ").length)),
    hanPieces,
    maxHanPiece: Math.max(...[...hanPieces].map((p) => p.length)),
    fuzzy,
    andPhrases: allPhrases.filter((p) => p.split(" ").includes("and")),
  };
}

function vocab(): Vocabulary {
  vocabulary ??= buildVocabulary();
  return vocabulary;
}

// ---------------------------------------------------------------------------------------------
// Tokens.

/** Folds the text and cuts each Chinese run into vocabulary pieces (longest first). */
function tokenize(text: string): string[] {
  const folded = foldText(text);
  if (folded === "") return [];
  const { hanPieces, maxHanPiece } = vocab();
  const tokens: string[] = [];
  for (const token of folded.split(" ")) {
    if (!isHan(token)) {
      // "2024q1" and "h12024" are typed without a space often enough to split them here.
      const glued = /^(\d{4})(q[1-4]|h[12])$|^(q[1-4]|h[12])(\d{4})$/.exec(token);
      if (glued) tokens.push(...(glued[1] ? [glued[1], glued[2]!] : [glued[3]!, glued[4]!]));
      else tokens.push(token);
      continue;
    }
    let rest = "";
    for (let i = 0; i < token.length; ) {
      let piece = "";
      for (let len = Math.min(maxHanPiece, token.length - i); len >= 1; len--) {
        const candidate = token.slice(i, i + len);
        if (hanPieces.has(candidate)) {
          piece = candidate;
          break;
        }
      }
      if (piece === "") {
        rest += token[i];
        i += 1;
        continue;
      }
      if (rest !== "") tokens.push(rest);
      rest = "";
      tokens.push(piece);
      i += piece.length;
    }
    if (rest !== "") tokens.push(rest);
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Periods.

const HAN_QUARTERS: Record<string, number> = {
  一季度: 1,
  二季度: 2,
  三季度: 3,
  四季度: 4,
  第一季度: 1,
  第二季度: 2,
  第三季度: 3,
  第四季度: 4,
};
const RANGE_WORDS = new Set(["to", "through", "thru", "till", "until", "至", "到"]);
const YEAR = /^(19[5-9]\d|20\d\d)$/;

/** A sub-period of a year: months `from`..`to` (inclusive). */
interface SubPeriod {
  from: number;
  to: number;
}

interface PeriodMatch {
  /** Absolute years and sub-periods found, each with the token span it used. */
  years: { year: number; start: number; end: number }[];
  subs: { sub: SubPeriod; start: number; end: number }[];
}

function month(token: string | undefined): number | undefined {
  if (token === undefined) return undefined;
  if (/^\d{1,2}$/.test(token)) {
    const n = Number(token);
    return n >= 1 && n <= 12 ? n : undefined;
  }
  return MONTH_NUMBERS[token];
}

/** Tries every sub-period pattern at `i`; returns the months and how many tokens it used. */
function subPeriodAt(tokens: string[], i: number): { sub: SubPeriod; length: number } | undefined {
  const t = (k: number): string | undefined => tokens[i + k];
  const quarter = (q: number): SubPeriod => ({ from: q * 3 - 2, to: q * 3 });
  // First three quarters / 前三季度 / q1-q3: January to September.
  if (t(0) === "前三季度") return { sub: { from: 1, to: 9 }, length: 1 };
  if ((t(0) === "first" || t(0) === "1st") && t(1) === "three" && (t(2) === "quarters" || t(2) === "quarter"))
    return { sub: { from: 1, to: 9 }, length: 3 };
  const qa = /^q([1-4])$/.exec(t(0) ?? "");
  if (qa) {
    const skip = RANGE_WORDS.has(t(1) ?? "") ? 1 : 0;
    const qb = /^q([1-4])$/.exec(t(1 + skip) ?? "");
    if (qb && Number(qb[1]) > Number(qa[1]))
      return { sub: { from: quarter(Number(qa[1])).from, to: quarter(Number(qb[1])).to }, length: 2 + skip };
    return { sub: quarter(Number(qa[1])), length: 1 };
  }
  const qn = /^([1-4])q$/.exec(t(0) ?? "");
  if (qn) return { sub: quarter(Number(qn[1])), length: 1 };
  const hanQuarter = HAN_QUARTERS[t(0) ?? ""];
  if (hanQuarter !== undefined) return { sub: quarter(hanQuarter), length: 1 };
  if (/^[1-4]$/.test(t(0) ?? "") && t(1) === "季度") return { sub: quarter(Number(t(0))), length: 2 };
  const ordinal = ORDINAL_NUMBERS[t(0) ?? ""];
  if (ordinal !== undefined && (t(1) === "quarter" || t(1) === "qtr"))
    return { sub: quarter(ordinal), length: 2 };
  if (t(0) === "quarter" && /^[1-4]$/.test(t(1) ?? "")) return { sub: quarter(Number(t(1))), length: 2 };
  // Halves.
  const h = /^h([12])$/.exec(t(0) ?? "");
  if (h) return { sub: h[1] === "1" ? { from: 1, to: 6 } : { from: 7, to: 12 }, length: 1 };
  if ((ordinal === 1 || ordinal === 2) && t(1) === "half")
    return { sub: ordinal === 1 ? { from: 1, to: 6 } : { from: 7, to: 12 }, length: 2 };
  if (t(0) === "上半年") return { sub: { from: 1, to: 6 }, length: 1 };
  if (t(0) === "下半年") return { sub: { from: 7, to: 12 }, length: 1 };
  // Month ranges: "january september", "jan to sep", "1 9 月" (from 1-9月), "1 月 至 9 月".
  const isName = (token: string | undefined): boolean =>
    token !== undefined && MONTH_NUMBERS[token] !== undefined;
  if (isName(t(0))) {
    const skip = RANGE_WORDS.has(t(1) ?? "") ? 1 : 0;
    if (isName(t(1 + skip))) {
      const from = month(t(0))!;
      const to = month(t(1 + skip))!;
      if (to > from) return { sub: { from, to }, length: 2 + skip };
    }
    // "may" is also a verb; a lone month name counts only next to a year.
    if (t(0) !== "may" || YEAR.test(t(1) ?? "") || YEAR.test(tokens[i - 1] ?? ""))
      return { sub: { from: month(t(0))!, to: month(t(0))! }, length: 1 };
  }
  const m0 = /^\d{1,2}$/.test(t(0) ?? "") ? month(t(0)) : undefined;
  if (m0 !== undefined) {
    if (t(1) === "月") {
      const skip = RANGE_WORDS.has(t(2) ?? "") ? 1 : 0;
      const m1 = month(t(2 + skip));
      if (skip === 1 && m1 !== undefined && m1 > m0 && t(3 + skip) === "月")
        return { sub: { from: m0, to: m1 }, length: 4 + skip };
      return { sub: { from: m0, to: m0 }, length: 2 };
    }
    const skip = RANGE_WORDS.has(t(1) ?? "") ? 1 : 0;
    const m1 = month(t(1 + skip));
    if (m1 !== undefined && m1 > m0 && t(2 + skip) === "月")
      return { sub: { from: m0, to: m1 }, length: 3 + skip };
  }
  return undefined;
}

const RELATIVE_YEARS: [string[], number][] = [
  [["last", "year"], -1],
  [["previous", "year"], -1],
  [["past", "year"], -1],
  [["this", "year"], 0],
  [["current", "year"], 0],
  [["next", "year"], 1],
  [["去年"], -1],
  [["上年"], -1],
  [["今年"], 0],
  [["本年"], 0],
  [["明年"], 1],
];

function findPeriods(tokens: string[], used: boolean[], now: Date): PeriodMatch {
  const found: PeriodMatch = { years: [], subs: [] };
  const take = (start: number, length: number): void => {
    for (let k = start; k < start + length; k++) used[k] = true;
  };
  for (let i = 0; i < tokens.length; i++) {
    if (used[i]) continue;
    const token = tokens[i]!;
    if (YEAR.test(token)) {
      const length = tokens[i + 1] === "年" || tokens[i + 1] === "年度" ? 2 : 1;
      found.years.push({ year: Number(token), start: i, end: i + length });
      take(i, length);
      i += length - 1;
      continue;
    }
    const relative = RELATIVE_YEARS.find(([words]) => words.every((w, k) => tokens[i + k] === w));
    if (relative) {
      const [words, offset] = relative;
      found.years.push({ year: now.getUTCFullYear() + offset, start: i, end: i + words.length });
      take(i, words.length);
      i += words.length - 1;
      continue;
    }
    const sub = subPeriodAt(tokens, i);
    if (sub) {
      found.subs.push({ sub: sub.sub, start: i, end: i + sub.length });
      take(i, sub.length);
      i += sub.length - 1;
    }
  }
  return found;
}

/** The canonical label of a year and an optional month span (see `period.ts`). */
function subPeriodLabel(year: number, sub: SubPeriod | undefined): string {
  return sub === undefined ? periodLabel(year) : periodLabel(year, sub.from, sub.to);
}

// ---------------------------------------------------------------------------------------------
// Metrics and regions.

/** Joins a metric's base name with a variant, the way the extractor names them. */
function composeMetric(base: string, variantIndex: number | undefined): string {
  if (variantIndex === undefined) return base;
  const variant = METRIC_VARIANTS[variantIndex]!;
  if (variant.prefix !== undefined) return `${variant.prefix} ${base}`;
  return `${base} ${variant.suffix ?? ""}`.trim();
}

interface PhraseHit<T> {
  value: T;
  start: number;
  end: number;
}

/** Every non-overlapping exact phrase hit over unused tokens, longest first. */
function exactHits<T>(
  tokens: string[],
  used: boolean[],
  map: Map<string, T>,
  maxTokens: number,
): PhraseHit<T>[] {
  const hits: PhraseHit<T>[] = [];
  const taken = [...used];
  for (let n = Math.min(maxTokens, tokens.length); n >= 1; n--) {
    for (let i = 0; i + n <= tokens.length; i++) {
      let free = true;
      for (let k = i; k < i + n; k++) if (taken[k]) free = false;
      if (!free) continue;
      const value = map.get(tokens.slice(i, i + n).join(" "));
      if (value === undefined) continue;
      hits.push({ value, start: i, end: i + n });
      for (let k = i; k < i + n; k++) taken[k] = true;
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

const isWordToken = (token: string): boolean =>
  !isHan(token) && !/^\d+$/.test(token) && !STOP_WORDS.has(token);

/** The closest vocabulary phrase within typo distance of the window, if exactly one is closest. */
function typoMatch(window: string[], kinds: Set<string>): Vocabulary["fuzzy"][number] | undefined {
  const stripped = window.join("");
  let best: Vocabulary["fuzzy"][number] | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of vocab().fuzzy) {
    if (!kinds.has(candidate.kind) || Math.abs(candidate.tokens - window.length) > 1) continue;
    const allowance = typoAllowance(candidate.stripped.length);
    const distance =
      candidate.stripped.length <= 3
        ? // Three letters leave no room for a real typo; only swapped letters ("gpd") count.
          stripped.length === candidate.stripped.length &&
          [...stripped].sort().join("") === [...candidate.stripped].sort().join("")
          ? editDistance(stripped, candidate.stripped, 1)
          : 2
        : editDistance(stripped, candidate.stripped, allowance);
    if (distance > Math.max(allowance, 1)) continue;
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Parsing.

interface Parsed extends ParsedQuery {
  /** All periods named, in order (a comparison may name two). */
  periods: string[];
}

function parse(text: string, options: ParseOptions): Parsed {
  const v = vocab();
  const tokens = tokenize(text);
  const used = tokens.map(() => false);
  const span = (start: number, end: number): string => tokens.slice(start, end).join(" ");

  // 1. Periods.
  const periodMatch = findPeriods(tokens, used, options.now);
  const defaultYear = options.now.getUTCFullYear();
  const periods: string[] = [];
  const count = Math.max(periodMatch.years.length, periodMatch.subs.length);
  for (let k = 0; k < count; k++) {
    const year = periodMatch.years[k]?.year ?? periodMatch.years[0]?.year ?? defaultYear;
    periods.push(subPeriodLabel(year, periodMatch.subs[k]?.sub ?? periodMatch.subs[0]?.sub));
  }
  const periodSpans = [...periodMatch.years, ...periodMatch.subs].sort((a, b) => a.start - b.start);
  const periodText =
    periodSpans.length > 0 ? periodSpans.map((s) => span(s.start, s.end)).join(" ") : undefined;

  // 2. Metric: the longest base phrase, then a variant anywhere (also inside the base phrase:
  // "economic growth" is GDP growth).
  const metricHits = exactHits(tokens, used, v.metrics, v.maxTokens).sort(
    (a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  let base: PhraseHit<string> | undefined = metricHits[0];
  const consume = (start: number, end: number): void => {
    for (let k = start; k < end; k++) used[k] = true;
  };
  // Variant words are looked for before regions take theirs ("share of national" is not China).
  const variantHits = exactHits(tokens, used, v.variants, v.maxTokens);
  let variantIndex: number | undefined;
  const variantSpans: PhraseHit<number>[] = [];
  const applyVariants = (metric: PhraseHit<string>): void => {
    consume(metric.start, metric.end);
    const priority: VariantKind[] = ["growth target", "share", "growth"];
    for (const kind of priority) {
      const hit = variantHits.find((h) => VARIANT_KIND_BY_INDEX[h.value] === kind);
      if (hit) {
        variantIndex = hit.value;
        break;
      }
    }
    for (const hit of variantHits) {
      const inside = hit.start >= metric.start && hit.end <= metric.end;
      if (inside || used.slice(hit.start, hit.end).some(Boolean)) continue;
      consume(hit.start, hit.end);
      variantSpans.push(hit);
    }
  };
  if (base) applyVariants(base);

  // 3. Regions by name, alias or Chinese.
  const regionHits: PhraseHit<string>[] = exactHits(tokens, used, v.regions, v.maxTokens);
  for (const hit of regionHits) consume(hit.start, hit.end);

  // 3b. Places the bot does not cover. Only an owner counts: "trade with Japan" is Guangdong's
  // trade, so a place right after with / to / from is a partner and stays a plain word.
  const partner = new Set(["with", "to", "from", "between"]);
  const outsideHits = exactHits(tokens, used, v.outside, v.maxTokens).filter(
    (hit) => !partner.has(tokens[hit.start - 1] ?? ""),
  );
  for (const hit of outsideHits) consume(hit.start, hit.end);

  // 4. Typos over what is left: regions first, then the metric if none was named.
  const fuzzyKinds = new Set(["region", ...(base ? [] : ["metric"])]);
  for (let n = 3; n >= 1; n--) {
    for (let i = 0; i + n <= tokens.length; i++) {
      const window = tokens.slice(i, i + n);
      if (used.slice(i, i + n).some(Boolean) || !isWordToken(window[0]!) || !isWordToken(window[n - 1]!))
        continue;
      if (window.join("").length < 3) continue;
      const match = typoMatch(window, fuzzyKinds);
      if (!match) continue;
      if (match.kind === "region") {
        regionHits.push({ value: match.value, start: i, end: i + n });
        consume(i, i + n);
      } else if (match.kind === "metric" && !base) {
        base = { value: match.value, start: i, end: i + n };
        fuzzyKinds.delete("metric");
        applyVariants(base);
      }
    }
  }

  const metricSpans = base ? [base, ...variantSpans].sort((a, b) => a.start - b.start) : [];

  const regions: string[] = [];
  for (const hit of regionHits.sort((a, b) => a.start - b.start)) {
    if (!regions.includes(hit.value)) regions.push(hit.value);
  }
  const words = tokens.filter((token, i) => !used[i] && !STOP_WORDS.has(token));

  const parsed: Parsed = {
    text: text.trim(),
    regions,
    period: periods[0] ?? null,
    metric: base ? composeMetric(base.value, variantIndex) : null,
    words,
    periods,
  };
  if (periodText !== undefined) parsed.periodText = periodText;
  if (outsideHits.length > 0 && regions.length === 0)
    parsed.outside = [...new Set(outsideHits.map((hit) => hit.value))];
  if (metricSpans.length > 0) parsed.metricText = metricSpans.map((s) => span(s.start, s.end)).join(" ");
  return parsed;
}

function toPublic(parsed: Parsed): ParsedQuery {
  const { periods: _periods, ...query } = parsed;
  return query;
}

/**
 * Understands one free-text question.
 * @example parseQuery("What was Zhaoqing's GDP in 2023?", { now })
 *   // → { regions: ["Zhaoqing"], period: "2023", metric: "gdp", words: [] , … }
 */
export function parseQuery(text: string, options: ParseOptions): ParsedQuery {
  return toPublic(parse(text, options));
}

/**
 * The canonical base metric a free-form metric name is about, by exact vocabulary phrases only:
 * `gdp growth target` → `gdp`, `consecutive years ranked first in gdp` → `gdp`, unknown → null.
 * The search index uses it so a question about GDP also finds GDP growth (ranked lower).
 */
export function metricBase(metricName: string): string | null {
  const v = vocab();
  const tokens = tokenize(metricName);
  const hits = exactHits(
    tokens,
    tokens.map(() => false),
    v.metrics,
    v.maxTokens,
  ).sort((a, b) => b.end - b.start - (a.end - a.start));
  return hits[0]?.value ?? null;
}

/** Whether a parsed side names anything a search can narrow on. */
function namesSomething(query: ParsedQuery): boolean {
  return query.regions.length > 0 || query.period !== null || query.metric !== null;
}

/** `right` takes from `left` what it leaves out; returns a new query. */
function inherit(right: ParsedQuery, left: ParsedQuery): ParsedQuery {
  const merged: ParsedQuery = { ...right };
  // A side that names a place outside the bot's regions keeps it: inheriting the other side's
  // region would silently swap Hong Kong for Shenzhen.
  if (merged.regions.length === 0 && merged.outside === undefined) merged.regions = [...left.regions];
  if (merged.period === null && left.period !== null) {
    merged.period = left.period;
    if (left.periodText !== undefined) merged.periodText = left.periodText;
  }
  if (merged.metric === null && left.metric !== null) {
    merged.metric = left.metric;
    if (left.metricText !== undefined) merged.metricText = left.metricText;
    if (merged.words.length === 0) merged.words = [...left.words];
  }
  return merged;
}

const HARD_SEPARATORS =
  /\s+(?:vs\.?|versus|v\.?|compared\s+(?:to|with)|against)\s+|对比|相比|比较|与|和|跟/giu;
const LEADING_COMPARE = /^\s*(?:compare|comparison|对比|比较)\s*(?::\s*)?/iu;

/** Whether an ` and ` at this split point sits inside a vocabulary phrase such as `import and export`. */
function andInsidePhrase(leftText: string, rightText: string): boolean {
  const left = foldText(leftText);
  const right = foldText(rightText);
  return vocab().andPhrases.some((phrase) => {
    const words = phrase.split(" ");
    return words.some((word, k) => {
      if (word !== "and") return false;
      const before = words.slice(0, k).join(" ");
      const after = words.slice(k + 1).join(" ");
      return (
        (before === "" || ` ${left}`.endsWith(` ${before}`)) &&
        (after === "" || `${right} `.startsWith(`${after} `))
      );
    });
  });
}

/**
 * Splits a comparison into two queries: on ` vs `, ` versus `, `对比`, `和`, or ` and ` (only when
 * both sides name something and the `and` is not part of a phrase like `import and export`).
 * Each side inherits what it leaves out from the other, so `shenzhen gdp 2023 vs guangzhou`
 * compares Guangzhou GDP 2023. Without a separator, two regions (`shenzhen guangzhou gdp`) or two
 * periods (`guangdong gdp 2023 2024`) in one text also make a comparison. Null when the text
 * names only one thing to compare.
 * @example parseComparison("guangdong gdp 2023 vs 2024", { now }).right.period === "2024"
 */
export function parseComparison(text: string, options: ParseOptions): ParsedComparison | null {
  const body = text.replace(LEADING_COMPARE, "");
  const pair = (leftText: string, rightText: string): ParsedComparison | null => {
    const left = parseQuery(leftText, options);
    const right = parseQuery(rightText, options);
    if (!namesSomething(right) && right.words.length === 0) return null;
    if (!namesSomething(left) && left.words.length === 0) return null;
    return { left: inherit(left, right), right: inherit(right, left) };
  };

  for (const match of body.matchAll(HARD_SEPARATORS)) {
    const result = pair(body.slice(0, match.index), body.slice(match.index + match[0].length));
    if (result) return result;
  }
  for (const match of body.matchAll(/\s+and\s+/giu)) {
    const leftText = body.slice(0, match.index);
    const rightText = body.slice(match.index + match[0].length);
    if (andInsidePhrase(leftText, rightText)) continue;
    const left = parseQuery(leftText, options);
    const right = parseQuery(rightText, options);
    if (namesSomething(left) && namesSomething(right))
      return { left: inherit(left, right), right: inherit(right, left) };
  }

  const whole = parse(body, options);
  const { periods, ...query } = whole;
  if (query.regions.length >= 2) {
    return {
      left: { ...query, regions: [query.regions[0]!] },
      right: { ...query, regions: [query.regions[1]!] },
    };
  }
  if (periods.length >= 2) {
    return {
      left: { ...query, period: periods[0]!, periodText: periods[0]! },
      right: { ...query, period: periods[1]!, periodText: periods[1]! },
    };
  }
  return null;
}
