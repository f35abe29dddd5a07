/**
 * The digest's schema, appended to the store's forward-only migration list
 * (`src/store/migrations.ts`). Never edit it once shipped; append a new migration instead.
 */
import { sql } from "kysely";
import type { Migration } from "../store/migrations.js";

/** Creates `digest_subscriptions` and `digest_deliveries`. */
export const DIGEST_MIGRATION: Migration = {
  version: 2,
  name: "digest-subscriptions-deliveries",
  async up(db) {
    await db.schema
      .createTable("digest_subscriptions")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("platform", "text", (c) => c.notNull())
      .addColumn("workspace", "text")
      .addColumn("channel_id", "text", (c) => c.notNull())
      .addColumn("frequency", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("created_by", "text", (c) => c.notNull())
      .addColumn("disabled_at", "text")
      .addColumn("disabled_reason", "text")
      .execute();
    // At most one live subscription per channel; disabled ones stay for `digest status`.
    await db.schema
      .createIndex("digest_subscriptions_live_channel_idx")
      .on("digest_subscriptions")
      .columns(["platform", "channel_id"])
      .unique()
      .where(sql.ref("disabled_at"), "is", null)
      .execute();
    await db.schema
      .createTable("digest_deliveries")
      .addColumn("subscription_id", "text", (c) => c.notNull().references("digest_subscriptions.id"))
      .addColumn("window_at", "text", (c) => c.notNull())
      .addColumn("from_at", "text", (c) => c.notNull())
      .addColumn("claimed_at", "text", (c) => c.notNull())
      .addColumn("claimed_by", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("attempts", "integer", (c) => c.notNull())
      .addColumn("message_id", "text")
      .addColumn("fact_ids", "text", (c) => c.notNull())
      .addColumn("fact_count", "integer", (c) => c.notNull())
      .addColumn("sent_at", "text")
      .addColumn("error", "text")
      // The claim: one delivery per subscription and schedule window, whoever inserts first.
      .addPrimaryKeyConstraint("digest_deliveries_pk", ["subscription_id", "window_at"])
      .execute();
    await db.schema
      .createIndex("digest_deliveries_status_idx")
      .on("digest_deliveries")
      .column("status")
      .execute();
  },
};

/**
 * Adds `digest_deliveries.first_claimed_at`: when the delivery was first claimed, kept across
 * take-overs (which move `claimed_at`, the lease). A post can only have gone out after it, so
 * recovery searches the channel from there. Null on rows claimed before this version; recovery
 * then searches from the earlier of the window and the claim.
 */
export const DIGEST_FIRST_CLAIM_MIGRATION: Omit<Migration, "version"> = {
  name: "digest-deliveries-first-claimed-at",
  async up(db) {
    await db.schema.alterTable("digest_deliveries").addColumn("first_claimed_at", "text").execute();
  },
};
