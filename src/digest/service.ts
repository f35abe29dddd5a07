/**
 * What the `digest` command needs: subscribe and unsubscribe a channel, say how its digest
 * stands, and preview the next one. Who may change a channel's subscription is decided here
 * too, so every platform follows one rule set.
 */
import type { Kysely } from "kysely";
import type { Config } from "../core/config.js";
import type { Invocation, Platform } from "../core/invocation.js";
import type { Reply } from "../core/reply.js";
import type { Database } from "../store/database.js";
import { buildDigest, DIGEST_LIMITS } from "./build.js";
import type { DigestFactSource } from "./deliver.js";
import { type Delivery, DigestRecords, type SubscribeChange, type Subscription } from "./records.js";
import { type Frequency, nextWindow, previousRun } from "./schedule.js";

/** DIGEST_CRON, DIGEST_TZ, DIGEST_EMPTY and DIGEST_ADMINS. */
export type DigestConfig = Config["digest"];

/** How a channel's digest stands. */
export interface DigestStatus {
  /** The channel's newest subscription, enabled or disabled; undefined if it never had one. */
  subscription: Subscription | undefined;
  /** When the next digest goes out, for an enabled subscription. */
  nextRun: Date | undefined;
  lastDelivery: Delivery | undefined;
}

export interface DigestPreview {
  /** The digest as it would look now; never null (an empty preview says so). */
  reply: Reply;
  from: Date;
  factCount: number;
  subscription: Subscription | undefined;
}

export class DigestService {
  private readonly records: DigestRecords;

  constructor(
    db: Kysely<Database>,
    private readonly facts: DigestFactSource,
    readonly config: DigestConfig,
  ) {
    this.records = new DigestRecords(db);
  }

  /**
   * Whether this user may subscribe or unsubscribe the channel. Discord: only members who can
   * manage the channel. Slack: anyone, unless DIGEST_ADMINS lists who may. The console and
   * the CLI are the operator's own.
   */
  mayManage(invocation: Pick<Invocation, "platform" | "user">): boolean {
    switch (invocation.platform) {
      case "discord":
        return invocation.user.canManageChannel === true;
      case "slack":
        return this.config.admins.length === 0 || this.config.admins.includes(invocation.user.id);
      case "console":
      case "cli":
        return true;
      default: {
        const never: never = invocation.platform;
        return never;
      }
    }
  }

  /** Subscribes the channel from `now` on (or changes its frequency); returns when it first posts. */
  async subscribe(input: {
    platform: Platform;
    workspace: string | null;
    channelId: string;
    userId: string;
    frequency: Frequency;
    now: Date;
  }): Promise<{ subscription: Subscription; change: SubscribeChange; nextRun: Date }> {
    const { subscription, change } = await this.records.subscribe({
      platform: input.platform,
      workspace: input.workspace,
      channelId: input.channelId,
      frequency: input.frequency,
      createdBy: input.userId,
      now: input.now,
    });
    return { subscription, change, nextRun: nextWindow(subscription, input.now, this.config) };
  }

  /** Stops the channel's digest; the stopped subscription, or null when there was none. */
  async unsubscribe(input: {
    platform: Platform;
    channelId: string;
    userId: string;
    now: Date;
  }): Promise<Subscription | null> {
    const live = await this.records.liveSubscription(input.platform, input.channelId);
    if (!live) return null;
    const reason = `unsubscribed by ${input.userId}`;
    await this.records.disable(live.id, reason, input.now);
    return { ...live, disabledAt: input.now, disabledReason: reason };
  }

  async status(input: { platform: Platform; channelId: string; now: Date }): Promise<DigestStatus> {
    const subscription = await this.records.latestSubscription(input.platform, input.channelId);
    if (!subscription) return { subscription, nextRun: undefined, lastDelivery: undefined };
    const lastDelivery = await this.records.lastDelivery(subscription.id);
    const nextRun = subscription.disabledAt ? undefined : nextWindow(subscription, input.now, this.config);
    return { subscription, nextRun, lastDelivery };
  }

  /**
   * Releases the channel's held digests once an operator has looked at the channel: `post` when
   * it is not there (the next run posts it), `posted` when it is (recorded, never posted again).
   * Returns the deliveries released; none when nothing was held.
   */
  async release(input: {
    platform: Platform;
    channelId: string;
    decision: "post" | "posted";
    now: Date;
  }): Promise<Delivery[]> {
    const subscription = await this.records.liveSubscription(input.platform, input.channelId);
    if (!subscription) return [];
    const released: Delivery[] = [];
    for (const held of await this.records.heldDeliveries(subscription.id)) {
      if (await this.records.release(held, input.decision, input.now)) released.push(held);
    }
    return released;
  }

  /**
   * The next digest as it would be if it went out now. Without a subscription, what arrived
   * since the last weekly time, as an example of what subscribing would bring.
   */
  async preview(input: { platform: Platform; channelId: string; now: Date }): Promise<DigestPreview> {
    const subscription = await this.records.liveSubscription(input.platform, input.channelId);
    const from = subscription
      ? await this.records.coverageStart(subscription, new Date(input.now.getTime() + 1))
      : previousRun(this.config.cron, this.config.timezone, input.now);
    const facts = await this.facts.factsFirstSeenBetween(from, input.now);
    const reply = buildDigest({
      facts,
      from,
      to: input.now,
      timezone: this.config.timezone,
      limits: DIGEST_LIMITS[input.platform],
      empty: "post",
      windowEnd: "now",
    });
    // `empty: "post"` always gives a reply; the fallback only satisfies the type.
    return {
      reply: reply ?? { blocks: [], visibility: "ephemeral" },
      from,
      factCount: facts.length,
      subscription,
    };
  }
}

/** The digest settings `loadConfig` gives when no DIGEST_ variable is set. */
export const DEFAULT_DIGEST_CONFIG: DigestConfig = {
  cron: "0 9 * * 1",
  timezone: "Asia/Shanghai",
  empty: "skip",
  admins: [],
};
