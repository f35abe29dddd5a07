/**
 * Upgrades with the real extractor: the bot re-reads, at start-up, the bundled articles an older
 * extractor read, and `npm run cli -- reextract` does the same on demand. The "older extractor"
 * is simulated by marking the stored documents version 1 and planting one misread value.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot.js";
import { silentLogger } from "../../src/core/logger.js";
import { isServed, type StoredFact } from "../../src/facts/fact.js";
import { EXTRACTOR_VERSION } from "../../src/ingest/version.js";
import { openStore } from "../../src/store/open-store.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const config = (dataDir: string) => ({ dataDir, databaseUrl: undefined, databaseSsl: "off" as const });

/** Makes the store look read by extractor v1, with one fact's value misread tenfold. */
async function ageStore(dataDir: string): Promise<{ misread: StoredFact; before: StoredFact[] }> {
  const store = await openStore({ dataDir });
  try {
    const before = await store.listFacts({ includeHeld: true, includeRetracted: true });
    const misread = before.find((f) => f.citations.length === 1 && !f.retracted && !f.review);
    if (!misread) throw new Error("the bundled articles gave no fact cited once");
    await store.db.updateTable("sources").set({ extractor_version: 1 }).execute();
    await store.db
      .updateTable("facts")
      .set({ value: misread.value * 10 })
      .where("id", "=", misread.id)
      .execute();
    return { misread, before };
  } finally {
    await store.close();
  }
}

async function storedVersions(dataDir: string): Promise<number[]> {
  const store = await openStore({ dataDir });
  try {
    const rows = await store.db.selectFrom("sources").select("extractor_version").execute();
    return rows.map((r) => Number(r.extractor_version));
  } finally {
    await store.close();
  }
}

describe("re-extraction with the real extractor", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "gd-reextract-"));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it("GIVEN a fresh bot THEN the bundled articles are stored with their text and the current version, and nothing is re-read", async () => {
    const bot = await createBot({ config: config(dataDir), logger: silentLogger() });
    try {
      expect(bot.bundled?.stored.length).toBeGreaterThan(0);
      expect(bot.reextracted).toMatchObject({ version: EXTRACTOR_VERSION, reread: 0, failed: [] });
    } finally {
      await bot.close();
    }
    const store = await openStore({ dataDir });
    const texts = await store.db.selectFrom("sources").select("text").execute();
    await store.close();
    expect(texts.every((r) => typeof r.text === "string" && r.text.length > 0)).toBe(true);
  });

  it("GIVEN documents an older extractor read WHEN the bot starts THEN it re-reads them, corrects the misread value and keeps everything else", async () => {
    const { misread, before } = await ageStore(dataDir);

    const bot = await createBot({ config: config(dataDir), logger: silentLogger() });
    try {
      const report = bot.reextracted;
      expect(report?.reread).toBe(bot.bundled?.unchanged.length);
      expect(report).toMatchObject({ failed: [], added: [], removed: [], uncited: [] });
      expect(report?.corrected).toEqual([{ from: misread.id, to: misread.id }]);
      const after = await bot.store.listFacts({ includeHeld: true, includeRetracted: true });
      expect(after).toEqual(before);
      const about = await bot.handle({
        platform: "console",
        user: { id: "U" },
        channel: { id: "C" },
        text: "about",
      });
      expect(JSON.stringify(about.blocks)).toContain(`"Facts","value":"${before.filter(isServed).length}"`);
    } finally {
      await bot.close();
    }
    expect(new Set(await storedVersions(dataDir))).toEqual(new Set([EXTRACTOR_VERSION]));
  });

  it("GIVEN the same WHEN `npm run cli -- reextract` runs THEN it prints the report and exits 0", async () => {
    const { misread } = await ageStore(dataDir);

    const run = spawnSync(process.execPath, ["--import", "tsx", "src/cli.ts", "reextract"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "silent" },
    });

    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(
        `^extractor v${EXTRACTOR_VERSION}: \\d+ document\\(s\\) re-read, 0 failed, 0 without stored text;`,
      ),
    );
    expect(run.stdout).toMatch(/\d+ fact\(s\) kept, \d+ added, [1-9]\d* corrected, \d+ removed\n/);
    expect(run.stdout).toContain(`corrected  ${misread.id}\n`);
  }, 180_000);
});
