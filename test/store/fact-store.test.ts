/** The storage suite: the same behaviour on SQLite and PostgreSQL. */
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from "kysely";
import { describe, expect, it } from "vitest";
import { BotError, UserError } from "../../src/core/errors.js";
import { createFactStore } from "../../src/store/fact-store.js";
import { extractionResult } from "../support/fact-builders.js";
import { describeEachBackend } from "../support/store-backends.js";

const GDP = { region: "Guangdong", metric: "gdp", period: "2023", value: 13_570_000_000_000 } as const;
const TARGET = {
  region: "Guangdong",
  metric: "gdp growth target",
  period: "2024",
  value: 5,
  unit: "percent",
} as const;
const SHENZHEN = { region: "Shenzhen", metric: "gdp", period: "2023", value: 3_460_000_000_000 } as const;

const T1 = new Date("2024-04-01T08:00:00.000Z");
const T2 = new Date("2024-04-08T08:00:00.000Z");
const T3 = new Date("2024-04-15T08:00:00.000Z");

/** Makes the Nth insert into `facts` fail, as a crash half-way through an ingest would. */
class FailOnFactInsert implements KyselyPlugin {
  #seen = 0;
  constructor(readonly failAt: number) {}
  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    if (node.kind === "InsertQueryNode" && node.into?.table.identifier.name === "facts") {
      this.#seen += 1;
      if (this.#seen === this.failAt) throw new Error("simulated crash while inserting a fact");
    }
    return node;
  }
  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  }
}

