/**
 * The storage back-end matrix for tests: every store suite runs once on SQLite (a temp folder)
 * and once on PostgreSQL (a fresh schema in the `test` database on 127.0.0.1:5432).
 *
 * When `CI=true` PostgreSQL is required: if it cannot be reached its tests fail. Elsewhere they
 * are skipped with a warning, so a laptop without PostgreSQL still runs the SQLite half.
 * Each fresh database is removed in `cleanup()` so runs never interfere.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, it } from "vitest";
import type { StoreDialect } from "../../src/store/database.js";
import { type OpenedStore, openStore, type StoreConfig } from "../../src/store/open-store.js";

/** The PostgreSQL test database; override with TEST_DATABASE_URL. Only 127.0.0.1, never the internet. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

const PG_REQUIRED = process.env.CI === "true";

/** One back end, able to hand out fresh, isolated databases. */
export interface StoreBackend {
  readonly name: StoreDialect;
  /** Why this back end does not run here; undefined when it runs. */
  readonly skipReason: string | undefined;
  /** A configuration pointing at a fresh, empty database (temp folder or new schema). */
  freshConfig(): Promise<StoreConfig>;
  /** Opens a store on `config`, or on a fresh database; it is closed by `cleanup()` at the latest. */
  open(config?: StoreConfig): Promise<OpenedStore>;
  /** Closes every store opened here and removes every database created here. */
  cleanup(): Promise<void>;
}

async function probePostgres(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query("select 1");
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message || error.name : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const pgProblem = await probePostgres();
if (pgProblem && !PG_REQUIRED) {
  console.warn(
    `[store tests] PostgreSQL at ${TEST_DATABASE_URL} is unreachable (${pgProblem}); its half of the storage suite is SKIPPED. Set CI=true to make this a failure.`,
  );
}

function backend(
  name: StoreDialect,
  skipReason: string | undefined,
  create: () => Promise<{ config: StoreConfig; remove: () => Promise<void> }>,
): StoreBackend {
  const removers: (() => Promise<void>)[] = [];
  const opened: OpenedStore[] = [];
  const freshConfig = async () => {
    const { config, remove } = await create();
    removers.push(remove);
    return config;
  };
  return {
    name,
    skipReason,
    freshConfig,
    async open(config) {
      const store = await openStore(config ?? (await freshConfig()));
      opened.push(store);
      return store;
    },
    async cleanup() {
      // A test may already have closed its store; closing twice is harmless to ignore here.
      for (const store of opened.splice(0)) await store.close().catch(() => undefined);
      for (const remove of removers.splice(0)) await remove();
    },
  };
}

const sqliteBackend = backend("sqlite", undefined, async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), "gd-store-"));
  return { config: { dataDir }, remove: () => rm(dataDir, { recursive: true, force: true }) };
});

const postgresBackend = backend(
  "postgres",
  pgProblem && !PG_REQUIRED ? `PostgreSQL unreachable: ${pgProblem}` : undefined,
  async () => {
    if (pgProblem) {
      throw new Error(
        `PostgreSQL at ${TEST_DATABASE_URL} is required when CI=true but is unreachable: ${pgProblem}`,
      );
    }
    const schema = `gd_test_${randomBytes(6).toString("hex")}`;
    return {
      config: { dataDir: tmpdir(), databaseUrl: TEST_DATABASE_URL, schema },
      remove: async () => {
        const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
        await client.connect();
        try {
          await client.query(`drop schema if exists "${schema}" cascade`);
        } finally {
          await client.end();
        }
      },
    };
  },
);

/** SQLite and PostgreSQL, in that order. */
export const STORE_BACKENDS: readonly StoreBackend[] = [sqliteBackend, postgresBackend];

/**
 * Runs `body` once per back end (`describe.each`), skipping a back end that is unavailable here
 * with a visible skipped test, and cleaning up after the block.
 * @example describeEachBackend("FactStore", (backend) => { it("...", async () => { const store = await backend.open(); }); });
 */
export function describeEachBackend(title: string, body: (backend: StoreBackend) => void): void {
  describe.each(STORE_BACKENDS.map((b) => ({ name: b.name, backend: b })))(
    `${title} on $name`,
    ({ backend }) => {
      if (backend.skipReason) {
        it.skip(`SKIPPED: ${backend.skipReason}`, () => {});
        return;
      }
      afterAll(() => backend.cleanup());
      body(backend);
    },
  );
}
