/**
 * A store past V8's argument limit: 200,000 facts, written straight into SQLite (an ingest of
 * that many documents would take minutes), then read back whole. Spreading a query result
 * into `push(...)` crashed here at about 125,000 rows with "Maximum call stack size exceeded".
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OpenedStore, openStore } from "../../src/store/open-store.js";
import { extractionResult } from "../support/fact-builders.js";

const FACTS = 200_000;
const BATCH = 500;
const HASH = "a".repeat(64);
const AT = "2025-01-01T00:00:00.000Z";

let dir: string;
let store: OpenedStore;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "gd-large-"));
  store = await openStore({ dataDir: dir });
  await store.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("sources")
      .values({
        hash: HASH,
        title: "Synthetic bulletin",
        url: null,
        publisher: null,
        published: "2025-01-01",
        ingested_at: AT,
      })
      .execute();
    for (let from = 0; from < FACTS; from += BATCH) {
      const ids = Array.from(
        { length: Math.min(BATCH, FACTS - from) },
        (_, k) => `synthetic.metric-${from + k}.2024`,
      );
      await trx
        .insertInto("facts")
        .values(
          ids.map((id, k) => ({
            id,
            figure_key: `guangdong|metric ${from + k}|2024|cny`,
            region: "Guangdong",
            metric: `metric ${from + k}`,
            period: "2024",
            value: from + k,
            unit: "CNY",
            qualifier: "exact",
            confidence: 1,
            first_seen_at: AT,
            retracted_reason: null,
            retracted_at: null,
            served_at: AT,
            status: "served",
            reasons: "[]",
            review_decision: null,
            review_reason: null,
            review_at: null,
          })),
        )
        .execute();
      await trx
        .insertInto("fact_citations")
        .values(
          ids.map((id) => ({
            fact_id: id,
            source_hash: HASH,
            quote: `quote for ${id}`,
            ordinal: 0,
            cited_at: AT,
          })),
        )
        .execute();
    }
  });
}, 180_000);

afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("a store of 200,000 facts", () => {
  it("GIVEN 200,000 stored facts WHEN every fact is listed THEN all come back, each with its citation", async () => {
    const facts = await store.listFacts();
    expect(facts).toHaveLength(FACTS);
    expect(facts[FACTS - 1]?.citations).toHaveLength(1);
    expect((await store.stats()).facts).toBe(FACTS);
  }, 180_000);
});

describe("ids for many values of one figure", () => {
  it("GIVEN one figure stated with five different values WHEN stored THEN ids run base, ~2 … ~5, and an underscore in the id is no wildcard", async () => {
    const other = await openStore({ dataDir: await mkdtemp(path.join(tmpdir(), "gd-ids-")) });
    try {
      for (const [k, value] of [1, 2, 3, 4, 5].entries()) {
        await other.ingest(
          extractionResult(`Report ${k}`, [
            {
              id: "shanwei.r_d-spending.2024",
              region: "Shanwei",
              metric: "r_d spending",
              period: "2024",
              value,
            },
          ]),
        );
      }
      const ids = (await other.listFacts()).map((f) => f.id).sort();
      expect(ids).toEqual([
        "shanwei.r_d-spending.2024",
        "shanwei.r_d-spending.2024~2",
        "shanwei.r_d-spending.2024~3",
        "shanwei.r_d-spending.2024~4",
        "shanwei.r_d-spending.2024~5",
      ]);
    } finally {
      await other.close();
    }
  });
});