describeEachBackend("FactStore", (backend) => {
  describe("ingest", () => {
    it("GIVEN a stored document WHEN it is ingested again THEN it is reported duplicate and nothing changes", async () => {
      const store = await backend.open();
      const doc = extractionResult("GDP report", [GDP, TARGET, SHENZHEN]);

      const first = await store.ingest(doc, { now: T1 });
      const statsAfterFirst = await store.stats();
      const second = await store.ingest(doc, { now: T2 });

      expect(first.status).toBe("stored");
      expect(first.added.map((f) => f.id)).toEqual([
        "guangdong.gdp.2023",
        "guangdong.gdp-growth-target.2024",
        "shenzhen.gdp.2023",
      ]);
      expect(second).toEqual({ status: "duplicate", source: doc.source, added: [], merged: [] });
      expect(await store.stats()).toEqual(statsAfterFirst);
      expect(statsAfterFirst).toMatchObject({ facts: 3, sources: 1, retracted: 0 });
      expect(await store.listFacts()).toHaveLength(3);
    });

    it("GIVEN two documents stating one shared figure WHEN both are ingested THEN it is one fact citing both, oldest first", async () => {
      const store = await backend.open();
      const a = extractionResult("Report A", [
        { ...GDP, quote: "GDP reached 13.57 trillion yuan in 2023." },
        TARGET,
      ]);
      const b = extractionResult("Report B", [
        { ...GDP, quote: "Guangdong's 2023 output: 13.57 trillion yuan." },
        SHENZHEN,
      ]);

      await store.ingest(a, { now: T1 });
      const outcome = await store.ingest(b, { now: T2 });

      expect(outcome.status).toBe("stored");
      expect(outcome.added.map((f) => f.id)).toEqual(["shenzhen.gdp.2023"]);
      expect(outcome.merged.map((f) => f.id)).toEqual(["guangdong.gdp.2023"]);
      const facts = await store.listFacts();
      expect(facts).toHaveLength(3);
      const gdp = await store.getFact("guangdong.gdp.2023");
      expect(gdp?.citations.map((c) => [c.source.title, c.quote])).toEqual([
        ["Report A", "GDP reached 13.57 trillion yuan in 2023."],
        ["Report B", "Guangdong's 2023 output: 13.57 trillion yuan."],
      ]);
      expect(gdp?.source.title).toBe("Report A");
      expect(gdp?.quote).toBe("GDP reached 13.57 trillion yuan in 2023.");
      expect(await store.stats()).toMatchObject({ facts: 3, sources: 2 });
    });

    it("GIVEN a later document with the same figure WHEN it is merged THEN first_seen_at keeps the first ingest time", async () => {
      const store = await backend.open();
      await store.ingest(extractionResult("Report A", [GDP]), { now: T1 });
      await store.ingest(extractionResult("Report B", [GDP]), { now: T2 });

      const gdp = await store.getFact("guangdong.gdp.2023");

      expect(gdp?.firstSeenAt).toBe(T1.toISOString());
      expect(gdp?.citations).toHaveLength(2);
      expect(await store.factsFirstSeenBetween(T2, T3)).toEqual([]);
    });

    it("GIVEN values that differ only by floating-point noise or qualifier THEN they are the same figure", async () => {
      const store = await backend.open();
      await store.ingest(extractionResult("Report A", [{ ...GDP, value: 13.57 * 1e12 }]), { now: T1 });
      const outcome = await store.ingest(
        extractionResult("Report B", [{ ...GDP, value: 13_570_000_000_000, qualifier: "approx" }]),
        { now: T2 },
      );

      expect(outcome.added).toEqual([]);
      expect(outcome.merged).toHaveLength(1);
      expect(await store.listFacts()).toHaveLength(1);
    });

    it("GIVEN a different value for the same region, metric and period THEN both are kept with distinct ids", async () => {
      const store = await backend.open();
      await store.ingest(extractionResult("Report A", [GDP]), { now: T1 });
      const revised = await store.ingest(
        extractionResult("Report B", [{ ...GDP, value: 13_600_000_000_000 }]),
        {
          now: T2,
        },
      );
      const third = await store.ingest(
        extractionResult("Report C", [{ ...GDP, value: 13_100_000_000_000 }]),
        {
          now: T3,
        },
      );

      expect(revised.added.map((f) => f.id)).toEqual(["guangdong.gdp.2023~2"]);
      expect(third.added.map((f) => f.id)).toEqual(["guangdong.gdp.2023~3"]);
      const values = (await store.listFacts()).map((f) => [f.id, f.value]);
      expect(values).toEqual([
        ["guangdong.gdp.2023", 13_570_000_000_000],
        ["guangdong.gdp.2023~2", 13_600_000_000_000],
        ["guangdong.gdp.2023~3", 13_100_000_000_000],
      ]);
    });

    it("GIVEN one document stating a figure twice THEN it is one fact with one citation", async () => {
      const store = await backend.open();
      const outcome = await store.ingest(
        extractionResult("Report A", [
          { ...GDP, quote: "first mention" },
          { ...GDP, quote: "second mention" },
        ]),
        { now: T1 },
      );

      expect(outcome.added).toHaveLength(1);
      expect(outcome.merged).toEqual([]);
      expect(outcome.added[0]?.citations.map((c) => c.quote)).toEqual(["first mention"]);
    });

    it("GIVEN a crash on the second fact insert WHEN ingesting THEN nothing of the document is stored", async () => {
      const store = await backend.open();
      const doc = extractionResult("Report A", [GDP, TARGET, SHENZHEN]);
      const crashing = createFactStore(store.db.withPlugin(new FailOnFactInsert(2)), store.dialect);

      await expect(crashing.ingest(doc, { now: T1 })).rejects.toThrow("simulated crash");

      expect(await store.hasSource(doc.source.hash)).toBe(false);
      expect(await store.listFacts({ includeRetracted: true })).toEqual([]);
      expect(await store.listSources()).toEqual([]);
      const retry = await store.ingest(doc, { now: T1 });
      expect(retry.status).toBe("stored");
      expect(retry.added).toHaveLength(3);
    });

    it("GIVEN an extraction result that breaks the fact schema WHEN ingesting THEN INGEST_FAILED and nothing stored", async () => {
      const store = await backend.open();
      const doc = extractionResult("Report A", [GDP]);
      const broken = { ...doc, facts: [{ ...doc.facts[0]!, period: "last year" }] };

      const error = await store.ingest(broken, { now: T1 }).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(BotError);
      expect((error as BotError).code).toBe("INGEST_FAILED");
      expect(await store.hasSource(doc.source.hash)).toBe(false);
    });
  });

  describe("retract", () => {
    it("GIVEN a retracted fact THEN it is gone from listFacts and factsFirstSeenBetween but kept with its reason", async () => {
      const store = await backend.open();
      await store.ingest(extractionResult("Report A", [GDP, SHENZHEN]), { now: T1 });

      const retracted = await store.retract("shenzhen.gdp.2023", "  figure is for 2022  ", { now: T2 });

      expect(retracted.retracted).toEqual({ reason: "figure is for 2022", at: T2.toISOString() });
      expect((await store.listFacts()).map((f) => f.id)).toEqual(["guangdong.gdp.2023"]);
      expect((await store.factsFirstSeenBetween(T1, T3)).map((f) => f.id)).toEqual(["guangdong.gdp.2023"]);
      const all = await store.listFacts({ includeRetracted: true });
      expect(all.find((f) => f.id === "shenzhen.gdp.2023")?.retracted?.reason).toBe("figure is for 2022");
      expect((await store.getFact("shenzhen.gdp.2023"))?.firstSeenAt).toBe(T1.toISOString());
      expect(await store.stats()).toMatchObject({ facts: 1, retracted: 1 });
      expect((await store.listSources())[0]?.factCount).toBe(1);
    });

    it("GIVEN an unknown id, an empty reason or a second retraction THEN a UserError says what to do", async () => {
      const store = await backend.open();
      await store.ingest(extractionResult("Report A", [GDP]), { now: T1 });

      await expect(store.retract("no.such.fact", "wrong")).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(store.retract("guangdong.gdp.2023", "   ")).rejects.toBeInstanceOf(UserError);
      await store.retract("guangdong.gdp.2023", "wrong unit");
      await expect(store.retract("guangdong.gdp.2023", "again")).rejects.toThrow(
        /already retracted.*wrong unit/,
      );
    });
  });

  describe("queries", () => {
    it("GIVEN facts stored at three times THEN factsFirstSeenBetween is half-open [from, to)", async () => {
      const store = await backend.open();
      await store.ingest(extractionResult("Report A", [GDP]), { now: T1 });
      await store.ingest(extractionResult("Report B", [TARGET]), { now: T2 });
      await store.ingest(extractionResult("Report C", [SHENZHEN]), { now: T3 });

      const between = await store.factsFirstSeenBetween(T1, T3);

      expect(between.map((f) => f.id)).toEqual(["guangdong.gdp.2023", "guangdong.gdp-growth-target.2024"]);
    });

    it("GIVEN several sources THEN listSources counts live facts and stats names the newest publication", async () => {
      const store = await backend.open();
      const a = extractionResult("Report A", [GDP, TARGET], { published: "2024-01-10" });
      const b = extractionResult("Report B", [GDP], { published: "2024-03-02" });
      const c = extractionResult("Report C", [], { published: null });
      await store.ingest(a, { now: T1 });
      await store.ingest(b, { now: T2 });
      await store.ingest(c, { now: T3 });

      const sources = await store.listSources();

      expect(sources.map((s) => [s.source.title, s.factCount, s.ingestedAt])).toEqual([
        ["Report A", 2, T1.toISOString()],
        ["Report B", 1, T2.toISOString()],
        ["Report C", 0, T3.toISOString()],
      ]);
      expect(await store.hasSource(b.source.hash)).toBe(true);
      expect(await store.hasSource("0".repeat(64))).toBe(false);
      expect(await store.stats()).toEqual({
        facts: 2,
        held: 0,
        rejected: 0,
        retracted: 0,
        sources: 3,
        newestPublished: "2024-03-02",
      });
    });

    it("GIVEN a stored fact THEN it reads back with every field of the fact model", async () => {
      const store = await backend.open();
      const doc = extractionResult("Report A", [{ ...TARGET, qualifier: "target", confidence: 0.75 }]);
      await store.ingest(doc, { now: T1 });

      const fact = await store.getFact("guangdong.gdp-growth-target.2024");

      expect(fact).toEqual({
        ...doc.facts[0],
        citations: [{ source: doc.source, quote: doc.facts[0]!.quote }],
        firstSeenAt: T1.toISOString(),
        retracted: null,
        review: null,
      });
      expect(await store.getFact("missing")).toBeUndefined();
    });
  });

  describe("changeStamp", () => {
    it("GIVEN ingests, merges and retractions THEN the stamp moves with each, and not for a duplicate", async () => {
      const store = await backend.open();
      const stamps = [await store.changeStamp()];
      const report = extractionResult("Report A", [
        { region: "Zhaoqing", metric: "gdp", period: "2023", value: 1 },
      ]);
      await store.ingest(report);
      stamps.push(await store.changeStamp());
      await store.ingest(report);
      expect(await store.changeStamp()).toBe(stamps[1]);
      await store.ingest(
        extractionResult("Report B", [{ region: "Zhaoqing", metric: "gdp", period: "2023", value: 1 }]),
      );
      stamps.push(await store.changeStamp());
      await store.retract("zhaoqing.gdp.2023", "test");
      stamps.push(await store.changeStamp());
      expect(new Set(stamps).size).toBe(4);
    });
  });
});
