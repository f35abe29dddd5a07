/**
 * Storage faults (issue 14): a read-only DATA_DIR holding a good store, a DATA_DIR that cannot be
 * created, and a disk that fills during an ingest. Read-only folders and full disks are real: a
 * small tmpfs mounted for the test (remounted read-only where needed). Where mounting is not
 * allowed (not root, or in a container without CAP_SYS_ADMIN) those tests are skipped with a notice.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { createBot } from "../../src/bot.js";
import { BotError, StoreWriteRefusedError } from "../../src/core/errors.js";
import { silentLogger } from "../../src/core/logger.js";
import { DEFAULT_DIGEST_CONFIG, DigestService } from "../../src/digest/service.js";
import { SQLITE_FILE_NAME } from "../../src/store/database.js";
import { MIGRATIONS } from "../../src/store/migrations.js";
import { openStore } from "../../src/store/open-store.js";
import { cli } from "../support/cli.js";
import { extractionResult } from "../support/fact-builders.js";

const NOW = new Date("2026-11-20T04:00:00Z");

/** A tmpfs of `size` at a fresh folder, or undefined when this machine does not allow mounting. */
function mountTmpfs(size: string): string | undefined {
  const dir = mkdtempSync(path.join(tmpdir(), "gd-tmpfs-"));
  const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir], {
    encoding: "utf8",
  });
  if (mounted.status === 0) return dir;
  rmSync(dir, { recursive: true, force: true });
  return undefined;
}

function remountReadOnly(dir: string): void {
  const result = spawnSync("mount", ["-o", "remount,ro", dir], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`remount read-only failed: ${result.stderr}`);
}

function unmount(dir: string): void {
  spawnSync("umount", [dir]);
  rmSync(dir, { recursive: true, force: true });
}

const probe = mountTmpfs("1m");
if (probe) unmount(probe);
const MOUNT_SKIP = probe ? undefined : "mounting a tmpfs is not allowed here (needs root / CAP_SYS_ADMIN)";
if (MOUNT_SKIP) console.warn(`[storage-faults] read-only and full-disk tests SKIPPED: ${MOUNT_SKIP}`);
const withMount = MOUNT_SKIP ? describe.skip : describe;

async function seed(dataDir: string, migrations = MIGRATIONS): Promise<void> {
  const store = await openStore({ dataDir, migrations });
  try {
    // An older schema is left empty: today's ingest needs today's columns.
    if (migrations !== MIGRATIONS) return;
    await store.ingest(
      extractionResult("Yangjiang notes", [
        { region: "Yangjiang", metric: "gdp", value: 161e9, period: "2023" },
      ]),
      { now: NOW },
    );
  } finally {
    await store.close();
  }
}

