/**
 * Claims on inbound platform requests, so a replayed or retried request is answered once even
 * when several bot processes share one database. A claim is a row keyed by the request's
 * identity with an expiry; the first insert wins and expired rows are swept on the way in.
 * The table and its migration are appended to `MIGRATIONS` (`src/store/migrations.ts`).
 */
import type { Kysely } from "kysely";
import type { Database } from "./database.js";
import { nowIso } from "./database.js";
import type { Migration } from "./migrations.js";

/** One claimed request. Timestamps are ISO-8601 UTC (see `nowIso`), so text order is time order. */
export interface RequestClaimsTable {
  key: string;
  claimed_at: string;
  expires_at: string;
}

type ClaimsDatabase = Database & { request_claims: RequestClaimsTable };

/** Longest key stored; a longer one is a caller's bug, not a request to remember. */
export const MAX_CLAIM_KEY_CHARS = 200;

/** Creates `request_claims`. Version fixed when appended; never edit. */
export const REQUEST_CLAIMS_MIGRATION: Omit<Migration, "version"> = {
  name: "request-claims",
  async up(db) {
    await db.schema
      .createTable("request_claims")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("claimed_at", "text", (c) => c.notNull())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("request_claims_expires_idx")
      .on("request_claims")
      .column("expires_at")
      .execute();
  },
};

/**
 * Claims `key` until `ttlMs` from `now`. Resolves true when this call is the first live claim,
 * false when another (in this process or any other on the same database) already holds it.
 */
export async function claimRequest(
  db: Kysely<Database>,
  key: string,
  ttlMs: number,
  now: Date = new Date(),
): Promise<boolean> {
  if (key.length === 0 || key.length > MAX_CLAIM_KEY_CHARS) {
    throw new Error(`request claim keys are 1 to ${MAX_CLAIM_KEY_CHARS} characters`);
  }
  const claims = db.withTables<{ request_claims: RequestClaimsTable }>() as Kysely<ClaimsDatabase>;
  const at = nowIso(now);
  // Sweeping first also frees this key if its old claim has expired.
  await claims.deleteFrom("request_claims").where("expires_at", "<=", at).execute();
  const result = await claims
    .insertInto("request_claims")
    .values({ key, claimed_at: at, expires_at: nowIso(new Date(now.getTime() + ttlMs)) })
    .onConflict((oc) => oc.column("key").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}
