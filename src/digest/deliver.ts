/**
 * Delivering one claimed digest: build it, post it with the delivery's idempotency key, record
 * the result. The rules that make it exactly once:
 *
 * - Before any re-post (a retry, or settling a claim a crashed process left behind) search the
 *   channel from the delivery's first claim on for a post carrying its key (`findPosted`: Slack's
 *   message metadata, a marker in Discord's message). Discord's enforced nonce also dedupes a
 *   re-post, but only for minutes, so it is never what recovery relies on.
 * - When that search cannot decide (the history cannot be read, or is longer than the bound the
 *   adapter pages through), the delivery is held for an operator instead of posted again: a
 *   missing digest is reported by `digest status`, a doubled one cannot be taken back.
 * - A transient failure (rate limit, 5xx, time-out) is retried with backoff a few times; if it
 *   persists the claim stays open for the next run. It is never skipped and never re-claimed.
 * - A permanent failure (channel gone, archived, no access) disables the subscription with the
 *   reason, so `digest status` can say why, and the other channels carry on.
 */
import { DeliveryError, type PlatformAdapter, SEARCH_INCOMPLETE } from "../core/adapter.js";
import type { Logger } from "../core/logger.js";
import type { StoredFact } from "../facts/fact.js";
import { buildDigest, DIGEST_LIMITS } from "./build.js";
import { type Delivery, type DigestRecords, deliveryKey, type Subscription } from "./records.js";

/** How often and how patiently a transient failure is retried within one run. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Four attempts over about 15 seconds (longer when the platform asks): well inside the claim lease. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 2_000, maxDelayMs: 60_000 };

/** The facts a digest draws from. */
export interface DigestFactSource {
  factsFirstSeenBetween(from: Date, to: Date): Promise<StoredFact[]>;
}

/** What happened to one delivery. */
export type DeliveryOutcome =
  /** Posted now. */
  | "sent"
  /** Found already posted (a crash came between post and record); recorded without posting. */
  | "recovered"
  /** Nothing new and DIGEST_EMPTY=skip: recorded, nothing posted. */
  | "empty"
  /** A crash may have posted it and the search could not tell; held for an operator. */
  | "held"
  /** The platform refused for good; the subscription is disabled. */
  | "disabled"
  /** Transient failures persisted; the claim stays open for the next run. */
  | "deferred"
  /** A bug or the database failed; the claim stays open for the next run. */
  | "failed";

export interface DeliveryReport {
  subscriptionId: string;
  platform: Subscription["platform"];
  channelId: string;
  window: Date;
  outcome: DeliveryOutcome;
  messageId?: string;
  factCount: number;
  error?: string;
}

export interface DeliverContext {
  records: DigestRecords;
  facts: DigestFactSource;
  adapter: PlatformAdapter;
  config: { timezone: string; empty: "skip" | "post" };
  logger: Logger;
  now: Date;
  retry: RetryPolicy;
  sleep: (ms: number) => Promise<void>;
}

/** The wait before attempt `attempt + 1`: exponential, at least what the platform asked, capped. */
export function backoffMs(attempt: number, policy: RetryPolicy, retryAfterMs?: number): number {
  const exponential = policy.baseDelayMs * 2 ** (attempt - 1);
  return Math.min(policy.maxDelayMs, Math.max(exponential, retryAfterMs ?? 0));
}

/**
 * Posts a claimed delivery and records the outcome. `recovering` says the claim was taken over
 * from a process that may have posted already, so the platform is asked first.
 */
