/**
 * What one ingest transaction knows of the stored figures it merges into, so that merging N
 * figures that share a region, metric, period and unit costs one query per key and a binary
 * search per figure, not a query and a scan of all N per figure (which held the write lock for
 * minutes at a few thousand). Only valid inside the transaction that built it: it sees that
 * transaction's own writes because every write goes through it.
 */
import { type Kysely, sql } from "kysely";
import type { ExtractedFact } from "../facts/fact.js";
import { figureKey, VALUE_RELATIVE_TOLERANCE } from "../facts/merge.js";
import type { Database, FactsTable } from "./database.js";
import { compare } from "./fact-rows.js";

/** The columns of a stored fact that matching and promotion read, selected by each of them. */
export const FIGURE_ROW_COLUMNS = [
  "id",
  "region",
  "metric",
  "period",
  "unit",
  "value",
  "status",
  "review_decision",
  "retracted_at",
  "served_at",
  "first_seen_at",
] as const satisfies ReadonlyArray<keyof FactsTable>;
export type FigureRow = Pick<FactsTable, (typeof FIGURE_ROW_COLUMNS)[number]>;

interface Entry {
  row: FigureRow;
  value: number;
}

/** Per-key facts sorted by value, and per-id-base the ids already taken. */
export class FigureIndex {
  private readonly byKey = new Map<string, Entry[]>();
  private readonly bases = new Map<string, { base: boolean; highest: number }>();

  constructor(private readonly trx: Kysely<Database>) {}

  /** The stored fact stating the same figure (same key, value within tolerance), oldest first. */
  async sameFigure(fact: ExtractedFact): Promise<FigureRow | undefined> {
    const entries = await this.entries(figureKey(fact));
    const tolerance = VALUE_RELATIVE_TOLERANCE * Math.abs(fact.value);
    let best: FigureRow | undefined;
    // The tolerance is relative to the larger value; widening by it once more never misses one.
    for (let i = lowerBound(entries, fact.value - 2 * tolerance); i < entries.length; i++) {
      const entry = entries[i]!;
      if (entry.value > fact.value + 2 * tolerance) break;
      const scale = Math.max(Math.abs(entry.value), Math.abs(fact.value));
      if (entry.value !== fact.value && Math.abs(entry.value - fact.value) > VALUE_RELATIVE_TOLERANCE * scale)
        continue;
      if (!best || olderFirst(entry.row, best) < 0) best = entry.row;
    }
    return best;
  }

  /** Records a fact this transaction inserted, so later figures match it and its id is taken. */
  added(row: FigureRow): void {
    const entries = this.byKey.get(figureKey({ ...row }));
    if (entries) {
      const value = Number(row.value);
      entries.splice(lowerBound(entries, value), 0, { row, value });
    }
    this.take(row.id);
  }

  /**
   * `base` if no fact has it, else `base~N` one past the highest N taken: the rule of
   * `freeId` in fact-rows.ts, with one query per base for the whole transaction.
   */
  async freeId(base: string): Promise<string> {
    let known = this.bases.get(base);
    if (!known) {
      const pattern = `${base.replace(/[\\%_]/g, (c) => `\\${c}`)}~%`;
      const taken = await this.trx
        .selectFrom("facts")
        .select("id")
        .where((eb) =>
          eb.or([eb("id", "=", base), sql<boolean>`${sql.ref("id")} like ${pattern} escape '\\'`]),
        )
        .execute();
      known = { base: false, highest: 1 };
      for (const { id } of taken) {
        if (id === base) known.base = true;
        else if (id.startsWith(`${base}~`)) known.highest = Math.max(known.highest, suffixOf(id));
      }
      this.bases.set(base, known);
    }
    return known.base ? `${base}~${known.highest + 1}` : base;
  }

  private take(id: string): void {
    const own = this.bases.get(id);
    if (own) own.base = true;
    // Every base this id counts under: the text before each "~" in it.
    for (let i = id.indexOf("~"); i >= 0; i = id.indexOf("~", i + 1)) {
      const known = this.bases.get(id.slice(0, i));
      if (known) known.highest = Math.max(known.highest, suffixOf(id));
    }
  }

  private async entries(key: string): Promise<Entry[]> {
    const cached = this.byKey.get(key);
    if (cached) return cached;
    const rows = await this.trx
      .selectFrom("facts")
      .select(FIGURE_ROW_COLUMNS)
      .where("figure_key", "=", key)
      .execute();
    const entries = rows.map((row) => ({ row, value: Number(row.value) }));
    entries.sort((a, b) => a.value - b.value || olderFirst(a.row, b.row));
    this.byKey.set(key, entries);
    return entries;
  }
}

function suffixOf(id: string): number {
  const n = Number(/~(\d+)$/.exec(id)?.[1]);
  return Number.isInteger(n) ? n : 1;
}

function olderFirst(a: FigureRow, b: FigureRow): number {
  return compare(a.first_seen_at, b.first_seen_at) || compare(a.id, b.id);
}

/** The first index whose value is >= `value`. */
function lowerBound(entries: readonly Entry[], value: number): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (entries[mid]!.value < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
