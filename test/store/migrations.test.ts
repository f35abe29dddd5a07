/** Migrations on both back ends: from empty, re-run, concurrent start-ups, failures. */
import { spawn } from "node:child_process";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { BotError } from "../../src/core/errors.js";
import { MIGRATIONS, type Migration, migrate } from "../../src/store/migrations.js";
import { openStore } from "../../src/store/open-store.js";
import { extractionResult } from "../support/fact-builders.js";
import { describeEachBackend } from "../support/store-backends.js";

const CHILD = new URL("../support/open-store-child.ts", import.meta.url).pathname;

/**
 * Starts `count` processes that each open the store at `config`, releases them together once all
 * are loaded (so their migrations overlap), and returns each one's migration report.
 */
async function openConcurrently(
  count: number,
  config: object,
): Promise<{ applied: number[]; version: number }[]> {
  const children = Array.from({ length: count }, () => {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, JSON.stringify(config)], {
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const ready = new Promise<void>((resolve) => {
      child.stdout.on("data", (chunk) => {
        stdout += chunk;
        if (stdout.startsWith("ready\n")) resolve();
      });
    });
    const done = new Promise<string>((resolve, reject) => {
      child.on("exit", (code) =>
        code === 0 ? resolve(stdout) : reject(new Error(`store process exited ${code}: ${stderr}`)),
      );
    });
    return { child, ready, done };
  });
  await Promise.all(children.map((c) => c.ready));
  for (const { child } of children) child.stdin.end("go\n");
  const outputs = await Promise.all(children.map((c) => c.done));
  return outputs.map((out) => JSON.parse(out.trim().split("\n").at(-1) ?? "{}"));
}
const LATEST = MIGRATIONS.at(-1)!.version;

const extra = (version: number, name: string, up: Migration["up"]): Migration => ({ version, name, up });

describeEachBackend("migrations", (backend) => {
  it("GIVEN an empty database WHEN the store opens THEN every migration is applied once, in order", async () => {
    const store = await backend.open();

    const rows = await store.db
      .selectFrom("schema_migrations")
      .select(["version", "name"])
      .orderBy("version")
      .execute();

    expect(store.migration).toEqual({ applied: MIGRATIONS.map((m) => m.version), version: LATEST });
    expect(rows.map((r) => [Number(r.version), r.name])).toEqual(MIGRATIONS.map((m) => [m.version, m.name]));
  });

  it("GIVEN a migrated database WHEN migrations run again or the store reopens THEN nothing changes and data survives", async () => {
    const config = await backend.freshConfig();
    const first = await backend.open(config);
    await first.ingest(extractionResult("Report A", [{ region: "Guangdong", metric: "gdp", value: 1 }]));

    const rerun = await migrate(first.db, first.dialect);
    await first.close();
    const reopened = await backend.open(config);

    expect(rerun).toEqual({ applied: [], version: LATEST });
    expect(reopened.migration).toEqual({ applied: [], version: LATEST });
    expect(await reopened.stats()).toMatchObject({ facts: 1, sources: 1 });
  });

  it("GIVEN three processes starting at once on one empty database THEN all succeed and each step is applied once", async () => {
    const config = await backend.freshConfig();

    const reports = await openConcurrently(3, config);

    expect(reports.every((r) => r.version === LATEST)).toBe(true);
    expect(reports.flatMap((r) => r.applied).sort()).toEqual(MIGRATIONS.map((m) => m.version));
    const store = await backend.open(config);
    const rows = await store.db.selectFrom("schema_migrations").select("version").execute();
    expect(rows).toHaveLength(MIGRATIONS.length);
  });

  it("GIVEN a migration that fails half-way THEN its changes are rolled back and the version stays", async () => {
    const config = await backend.freshConfig();
    const broken = extra(LATEST + 1, "broken", async (db) => {
      await db.schema.createTable("half_done").addColumn("id", "integer").execute();
      throw new Error("boom in the middle");
    });

    const error = await openStore({ ...config, migrations: [...MIGRATIONS, broken] }).catch(
      (e: unknown) => e,
    );
    const store = await backend.open(config);

    expect(error).toBeInstanceOf(BotError);
    expect((error as BotError).code).toBe("MIGRATION_FAILED");
    expect((error as BotError).message).toMatch(/broken.*boom in the middle/);
    expect(store.migration).toEqual({ applied: [], version: LATEST });
    await expect(sql`select * from half_done`.execute(store.db)).rejects.toThrow();
  });

  it("GIVEN a database migrated by newer code WHEN older code opens it THEN MIGRATION_FAILED says to upgrade", async () => {
    const config = await backend.freshConfig();
    const newer = extra(LATEST + 1, "newer-table", async (db) => {
      await db.schema.createTable("newer_table").addColumn("id", "integer").execute();
    });
    const upgraded = await openStore({ ...config, migrations: [...MIGRATIONS, newer] });
    await upgraded.close();

    await expect(backend.open(config)).rejects.toThrow(/newer version of the bot/);
  });
});

describe("migration list", () => {
  it("GIVEN versions out of order THEN migrate refuses before touching the database", async () => {
    const noop = async () => {};
    const list = [extra(2, "b", noop), extra(1, "a", noop)];

    // The check runs before any query, so no database is needed.
    await expect(migrate(undefined as never, "sqlite", list)).rejects.toThrow(/out of order/);
  });
});
