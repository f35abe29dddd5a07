/**
 * A publisher or date the header did not state is stored with where it was inferred from, read
 * back with that marker, and never becomes a stated publication date when the document is read
 * again: periods are dated only by a stated date, on the first reading and every later one.
 * Real extraction on invented articles, on SQLite and PostgreSQL.
 */
import { expect, it } from "vitest";
import { extractArticle } from "../../src/ingest/extract.js";
import type { ArticleInput, ExtractionResult } from "../../src/ingest/types.js";
import type { OpenedStore } from "../../src/store/open-store.js";
import { reextractAll } from "../../src/store/reextract.js";
import { describeEachBackend } from "../support/store-backends.js";

// No header date: the dateline's date is an inference. Read as a stated date, Feb. 1 would put
// "the first quarter" in the year before (the quarter not yet over); undated, the body's year holds.
const WIRE_ARTICLE =
  "Title: Shantou port keeps growing\n\nSHANTOU, Feb. 1, 2024 (Harbour Wire) -- Shantou's exports rose 5 percent to 12 billion yuan in the first quarter, the city's customs office said.\n";
const LINKED_ARTICLE =
  "Title: Zhanjiang harbour report\nURL: https://www.chinadaily.com.cn/a/2023/11/20/harbour.html\n\nZhanjiang's GDP reached 390 billion yuan in 2022.\n";
const STATED_ARTICLE =
  "Title: Jieyang annual review\nSource: Jieyang Daily\nDate: 2024-03-05\n\nJieyang's GDP reached 260 billion yuan in 2023.\n";

/** The real extractor, claiming `version`, as the bot's re-reading calls it. */
const extractor =
  (version: number) =>
  (input: ArticleInput): ExtractionResult => ({ ...extractArticle(input), extractorVersion: version });

async function sourceOf(store: OpenedStore, title: string) {
  const found = (await store.listSources()).find((s) => s.source.title === title);
  if (!found) throw new Error(`no stored source titled ${title}`);
  return found.source;
}

describeEachBackend("inferred provenance", (backend) => {
  it("GIVEN documents with stated, linked and textual provenance WHEN stored THEN each reads back with its marker", async () => {
    const store = await backend.open();
    for (const text of [WIRE_ARTICLE, LINKED_ARTICLE, STATED_ARTICLE])
      await store.ingest(extractor(1)({ text }));

    expect(await sourceOf(store, "Shantou port keeps growing")).toMatchObject({
      publisher: "Harbour Wire",
      published: "2024-02-01",
      inferred: { publisher: "text", published: "text" },
    });
    expect(await sourceOf(store, "Zhanjiang harbour report")).toMatchObject({
      publisher: "China Daily",
      published: "2023-11-20",
      inferred: { publisher: "link", published: "link" },
    });
    const stated = await sourceOf(store, "Jieyang annual review");
    expect(stated).toMatchObject({ publisher: "Jieyang Daily", published: "2024-03-05" });
    expect(stated.inferred).toBeUndefined();

    const zhanjiang = (await store.listFacts()).find((f) => f.id === "zhanjiang.gdp.2022");
    expect(zhanjiang?.citations[0]?.source.inferred).toEqual({ publisher: "link", published: "link" });
  });

  it("GIVEN a document dated only by its dateline WHEN a newer extractor re-reads it THEN the inferred date does not date its periods", async () => {
    const store = await backend.open();
    const first = extractor(1)({ text: WIRE_ARTICLE });
    await store.ingest(first);
    const before = (await store.listFacts({ includeHeld: true })).map((f) => [f.id, f.period, f.reasons]);
    expect(before.map(([id]) => id).sort()).toEqual([
      "shantou.exports-growth.2024-q1",
      "shantou.exports.2024-q1",
    ]);

    const report = await reextractAll(store, extractor(2), { version: 2 });

    expect(report).toMatchObject({ reread: 1, failed: [], corrected: [], added: [], removed: [] });
    const after = (await store.listFacts({ includeHeld: true })).map((f) => [f.id, f.period, f.reasons]);
    expect(after).toEqual(before);
    expect(after.every(([, , reasons]) => String(reasons).includes("year inferred"))).toBe(true);
    // Still shown, still marked.
    expect(await sourceOf(store, "Shantou port keeps growing")).toMatchObject({
      published: "2024-02-01",
      inferred: { publisher: "text", published: "text" },
    });
  });

  it("GIVEN a stated date WHEN re-read THEN it still dates the periods and stays unmarked", async () => {
    const store = await backend.open();
    await store.ingest(extractor(1)({ text: STATED_ARTICLE }));
    await reextractAll(store, extractor(2), { version: 2 });
    const facts = await store.listFacts();
    expect(facts.map((f) => f.id)).toEqual(["jieyang.gdp.2023"]);
    expect(facts[0]?.reasons.join(" ")).not.toContain("year inferred");
    expect((await sourceOf(store, "Jieyang annual review")).inferred).toBeUndefined();
  });
});
