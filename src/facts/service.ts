/**
 * The facts the bot answers from: the store (truth, on disk) and the search index (in memory),
 * kept in step. Everything that adds, retracts or reviews facts at run time goes through here so
 * the index never lags the store within one process. Only served facts (`isServed`) ever enter
 * the index: held and rejected ones are never answered, compared, charted or listed as latest.
 */
import type { ExtractionResult } from "../ingest/types.js";
import type { FactStore, IngestOutcome, SourceSummary, StoreStats, WriteStamps } from "../store/types.js";
import { isServed, type StoredFact } from "./fact.js";
import { type ParsedComparison, type ParsedQuery, parseComparison, parseQuery } from "./query.js";
import { FactIndex, type SearchResult, type SuggestKind } from "./search.js";

/**
 * How often, at most, answers check the store for changes made by another process (a curator's
 * `facts retract`, a CLI ingest, a second bot). A retraction reaches answers within this time.
 */
export const FRESHNESS_CHECK_MS = 2000;

export class FactService {
  private checkedAt = 0;
  private refreshing: Promise<void> | undefined;

  private constructor(
    private readonly store: FactStore,
    private index: FactIndex,
    private stamp: string,
    private readonly clock: () => number,
  ) {}

  /** Builds the index from everything the store holds. */
  static async open(store: FactStore, options: { clock?: () => number } = {}): Promise<FactService> {
    const stamp = await store.changeStamp();
    const clock = options.clock ?? Date.now;
    const service = new FactService(store, servedIndex(await store.listFacts()), stamp, clock);
    service.checkedAt = clock();
    return service;
  }

  /** Which database is behind the store. */
  get dialect(): FactStore["dialect"] {
    return this.store.dialect;
  }

  /** How many live facts the index holds. */
  get indexedFacts(): number {
    return this.index.size;
  }

  /** Stores a document and makes its facts searchable at once. */
  async ingest(document: ExtractionResult, options?: { now?: Date }): Promise<IngestOutcome> {
    let stamps: WriteStamps | undefined;
    const outcome = await this.store.ingest(document, { ...options, onStamps: (s) => (stamps = s) });
    if (outcome.status === "stored") this.reindex([...outcome.added, ...outcome.merged]);
    this.adopt(stamps);
    return outcome;
  }

  /** Retracts a fact in the store and drops it from answers. */
  async retract(id: string, reason: string, options?: { now?: Date }): Promise<StoredFact> {
    let stamps: WriteStamps | undefined;
    const fact = await this.store.retract(id, reason, { ...options, onStamps: (s) => (stamps = s) });
    this.index.remove(id);
    this.adopt(stamps);
    return fact;
  }

  /** Approves a held fact: answers show it from now on. */
  async approve(id: string, options?: { reason?: string; now?: Date }): Promise<StoredFact> {
    let stamps: WriteStamps | undefined;
    const fact = await this.store.approve(id, { ...options, onStamps: (s) => (stamps = s) });
    this.reindex([fact]);
    this.adopt(stamps);
    return fact;
  }

  /** Rejects a fact: answers never show it. */
  async reject(id: string, reason: string, options?: { now?: Date }): Promise<StoredFact> {
    let stamps: WriteStamps | undefined;
    const fact = await this.store.reject(id, reason, { ...options, onStamps: (s) => (stamps = s) });
    this.reindex([fact]);
    this.adopt(stamps);
    return fact;
  }

  /**
   * After our own write: the index now holds it, so the stamp read right after it (inside its
   * transaction) is ours to keep, but only when the stamp right before it is the one we already
   * had. Otherwise another process changed the store since we last looked (a retraction, say);
   * the old stamp stays so the next check rebuilds the index, and that check is due at once.
   * Re-reading the stamp after the write instead would fold a change committed in between into
   * our stamp, and the index would never learn of it.
   */
  private adopt(stamps: WriteStamps | undefined): void {
    if (stamps && stamps.before === this.stamp) {
      this.stamp = stamps.after;
      return;
    }
    this.checkedAt = Number.NEGATIVE_INFINITY;
  }

  /** Facts waiting for a person's review; never in the index. */
  listHeld(): Promise<StoredFact[]> {
    return this.store.listHeld();
  }

  /** Puts facts that may be answered with into the index and takes every other one out. */
  private reindex(facts: readonly StoredFact[]): void {
    this.index.upsert(facts.filter(isServed));
    for (const fact of facts) if (!isServed(fact)) this.index.remove(fact.id);
  }

  /**
   * Brings the index up to date with changes other processes made to the store. Cheap when
   * nothing changed (one aggregate query, at most every FRESHNESS_CHECK_MS); a change rebuilds
   * the index once, however many questions arrive meanwhile.
   */
  async ensureFresh(): Promise<void> {
    if (this.refreshing) return this.refreshing;
    if (this.clock() - this.checkedAt < FRESHNESS_CHECK_MS) return;
    this.refreshing = (async () => {
      const stamp = await this.store.changeStamp();
      if (stamp !== this.stamp) {
        this.index = servedIndex(await this.store.listFacts());
        this.stamp = stamp;
      }
      this.checkedAt = this.clock();
    })().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /** Parses and searches free text. */
  search(text: string, now: Date, limit = 5): { query: ParsedQuery; result: SearchResult } {
    const query = parseQuery(text, { now });
    return { query, result: this.index.search(query, { limit }) };
  }

  /** Parses `A vs B`; null when the text names no two sides. */
  parseComparison(text: string, now: Date): ParsedComparison | null {
    return parseComparison(text, { now });
  }

  /** Searches an already parsed query. */
  searchParsed(query: ParsedQuery, limit = 5): SearchResult {
    return this.index.search(query, { limit });
  }

  parse(text: string, now: Date): ParsedQuery {
    return parseQuery(text, { now });
  }

  trend(region: string, metric: string): StoredFact[] {
    return this.index.trend(region, metric);
  }

  /** The metric names a region has figures for, vocabulary metrics first. */
  metricsOf(region: string): string[] {
    return this.index.metricsOf(region);
  }

  /** The regions with figures for exactly this metric name. */
  regionsWith(metric: string): string[] {
    return this.index.regionsWith(metric);
  }

  latest(options: { region?: string; limit: number }): StoredFact[] {
    return this.index.latest(options);
  }

  suggest(kind: SuggestKind, partial: string, limit = 25): string[] {
    return this.index.suggest(kind, partial, limit);
  }

  facets(): { regions: string[]; metrics: string[] } {
    return this.index.facets();
  }

  getFact(id: string): Promise<StoredFact | undefined> {
    return this.store.getFact(id);
  }

  factsFirstSeenBetween(from: Date, to: Date): Promise<StoredFact[]> {
    return this.store.factsFirstSeenBetween(from, to);
  }

  listSources(): Promise<SourceSummary[]> {
    return this.store.listSources();
  }

  stats(): Promise<StoreStats> {
    return this.store.stats();
  }
}

/** The index over the facts that may be answered with; the store already leaves out the rest. */
function servedIndex(facts: readonly StoredFact[]): FactIndex {
  return new FactIndex(facts.filter(isServed));
}
