/**
 * Held facts and a person's review, on SQLite and PostgreSQL: what is stored, what is served,
 * what the digest query sees, how merging promotes a held figure, and that nothing overrides a
 * review.
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/core/errors.js";
import { MIGRATIONS } from "../../src/store/migrations.js";
import { openStore } from "../../src/store/open-store.js";
import { extractionResult, type FigureSpec } from "../support/fact-builders.js";
import { describeEachBackend } from "../support/store-backends.js";

const SURE: FigureSpec = { region: "Guangdong", metric: "gdp", period: "2023", value: 13.57e12 };
const UNSURE: FigureSpec = {
  region: "Foshan",
  metric: "retail sales",
  period: "2024",
  value: 412e9,
  confidence: 0.4,
  status: "held",
};

const T1 = new Date("2024-04-01T08:00:00.000Z");
const T2 = new Date("2024-04-08T08:00:00.000Z");
const T3 = new Date("2024-04-15T08:00:00.000Z");
const T4 = new Date("2024-04-22T08:00:00.000Z");

const HELD_ID = "foshan.retail-sales.2024";
const SURE_ID = "guangdong.gdp.2023";

const ids = (facts: readonly { id: string }[]) => facts.map((f) => f.id);

describeEachBackend("held facts and review", (backend) => {
  describe("storing", () => {
    it("GIVEN a held extraction with reasons THEN status and reasons round-trip and it has no review", async () => {
      const store = await backend.open();
      const doc = extractionResult("Report A", [SURE, UNSURE]);
      doc.facts[1]!.reasons = ["period from the title", "region named once"];

      await store.ingest(doc, { now: T1 });

      const held = await store.getFact(HELD_ID);
      expect(held).toMatchObject({
        status: "held",
        reasons: ["period from the title", "region named once"],
        confidence: 0.4,
        review: null,
        retracted: null,
        firstSeenAt: T1.toISOString(),
      });
      expect((await store.getFact(SURE_ID))?.status).toBe("served");
    });

    it("GIVEN a held and a served fact THEN only the served one is listed, digested and counted as a fact", async () => {
      const store = await backend.open();
      await store.ingest(extractionResult("Report A", [SURE, UNSURE]), { now: T1 });

      expect(ids(await store.listFacts())).toEqual([SURE_ID]);
      expect(ids(await store.listFacts({ includeRetracted: true }))).toEqual([SURE_ID]);
      expect(ids(await store.listFacts({ includeHeld: true }))).toEqual([HELD_ID, SURE_ID]);
      expect(ids(await store.factsFirstSeenBetween(T1, T2))).toEqual([SURE_ID]);
      expect(ids(await store.listHeld())).toEqual([HELD_ID]);
      expect(await store.stats()).toMatchObject({ facts: 1, held: 1, rejected: 0, retracted: 0 });
      expect((await store.listSources())[0]?.factCount).toBe(1);
    });
  });

  describe("approve", () => {
    it("GIVEN a held fact WHEN approved THEN it is served, leaves review, and the digest after the approval announces it once", async () => {
      const store = await backend.open();
      await store.ingest(extractionResult("Report A", [SURE, UNSURE]), { now: T1 });

      const approved = await store.approve(HELD_ID, { reason: "checked the bulletin", now: T3 });

      expect(approved.review).toEqual({
        decision: "approved",
        reason: "checked the bulletin",
        at: T3.toISOString(),
      });
      expect(approved.status).toBe("held");
      expect(approved.firstSeenAt).toBe(T1.toISOString());
      expect(ids(await store.listFacts())).toEqual([HELD_ID, SURE_ID]);
      expect(await store.listHeld()).toEqual([]);
      // The digest covering its first sighting already went out without it; the next one has it.
      expect(ids(await store.factsFirstSeenBetween(T1, T2))).toEqual([SURE_ID]);
      expect(ids(await store.factsFirstSeenBetween(T2, T4))).toEqual([HELD_ID]);
      expect(await store.stats()).toMatchObject({ facts: 2, held: 0 });
      expect((await store.getFact(HELD_ID))?.review?.decision).toBe("approved");
    });

    it("GIVEN an approval without a note THEN the review reason is null", async () => {
      const store = await backend.open();
      await store.ingest(extractionResult("Report A", [UNSURE]), { now: T1 });

      expect((await store.approve(HELD_ID, { now: T2 })).review).toEqual({
        decision: "approved",
        reason: null,
        at: T2.toISOString(),
      });
    });

    it("GIVEN an unknown id, a retracted fact or a second approval THEN a UserError says what is wrong", async () => {
      const store = await backend.open();
      await store.ingest(extractionResult("Report A", [SURE, UNSURE]), { now: T1 });
      await store.retract(SURE_ID, "wrong unit", { now: T2 });

      const unknown = await store.approve("no.such.fact").catch((e: unknown) => e);
      expect(unknown).toBeInstanceOf(UserError);
      expect(unknown).toMatchObject({
        code: "NOT_FOUND",
        message: expect.stringMatching(/No fact has the id "no.such.fact"/),
      });
      await expect(store.approve(SURE_ID)).rejects.toThrow(/was retracted .*wrong unit.*cannot be approved/);
      expect((await store.getFact(SURE_ID))?.review).toBeNull();
      await store.approve(HELD_ID);
      await expect(store.approve(HELD_ID)).rejects.toThrow(/already approved/);
    });
  });

  describe("reject", () => {
    it("GIVEN a held fact WHEN rejected THEN it is never served and is counted as rejected", async () => {
      const store = await backend.open();
      await store.ingest(extractionResult("Report A", [SURE, UNSURE]), { now: T1 });

      const rejected = await store.reject(HELD_ID, "  the figure is Dongguan's  ", { now: T2 });

      expect(rejected.review).toEqual({
        decision: "rejected",
        reason: "the figure is Dongguan's",
        at: T2.toISOString(),
      });
      expect(ids(await store.listFacts())).toEqual([SURE_ID]);
      expect(await store.listHeld()).toEqual([]);
      expect(ids(await store.factsFirstSeenBetween(T1, T4))).toEqual([SURE_ID]);
      expect(ids(await store.listFacts({ includeHeld: true }))).toEqual([HELD_ID, SURE_ID]);
      expect(await store.stats()).toMatchObject({ facts: 1, held: 0, rejected: 1 });
    });

    it("GIVEN an unknown id, an empty reason or a second rejection THEN a UserError", async () => {
      const store = await backend.open();
      await store.ingest(extractionResult("Report A", [UNSURE]), { now: T1 });

      await expect(store.reject("no.such.fact", "wrong")).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(store.reject(HELD_ID, "   ")).rejects.toBeInstanceOf(UserError);
      await store.reject(HELD_ID, "wrong region");
      await expect(store.reject(HELD_ID, "again")).rejects.toThrow(/already rejected/);
    });

    it("GIVEN an approved fact WHEN a person rejects it after all THEN it stops being served", async () => {
      const store = await backend.open();
      await store.ingest(extractionResult("Report A", [UNSURE]), { now: T1 });
      await store.approve(HELD_ID, { now: T2 });

      await store.reject(HELD_ID, "second look: wrong year", { now: T3 });

      expect(await store.listFacts()).toEqual([]);
      expect(await store.factsFirstSeenBetween(T1, T4)).toEqual([]);
      expect((await store.getFact(HELD_ID))?.review?.decision).toBe("rejected");
    });
  });

  describe("merging", () => {
    it("GIVEN a held fact WHEN a later document states the figure served THEN it is promoted and the next digest announces it", async () => {
      const store = await backend.open();
      await store.ingest(extractionResult("Report A", [UNSURE]), { now: T1 });
      const served = { ...UNSURE, status: "served", confidence: 0.9 } as const;

      const outcome = await store.ingest(extractionResult("Report B", [served]), { now: T2 });

      expect(ids(outcome.merged)).toEqual([HELD_ID]);
      const fact = await store.getFact(HELD_ID);
      expect(fact).toMatchObject({
        status: "served",
        confidence: 0.9,
        review: null,
        firstSeenAt: T1.toISOString(),
      });
      expect(fact?.citations.map((c) => c.source.title)).toEqual(["Report A", "Report B"]);
      expect(ids(await store.listFacts())).toEqual([HELD_ID]);
      expect(await store.listHeld()).toEqual([]);
      expect(await store.factsFirstSeenBetween(T1, T2)).toEqual([]);
      expect(ids(await store.factsFirstSeenBetween(T2, T3))).toEqual([HELD_ID]);
    });

    it("GIVEN a held figure stated again held THEN it stays held, with one more citation", async () => {
      const store = await backend.open();
      await store.ingest(extractionResult("Report A", [UNSURE]), { now: T1 });

      await store.ingest(extractionResult("Report B", [UNSURE]), { now: T2 });

      expect(ids(await store.listHeld())).toEqual([HELD_ID]);
      expect((await store.getFact(HELD_ID))?.citations).toHaveLength(2);
      expect(await store.listFacts()).toEqual([]);
    });

    it("GIVEN a served fact WHEN a document states it with low confidence THEN it stays served", async () => {
      const store = await backend.open();
      await store.ingest(extractionResult("Report A", [SURE]), { now: T1 });

      await store.ingest(extractionResult("Report B", [{ ...SURE, status: "held", confidence: 0.2 }]), {
        now: T2,
      });

      expect(await store.getFact(SURE_ID)).toMatchObject({ status: "served", confidence: 0.9 });
      expect(ids(await store.listFacts())).toEqual([SURE_ID]);
    });

    it("GIVEN a rejected fact WHEN a document states it served THEN the rejection stands", async () => {
      const store = await backend.open();
      await store.ingest(extractionResult("Report A", [UNSURE]), { now: T1 });
      await store.reject(HELD_ID, "wrong region", { now: T2 });

      await store.ingest(extractionResult("Report B", [{ ...UNSURE, status: "served", confidence: 0.95 }]), {
        now: T3,
      });

      const fact = await store.getFact(HELD_ID);
      expect(fact?.review).toEqual({ decision: "rejected", reason: "wrong region", at: T2.toISOString() });
      expect(await store.listFacts()).toEqual([]);
      expect(await store.factsFirstSeenBetween(T1, T4)).toEqual([]);
    });

    it("GIVEN one document stating a figure held then served THEN it is one served fact", async () => {
      const store = await backend.open();

      const outcome = await store.ingest(
        extractionResult("Report A", [
          { ...UNSURE, quote: "first, unsure mention" },
          { ...UNSURE, status: "served", confidence: 0.9, quote: "second, clear mention" },
        ]),
        { now: T1 },
      );

      expect(ids(outcome.added)).toEqual([HELD_ID]);
      expect(outcome.added[0]).toMatchObject({
        status: "served",
        citations: [{ quote: "first, unsure mention" }],
      });
      expect(ids(await store.factsFirstSeenBetween(T1, T2))).toEqual([HELD_ID]);
    });
  });

  describe("changeStamp", () => {
    it("GIVEN an approval and a rejection THEN the stamp moves with each", async () => {
      const store = await backend.open();
      await store.ingest(extractionResult("Report A", [UNSURE, { ...UNSURE, region: "Zhuhai" }]), {
        now: T1,
      });
      const stamps = [await store.changeStamp()];

      await store.approve(HELD_ID, { now: T2 });
      stamps.push(await store.changeStamp());
      await store.reject("zhuhai.retail-sales.2024", "not a figure", { now: T2 });
      stamps.push(await store.changeStamp());
      await store.reject(HELD_ID, "changed my mind", { now: T2 });
      stamps.push(await store.changeStamp());

      expect(new Set(stamps).size).toBe(4);
    });
  });

  describe("migration", () => {
    it("GIVEN facts stored before review existed WHEN the store upgrades THEN they are served, reasonless and digested where they were", async () => {
      const config = await backend.freshConfig();
      const old = await openStore({ ...config, migrations: MIGRATIONS.filter((m) => m.version <= 3) });
      const hash = "a".repeat(64);
      await sql`insert into sources (hash, title, url, publisher, published, ingested_at)
        values (${hash}, ${"Old report"}, ${null}, ${null}, ${"2024-01-01"}, ${T1.toISOString()})`.execute(
        old.db,
      );
      await sql`insert into facts (id, figure_key, region, metric, period, value, unit, qualifier, confidence, first_seen_at, retracted_reason, retracted_at)
        values (${SURE_ID}, ${"guangdong|gdp|2023|cny"}, ${"Guangdong"}, ${"gdp"}, ${"2023"}, ${13.57e12}, ${"CNY"}, ${"exact"}, ${0.9}, ${T1.toISOString()}, ${null}, ${null})`.execute(
        old.db,
      );
      await sql`insert into fact_citations (fact_id, source_hash, quote, ordinal, cited_at)
        values (${SURE_ID}, ${hash}, ${"GDP was 13.57 trillion yuan."}, ${0}, ${T1.toISOString()})`.execute(
        old.db,
      );
      await old.close();

      const store = await backend.open(config);

      expect(await store.getFact(SURE_ID)).toMatchObject({ status: "served", reasons: [], review: null });
      expect(ids(await store.factsFirstSeenBetween(T1, T2))).toEqual([SURE_ID]);
      expect(await store.factsFirstSeenBetween(T2, T3)).toEqual([]);
    });
  });
});
