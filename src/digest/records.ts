/**
 * The digest's rows: subscriptions and deliveries, read and written the same way on SQLite and
 * PostgreSQL. Every change that decides who posts is one conditional statement, so two
 * processes on one database cannot both win: the claim is an insert on the primary key
 * (subscription, window), and taking over a stale claim is a compare-and-set on its holder.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { z } from "zod";
import { type Platform, PlatformSchema } from "../core/invocation.js";
import type { Database } from "../store/database.js";
import { nowIso } from "../store/database.js";
import { type Frequency, FrequencySchema } from "./schedule.js";
import { type DigestDatabase, type DigestDeliveriesTable, digestDb } from "./tables.js";

/** A channel's digest subscription. */
export interface Subscription {
  id: string;
  platform: Platform;
  workspace: string | null;
  channelId: string;
  frequency: Frequency;
  createdAt: Date;
  createdBy: string;
  disabledAt: Date | null;
  disabledReason: string | null;
}

/**
 * `claimed`: someone is posting it (or crashed doing so); `sent`: posted, with the message id
 * (null when an operator confirmed a held post by hand); `empty`: nothing new and
 * DIGEST_EMPTY=skip, so nothing was posted; `failed`: the platform refused for good and the
 * subscription was disabled; `held`: a crash may have posted it and the channel's history could
 * not tell, so it waits for an operator (`digest release`) rather than risk a second post.
 */
export const DeliveryStatusSchema = z.enum(["claimed", "sent", "empty", "failed", "held"]);
export type DeliveryStatus = z.infer<typeof DeliveryStatusSchema>;

/** One scheduled digest of one subscription. */
export interface Delivery {
  subscriptionId: string;
  window: Date;
  /** Facts first seen in [from, window) belong to this digest. */
  from: Date;
  /** When the current holder claimed it; its lease runs from here. */
  claimedAt: Date;
  /**
   * The earliest moment a post for it can have gone out: its first claim (or, on rows from
   * before that was kept, the earlier of window and claim). Recovery searches from here.
   */
  postableSince: Date;
  claimedBy: string;
  status: DeliveryStatus;
  attempts: number;
  messageId: string | null;
  factIds: string[];
  factCount: number;
  sentAt: Date | null;
  error: string | null;
}

const isoDate = z.string().transform((s, ctx) => {
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) {
    ctx.addIssue({ code: "custom", message: `not a timestamp: ${s}` });
    return z.NEVER;
  }
  return d;
});

const SubscriptionRowSchema = z
  .object({
    id: z.string(),
    platform: PlatformSchema,
    workspace: z.string().nullable(),
    channel_id: z.string(),
    frequency: FrequencySchema,
    created_at: isoDate,
    created_by: z.string(),
    disabled_at: isoDate.nullable(),
    disabled_reason: z.string().nullable(),
  })
  .transform(
    (r): Subscription => ({
      id: r.id,
      platform: r.platform,
      workspace: r.workspace,
      channelId: r.channel_id,
      frequency: r.frequency,
      createdAt: r.created_at,
      createdBy: r.created_by,
      disabledAt: r.disabled_at,
      disabledReason: r.disabled_reason,
    }),
  );

const DeliveryRowSchema = z
  .object({
    subscription_id: z.string(),
    window_at: isoDate,
    from_at: isoDate,
    claimed_at: isoDate,
    first_claimed_at: isoDate.nullable(),
    claimed_by: z.string(),
    status: DeliveryStatusSchema,
    attempts: z.coerce.number().int(),
    message_id: z.string().nullable(),
    fact_ids: z.string().transform((s) => z.array(z.string()).parse(JSON.parse(s))),
    fact_count: z.coerce.number().int(),
    sent_at: isoDate.nullable(),
    error: z.string().nullable(),
  })
  .transform(
    (r): Delivery => ({
      subscriptionId: r.subscription_id,
      window: r.window_at,
      from: r.from_at,
      claimedAt: r.claimed_at,
      postableSince: r.first_claimed_at ?? new Date(Math.min(r.window_at.getTime(), r.claimed_at.getTime())),
      claimedBy: r.claimed_by,
      status: r.status,
      attempts: r.attempts,
      messageId: r.message_id,
      factIds: r.fact_ids,
      factCount: r.fact_count,
      sentAt: r.sent_at,
      error: r.error,
    }),
  );

