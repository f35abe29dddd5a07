/** Start-up faults: an unreachable PostgreSQL, and SQLite files that are not ours. */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BotError } from "../../src/core/errors.js";
import { SQLITE_FILE_NAME } from "../../src/store/database.js";
import { openStore } from "../../src/store/open-store.js";

async function openError(config: Parameters<typeof openStore>[0]): Promise<BotError> {
  const error = await openStore(config).then(
    async (store) => {
      await store.close();
      return undefined;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BotError);
  return error as BotError;
}

describe("openStore with an unreachable DATABASE_URL", () => {
  it("GIVEN nothing listens on the port THEN FACT_STORE_UNAVAILABLE names host and port but not the password", async () => {
    const password = "s3cret-Passw0rd-xyz";
    const error = await openError({
      dataDir: tmpdir(),
      databaseUrl: `postgres://bot:${password}@127.0.0.1:9/gd`,
    });

    expect(error.code).toBe("FACT_STORE_UNAVAILABLE");
    expect(error.message).toContain("127.0.0.1:9");
    expect(error.message).not.toContain(password);
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain(password);
    expect(String((error.cause as Error | undefined)?.stack ?? "")).not.toContain(password);
  });
});

describe("openStore on a SQLite file that is not ours", () => {
  let dataDir: string;
  let file: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "gd-corrupt-"));
    file = path.join(dataDir, SQLITE_FILE_NAME);
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  async function expectRefusedUntouched(): Promise<BotError> {
    const before = await readFile(file);
    const error = await openError({ dataDir });
    expect(error.code).toBe("FACT_STORE_CORRUPT");
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/left untouched/);
    expect((await readFile(file)).equals(before)).toBe(true);
    expect(existsSync(`${file}-wal`)).toBe(false);
    return error;
  }

  it("GIVEN a text file THEN FACT_STORE_CORRUPT and the file keeps every byte", async () => {
    await writeFile(file, "these are my notes, not a database\n".repeat(50));

    const error = await expectRefusedUntouched();

    expect(error.message).toMatch(/not a SQLite database/);
  });

  it("GIVEN a SQLite header followed by garbage THEN FACT_STORE_CORRUPT and the file keeps every byte", async () => {
    await writeFile(
      file,
      Buffer.concat([Buffer.from("SQLite format 3\u0000", "latin1"), Buffer.alloc(4096, 0x5a)]),
    );

    await expectRefusedUntouched();
  });

  it("GIVEN another application's SQLite database THEN FACT_STORE_CORRUPT names its tables and leaves it alone", async () => {
    const foreign = new SqliteDatabase(file);
    foreign.exec(
      "create table users (id integer primary key, name text); insert into users (name) values ('ada');",
    );
    foreign.close();

    const error = await expectRefusedUntouched();

    expect(error.message).toMatch(/users/);
  });

  it("GIVEN a DATA_DIR that does not exist yet THEN it is created with a working store in it", async () => {
    const nested = path.join(dataDir, "a", "b");
    const store = await openStore({ dataDir: nested });
    await store.close();

    expect(existsSync(path.join(nested, SQLITE_FILE_NAME))).toBe(true);
    expect(store.dialect).toBe("sqlite");
  });
});
