/**
 * The in-memory search index over stored facts: built from the store at start-up, updated on
 * ingest and retraction. Retracted facts are never indexed.
 *
 * Why it is shaped like this: fuzzy matching every fact (plain fuse.js) costs hundreds of
 * milliseconds a query at 10k facts. So a query is
 *  1. narrowed with exact indexes on region, period and metric name (the smallest list is
 *     walked and filtered on the other parts); words that name no known metric are matched to
 *     metric names through a small term index (typo-tolerant, over names and vocabulary synonyms);
 *  2. pre-ranked cheaply (parts satisfied, term score, newest source) with a top-k selection;
 *  3. only the top few go through fuse.js over metric name and quote (synonyms count in step 1).
 * Order: how many parts of the query a fact satisfies, then fuzzy score, then newest source.
 * When a part matches nothing it is dropped ("relaxed") and a note says what the best answer lacks.
 */
import Fuse from "fuse.js";
import type { StoredFact } from "./fact.js";
import { editDistance, foldText, typoAllowance } from "./normalize.js";
import { canonicalPeriod, comparePeriods } from "./period.js";
import { metricBase, type ParsedQuery, parseQuery } from "./query.js";
import { METRIC_VARIANTS, METRICS, REGIONS } from "./reference.js";

/** Which parts of the query a result satisfies. */
export interface MatchedParts {
  region: boolean;
  period: boolean;
  /** True only for the exact metric; `gdp growth` found for `gdp` is ranked lower and false here. */
  metric: boolean;
  /**
   * Whether the query's leftover words (those that named no vocabulary metric) fit this fact's
   * metric name or quote; true when there were none. A question whose words fit nothing it
   * found must say "not found", not show whatever else matched its region and year.
   */
  words?: boolean;
}

/**
 * One ranked fact. `score` is higher-is-better: the weighted sum of query parts satisfied
 * (region 1, metric 1 or 0.25 for a sibling metric, period 0.7) plus up to 0.04 for fuzzy closeness.
 */
export interface SearchHit {
  fact: StoredFact;
  score: number;
  matched: MatchedParts;
}

/** A query part the best answer does not satisfy (nothing matched it), with a note for people. */
export interface Relaxation {
  part: "region" | "period" | "metric";
  wanted: string;
  /** e.g. `No 2025 figure for Zhaoqing GDP; the latest is 2023`. */
  note: string;
}

/** What `FactIndex.search` returns: best first. */
export interface SearchResult {
  results: SearchHit[];
  relaxed: Relaxation[];
}

/** What `FactIndex.suggest` completes. */
export type SuggestKind = "query" | "region" | "metric";

/** Options for `FactIndex.search`. */
export interface SearchOptions {
  /** How many results at most; default 10. */
  limit?: number;
}

/** One indexed fact with its folded keys, computed once. */
interface Entry {
  fact: StoredFact;
  region: string;
  period: string;
  metric: string;
  /** Newest publication date among the fact's sources (ms), else when first seen. */
  newest: number;
  firstSeen: number;
  name: MetricName;
  /** Indexing order; a cheap, stable tiebreak for sorting index lists. */
  seq: number;
}

/** What the index knows about one distinct metric name. */
interface MetricName {
  key: string;
  display: string;
  base: string | null;
  /** A vocabulary metric or variant (`gdp growth`), not a one-off phrase from some article. */
  canonical: boolean;
  /** Folded tokens of the name itself. */
  tokens: string[];
  count: number;
}

type Part = "region" | "period" | "metric";

/** How many pre-ranked candidates go through fuse.js. Fuse's cost grows with text length, so few. */
const FUSE_CANDIDATES = 8;
/** Most facts one lookup hands to ranking; beyond it only the newest per index list are ranked. */
const POOL_CAP = 2000;
/** Extra candidates gathered with one more part dropped, offered as alternatives. */
const ALTERNATIVE_POOL_CAP = 60;
/** Metric names that words may stand for, at most. */
const SOFT_NAME_LIMIT = 12;
/**
 * How much each satisfied part of the query counts. The period weighs less than region and
 * metric: another year of the right figure answers better than the right year of another figure
 * ("zhaoqing gdp growth 2024" → GDP growth 2023 before the 2024 GDP growth *target*). A sibling
 * metric (`gdp growth` found for `gdp`) counts a little.
 */
