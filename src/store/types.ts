/** The contract of the fact store, whatever database is behind it. */
import type { SourceRef, StoredFact } from "../facts/fact.js";
import type { ExtractionResult } from "../ingest/types.js";

/** What storing one document did. */
export interface IngestOutcome {
  /** `duplicate`: a document with the same content hash was already stored; nothing changed. */
  status: "stored" | "duplicate";
  source: SourceRef;
  /** Facts stored for the first time by this document. */
  added: StoredFact[];
  /** Existing facts this document now also cites. */
  merged: StoredFact[];
}

/** A stored document with how many live facts cite it. */
export interface SourceSummary {
  source: SourceRef;
  ingestedAt: string;
  factCount: number;
}

export interface StoreStats {
  facts: number;
  retracted: number;
  sources: number;
  /** Newest publication date among the sources, ISO date. */
  newestPublished: string | null;
}

export interface FactStore {
  /** Which database is behind it, for `about` and logs. */
  readonly dialect: "sqlite" | "postgres";
  /** Stores one document and its facts in one transaction; merges figures already known. */
  ingest(document: ExtractionResult, options?: { now?: Date }): Promise<IngestOutcome>;
  /** All facts; retracted ones only when asked. */
  listFacts(options?: { includeRetracted?: boolean }): Promise<StoredFact[]>;
  getFact(id: string): Promise<StoredFact | undefined>;
  /** Hides a fact from answers and digests, keeping it with the reason. Unknown id → UserError. */
  retract(id: string, reason: string, options?: { now?: Date }): Promise<StoredFact>;
  /** Live facts first stored in [from, to). */
  factsFirstSeenBetween(from: Date, to: Date): Promise<StoredFact[]>;
  listSources(): Promise<SourceSummary[]>;
  hasSource(hash: string): Promise<boolean>;
  stats(): Promise<StoreStats>;
  /**
   * A cheap summary that changes whenever facts are added, cited again or retracted, by this
   * process or any other on the same database; equal stamps mean nothing changed.
   */
  changeStamp(): Promise<string>;
  close(): Promise<void>;
}
