/**
 * A restart with nothing changed does no extraction: the bundled articles are recognised by their
 * stored content hash and the documents by their stored extractor version, so start-up never
 * posts a document to the extraction worker (whose tagger alone costs seconds and tens of MB).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot.js";
import { silentLogger } from "../../src/core/logger.js";
import type { ArticleInput } from "../../src/ingest/types.js";
import { createExtractionRunner, type ExtractionRunner } from "../../src/sources/extraction-runner.js";
import { openStore } from "../../src/store/open-store.js";

const config = (dataDir: string) => ({ dataDir, databaseUrl: undefined, databaseSsl: "off" as const });

/** The real runner, counting the documents handed to it. */
function countingRunner(): { runner: ExtractionRunner; extracted: string[] } {
  const real = createExtractionRunner();
  const extracted: string[] = [];
  return {
    extracted,
    runner: {
      extract: (input: ArticleInput) => {
        extracted.push(input.fileName ?? "document");
        return real.extract(input);
      },
      readPage: (html, url) => real.readPage(html, url),
      close: () => real.close(),
    },
  };
}

describe("start-up with nothing changed", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "gd-warm-start-"));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it("GIVEN a first start THEN every bundled article goes through extraction", async () => {
    const { runner, extracted } = countingRunner();
    const bot = await createBot({ config: config(dataDir), logger: silentLogger(), runner });
    try {
      expect(bot.bundled?.stored.length).toBeGreaterThan(0);
      expect(extracted).toHaveLength(bot.bundled?.stored.length ?? -1);
    } finally {
      await bot.close();
      await runner.close();
    }
  }, 120_000);

  it("GIVEN a restart with the same articles and extractor THEN nothing is extracted and the facts stay as they were", async () => {
    const before = await factIds(dataDir);
    const { runner, extracted } = countingRunner();
    const bot = await createBot({ config: config(dataDir), logger: silentLogger(), runner });
    try {
      expect(extracted).toEqual([]);
      expect(bot.bundled?.stored).toEqual([]);
      expect(bot.bundled?.unchanged.length).toBeGreaterThan(0);
      expect(bot.reextracted?.reread).toBe(0);
      expect(bot.facts.indexedFacts).toBeGreaterThan(0);
    } finally {
      await bot.close();
      await runner.close();
    }
    expect(await factIds(dataDir)).toEqual(before);
  }, 120_000);
});

async function factIds(dataDir: string): Promise<string[]> {
  const store = await openStore({ dataDir });
  try {
    return (await store.listFacts({ includeHeld: true, includeRetracted: true })).map((f) => f.id).sort();
  } finally {
    await store.close();
  }
}