const PART_WEIGHT = { region: 1, metric: 1, sibling: 0.25, period: 0.7 } as const;
/** The fuzzy share of `score` stays below the smallest step between part sums (0.05). */
const FUZZY_WEIGHT = 0.04;
/** Fuzzy distance (0 best, 1 nothing) under which the query's words count as fitting a fact. */
const WORDS_FIT = 0.75;
/** Weight of a vocabulary synonym's word relative to a word of the metric name itself. */
const SYNONYM_TERM_WEIGHT = 0.6;
/** Relaxation order: a missing period is the commonest miss ("no 2025 figure yet"), a missing region the rarest. */
const RELAX_ORDER: Part[][] = [
  [],
  ["period"],
  ["metric"],
  ["region"],
  ["period", "metric"],
  ["period", "region"],
  ["metric", "region"],
  ["period", "metric", "region"],
];
/** Words too common in metric names to say anything about which one is meant. */
const WEAK_TERMS = new Set(["of", "and", "the", "in", "for", "to", "a", "by", "above", "with"]);

const SYNONYMS_BY_BASE = new Map(
  METRICS.map((m) => [foldText(m.name), [...m.synonyms, ...m.zh].map(foldText).join(" · ")]),
);
const REGION_ORDER = new Map(REGIONS.map((r, i) => [r.name, i]));
/** Every vocabulary metric with every variant, folded: the names headline figures carry. */
const CANONICAL_METRICS = new Set(
  METRICS.flatMap((m) => [
    m.name,
    ...METRIC_VARIANTS.map((v) =>
      v.prefix !== undefined ? `${v.prefix} ${m.name}` : `${m.name} ${v.suffix ?? ""}`,
    ),
  ]).map(foldText),
);

const timeOf = (iso: string | null | undefined): number => {
  const ms = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(ms) ? 0 : ms;
};

/** `gdp` → `GDP`, for notes people read. */
function displayMetric(metric: string): string {
  return metric.replace(/\b(gdp|cpi|fdi|grp|r&d)\b/g, (m) => m.toUpperCase());
}

/** Newest source first, then first indexed: the order every index list is kept in. */
const byNewest = (a: Entry, b: Entry): number => b.newest - a.newest || a.seq - b.seq;

/** Inserts into a list kept sorted by rank, dropping what falls beyond `k`. */
function insertSorted(top: Scored[], item: Scored, k: number): void {
  if (top.length === k) top.pop();
  let i = top.length;
  top.push(item);
  while (i > 0 && byRank(item, top[i - 1]!) < 0) {
    top[i] = top[i - 1]!;
    i--;
  }
  top[i] = item;
}

/**
 * Words → metric names: an inverted index from the folded words of each metric name (and of its
 * vocabulary synonyms) to the names, with typo and plural tolerance. Tiny next to the facts, and
 * what lets words that name no exact metric still narrow the search.
 */
class MetricTerms {
  private readonly index = new Map<string, Map<string, number>>();
  private readonly memo = new Map<string, [string, number][]>();

  add(name: MetricName): void {
    const weights = new Map<string, number>();
    for (const token of name.tokens) weights.set(token, 1);
    if (name.base !== null) {
      const weight = name.canonical ? SYNONYM_TERM_WEIGHT : SYNONYM_TERM_WEIGHT / 2;
      for (const token of (SYNONYMS_BY_BASE.get(name.base) ?? "").split(/[\s·]+/)) {
        if (token !== "" && !weights.has(token)) weights.set(token, weight);
      }
    }
    for (const [token, weight] of weights) {
      let names = this.index.get(token);
      if (!names) {
        names = new Map();
        this.index.set(token, names);
        this.memo.clear();
      }
      names.set(name.key, weight);
    }
  }

  remove(name: MetricName): void {
    for (const [token, names] of this.index) {
      if (names.delete(name.key) && names.size === 0) {
        this.index.delete(token);
        this.memo.clear();
      }
    }
  }

  /** Index words close to a query word, with a similarity in (0, 1]. Memoised: the vocabulary is small. */
  private similar(term: string): [string, number][] {
    const cached = this.memo.get(term);
    if (cached) return cached;
    const out: [string, number][] = [];
    if (this.index.has(term)) out.push([term, 1]);
    else {
      const allowance = typoAllowance(term.length);
      for (const token of this.index.keys()) {
        if (term.length >= 4 && token.length >= 4 && (token.startsWith(term) || term.startsWith(token))) {
          out.push([token, 0.9]);
          continue;
        }
        if (allowance === 0 || Math.abs(token.length - term.length) > allowance) continue;
        const distance = editDistance(term, token, allowance);
        if (distance <= allowance) out.push([token, distance === 1 ? 0.8 : 0.6]);
      }
    }
    if (this.memo.size > 10_000) this.memo.clear();
    this.memo.set(term, out);
    return out;
  }

