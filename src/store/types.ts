/** The contract of the fact store, whatever database is behind it. */
import type { SourceRef, StoredFact } from "../facts/fact.js";
import type { ExtractionResult } from "../ingest/types.js";

/** Which facts {@link FactStore.listFacts} returns besides the served ones. */
export interface ListFactsOptions {
  includeRetracted?: boolean;
  /** Held (unreviewed) and rejected facts too. */
  includeHeld?: boolean;
}

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
  /** Served facts (`isServed`) that cite it. */
  factCount: number;
  /** Facts it states that wait for a person's review (`facts review`). */
  heldCount: number;
}

export interface StoreStats {
  /** Facts that may be answered with (`isServed`). */
  facts: number;
  /** Held for review: not yet approved or rejected, not retracted. */
  held: number;
  /** Rejected by a person (and not retracted). */
  rejected: number;
  retracted: number;
  sources: number;
  /** Newest publication date among the sources, ISO date. */
  newestPublished: string | null;
}

/** The change stamps just before and just after one write, both read inside its transaction. */
export interface WriteStamps {
  before: string;
  after: string;
}

/** Options every write takes. */
export interface WriteOptions {
  now?: Date;
  /**
   * Called once the write has committed, with the stamps read under its lock, so a caller that
   * keeps its own copy of the facts can tell its change from another process's (see
   * `FactService`). Costs two aggregate queries; writers that keep no copy leave it out.
   */
  onStamps?: (stamps: WriteStamps) => void;
}

export interface FactStore {
  /** Which database is behind it, for `about` and logs. */
  readonly dialect: "sqlite" | "postgres";
  /** Stores one document and its facts in one transaction; merges figures already known. */
  ingest(document: ExtractionResult, options?: WriteOptions): Promise<IngestOutcome>;
  /**
   * The facts that may be answered with (`isServed`), ordered by first_seen_at then id.
   * `includeHeld` adds held and rejected ones; `includeRetracted` adds retracted ones.
   */
  listFacts(options?: ListFactsOptions): Promise<StoredFact[]>;
  getFact(id: string): Promise<StoredFact | undefined>;
  /** Hides a fact from answers and digests, keeping it with the reason. Unknown id → UserError. */
  retract(id: string, reason: string, options?: WriteOptions): Promise<StoredFact>;
  /** Facts waiting for a person: held, not reviewed, not retracted; oldest first. */
  listHeld(): Promise<StoredFact[]>;
  /**
   * A person's approval: the fact becomes answerable (and is announced by the next digest if it
   * never was). Unknown id, a retracted fact or one already approved → UserError.
   */
  approve(id: string, options?: WriteOptions & { reason?: string }): Promise<StoredFact>;
  /** A person's rejection: never answered. Unknown id, empty reason, retracted or already rejected → UserError. */
  reject(id: string, reason: string, options?: WriteOptions): Promise<StoredFact>;
  /**
   * Served facts that became answerable in [from, to): stored as served then, or approved or
   * promoted (see the merge rules) then. What a digest announces; every fact is in one window only.
   */
  factsFirstSeenBetween(from: Date, to: Date): Promise<StoredFact[]>;
  listSources(): Promise<SourceSummary[]>;
  hasSource(hash: string): Promise<boolean>;
  /**
   * Keeps the text of a document stored before texts were kept (so a newer extractor can read it
   * again); does nothing when the document is unknown or has its text. True when it stored it.
   */
  attachText(hash: string, text: string): Promise<boolean>;
  stats(): Promise<StoreStats>;
  /**
   * A cheap summary that changes whenever facts are added, cited again, retracted, reviewed or
   * re-read by a newer extractor, by this
   * process or any other on the same database; equal stamps mean nothing changed.
   */
  changeStamp(): Promise<string>;
  close(): Promise<void>;
}
