/**
 * One pass over every subscription: settle claims left open, then claim and deliver the window
 * that is due. The bot's scheduler and `npm run cli -- digest run` both call this, so both
 * have the same guarantees. Safe to run at any time, any number of times, from any number of
 * processes on one database: at most one of them posts a given digest.
 */
import { hostname } from "node:os";
import type { Kysely } from "kysely";
import type { PlatformAdapter } from "../core/adapter.js";
import type { Platform } from "../core/invocation.js";
import type { Logger } from "../core/logger.js";
import type { Database } from "../store/database.js";
import {
  DEFAULT_RETRY,
  type DeliveryReport,
  type DigestFactSource,
  deliver,
  type RetryPolicy,
} from "./deliver.js";
import { DigestRecords, RELEASED_HOLDER } from "./records.js";
import { type DigestSchedule, dueWindow } from "./schedule.js";

/**
 * How long a claim protects a delivery in progress. Longer than any delivery takes (retries
 * included), short enough that a crashed process's digest goes out within the hour.
 */
export const DEFAULT_LEASE_MS = 10 * 60_000;

/** This process, as claims name it. */
export function defaultProcessId(): string {
  return `${process.env.DYNO ?? hostname()}:${process.pid}`;
}

export interface DigestRunOptions {
  now: Date;
  db: Kysely<Database>;
  facts: DigestFactSource;
  /** The platforms this process can post to; subscriptions on others are skipped. */
  adapters: ReadonlyMap<Platform, PlatformAdapter>;
  config: DigestSchedule & { empty: "skip" | "post" };
  logger: Logger;
  /** Names this process on its claims; `host:pid` by default. */
  processId?: string;
  leaseMs?: number;
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
}

/** A subscription this run left alone, and why. */
export interface SkippedSubscription {
  subscriptionId: string;
  platform: Platform;
  channelId: string;
  reason: string;
  /** True when the reason is a failure (the database, a bug), not an expected wait. */
  error: boolean;
}

export interface DigestRunReport {
  deliveries: DeliveryReport[];
  skipped: SkippedSubscription[];
}

/**
 * When the oldest open claim's lease lapses, so a scheduler can come back right then to take it
 * over (or finish its own deferred one) instead of waiting for the next tick. Undefined when no
 * claim is open.
 */
export async function nextLeaseLapse(
  db: Kysely<Database>,
  platforms: readonly Platform[],
  leaseMs: number,
): Promise<Date | undefined> {
  const oldest = await new DigestRecords(db).oldestOpenClaimAt(platforms);
  return oldest ? new Date(oldest.getTime() + leaseMs) : undefined;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Delivers every due digest once. One channel's failure never stops the others. */
export async function runDueDigests(options: DigestRunOptions): Promise<DigestRunReport> {
  const { now, logger } = options;
  const processId = options.processId ?? defaultProcessId();
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const records = new DigestRecords(options.db);
  const report: DigestRunReport = { deliveries: [], skipped: [] };

  for (const subscription of await records.enabledSubscriptions()) {
    const skip = (reason: string, error = false) =>
      report.skipped.push({
        subscriptionId: subscription.id,
        platform: subscription.platform,
        channelId: subscription.channelId,
        reason,
        error,
      });
    const adapter = options.adapters.get(subscription.platform);
    if (!adapter) {
      skip(`${subscription.platform} is not configured in this process`);
      continue;
    }
    const ctx = {
      records,
      facts: options.facts,
      adapter,
      config: { timezone: options.config.timezone, empty: options.config.empty },
      logger,
      now,
      retry: options.retry ?? DEFAULT_RETRY,
      sleep: options.sleep ?? realSleep,
    };
    try {
      // A held digest waits for an operator, and later ones wait behind it, in order.
      const [held] = await records.heldDeliveries(subscription.id);
      if (held) {
        skip(
          `the ${held.window.toISOString()} digest is held (${held.error ?? "no reason kept"}); see digest status`,
        );
        continue;
      }
      // Claims left open: by a crash, by transient failures, or by another process at work now.
      let blocked = false;
      for (const open of await records.openClaims(subscription.id)) {
        const released = open.claimedBy === RELEASED_HOLDER;
        const stale =
          released || open.claimedBy === processId || now.getTime() - open.claimedAt.getTime() >= leaseMs;
        const taken = stale ? await records.takeOver(open, processId, now) : null;
        if (!taken) {
          skip(`the ${open.window.toISOString()} digest is being delivered by ${open.claimedBy}`);
          blocked = true;
          break;
        }
        // An operator released it after checking the channel: post without searching again.
        const settled = await deliver(ctx, subscription, taken, !released);
        report.deliveries.push(settled);
        // Later digests wait for earlier ones, so a channel never gets them out of order.
        if (settled.outcome !== "sent" && settled.outcome !== "recovered" && settled.outcome !== "empty") {
          blocked = true;
          break;
        }
      }
      if (blocked) continue;

      const window = dueWindow(subscription, now, options.config);
      if (!window || (await records.delivery(subscription.id, window))) continue;
      const from = await records.coverageStart(subscription, window);
      const claim = await records.claim({
        subscriptionId: subscription.id,
        window,
        from,
        claimedBy: processId,
        now,
      });
      if (!claim) {
        skip(`the ${window.toISOString()} digest was claimed by another process`);
        continue;
      }
      report.deliveries.push(await deliver(ctx, subscription, claim, false));
    } catch (error) {
      logger.error(
        {
          code: "DIGEST_DELIVERY_FAILED",
          err: error,
          subscription: subscription.id,
          channel: subscription.channelId,
        },
        "digest run failed for this subscription; continuing with the others",
      );
      skip(error instanceof Error ? error.message : String(error), true);
    }
  }
  return report;
}
