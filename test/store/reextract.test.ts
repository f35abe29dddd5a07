/**
 * Re-reading stored documents with a newer extractor, on SQLite and PostgreSQL. An "old"
 * extractor (version 1, a fake with known mistakes) fills a store; people retract and approve;
 * a digest goes out; a "new" extractor (version 2) upgrades the store in place. Corrected facts
 * replace wrong ones, judgements and first-seen times survive, and nothing already digested is
 * announced again.
 */
import { expect, it } from "vitest";
import type { StoredFact } from "../../src/facts/fact.js";
import type { ArticleInput, ExtractionResult } from "../../src/ingest/types.js";
import type { OpenedStore } from "../../src/store/open-store.js";
import { reextractAll } from "../../src/store/reextract.js";
import { extractionResult, type FigureSpec, sha256 } from "../support/fact-builders.js";
import { describeEachBackend } from "../support/store-backends.js";

const T1 = new Date("2024-04-01T08:00:00.000Z"); // the old extractor reads both documents
const T2 = new Date("2024-04-03T08:00:00.000Z"); // a curator retracts one fact and approves another
const T3 = new Date("2024-04-08T01:00:00.000Z"); // a digest covered everything up to here
const T4 = new Date("2024-04-10T08:00:00.000Z"); // the new extractor upgrades the store
const T5 = new Date("2024-04-15T01:00:00.000Z"); // the next digest

const GD: FigureSpec = {
  region: "Guangdong",
  metric: "gdp",
  value: 13.57e12,
  quote: "GDP reached 13.57 trillion yuan",
};
const SHENZHEN_QUOTE = "Shenzhen's GDP was 3.46 trillion yuan";
const FOSHAN_QUOTE = "Foshan's output of 1.33 trillion yuan";
const HUIZHOU: FigureSpec = {
  region: "Huizhou",
  metric: "gdp",
  value: 0.6e12,
  quote: "Huizhou: 600 billion",
};
const JIANGMEN: FigureSpec = {
  region: "Jiangmen",
  metric: "gdp",
  value: 0.42e12,
  quote: "Jiangmen about 420 billion",
  status: "held",
  confidence: 0.4,
};
const DONGGUAN: FigureSpec = {
  region: "Dongguan",
  metric: "gdp",
  value: 1.14e12,
  quote: "the city passed 1.14 trillion",
};

/** What each extractor version reads in each document. */
const DOCUMENTS = [
  {
    title: "Provincial bulletin",
    text: "Provincial bulletin: synthetic text for the re-extraction test.",
    v1: [
      GD,
      { region: "Shenzhen", metric: "gdp", value: 3.46e11, quote: SHENZHEN_QUOTE }, // value misread
      { region: "Foshan", metric: "gdp", period: "2022", value: 1.33e12, quote: FOSHAN_QUOTE }, // period misread
      { region: "Zhuhai", metric: "exports", period: "2024", value: 5e9, quote: "5 billion visitors" }, // not a figure
      HUIZHOU,
      JIANGMEN,
    ],
    v2: [
      GD,
      { region: "Shenzhen", metric: "gdp", value: 3.46e12, quote: SHENZHEN_QUOTE },
      { region: "Foshan", metric: "gdp", period: "2023", value: 1.33e12, quote: FOSHAN_QUOTE },
      HUIZHOU,
      JIANGMEN,
      { region: "Zhaoqing", metric: "gdp", value: 279.25e9, quote: "Zhaoqing 279.25 billion" }, // missed by v1
    ],
  },
  {
    title: "City report",
    text: "City report: another synthetic text for the re-extraction test.",
    v1: [GD, { ...DONGGUAN, status: "held", confidence: 0.3 }],
    v2: [GD, { ...DONGGUAN, confidence: 0.85 }],
  },
] as const satisfies readonly { title: string; text: string; v1: FigureSpec[]; v2: FigureSpec[] }[];

type Readings = Partial<Record<string, readonly FigureSpec[]>>;

/** A fake extractor of `version`, reading each document as the table says (or as `override` says). */
function extractor(version: 1 | 2, override: Readings = {}): (input: ArticleInput) => ExtractionResult {
  return (input) => {
    const doc = DOCUMENTS.find((d) => d.text === input.text);
    if (!doc) throw new Error(`unknown document: ${input.text}`);
    const figures = override[doc.title] ?? (version === 1 ? doc.v1 : doc.v2);
    const result = extractionResult(input.hints?.title ?? doc.title, figures, { hash: sha256(doc.text) });
    return { ...result, text: input.text, extractorVersion: version };
  };
}

