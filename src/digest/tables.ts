/**
 * The digest's own tables, beside the fact store's in the same database, and the Kysely view
 * that types them. Timestamps are ISO-8601 UTC text, as in the fact store, so text order is
 * time order on both SQLite and PostgreSQL.
 */
import type { Kysely } from "kysely";
import type { Database } from "../store/database.js";

/** One channel's subscription. A new row per subscribe; unsubscribing or a broken channel disables it. */
export interface DigestSubscriptionsTable {
  id: string;
  platform: string;
  /** Slack team or Discord guild, when the platform has one. */
  workspace: string | null;
  channel_id: string;
  frequency: string;
  /** The subscription covers facts first seen from here on: never the back catalogue. */
  created_at: string;
  created_by: string;
  disabled_at: string | null;
  disabled_reason: string | null;
}

/**
 * One scheduled digest of one subscription. The primary key (subscription_id, window_at) is the
 * claim: whoever inserts the row owns the post.
 */
export interface DigestDeliveriesTable {
  subscription_id: string;
  /** The scheduled time this digest belongs to; it covers facts first seen in [from_at, window_at). */
  window_at: string;
  from_at: string;
  /** When the current holder claimed it: the lease runs from here. */
  claimed_at: string;
  /** When it was first claimed, kept across take-overs; null on rows from before migration 8. */
  first_claimed_at: string | null;
  /** Which process holds the claim (host:pid unless configured). */
  claimed_by: string;
  status: string;
  attempts: number;
  message_id: string | null;
  /** JSON array of the fact ids the post held. */
  fact_ids: string;
  fact_count: number;
  sent_at: string | null;
  /** The last failure, or why it is held, for `digest status` and operators. */
  error: string | null;
}

/** The fact store's tables plus the digest's. */
export interface DigestDatabase extends Database {
  digest_subscriptions: DigestSubscriptionsTable;
  digest_deliveries: DigestDeliveriesTable;
}

/** The store's Kysely instance, typed to see the digest tables too. */
export function digestDb(db: Kysely<Database>): Kysely<DigestDatabase> {
  return db.withTables<{
    digest_subscriptions: DigestSubscriptionsTable;
    digest_deliveries: DigestDeliveriesTable;
  }>();
}
