/**
 * What the bot needs of a platform beyond answering: start, stop, and posting to a channel on
 * its own (the digest). Four members; add one only when a feature needs it.
 */
import type { Invocation, Platform } from "./invocation.js";
import type { Reply } from "./reply.js";

/** Answers one invocation; the composition root builds it from `dispatch`. */
export type InvocationHandler = (invocation: Invocation) => Promise<Reply>;

export interface PostOptions {
  /**
   * A short key (at most 25 characters, letters and digits) naming this post, so the platform
   * or a later look-up can tell whether it was already made. Slack carries it in message
   * metadata; Discord sends it as the nonce with `enforce_nonce`.
   */
  idempotencyKey?: string;
}

export interface PlatformAdapter {
  readonly platform: Platform;
  start(): Promise<void>;
  /** Stops taking new work, lets in-flight answers finish, then disconnects. */
  stop(): Promise<void>;
  /** Posts a reply into a channel, not in answer to anyone. Throws `DeliveryError` on failure. */
  post(channelId: string, reply: Reply, options?: PostOptions): Promise<{ messageId: string }>;
  /**
   * Looks in the channel's history from `since` on for a post made with this idempotency key.
   * Null means the whole span was searched and the post is not there. When the search cannot
   * decide (the history cannot be read, or it holds more than the adapter will page through)
   * it throws a `DeliveryError`, code {@link SEARCH_INCOMPLETE} for the latter.
   */
  findPosted(channelId: string, idempotencyKey: string, since: Date): Promise<{ messageId: string } | null>;
}

/** `DeliveryError.platformCode` of a `findPosted` that stopped at its bound without an answer. */
export const SEARCH_INCOMPLETE = "search_incomplete";

/**
 * A post failed. `permanent` failures (channel gone, archived, no access) will not heal by
 * retrying; the rest (rate limits, 5xx, time-outs) may.
 */
export class DeliveryError extends Error {
  override readonly name = "DeliveryError";
  constructor(
    message: string,
    readonly permanent: boolean,
    /** The platform's own error code, e.g. `channel_not_found` or `50001`. */
    readonly platformCode: string,
    options?: { cause?: unknown; retryAfterMs?: number },
  ) {
    super(message, options);
    this.retryAfterMs = options?.retryAfterMs;
  }
  readonly retryAfterMs: number | undefined;
}
