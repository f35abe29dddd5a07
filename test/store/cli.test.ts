/**
 * The curator's CLI end to end, in real processes with a temporary DATA_DIR: ingest the bundled
 * articles with the real extractor, list, re-ingest, retract.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type ExtractedFact, isServed, StoredFactSchema } from "../../src/facts/fact.js";
import { isSameFigure } from "../../src/facts/merge.js";
import { extractArticle } from "../../src/ingest/extract.js";
import { listArticleFiles, readArticle } from "../../src/store/bundled.js";
import type { OpenedStore } from "../../src/store/open-store.js";
import { cli, ROOT, withStoreAt } from "../support/cli.js";

const ARTICLES = path.join(ROOT, "data", "articles");

const listJson = (dataDir: string, ...flags: string[]) => {
  const run = cli(dataDir, "facts", "list", "--json", ...flags);
  expect(run.code, run.stderr).toBe(0);
  return z.array(StoredFactSchema).parse(JSON.parse(run.stdout));
};

describe("CLI ingest and facts", () => {
  const withStore = <T>(read: (store: OpenedStore) => Promise<T>): Promise<T> => withStoreAt(dataDir, read);
  let dataDir: string;
  let files: string[];
  let texts: Map<string, string>;
  /** Every figure the extractor finds in the bundled articles, before merging. */
  let extracted: ExtractedFact[];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "gd-cli-"));
    files = await listArticleFiles(ARTICLES);
    texts = new Map();
    extracted = [];
    for (const file of files) {
      const input = await readArticle(file);
      texts.set(file, input.text);
      extracted.push(...extractArticle(input).facts);
    }
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it("GIVEN an empty store WHEN `ingest data/articles` runs THEN every article is stored and the exit code is 0", () => {
    const run = cli(dataDir, "ingest", "data/articles");

    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.match(/^stored {5}/gm)).toHaveLength(files.length);
    expect(run.stdout).toContain(
      `${files.length} document(s): ${files.length} stored, 0 duplicate, 0 failed`,
    );
  });

  it("THEN `facts list --json --all` shows every extracted figure exactly once, each with its source and quote", () => {
    const facts = listJson(dataDir, "--all");

    expect(facts.length).toBeGreaterThan(0);
    expect(new Set(facts.map((f) => f.id)).size).toBe(facts.length);
    for (const figure of extracted) {
      expect(
        facts.filter((f) => isSameFigure(f, figure)),
        `${figure.id}: ${figure.quote}`,
      ).toHaveLength(1);
    }
    for (const fact of facts) {
      expect(extracted.some((figure) => isSameFigure(fact, figure))).toBe(true);
      for (const citation of fact.citations) {
        expect(citation.source.title.length).toBeGreaterThan(0);
        const inSomeArticle = [...texts.values()].some((text) =>
          text.replace(/\s+/g, " ").includes(citation.quote.replace(/\s+/g, " ")),
        );
        expect(inSomeArticle, `quote not found in any article: ${citation.quote}`).toBe(true);
      }
    }
  });

  it("THEN `facts review --json` shows the held facts, and the store serves every figure extracted served", async () => {
    const run = cli(dataDir, "facts", "review", "--json");
    expect(run.code, run.stderr).toBe(0);
    const held = z.array(StoredFactSchema).parse(JSON.parse(run.stdout));
    const served = await withStore((store) => store.listFacts());
    const all = await withStore((store) => store.listFacts({ includeHeld: true }));

    expect(held.every((f) => f.status === "held" && !isServed(f))).toBe(true);
    expect(served.every(isServed)).toBe(true);
    // A figure extracted held is answerable only when another mention states it served.
    for (const figure of extracted.filter((f) => f.status === "served")) {
      expect(
        served.some((f) => isSameFigure(f, figure)),
        figure.id,
      ).toBe(true);
    }
    expect([...served, ...held].map((f) => f.id).sort()).toEqual(all.map((f) => f.id).sort());
  });

  it("GIVEN the same folder again THEN every document is a duplicate and the facts are unchanged", async () => {
    const before = await withStore((store) => store.listFacts());

    const run = cli(dataDir, "ingest", "data/articles");

    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.match(/^duplicate {2}/gm)).toHaveLength(files.length);
    expect(await withStore((store) => store.listFacts())).toEqual(before);
  });

  it("GIVEN `facts retract <id> --reason` THEN the fact leaves the list and `list --all` keeps it with its reason", async () => {
    const [victim] = await withStore((store) => store.listFacts());

    const run = cli(dataDir, "facts", "retract", victim!.id, "--reason", "wrong region");

    expect(run.code, run.stderr).toBe(0);
    expect((await withStore((store) => store.listFacts())).map((f) => f.id)).not.toContain(victim!.id);
    const kept = listJson(dataDir, "--all").find((f) => f.id === victim!.id);
    expect(kept?.retracted?.reason).toBe("wrong region");
    expect(kept?.firstSeenAt).toBe(victim!.firstSeenAt);
  });

  it("GIVEN an unknown id THEN retract exits non-zero and says how to find ids", () => {
    const run = cli(dataDir, "facts", "retract", "no.such.fact", "--reason", "x");

    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/No fact has the id "no.such.fact"/);
  });

  it("GIVEN a missing path next to a good file THEN the good file is still stored and the exit code is non-zero", async () => {
    const fresh = await mkdtemp(path.join(tmpdir(), "gd-cli-"));
    try {
      const run = cli(fresh, "ingest", "no/such/article.txt", path.relative(ROOT, files[0]!));

      expect(run.code).not.toBe(0);
      expect(run.stdout).toMatch(/^failed {5}no\/such\/article\.txt/m);
      expect(run.stdout.match(/^stored {5}/gm)).toHaveLength(1);
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  });
});
