/**
 * Merging is linear in the figures that share a key: 5,000 values of one region, metric and
 * period are stored, then stated again by a second document and merged, each value onto its
 * own fact. Before the per-transaction figure index this took minutes under the write lock;
 * the deadline below is only a guard against that, far above what it takes now.
 */
import { expect, it } from "vitest";
import { extractionResult, type FigureSpec } from "../support/fact-builders.js";
import { describeEachBackend } from "../support/store-backends.js";

const N = 5_000;
const figures: FigureSpec[] = Array.from({ length: N }, (_, i) => ({
  region: "Jieyang",
  metric: "ceramics output",
  period: "2022",
  value: 1_000 + i,
  id: "jieyang.ceramics-output.2022",
}));

describeEachBackend("merging many figures with one key", (backend) => {
  it("GIVEN 5,000 values under one key THEN each gets its own id, and a second document merges onto them", async () => {
    const store = await backend.open();
    try {
      const started = Date.now();
      const first = await store.ingest(extractionResult("First ledger", figures));
      expect(first.added).toHaveLength(N);
      const ids = new Set(first.added.map((f) => f.id));
      expect(ids.size).toBe(N);
      expect(ids.has("jieyang.ceramics-output.2022")).toBe(true);
      expect(ids.has(`jieyang.ceramics-output.2022~${N}`)).toBe(true);

      const second = await store.ingest(extractionResult("Second ledger", [...figures].reverse()));
      expect(second.added).toHaveLength(0);
      expect(second.merged).toHaveLength(N);
      const byValue = new Map(first.added.map((f) => [f.value, f.id]));
      for (const fact of second.merged) {
        expect(fact.id).toBe(byValue.get(fact.value));
        expect(fact.citations.map((c) => c.source.title)).toEqual(["First ledger", "Second ledger"]);
      }
      expect(Date.now() - started).toBeLessThan(120_000);
    } finally {
      await store.close();
    }
  });
});