export async function deliver(
  ctx: DeliverContext,
  subscription: Subscription,
  delivery: Delivery,
  recovering: boolean,
): Promise<DeliveryReport> {
  const { records, adapter, logger } = ctx;
  const log = logger.child({
    subscription: subscription.id,
    platform: subscription.platform,
    channel: subscription.channelId,
    window: delivery.window.toISOString(),
  });
  const base = {
    subscriptionId: subscription.id,
    platform: subscription.platform,
    channelId: subscription.channelId,
    window: delivery.window,
  };

  const facts = await ctx.facts.factsFirstSeenBetween(delivery.from, delivery.window);
  const factIds = facts.map((f) => f.id);
  const reply = buildDigest({
    facts,
    from: delivery.from,
    to: delivery.window,
    timezone: ctx.config.timezone,
    limits: DIGEST_LIMITS[subscription.platform],
    empty: ctx.config.empty,
  });
  if (!reply) {
    await records.markEmpty(delivery, ctx.now);
    log.info("digest window had nothing new; nothing posted");
    return { ...base, outcome: "empty", factCount: 0 };
  }

  const key = deliveryKey(subscription.id, delivery.window);
  let lastError: unknown;
  for (let attempt = 1; attempt <= ctx.retry.attempts; attempt += 1) {
    let posted: { messageId: string } | null = null;
    let found = false;
    let searching = recovering || attempt > 1;
    try {
      if (searching) {
        posted = await adapter.findPosted(subscription.channelId, key, delivery.postableSince);
        found = posted !== null;
        searching = false;
      }
      posted ??= await adapter.post(subscription.channelId, reply, { idempotencyKey: key });
    } catch (error) {
      lastError = error;
      if (searching) {
        const retryable =
          error instanceof DeliveryError &&
          !error.permanent &&
          error.platformCode !== SEARCH_INCOMPLETE &&
          attempt < ctx.retry.attempts;
        if (retryable) {
          const waitMs = backoffMs(attempt, ctx.retry, error.retryAfterMs);
          log.warn({ platformCode: error.platformCode, attempt, waitMs }, "digest search failed; retrying");
          await ctx.sleep(waitMs);
          continue;
        }
        const reason = `cannot tell whether it was posted: ${describeError(error)}`;
        await records.hold(delivery, reason);
        log.error(
          { code: "DIGEST_DELIVERY_FAILED", err: error, since: delivery.postableSince.toISOString() },
          "digest held: the channel's history could not show whether it was already posted",
        );
        return { ...base, outcome: "held", factCount: facts.length, error: reason };
      }
      if (error instanceof DeliveryError && error.permanent) {
        const reason = `${error.platformCode}: ${error.message}`;
        await records.markFailed(delivery, reason);
        await records.disable(subscription.id, reason, ctx.now);
        log.error(
          { code: "DIGEST_DELIVERY_FAILED", platformCode: error.platformCode, err: error },
          "the platform refused the digest for good; subscription disabled",
        );
        return { ...base, outcome: "disabled", factCount: facts.length, error: reason };
      }
      if (error instanceof DeliveryError && attempt < ctx.retry.attempts) {
        const waitMs = backoffMs(attempt, ctx.retry, error.retryAfterMs);
        log.warn({ platformCode: error.platformCode, attempt, waitMs }, "digest post failed; retrying");
        await ctx.sleep(waitMs);
        continue;
      }
      break;
    }
    await records.markSent(delivery, posted.messageId, factIds, ctx.now);
    log.info(
      { messageId: posted.messageId, facts: facts.length, recovered: found },
      found ? "digest was already posted; recorded" : "digest posted",
    );
    return {
      ...base,
      outcome: found ? "recovered" : "sent",
      messageId: posted.messageId,
      factCount: facts.length,
    };
  }

  const transient = lastError instanceof DeliveryError;
  const message = describeError(lastError);
  await records.noteError(delivery, message).catch(() => undefined);
  if (transient) {
    log.warn(
      { code: "DIGEST_DELIVERY_FAILED", err: lastError },
      "digest post keeps failing; left for the next run",
    );
  } else {
    log.error(
      { code: "DIGEST_DELIVERY_FAILED", err: lastError },
      "digest delivery failed; left for the next run",
    );
  }
  return { ...base, outcome: transient ? "deferred" : "failed", factCount: facts.length, error: message };
}

function describeError(error: unknown): string {
  if (error instanceof DeliveryError) return `${error.platformCode}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