withMount("a read-only DATA_DIR holding a good store", () => {
  let mount: string;
  let dataDir: string;
  beforeAll(async () => {
    mount = mountTmpfs("8m")!;
    dataDir = path.join(mount, "var");
    await seed(dataDir);
    remountReadOnly(mount);
  });
  afterAll(() => unmount(mount));

  it("GIVEN the folder is read-only THEN the store opens read-only and answers", async () => {
    const store = await openStore({ dataDir });
    try {
      expect(store.readOnly).toMatch(/read-only/);
      expect((await store.listFacts()).map((f) => f.region)).toEqual(["Yangjiang"]);
    } finally {
      await store.close();
    }
  });

  it("GIVEN it is read-only THEN ingests and digest subscriptions are refused with FACT_STORE_READ_ONLY and change nothing", async () => {
    const store = await openStore({ dataDir });
    try {
      const ingest = await store
        .ingest(extractionResult("Jieyang notes", [{ region: "Jieyang", metric: "gdp", value: 240e9 }]))
        .catch((e: unknown) => e);
      expect(ingest).toBeInstanceOf(StoreWriteRefusedError);
      expect((ingest as BotError).code).toBe("FACT_STORE_READ_ONLY");

      const subscribe = await new DigestService(store.db, store, DEFAULT_DIGEST_CONFIG)
        .subscribe({
          platform: "slack",
          workspace: null,
          channelId: "C-RO",
          userId: "U-1",
          frequency: "weekly",
          now: NOW,
        })
        .catch((e: unknown) => e);
      expect((subscribe as BotError).code).toBe("FACT_STORE_READ_ONLY");
      expect(await store.listFacts()).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it("GIVEN the bot starts on it THEN it answers questions and refuses a subscription with a clear message", async () => {
    const bot = await createBot({
      config: { dataDir, databaseUrl: undefined, databaseSsl: "off" },
      logger: silentLogger(),
    });
    try {
      const ask = (text: string) =>
        bot.handle({ platform: "console", user: { id: "U-1" }, channel: { id: "C-1" }, text });
      const answer = await ask("yangjiang gdp 2023");
      expect(JSON.stringify(answer.blocks)).toMatch(/Yangjiang/);
      expect(answer.blocks.some((b) => b.type === "fact")).toBe(true);
      const refused = await ask("digest subscribe weekly");
      expect(JSON.stringify(refused.blocks)).toMatch(/read-only just now.*error id E-[0-9A-F]{6}/);
    } finally {
      await bot.close();
    }
  });
});

withMount("a read-only store that needs migrating", () => {
  let mount: string;
  let dataDir: string;
  beforeAll(async () => {
    mount = mountTmpfs("8m")!;
    dataDir = path.join(mount, "var");
    await seed(dataDir, MIGRATIONS.slice(0, -1));
    remountReadOnly(mount);
  });
  afterAll(() => unmount(mount));

  it("GIVEN pending migrations THEN it is refused with the versions and what to do, and the file is untouched", async () => {
    const error = await openStore({ dataDir }).then(
      (s) => s.close(),
      (e: unknown) => e,
    );
    expect((error as BotError).code).toBe("MIGRATION_FAILED");
    expect((error as Error).message).toContain(String(MIGRATIONS.at(-1)!.version));
    expect((error as Error).message).toMatch(/Make DATA_DIR writable/);
  });
});

withMount("a DATA_DIR that cannot be created or written", () => {
  let mount: string;
  beforeAll(() => {
    mount = mountTmpfs("1m")!;
    mkdirSync(path.join(mount, "empty"));
    remountReadOnly(mount);
  });
  afterAll(() => unmount(mount));

  it("GIVEN a missing DATA_DIR under a read-only parent THEN one line names the path and the fix", async () => {
    const dataDir = path.join(mount, "missing", "var");
    const error = await openStore({ dataDir }).then(
      (s) => s.close(),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BotError);
    const message = (error as Error).message;
    expect(message).toContain(dataDir);
    expect(message).toMatch(/set DATA_DIR to a writable folder/);
    expect(message).not.toContain("\n");
  });

  it("GIVEN an existing but read-only DATA_DIR with no store THEN one line says it cannot be created there", async () => {
    const dataDir = path.join(mount, "empty");
    const error = await openStore({ dataDir }).then(
      (s) => s.close(),
      (e: unknown) => e,
    );
    expect((error as Error).message).toMatch(new RegExp(`DATA_DIR ${dataDir} is not writable.*set DATA_DIR`));
  });

  it("GIVEN `facts list` on a missing DATA_DIR THEN the CLI prints one line, no stack, and exits non-zero", () => {
    const dataDir = path.join(mount, "missing", "var");
    const result = cli(dataDir, "facts", "list");
    expect(result.code).not.toBe(0);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error \[FACT_STORE_UNAVAILABLE\]: DATA_DIR .* set DATA_DIR/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

withMount("a disk that fills during an ingest", () => {
  let mount: string;
  let dataDir: string;
  beforeAll(() => {
    mount = mountTmpfs("1m")!;
  });
  afterAll(() => unmount(mount));

  it("GIVEN documents keep coming WHEN the disk fills THEN that document rolls back with FACT_STORE_FULL, the others stay, and the next start is healthy", async () => {
    dataDir = path.join(mount, "var");
    const store = await openStore({ dataDir });
    // Closed however the test ends, or the tmpfs stays busy and cannot be unmounted.
    onTestFinished(() => store.close().catch(() => undefined));
    const stored: string[] = [];
    let failure: unknown;
    for (let i = 0; i < 40 && failure === undefined; i++) {
      const doc = extractionResult(`Bulletin ${i}`, [
        { region: "Qingyuan", metric: "gdp", value: 200e9 + i * 1e9, period: `${1990 + i}` },
      ]);
      // Bulky text, so a 1 MiB disk fills within a few documents.
      doc.text = randomBytes(48 * 1024).toString("hex");
      try {
        await store.ingest(doc, { now: NOW });
        stored.push(doc.source.hash);
      } catch (error) {
        failure = error;
        expect(await store.hasSource(doc.source.hash)).toBe(false);
      }
    }
    expect(failure, "the disk never filled").toBeDefined();
    expect(failure).toBeInstanceOf(StoreWriteRefusedError);
    expect((failure as BotError).code).toBe("FACT_STORE_FULL");
    expect((failure as Error).message).not.toMatch(/cannot rollback/);
    expect(stored.length).toBeGreaterThan(0);
    // The store is still usable for reading after the failed write.
    expect(await store.listFacts()).toHaveLength(stored.length);

    await store.close();
    const again = await openStore({ dataDir });
    try {
      expect(await again.listFacts()).toHaveLength(stored.length);
      for (const hash of stored) expect(await again.hasSource(hash)).toBe(true);
    } finally {
      await again.close();
    }
    // The bot itself starts on the still-full disk: the bundled articles fail to store, it answers.
    const bot = await createBot({
      config: { dataDir, databaseUrl: undefined, databaseSsl: "off" },
      logger: silentLogger(),
    });
    try {
      expect(bot.bundled?.failed.length).toBeGreaterThan(0);
      const answer = await bot.handle({
        platform: "console",
        user: { id: "U-1" },
        channel: { id: "C-1" },
        text: "qingyuan gdp 1990",
      });
      expect(JSON.stringify(answer.blocks)).toMatch(/Qingyuan/);
    } finally {
      await bot.close();
    }
    const check = new SqliteDatabase(path.join(dataDir, SQLITE_FILE_NAME), { readonly: true });
    expect(check.pragma("quick_check", { simple: true })).toBe("ok");
    check.close();
  });
});