  /**
   * Fuzzy distance (0 best, 1 nothing) of each metric name the words touch: mostly how much of
   * the query the name covers, a little how much of the name the query covers (so `gdp` prefers
   * `gdp` to `share of national gdp`).
   */
  score(terms: string[], names: Map<string, MetricName>): Map<string, number> {
    const useful = terms.filter((t) => !WEAK_TERMS.has(t));
    const best = new Map<string, number[]>();
    useful.forEach((term, i) => {
      for (const [token, similarity] of this.similar(term)) {
        for (const [name, weight] of this.index.get(token) ?? []) {
          let row = best.get(name);
          if (!row) {
            row = new Array<number>(useful.length).fill(0);
            best.set(name, row);
          }
          row[i] = Math.max(row[i]!, similarity * weight);
        }
      }
    });
    const out = new Map<string, number>();
    for (const [name, row] of best) {
      const queryCoverage = row.reduce((sum, v) => sum + v, 0) / useful.length;
      const own = names.get(name)?.tokens.filter((t) => !WEAK_TERMS.has(t)).length ?? 1;
      const nameCoverage = Math.min(1, row.filter((v) => v > 0).length / Math.max(1, own));
      out.set(name, 1 - (0.8 * queryCoverage + 0.2 * nameCoverage));
    }
    return out;
  }
}

interface Scored {
  entry: Entry;
  parts: number;
  fuzzy: number;
  matched: MatchedParts;
}

/** Targets and projections are plans: an outcome that matches as well ranks above them. */
const planRank = (s: Scored): number =>
  s.entry.fact.qualifier === "target" || s.entry.fact.qualifier === "projected" ? 1 : 0;

const byRank = (a: Scored, b: Scored): number =>
  b.parts - a.parts ||
  a.fuzzy - b.fuzzy ||
  planRank(a) - planRank(b) ||
  b.entry.newest - a.entry.newest ||
  (a.entry.fact.id < b.entry.fact.id ? -1 : a.entry.fact.id > b.entry.fact.id ? 1 : 0);

/**
 * The search index.
 * @example
 * const index = new FactIndex(await store.listFacts());
 * index.search(parseQuery("zhaoqing gdp 2023", { now: new Date() })).results[0]?.fact.id; // "zhaoqing.gdp.2023"
 */