/** Stores both documents as the old extractor read them. */
async function oldStore(store: OpenedStore, override: Readings = {}): Promise<void> {
  const read = extractor(1, override);
  for (const doc of DOCUMENTS) await store.ingest(read({ text: doc.text }), { now: T1 });
}

const ids = (facts: readonly StoredFact[]) => facts.map((f) => f.id);
const everything = (store: OpenedStore) => store.listFacts({ includeHeld: true, includeRetracted: true });

async function versions(store: OpenedStore): Promise<Record<string, number | null>> {
  const rows = await store.db.selectFrom("sources").select(["title", "extractor_version"]).execute();
  return Object.fromEntries(
    rows.map((r) => [r.title, r.extractor_version === null ? null : Number(r.extractor_version)]),
  );
}

describeEachBackend("re-extraction", (backend) => {
  it("GIVEN a store read by an old extractor WHEN a newer one re-reads it THEN it is upgraded in place and the report says how", async () => {
    const store = await backend.open();
    await oldStore(store);
    await store.retract("huizhou.gdp.2023", "checked: the bulletin means 2022", { now: T2 });
    await store.approve("jiangmen.gdp.2023", { reason: "matches the city's own release", now: T2 });
    const digested = ids(await store.factsFirstSeenBetween(T1, T3));
    const stampBefore = await store.changeStamp();

    const report = await reextractAll(store, extractor(2), { version: 2, now: T4 });

    expect(report).toMatchObject({
      version: 2,
      reread: 2,
      failed: [],
      withoutText: [],
      added: ["zhaoqing.gdp.2023"],
      removed: ["zhuhai.exports.2024"],
      corrected: [
        { from: "shenzhen.gdp.2023", to: "shenzhen.gdp.2023" },
        { from: "foshan.gdp.2022", to: "foshan.gdp.2023" },
      ],
      uncited: [],
    });
    expect(await versions(store)).toEqual({ "Provincial bulletin": 2, "City report": 2 });
    expect(await store.changeStamp()).not.toBe(stampBefore);

    // Corrected facts replace the wrong ones, keeping when they were first seen.
    const shenzhen = await store.getFact("shenzhen.gdp.2023");
    expect(shenzhen).toMatchObject({ value: 3.46e12, firstSeenAt: T1.toISOString(), retracted: null });
    expect(await store.getFact("foshan.gdp.2022")).toBeUndefined();
    expect(await store.getFact("foshan.gdp.2023")).toMatchObject({
      period: "2023",
      value: 1.33e12,
      firstSeenAt: T1.toISOString(),
      citations: [{ quote: FOSHAN_QUOTE }],
    });
    expect((await everything(store)).filter((f) => f.value === 3.46e11)).toEqual([]);

    // A figure no document states any more is retracted, not deleted.
    expect((await store.getFact("zhuhai.exports.2024"))?.retracted).toEqual({
      reason: "no longer extracted (extractor v2)",
      at: T4.toISOString(),
    });

    // People's judgements and first-seen times survive; the shared figure keeps both citations.
    expect((await store.getFact("huizhou.gdp.2023"))?.retracted).toEqual({
      reason: "checked: the bulletin means 2022",
      at: T2.toISOString(),
    });
    expect((await store.getFact("jiangmen.gdp.2023"))?.review).toEqual({
      decision: "approved",
      reason: "matches the city's own release",
      at: T2.toISOString(),
    });
    const gd = await store.getFact("guangdong.gdp.2023");
    expect(gd?.firstSeenAt).toBe(T1.toISOString());
    expect(gd?.citations.map((c) => c.source.title)).toEqual(["Provincial bulletin", "City report"]);

    expect(ids(await store.listFacts())).toEqual([
      "dongguan.gdp.2023",
      "foshan.gdp.2023",
      "guangdong.gdp.2023",
      "jiangmen.gdp.2023",
      "shenzhen.gdp.2023",
      "zhaoqing.gdp.2023",
    ]);

    // The next digest announces only what was never announced: the new figure and the one the
    // new extractor now serves; nothing already digested comes again.
    const next = ids(await store.factsFirstSeenBetween(T3, T5));
    expect(next).toEqual(["dongguan.gdp.2023", "zhaoqing.gdp.2023"]);
    expect(next.filter((id) => digested.includes(id))).toEqual([]);
    // What was digested stays in its window, under the ids it has now.
    expect(ids(await store.factsFirstSeenBetween(T1, T3))).toEqual([
      "foshan.gdp.2023",
      "guangdong.gdp.2023",
      "jiangmen.gdp.2023",
      "shenzhen.gdp.2023",
    ]);
  });

  it("GIVEN an upgraded store WHEN re-extraction runs again THEN nothing is re-read and nothing changes", async () => {
    const store = await backend.open();
    await oldStore(store);
    await reextractAll(store, extractor(2), { version: 2, now: T4 });
    const before = await everything(store);
    const stamp = await store.changeStamp();

    const again = await reextractAll(store, extractor(2), { version: 2, now: T5 });

    expect(again).toMatchObject({ reread: 0, added: [], removed: [], corrected: [], failed: [] });
    expect(await everything(store)).toEqual(before);
    expect(await store.changeStamp()).toBe(stamp);
  });

  it("GIVEN the new extractor fails on one document THEN that one is left as it was and the other is upgraded", async () => {
    const store = await backend.open();
    await oldStore(store);
    const read = extractor(2);
    const failing: (input: ArticleInput) => ExtractionResult = (input) => {
      if (input.text.startsWith("City report")) throw new Error("extractor crashed");
      return read(input);
    };

    const report = await reextractAll(store, failing, { version: 2, now: T4 });

    expect(report.reread).toBe(1);
    expect(report.failed.map((f) => [f.title, f.error.message])).toEqual([
      ["City report", "extractor crashed"],
    ]);
    expect(await versions(store)).toEqual({ "Provincial bulletin": 2, "City report": 1 });
    expect((await store.getFact("dongguan.gdp.2023"))?.status).toBe("held");
  });

  it("GIVEN a document stored before texts were kept THEN it is reported, and re-read once its text is ingested again", async () => {
    const store = await backend.open();
    await oldStore(store);
    await store.db.updateTable("sources").set({ text: null, extractor_version: null }).execute();

    const first = await reextractAll(store, extractor(2), { version: 2, now: T4 });
    expect(first.reread).toBe(0);
    expect(first.withoutText.map((d) => d.title).sort()).toEqual(["City report", "Provincial bulletin"]);

    const duplicate = await store.ingest(extractor(1)({ text: DOCUMENTS[1].text }), { now: T4 });
    expect(duplicate.status).toBe("duplicate");
    expect(await store.attachText(sha256(DOCUMENTS[0].text), DOCUMENTS[0].text)).toBe(true);
    expect(await store.attachText(sha256(DOCUMENTS[0].text), "again")).toBe(false);
    const second = await reextractAll(store, extractor(2), { version: 2, now: T4 });

    expect(second.reread).toBe(2);
    expect(second.added).toEqual(["zhaoqing.gdp.2023"]);
  });

  it("GIVEN an approved fact the new extractor reads differently THEN the approval stays on the old fact, retracted, and the new reading is added", async () => {
    const store = await backend.open();
    await oldStore(store);
    await store.approve("jiangmen.gdp.2023", { now: T2 });
    const bulletin = DOCUMENTS[0].v2.filter((f) => f.region !== "Jiangmen");

    const report = await reextractAll(
      store,
      extractor(2, {
        "Provincial bulletin": [...bulletin, { ...JIANGMEN, value: 0.43e12, status: "served" }],
      }),
      { version: 2, now: T4 },
    );

    const old = await store.getFact("jiangmen.gdp.2023");
    expect(old?.review?.decision).toBe("approved");
    expect(old?.retracted?.reason).toBe("no longer extracted (extractor v2)");
    expect(report.added).toContain("jiangmen.gdp.2023~2");
    expect((await store.getFact("jiangmen.gdp.2023~2"))?.value).toBe(0.43e12);
  });

  it("GIVEN a shared figure one document no longer states THEN it only loses that citation", async () => {
    const store = await backend.open();
    await oldStore(store);

    const report = await reextractAll(
      store,
      extractor(2, { "City report": [{ ...DONGGUAN, confidence: 0.85 }] }),
      { version: 2, now: T4 },
    );

    expect(report.uncited).toEqual(["guangdong.gdp.2023"]);
    const gd = await store.getFact("guangdong.gdp.2023");
    expect(gd?.retracted).toBeNull();
    expect(gd?.citations.map((c) => c.source.title)).toEqual(["Provincial bulletin"]);
  });
});
