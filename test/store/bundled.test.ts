/** First-start ingest of the bundled articles, with a stand-in extractor so only store rules are tested. */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ArticleInput, ExtractionResult } from "../../src/ingest/types.js";
import { EXTRACTOR_VERSION } from "../../src/ingest/version.js";
import { ingestBundledArticles } from "../../src/store/bundled.js";
import { type OpenedStore, openStore } from "../../src/store/open-store.js";
import { extractedFact, sha256 } from "../support/fact-builders.js";

/**
 * Reads "<metric>=<value>" lines as Guangdong 2023 figures. A line "FAIL" makes it throw, as a
 * real extractor may on a malformed file.
 */
function fakeExtract(input: ArticleInput): ExtractionResult {
  if (input.text.includes("FAIL")) throw new Error(`cannot read ${input.fileName}`);
  const source = {
    title: input.fileName ?? "untitled",
    url: null,
    publisher: null,
    published: null,
    hash: sha256(input.text),
  };
  const facts = input.text
    .split("\n")
    .map((line) => /^([a-z ]+)=(\d+)$/.exec(line.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map(([quote, metric, value]) =>
      extractedFact(source, { region: "Guangdong", metric: metric!, value: Number(value), quote: quote! }),
    );
  return { source, facts, warnings: [], text: input.text, extractorVersion: EXTRACTOR_VERSION };
}

describe("ingestBundledArticles", () => {
  let root: string;
  let articles: string;
  let store: OpenedStore;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), "gd-bundled-"));
    articles = path.join(root, "articles");
    await mkdir(articles);
    await writeFile(path.join(articles, "a.txt"), "gdp=100\nexports=7\n");
    await writeFile(path.join(articles, "b.txt"), "gdp=100\nimports=3\n");
    await writeFile(path.join(articles, ".hidden.txt"), "gdp=999\n");
    await writeFile(path.join(articles, "notes.json"), "{}");
    store = await openStore({ dataDir: path.join(root, "var") });
  });
  afterEach(async () => {
    await store.close();
    await rm(root, { recursive: true, force: true });
  });

  it("GIVEN an empty store WHEN the bot first starts THEN every bundled article is ingested", async () => {
    const report = await ingestBundledArticles(store, fakeExtract, articles);

    expect(report.stored.map((s) => path.basename(s.file))).toEqual(["a.txt", "b.txt"]);
    expect(report.failed).toEqual([]);
    expect(await store.stats()).toMatchObject({ facts: 3, sources: 2 });
  });

  it("GIVEN a second start with nothing new THEN nothing is ingested and counts stay the same", async () => {
    await ingestBundledArticles(store, fakeExtract, articles);
    const before = await store.stats();

    const report = await ingestBundledArticles(store, fakeExtract, articles);

    expect(report.stored).toEqual([]);
    expect(report.unchanged.map((f) => path.basename(f))).toEqual(["a.txt", "b.txt"]);
    expect(await store.stats()).toEqual(before);
  });

  it("GIVEN a new bundled article on a later start THEN only that one is ingested", async () => {
    await ingestBundledArticles(store, fakeExtract, articles);
    await writeFile(path.join(articles, "c.txt"), "gdp=100\nretail sales=42\n");

    const report = await ingestBundledArticles(store, fakeExtract, articles);

    expect(report.stored.map((s) => path.basename(s.file))).toEqual(["c.txt"]);
    expect(report.stored[0]?.outcome.merged.map((f) => f.id)).toEqual(["guangdong.gdp.2023"]);
    expect(report.stored[0]?.outcome.added.map((f) => f.id)).toEqual(["guangdong.retail-sales.2023"]);
  });

  it("GIVEN one article the extractor cannot read THEN it is reported and the others are still ingested", async () => {
    await writeFile(path.join(articles, "0-broken.txt"), "FAIL\n");

    const report = await ingestBundledArticles(store, fakeExtract, articles);

    expect(report.failed.map((f) => [path.basename(f.file), f.error.message])).toEqual([
      ["0-broken.txt", "cannot read 0-broken.txt"],
    ]);
    expect(report.stored).toHaveLength(2);
  });

  it("GIVEN a missing folder THEN it is reported as a failure, not thrown", async () => {
    const report = await ingestBundledArticles(store, fakeExtract, path.join(root, "nope"));

    expect(report.failed).toHaveLength(1);
    expect(report.stored).toEqual([]);
  });
});