export class FactIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly byRegion = new Map<string, Entry[]>();
  private readonly byPeriod = new Map<string, Entry[]>();
  private readonly byMetric = new Map<string, Entry[]>();
  private readonly names = new Map<string, MetricName>();
  private readonly namesByBase = new Map<string, Set<string>>();
  private readonly terms = new MetricTerms();
  /** Folding is costly next to a Map lookup and regions, metrics and periods repeat endlessly. */
  private readonly foldMemo = new Map<string, string>();
  private byFirstSeen: Entry[] | undefined;
  /** Index lists changed since they were last put in newest-first order. */
  private readonly unsorted = new Set<Entry[]>();
  private readonly dateMemo = new Map<string, number>();
  private nextSeq = 0;
  private readonly periodMemo = new Map<string, string>();

  /** Builds the index over these facts (retracted ones are skipped). */
  constructor(facts: Iterable<StoredFact> = []) {
    // Bulk build: one sort of all facts, so every index list is born in newest-first order.
    const built: Entry[] = [];
    for (const fact of facts) {
      if (fact.retracted) continue;
      if (this.entries.has(fact.id)) this.remove(fact.id);
      built.push(this.add(fact, false));
    }
    built.sort(byNewest);
    for (const entry of built) {
      if (this.entries.get(entry.fact.id) !== entry) continue;
      this.listPush(this.byRegion, entry.region, entry);
      this.listPush(this.byPeriod, entry.period, entry);
      this.listPush(this.byMetric, entry.metric, entry);
    }
  }

  /** Builds the index over these facts. */
  static build(facts: Iterable<StoredFact>): FactIndex {
    return new FactIndex(facts);
  }

  /** How many live facts are indexed. */
  get size(): number {
    return this.entries.size;
  }

  /** Adds new facts and replaces changed ones; a retracted fact is removed. */
  upsert(facts: Iterable<StoredFact>): void {
    for (const fact of facts) {
      this.remove(fact.id);
      if (!fact.retracted) this.add(fact);
    }
  }

  /** Removes a fact; true when it was indexed. */
  remove(id: string): boolean {
    const entry = this.entries.get(id);
    if (!entry) return false;
    this.entries.delete(id);
    this.dropFrom(this.byRegion, entry.region, entry);
    this.dropFrom(this.byPeriod, entry.period, entry);
    this.dropFrom(this.byMetric, entry.metric, entry);
    const name = this.names.get(entry.metric);
    if (name && --name.count === 0) {
      this.names.delete(entry.metric);
      if (name.base !== null) this.namesByBase.get(name.base)?.delete(entry.metric);
      this.terms.remove(name);
    }
    this.byFirstSeen = undefined;
    return true;
  }

  /**
   * Ranks facts for a parsed query, best first. Parts that match nothing are relaxed; `relaxed`
   * names each part the best result lacks.
   */
  search(query: ParsedQuery, options: SearchOptions = {}): SearchResult {
    const limit = Math.max(1, options.limit ?? 10);
    const regions = query.regions.map((r) => this.fold(r));
    const period = query.period === null ? null : canonicalPeriod(query.period);
    const { metricWeights, nameFuzzy, terms } = this.metricsFor(query);
    // Without a usable metric, the words stand for one: the closest names narrow instead.
    const softNames = terms.length > 0 ? this.closestNames(nameFuzzy) : undefined;
    const wanted: Record<Part, boolean> = {
      region: regions.length > 0,
      period: period !== null,
      metric: query.metric !== null,
    };
    const lookupWithout = (drop: Part[]): Entry[] => {
      const useRegion = wanted.region && !drop.includes("region");
      const usePeriod = wanted.period && !drop.includes("period");
      const useMetric = wanted.metric && !drop.includes("metric") && metricWeights.size > 0;
      const metrics = useMetric ? metricWeights : softNames;
      const found = this.lookup(useRegion ? regions : [], usePeriod ? period : null, metrics);
      if (found.length > 0 || useMetric || metrics === undefined) return found;
      // Words that are no metric name may still be in a quote: keep the other parts, let fuse decide.
      return this.lookup(useRegion ? regions : [], usePeriod ? period : null, undefined);
    };

    // Narrow on every part; when nothing matches, drop parts in RELAX_ORDER until something does.
    let dropped: Part[] = [];
    let pool: Entry[] = [];
    for (const drop of RELAX_ORDER) {
      if (drop.some((part) => !wanted[part])) continue;
      if (wanted.metric && !drop.includes("metric") && metricWeights.size === 0) continue;
      pool = lookupWithout(drop);
      if (pool.length > 0) {
        dropped = drop;
        break;
      }
    }

    // Alternatives: the same query with one more part dropped, when the pool is thin.
    let candidates: Iterable<Entry> = pool;
    if (pool.length < limit) {
      const extra = new Set(pool);
      for (const part of ["period", "metric", "region"] as Part[]) {
        if (!wanted[part] || dropped.includes(part)) continue;
        const more = lookupWithout([...dropped, part]);
        for (let i = 0; i < more.length && i < ALTERNATIVE_POOL_CAP; i++) extra.add(more[i]!);
      }
      candidates = extra;
    }

    const results = this.rank(candidates, { regions, period, metricWeights, nameFuzzy, terms }, limit);
    // Notes describe what the best answer lacks, so they always agree with what is shown.
    const relaxed: Relaxation[] = [];
    const best = results[0];
    for (const part of ["region", "period", "metric"] as Part[]) {
      if (best && wanted[part] && !best.matched[part]) {
        relaxed.push(this.relaxNote(part, query, regions, period, metricWeights));
      }
    }
    return { results, relaxed };
  }

  /**
   * Which metric names count for the query and how much: the exact one, its siblings by base
   * metric (weighted lower), and any name the words fit much better than the parsed metric.
   * Also the words to match fuzzily and each touched name's fuzzy distance.
   */
  private metricsFor(query: ParsedQuery): {
    metricWeights: Map<string, number>;
    nameFuzzy: Map<string, number>;
    terms: string[];
  } {
    const metricWeights = new Map<string, number>();
    const exact = query.metric === null ? undefined : foldText(query.metric);
    if (query.metric !== null && exact !== undefined) {
      if (this.names.has(exact)) metricWeights.set(exact, PART_WEIGHT.metric);
      const base = this.names.get(exact)?.base ?? metricBase(query.metric);
      for (const sibling of base === null ? [] : (this.namesByBase.get(foldText(base)) ?? [])) {
        if (!metricWeights.has(sibling)) metricWeights.set(sibling, PART_WEIGHT.sibling);
      }
    }
    const exactKnown = exact !== undefined && metricWeights.get(exact) === PART_WEIGHT.metric;
    // Words beyond a known metric may name a more specific one; without a known metric, the
    // words (and the metric's own words) are all there is to go on.
    const terms =
      query.words.length > 0 || !exactKnown
        ? [
            ...(query.metric === null ? [] : foldText(query.metricText ?? query.metric).split(" ")),
            ...query.words,
          ].filter((t) => t !== "")
        : [];
    const nameFuzzy = terms.length > 0 ? this.terms.score(terms, this.names) : new Map<string, number>();
    if (exactKnown && terms.length > 0) {
      // "strategic emerging industries added value" is its own metric, not a typo of industrial added value.
      const own = nameFuzzy.get(exact) ?? 1;
      for (const [name, fuzzy] of nameFuzzy) {
        if (fuzzy + 0.2 < own) metricWeights.set(name, PART_WEIGHT.metric);
      }
    }
    return { metricWeights, nameFuzzy, terms };
  }

  /** Completions for Discord autocomplete, drawn from what the index holds. */
  suggest(kind: SuggestKind, partial: string, limit = 25): string[] {
    const folded = foldText(partial);
    if (kind === "region") return this.suggestRegions(folded, limit);
    if (kind === "metric") return this.suggestMetrics(partial, folded, limit);
    return this.suggestQueries(partial, folded, limit);
  }

  /** Every live fact for this region and metric (canonical names), in period order, undated first. */
  trend(region: string, metric: string): StoredFact[] {
    const regionKey = this.fold(region);
    return (this.byMetric.get(foldText(metric)) ?? [])
      .filter((e) => e.region === regionKey)
      .sort((a, b) => comparePeriods(a.fact.period, b.fact.period) || b.newest - a.newest)
      .map((e) => e.fact);
  }

  /**
   * The metric names a region has live facts for: vocabulary metrics first, then the most
   * frequent; what a "not found" answer offers instead.
   */
  metricsOf(region: string): string[] {
    const counts = new Map<MetricName, number>();
    for (const e of this.byRegion.get(this.fold(region)) ?? [])
      counts.set(e.name, (counts.get(e.name) ?? 0) + 1);
    return [...counts]
      .sort(
        ([a, x], [b, y]) =>
          Number(b.canonical) - Number(a.canonical) || y - x || a.display.localeCompare(b.display),
      )
      .map(([name]) => name.display);
  }

  /** The regions (reference order) with live facts for exactly this metric name. */
  regionsWith(metric: string): string[] {
    const regions = new Set((this.byMetric.get(foldText(metric)) ?? []).map((e) => e.fact.region));
    return [...regions].sort((a, b) => (REGION_ORDER.get(a) ?? 999) - (REGION_ORDER.get(b) ?? 999));
  }

  /** The most recently added live facts (by `firstSeenAt`), newest first, optionally for one region. */
  latest(options: { region?: string; limit: number }): StoredFact[] {
    const regionKey = options.region === undefined ? undefined : this.fold(options.region);
    const out: StoredFact[] = [];
    for (const entry of this.newestEntries()) {
      if (out.length >= options.limit) break;
      if (regionKey === undefined || entry.region === regionKey) out.push(entry.fact);
    }
    return out;
  }

  /** The regions (reference order) and metric names (alphabetical) that have live facts. */
  facets(): { regions: string[]; metrics: string[] } {
    const regions = [...this.byRegion.values()].map((list) => list[0]!.fact.region);
    return {
      regions: regions.sort(
        (a, b) => (REGION_ORDER.get(a) ?? 999) - (REGION_ORDER.get(b) ?? 999) || a.localeCompare(b),
      ),
      metrics: [...this.names.values()].map((n) => n.display).sort(),
    };
  }

  // -------------------------------------------------------------------------------------------

  private fold(text: string): string {
    let folded = this.foldMemo.get(text);
    if (folded === undefined) {
      folded = foldText(text);
      if (this.foldMemo.size > 50_000) this.foldMemo.clear();
      this.foldMemo.set(text, folded);
    }
    return folded;
  }

  /** Indexes one fact; `intoLists: false` leaves the region/period/metric lists to a bulk build. */
  private add(fact: StoredFact, intoLists = true): Entry {
    let newest = 0;
    for (const citation of fact.citations) newest = Math.max(newest, this.dateMs(citation.source.published));
    const firstSeen = timeOf(fact.firstSeenAt);
    const metric = this.fold(fact.metric);
    let name = this.names.get(metric);
    if (!name) {
      const base = metricBase(fact.metric);
      name = {
        key: metric,
        display: fact.metric,
        base: base === null ? null : foldText(base),
        canonical: CANONICAL_METRICS.has(metric),
        tokens: metric.split(" "),
        count: 0,
      };
      this.names.set(metric, name);
      if (name.base !== null) {
        let siblings = this.namesByBase.get(name.base);
        if (!siblings) {
          siblings = new Set();
          this.namesByBase.set(name.base, siblings);
        }
        siblings.add(metric);
      }
      this.terms.add(name);
    }
    name.count++;
    const entry: Entry = {
      fact,
      region: this.fold(fact.region),
      period: fact.period === null ? "" : this.periodKey(fact.period),
      metric,
      newest: newest || firstSeen,
      firstSeen,
      name,
      seq: this.nextSeq++,
    };
    this.entries.set(fact.id, entry);
    if (intoLists) {
      this.unsorted.add(this.listPush(this.byRegion, entry.region, entry));
      this.unsorted.add(this.listPush(this.byPeriod, entry.period, entry));
      this.unsorted.add(this.listPush(this.byMetric, entry.metric, entry));
    }
    this.byFirstSeen = undefined;
    return entry;
  }

  /** Publication dates repeat across facts (one source, many figures): parse each once. */
  private dateMs(iso: string | null): number {
    if (iso === null) return 0;
    let ms = this.dateMemo.get(iso);
    if (ms === undefined) {
      ms = timeOf(iso);
      if (this.dateMemo.size > 100_000) this.dateMemo.clear();
      this.dateMemo.set(iso, ms);
    }
    return ms;
  }

  private periodKey(period: string): string {
    let key = this.periodMemo.get(period);
    if (key === undefined) {
      key = canonicalPeriod(period);
      this.periodMemo.set(period, key);
    }
    return key;
  }

  private listPush(map: Map<string, Entry[]>, key: string, entry: Entry): Entry[] {
    let list = map.get(key);
    if (!list) {
      list = [];
      map.set(key, list);
    }
    list.push(entry);
    return list;
  }

  private dropFrom(map: Map<string, Entry[]>, key: string, entry: Entry): void {
    const list = map.get(key);
    const i = list ? list.indexOf(entry) : -1;
    if (!list || i < 0) return;
    list.splice(i, 1);
    if (list.length === 0) {
      map.delete(key);
      this.unsorted.delete(list);
    }
  }

  /** An index list in newest-first order (re-sorted lazily after updates). */
  private ordered(list: Entry[] | undefined): Entry[] {
    if (!list) return [];
    if (this.unsorted.delete(list)) list.sort(byNewest);
    return list;
  }

  /**
   * Facts matching every given part: walks the shortest index lists (newest first) and filters
   * on the rest, stopping after `cap` matches. The cap is the cheap pre-rank: within one list
   * the newest come first, which is also the last tiebreak of the ranking. With no part at
   * all, the newest facts stand in rather than the whole store.
   */
  private lookup(
    regions: string[],
    period: string | null,
    metrics: Map<string, number> | undefined,
    cap = POOL_CAP,
  ): Entry[] {
    const groups: (Entry[] | undefined)[][] = [];
    if (metrics) groups.push([...metrics.keys()].map((m) => this.byMetric.get(m)));
    if (regions.length > 0) groups.push(regions.map((r) => this.byRegion.get(r)));
    if (period !== null) groups.push([this.byPeriod.get(period)]);
    if (groups.length === 0) return this.newestEntries().slice(0, FUSE_CANDIDATES * 4);
    const sizeOf = (lists: (Entry[] | undefined)[]): number =>
      lists.reduce((n, l) => n + (l?.length ?? 0), 0);
    let smallest = groups[0]!;
    for (const group of groups) if (sizeOf(group) < sizeOf(smallest)) smallest = group;

    const regionSet = regions.length > 0 ? new Set(regions) : undefined;
    const perList = Math.ceil(cap / Math.max(1, smallest.length));
    const out: Entry[] = [];
    for (const list of smallest) {
      let taken = 0;
      for (const e of this.ordered(list)) {
        if (regionSet !== undefined && !regionSet.has(e.region)) continue;
        if (period !== null && e.period !== period) continue;
        if (metrics !== undefined && !metrics.has(e.metric)) continue;
        out.push(e);
        if (++taken >= perList) break;
      }
    }
    return out;
  }

  /** The metric names the words most likely mean, when they clearly mean some. */
  private closestNames(nameFuzzy: Map<string, number>): Map<string, number> | undefined {
    const close = [...nameFuzzy].filter(([, fuzzy]) => fuzzy <= 0.5).sort((a, b) => a[1] - b[1]);
    return close.length > 0 ? new Map(close.slice(0, SOFT_NAME_LIMIT)) : undefined;
  }

  private rank(
    pool: Iterable<Entry>,
    q: {
      regions: string[];
      period: string | null;
      metricWeights: Map<string, number>;
      nameFuzzy: Map<string, number>;
      terms: string[];
    },
    limit: number,
  ): SearchHit[] {
    const regionSet = new Set(q.regions);
    const withTerms = q.terms.length > 0;
    // One pass, allocation only for facts that make the top k: pools can hold tens of
    // thousands of facts, and garbage per query is what shows up as tail latency.
    const k = Math.max(limit, FUSE_CANDIDATES);
    const top: Scored[] = [];
    for (const entry of pool) {
      const region = regionSet.has(entry.region);
      const period = q.period !== null && entry.period === q.period;
      const weight = q.metricWeights.get(entry.metric) ?? 0;
      const parts = (region ? PART_WEIGHT.region : 0) + (period ? PART_WEIGHT.period : 0) + weight;
      // Without words to match, headline (vocabulary) metrics come before one-off phrases.
      const fuzzy = withTerms
        ? (q.nameFuzzy.get(entry.metric) ?? 1)
        : weight === PART_WEIGHT.metric
          ? 0
          : entry.name.canonical
            ? 0.3
            : 0.6;
      if (top.length === k) {
        const worst = top[k - 1]!;
        const cmp =
          worst.parts - parts ||
          fuzzy - worst.fuzzy ||
          worst.entry.newest - entry.newest ||
          (entry.fact.id < worst.entry.fact.id ? -1 : 1);
        if (cmp >= 0) continue;
      }
      insertSorted(
        top,
        { entry, parts, fuzzy, matched: { region, period, metric: weight === PART_WEIGHT.metric } },
        k,
      );
    }

    // fuse.js has the last word on the few best.
    const fuseCount = Math.min(top.length, FUSE_CANDIDATES);
    if (withTerms && fuseCount > 1) {
      const head = top.slice(0, fuseCount);
      // Metric name and quote only: vocabulary synonyms already counted in the term score, and
      // fuse's bitap cost grows with every key and character it scans. Word by word (token
      // search) with a tight threshold keeps it to a fraction of a millisecond.
      const fuse = new Fuse(head, {
        keys: [
          { name: "metric", weight: 3, getFn: (s: Scored) => s.entry.fact.metric },
          { name: "quote", weight: 1, getFn: (s: Scored) => s.entry.fact.quote },
        ],
        includeScore: true,
        ignoreLocation: true,
        useTokenSearch: true,
        threshold: 0.3,
      });
      const fuzzy = new Map<Scored, number>();
      for (const hit of fuse.search(q.terms.join(" "))) fuzzy.set(hit.item, hit.score ?? 1);
      for (const s of head) s.fuzzy = (s.fuzzy + (fuzzy.get(s) ?? 1)) / 2;
      head.sort(byRank);
      top.splice(0, fuseCount, ...head);
    }
    // A fact that satisfies no part of the query and shares not a word with it is no answer:
    // "qwxzv plonk" must say "nothing found", not show the newest figure.
    return top
      .slice(0, limit)
      .map((s) => ({
        fact: s.entry.fact,
        score: s.parts + (1 - Math.min(1, s.fuzzy)) * FUZZY_WEIGHT,
        matched: { ...s.matched, words: !withTerms || s.fuzzy < WORDS_FIT },
      }))
      .filter((hit) => hit.score > 0);
  }

  /** Live entries by first-seen time, newest first; sorted once per change. */
  private newestEntries(): Entry[] {
    this.byFirstSeen ??= [...this.entries.values()].sort(
      (a, b) => b.firstSeen - a.firstSeen || (a.fact.id < b.fact.id ? -1 : 1),
    );
    return this.byFirstSeen;
  }

  /** The note for one part the best answer lacks, in the words people use. */
  private relaxNote(
    part: Part,
    query: ParsedQuery,
    regions: string[],
    period: string | null,
    metricWeights: Map<string, number>,
  ): Relaxation {
    const regionText = query.regions.join(" / ");
    const metricText = query.metric === null ? "" : displayMetric(query.metric);
    if (part === "period") {
      const wanted = query.period ?? "";
      // "The latest" is among facts that do match the rest of the query.
      const exact = [...metricWeights].filter(([, w]) => w === PART_WEIGHT.metric).map(([m]) => m);
      const pool =
        exact.length > 0
          ? this.lookup(regions, null, new Map(exact.map((m) => [m, 1])), Number.POSITIVE_INFINITY)
          : [];
      let latest: string | null = null;
      for (const e of pool) if (e.period !== "" && comparePeriods(e.period, latest) > 0) latest = e.period;
      const what = [regionText, metricText].filter(Boolean).join(" ");
      const note = `No ${wanted} figure${what ? ` for ${what}` : ""}${latest ? `; the latest is ${latest}` : ""}`;
      return { part, wanted, note };
    }
    if (part === "metric") {
      const wanted = query.metric ?? "";
      const where = [regionText && `for ${regionText}`, period && `in ${period}`].filter(Boolean).join(" ");
      return {
        part,
        wanted,
        note: `No ${displayMetric(wanted)} figure${where ? ` ${where}` : ""}; showing the closest matches`,
      };
    }
    const what = [metricText, period && `in ${period}`].filter(Boolean).join(" ");
    return {
      part,
      wanted: regionText,
      note: `No ${regionText} figure${what ? ` for ${what}` : ""}; showing other regions`,
    };
  }

  private suggestRegions(folded: string, limit: number): string[] {
    const byName = new Map(REGIONS.map((r) => [r.name, r]));
    return this.facets()
      .regions.filter((name) => {
        if (folded === "") return true;
        const r = byName.get(name);
        return [name, ...(r?.aliases ?? []), ...(r?.zh ?? [])].some((s) => foldText(s).includes(folded));
      })
      .slice(0, limit);
  }

  private suggestMetrics(partial: string, folded: string, limit: number): string[] {
    const all = [...this.names.values()].sort(
      (a, b) => b.count - a.count || a.display.localeCompare(b.display),
    );
    if (folded === "") return all.slice(0, limit).map((n) => n.display);
    const out = new Set<string>();
    for (const n of all) if (n.key.startsWith(folded)) out.add(n.display);
    for (const n of all) if (n.key.includes(folded)) out.add(n.display);
    const parsed = parseQuery(partial, { now: new Date() });
    if (parsed.metric !== null) {
      const exact = this.names.get(foldText(parsed.metric));
      if (exact) out.add(exact.display);
      const base = metricBase(parsed.metric);
      for (const key of base === null ? [] : (this.namesByBase.get(foldText(base)) ?? [])) {
        out.add(this.names.get(key)?.display ?? key);
      }
    }
    const close = [...this.terms.score(folded.split(" "), this.names)].sort((a, b) => a[1] - b[1]);
    for (const [key] of close) out.add(this.names.get(key)?.display ?? key);
    return [...out].slice(0, limit);
  }

  private suggestQueries(partial: string, folded: string, limit: number): string[] {
    const parsed = parseQuery(partial, { now: new Date() });
    // The word being typed is usually unfinished: complete it to a region name when it can be.
    const last = folded.split(" ").at(-1) ?? "";
    if (last.length >= 2 && parsed.words.includes(last)) {
      const region = REGIONS.find((r) =>
        [r.name, ...r.aliases, ...r.zh].some((s) => foldText(s).startsWith(last)),
      );
      if (region && !parsed.regions.includes(region.name)) {
        parsed.regions.push(region.name);
        parsed.words = parsed.words.filter((w) => w !== last);
      }
    }
    const facts =
      folded === ""
        ? this.latest({ limit: limit * 2 })
        : this.search(parsed, { limit: limit * 2 }).results.map((r) => r.fact);
    const out = new Set<string>();
    for (const fact of facts) {
      if (out.size >= limit) break;
      // Discord caps a choice at 100 characters.
      out.add([fact.region.toLowerCase(), fact.metric, fact.period ?? ""].join(" ").trim().slice(0, 100));
    }
    return [...out];
  }
}