/** Longest error text kept on a row; enough for the platform's code and message. */
const MAX_ERROR_LENGTH = 500;

/**
 * The idempotency key of a delivery: 25 characters of `[a-z0-9]`, the same for the same
 * subscription and window in every process, so a re-post after a crash carries the same key.
 */
export function deliveryKey(subscriptionId: string, window: Date): string {
  const digest = createHash("sha256")
    .update(`${subscriptionId}|${nowIso(window)}`)
    .digest();
  return `gd${BigInt(`0x${digest.toString("hex")}`)
    .toString(36)
    .slice(0, 23)
    .padStart(23, "0")}`;
}

/**
 * The holder of a claim an operator released after checking the channel: whoever takes it over
 * posts at once, without searching for an earlier post.
 */
export const RELEASED_HOLDER = "released-by-operator";

/** What `subscribe` did. */
export type SubscribeChange = "created" | "updated" | "unchanged";

/** The digest's subscriptions and deliveries in the store's database. */
export class DigestRecords {
  private readonly db: Kysely<DigestDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = digestDb(db);
  }

  /** The channel's enabled subscription, if any. */
  async liveSubscription(platform: Platform, channelId: string): Promise<Subscription | undefined> {
    const row = await this.db
      .selectFrom("digest_subscriptions")
      .selectAll()
      .where("platform", "=", platform)
      .where("channel_id", "=", channelId)
      .where("disabled_at", "is", null)
      .executeTakeFirst();
    return row ? SubscriptionRowSchema.parse(row) : undefined;
  }

  /** The channel's newest subscription, enabled or not, for `digest status`. */
  async latestSubscription(platform: Platform, channelId: string): Promise<Subscription | undefined> {
    const row = await this.db
      .selectFrom("digest_subscriptions")
      .selectAll()
      .where("platform", "=", platform)
      .where("channel_id", "=", channelId)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .executeTakeFirst();
    return row ? SubscriptionRowSchema.parse(row) : undefined;
  }

  /** Every enabled subscription, oldest first. */
  async enabledSubscriptions(): Promise<Subscription[]> {
    const rows = await this.db
      .selectFrom("digest_subscriptions")
      .selectAll()
      .where("disabled_at", "is", null)
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    return rows.map((row) => SubscriptionRowSchema.parse(row));
  }

  /**
   * Subscribes a channel from `now` on, or changes the frequency of its live subscription
   * (which keeps its start, so nothing already delivered comes again).
   */
  async subscribe(input: {
    platform: Platform;
    workspace: string | null;
    channelId: string;
    frequency: Frequency;
    createdBy: string;
    now: Date;
  }): Promise<{ subscription: Subscription; change: SubscribeChange }> {
    const live = await this.liveSubscription(input.platform, input.channelId);
    if (live) {
      if (live.frequency === input.frequency) return { subscription: live, change: "unchanged" };
      await this.db
        .updateTable("digest_subscriptions")
        .set({ frequency: input.frequency })
        .where("id", "=", live.id)
        .execute();
      return { subscription: { ...live, frequency: input.frequency }, change: "updated" };
    }
    const subscription: Subscription = {
      id: randomBytes(8).toString("hex"),
      platform: input.platform,
      workspace: input.workspace,
      channelId: input.channelId,
      frequency: input.frequency,
      createdAt: input.now,
      createdBy: input.createdBy,
      disabledAt: null,
      disabledReason: null,
    };
    try {
      await this.db
        .insertInto("digest_subscriptions")
        .values({
          id: subscription.id,
          platform: subscription.platform,
          workspace: subscription.workspace,
          channel_id: subscription.channelId,
          frequency: subscription.frequency,
          created_at: nowIso(subscription.createdAt),
          created_by: subscription.createdBy,
          disabled_at: null,
          disabled_reason: null,
        })
        .execute();
    } catch (error) {
      // Two subscribes at once: the unique index let one in; the other reports that one.
      const winner = await this.liveSubscription(input.platform, input.channelId);
      if (winner) return { subscription: winner, change: "unchanged" };
      throw error;
    }
    return { subscription, change: "created" };
  }

  /** Disables a subscription, keeping why; true when it was enabled. */
  async disable(subscriptionId: string, reason: string, now: Date): Promise<boolean> {
    const result = await this.db
      .updateTable("digest_subscriptions")
      .set({ disabled_at: nowIso(now), disabled_reason: reason.slice(0, MAX_ERROR_LENGTH) })
      .where("id", "=", subscriptionId)
      .where("disabled_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** The delivery of one window, if any. */
  async delivery(subscriptionId: string, window: Date): Promise<Delivery | undefined> {
    const row = await this.db
      .selectFrom("digest_deliveries")
      .selectAll()
      .where("subscription_id", "=", subscriptionId)
      .where("window_at", "=", nowIso(window))
      .executeTakeFirst();
    return row ? DeliveryRowSchema.parse(row) : undefined;
  }

  /** The newest delivery of a subscription (any status), for `digest status`. */
  async lastDelivery(subscriptionId: string): Promise<Delivery | undefined> {
    const row = await this.db
      .selectFrom("digest_deliveries")
      .selectAll()
      .where("subscription_id", "=", subscriptionId)
      .orderBy("window_at", "desc")
      .executeTakeFirst();
    return row ? DeliveryRowSchema.parse(row) : undefined;
  }

  /** Deliveries still `claimed`: in progress somewhere, or left behind by a crash. Oldest first. */
  async openClaims(subscriptionId: string): Promise<Delivery[]> {
    const rows = await this.db
      .selectFrom("digest_deliveries")
      .selectAll()
      .where("subscription_id", "=", subscriptionId)
      .where("status", "=", "claimed")
      .orderBy("window_at")
      .execute();
    return rows.map((row) => DeliveryRowSchema.parse(row));
  }

  /**
   * Where the next digest of `subscription` starts: the window of its latest delivery before
   * `before`, or when it was made. Consecutive digests so cover time without gap or overlap.
   */
  async coverageStart(subscription: Subscription, before: Date): Promise<Date> {
    const row = await this.db
      .selectFrom("digest_deliveries")
      .select((eb) => eb.fn.max("window_at").as("last"))
      .where("subscription_id", "=", subscription.id)
      .where("window_at", "<", nowIso(before))
      .executeTakeFirst();
    return row?.last ? new Date(row.last) : subscription.createdAt;
  }

  /**
   * Claims a window for `claimedBy`. Resolves to the new delivery, or null when the row already
   * exists (another process claimed it, or it was delivered).
   */
  async claim(input: {
    subscriptionId: string;
    window: Date;
    from: Date;
    claimedBy: string;
    now: Date;
  }): Promise<Delivery | null> {
    const row: DigestDeliveriesTable = {
      subscription_id: input.subscriptionId,
      window_at: nowIso(input.window),
      from_at: nowIso(input.from),
      claimed_at: nowIso(input.now),
      first_claimed_at: nowIso(input.now),
      claimed_by: input.claimedBy,
      status: "claimed",
      attempts: 1,
      message_id: null,
      fact_ids: "[]",
      fact_count: 0,
      sent_at: null,
      error: null,
    };
    const inserted = await this.db
      .insertInto("digest_deliveries")
      .values(row)
      .onConflict((oc) => oc.columns(["subscription_id", "window_at"]).doNothing())
      .returning("subscription_id")
      .executeTakeFirst();
    return inserted ? DeliveryRowSchema.parse(row) : null;
  }

  /**
   * Takes over a claim someone else (or this process before a restart) left behind. Succeeds
   * only if the claim is still exactly as read, so two recoverers cannot both take it.
   */
  async takeOver(delivery: Delivery, claimedBy: string, now: Date): Promise<Delivery | null> {
    const result = await this.db
      .updateTable("digest_deliveries")
      .set({
        claimed_by: claimedBy,
        claimed_at: nowIso(now),
        first_claimed_at: nowIso(delivery.postableSince),
        attempts: delivery.attempts + 1,
      })
      .where("subscription_id", "=", delivery.subscriptionId)
      .where("window_at", "=", nowIso(delivery.window))
      .where("status", "=", "claimed")
      .where("claimed_by", "=", delivery.claimedBy)
      .where("claimed_at", "=", nowIso(delivery.claimedAt))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return null;
    return { ...delivery, claimedBy, claimedAt: now, attempts: delivery.attempts + 1 };
  }

  /** Records the post: its message id and the facts it held. */
  async markSent(
    delivery: Delivery,
    messageId: string,
    factIds: readonly string[],
    now: Date,
  ): Promise<void> {
    await this.settle(delivery, {
      status: "sent",
      message_id: messageId,
      fact_ids: JSON.stringify(factIds),
      fact_count: factIds.length,
      sent_at: nowIso(now),
      error: null,
    });
  }

  /** Records that the window had nothing to post. */
  async markEmpty(delivery: Delivery, now: Date): Promise<void> {
    await this.settle(delivery, {
      status: "empty",
      fact_ids: "[]",
      fact_count: 0,
      sent_at: nowIso(now),
      error: null,
    });
  }

  /** Holds a delivery whose post cannot be ruled out, with why, until an operator releases it. */
  async hold(delivery: Delivery, reason: string): Promise<void> {
    await this.settle(delivery, { status: "held", error: reason.slice(0, MAX_ERROR_LENGTH) });
  }

  /** A subscription's held deliveries, oldest first. */
  async heldDeliveries(subscriptionId: string): Promise<Delivery[]> {
    const rows = await this.db
      .selectFrom("digest_deliveries")
      .selectAll()
      .where("subscription_id", "=", subscriptionId)
      .where("status", "=", "held")
      .orderBy("window_at")
      .execute();
    return rows.map((row) => DeliveryRowSchema.parse(row));
  }

  /**
   * Releases a held delivery after an operator looked at the channel. `post`: it is not there,
   * so it becomes a claim by {@link RELEASED_HOLDER} that the next run posts without searching
   * before `now`; `posted`: it is there, so it is recorded as sent (without a message id).
   * True when the delivery was held.
   */
  async release(delivery: Delivery, decision: "post" | "posted", now: Date): Promise<boolean> {
    const values: Partial<DigestDeliveriesTable> =
      decision === "post"
        ? {
            status: "claimed",
            claimed_by: RELEASED_HOLDER,
            claimed_at: nowIso(now),
            first_claimed_at: nowIso(now),
            error: null,
          }
        : { status: "sent", message_id: null, sent_at: nowIso(now), error: null };
    const result = await this.db
      .updateTable("digest_deliveries")
      .set(values)
      .where("subscription_id", "=", delivery.subscriptionId)
      .where("window_at", "=", nowIso(delivery.window))
      .where("status", "=", "held")
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * When the oldest open claim of an enabled subscription on one of `platforms` was made or last
   * taken over, if any: the claims a run with those platforms could settle.
   */
  async oldestOpenClaimAt(platforms: readonly Platform[]): Promise<Date | undefined> {
    if (platforms.length === 0) return undefined;
    const row = await this.db
      .selectFrom("digest_deliveries")
      .innerJoin("digest_subscriptions", "digest_subscriptions.id", "digest_deliveries.subscription_id")
      .select((eb) => eb.fn.min("digest_deliveries.claimed_at").as("oldest"))
      .where("digest_deliveries.status", "=", "claimed")
      .where("digest_subscriptions.disabled_at", "is", null)
      .where("digest_subscriptions.platform", "in", [...platforms])
      .executeTakeFirst();
    return row?.oldest ? new Date(row.oldest) : undefined;
  }

  /** Records a permanent failure. */
  async markFailed(delivery: Delivery, error: string): Promise<void> {
    await this.settle(delivery, { status: "failed", error: error.slice(0, MAX_ERROR_LENGTH) });
  }

  /** Keeps the claim open with the latest transient error, for the next run to settle. */
  async noteError(delivery: Delivery, error: string): Promise<void> {
    await this.db
      .updateTable("digest_deliveries")
      .set({ error: error.slice(0, MAX_ERROR_LENGTH) })
      .where("subscription_id", "=", delivery.subscriptionId)
      .where("window_at", "=", nowIso(delivery.window))
      .where("status", "=", "claimed")
      .execute();
  }

  private async settle(delivery: Delivery, values: Partial<DigestDeliveriesTable>): Promise<void> {
    await this.db
      .updateTable("digest_deliveries")
      .set(values)
      .where("subscription_id", "=", delivery.subscriptionId)
      .where("window_at", "=", nowIso(delivery.window))
      .where("status", "=", "claimed")
      .execute();
  }
}
