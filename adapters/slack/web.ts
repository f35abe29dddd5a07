/**
 * The Slack Web API calls the adapter makes, with one retry rule: a rate-limited call is sent
 * again after the `Retry-After` Slack gave, and nothing else is retried here. Slack does not
 * process a rate-limited request, so resending it cannot post twice; a 5xx or a dropped
 * connection may come after Slack already posted, so those fail (as a transient
 * `DeliveryError`) and the caller decides, using `findPosted` for digests. That is why the
 * WebClient runs with `rejectRateLimitedCalls: true` and `retries: 0`: its own policy would
 * also resend after 5xx and network errors.
 *
 * @see https://docs.slack.dev/apis/web-api/rate-limits
 */
import { webApi } from "@slack/bolt";
import { z } from "zod";
import { DeliveryError, SEARCH_INCOMPLETE } from "../../src/core/adapter.js";
import type { Logger } from "../../src/core/logger.js";
import type { BlockKitMessage } from "./render.js";

/** The `metadata.event_type` that marks a digest post, so `findPosted` can find it again. */
export const POST_METADATA_EVENT_TYPE = "gd_digest";
/** Messages per conversations.history page; Slack advises no more than 200. */
export const FIND_POSTED_PAGE_SIZE = 200;
/**
 * Pages `findPosted` reads at most: 1,000 messages since the claim. A busier channel makes the
 * search give up (`search_incomplete`), and the digest is held rather than posted twice.
 */
export const FIND_POSTED_MAX_PAGES = 5;
/**
 * Searched before `since` too, for a clock on our side that runs ahead of Slack's: the claim
 * time is ours, the message ts is Slack's.
 */
export const FIND_POSTED_CLOCK_MARGIN_MS = 5 * 60_000;

/** Slack error codes that retrying will not fix: the channel, the token or the input is wrong. */
const PERMANENT_ERRORS = new Set([
  "channel_not_found",
  "is_archived",
  "not_in_channel",
  "account_inactive",
  "invalid_auth",
  "not_authed",
  "token_revoked",
  "token_expired",
  "missing_scope",
  "no_permission",
  "restricted_action",
  "restricted_action_read_only_channel",
  "restricted_action_thread_only_channel",
  "team_access_not_granted",
  "ekm_access_denied",
  "org_login_required",
  "invalid_blocks",
  "invalid_arguments",
  "invalid_metadata_format",
  "invalid_metadata_schema",
  "msg_too_long",
  "no_text",
  "channel_type_not_supported",
]);

export interface RateLimitPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Longest single `Retry-After` wait we accept; a longer one fails the call as transient. */
  maxWaitMs: number;
}

/** Three attempts, and waits of up to a minute, which covers Slack's usual per-method windows. */
export const DEFAULT_RATE_LIMIT_POLICY: RateLimitPolicy = { maxAttempts: 3, maxWaitMs: 60_000 };

/** How long Slack asked us to wait, if `error` is a rate limit; undefined otherwise. */
export function rateLimitWaitMs(error: unknown): number | undefined {
  const e = error as { code?: unknown; retryAfter?: unknown; data?: { error?: unknown } } | null;
  if (e?.code === webApi.ErrorCode.RateLimitedError && typeof e.retryAfter === "number") {
    return Math.max(0, e.retryAfter) * 1000;
  }
  // A rate limit reported in an HTTP 200 body carries no header; Slack's windows are a minute,
  // and its guidance for chat.postMessage is one message a second per channel.
  if (
    e?.code === webApi.ErrorCode.PlatformError &&
    (e.data?.error === "ratelimited" || e.data?.error === "rate_limited")
  ) {
    return 1000;
  }
  return undefined;
}

/** Runs `call`, waiting and calling again when Slack answers that we are rate limited. */
export async function withRateLimitRetry<T>(
  method: string,
  call: () => Promise<T>,
  logger: Logger,
  policy: RateLimitPolicy = DEFAULT_RATE_LIMIT_POLICY,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      const waitMs = rateLimitWaitMs(error);
      if (waitMs === undefined || attempt >= policy.maxAttempts || waitMs > policy.maxWaitMs) throw error;
      logger.warn({ method, attempt, waitMs }, "slack rate limited; retrying after Retry-After");
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}

/** Slack's error code for a failed Web API call: the `error` field, or a description of the failure. */
export function slackErrorCode(error: unknown): string {
  const e = error as { code?: unknown; data?: { error?: unknown }; statusCode?: unknown } | null;
  if (e?.code === webApi.ErrorCode.PlatformError && typeof e.data?.error === "string") return e.data.error;
  if (e?.code === webApi.ErrorCode.RateLimitedError) return "ratelimited";
  if (e?.code === webApi.ErrorCode.HTTPError) return `http_${String(e.statusCode)}`;
  if (e?.code === webApi.ErrorCode.RequestError) return "request_failed";
  return "unknown_error";
}

/** Maps a failed Web API call to a `DeliveryError`: permanent for the codes retrying will not fix. */
export function toDeliveryError(error: unknown, channelId: string): DeliveryError {
  const code = slackErrorCode(error);
  const waitMs = rateLimitWaitMs(error);
  return new DeliveryError(
    `Slack refused the post to ${channelId}: ${code}`,
    PERMANENT_ERRORS.has(code),
    code,
    {
      cause: error,
      ...(waitMs === undefined ? {} : { retryAfterMs: waitMs }),
    },
  );
}

const PostMessageResultSchema = z.object({ ok: z.literal(true), ts: z.string().min(1) });

export interface PostArgs {
  channel: string;
  message: BlockKitMessage;
  threadTs?: string;
  /** Stored as message metadata so a later `findMessageByKey` can see the post was made. */
  idempotencyKey?: string;
}

/** chat.postMessage with rate-limit retries; resolves to the message ts. Throws `DeliveryError`. */
export async function postMessage(
  client: webApi.WebClient,
  args: PostArgs,
  logger: Logger,
  policy?: RateLimitPolicy,
): Promise<string> {
  try {
    const result = await withRateLimitRetry(
      "chat.postMessage",
      () =>
        client.chat.postMessage({
          channel: args.channel,
          text: args.message.text,
          blocks: args.message.blocks,
          // No link previews: the answer already names its source, a preview would bury the figure.
          unfurl_links: false,
          unfurl_media: false,
          ...(args.threadTs ? { thread_ts: args.threadTs } : {}),
          ...(args.idempotencyKey
            ? {
                metadata: {
                  event_type: POST_METADATA_EVENT_TYPE,
                  event_payload: { key: args.idempotencyKey },
                },
              }
            : {}),
        }),
      logger,
      policy,
    );
    return PostMessageResultSchema.parse(result).ts;
  } catch (error) {
    if (error instanceof z.ZodError) {
      throw new DeliveryError("Slack answered chat.postMessage without a message ts", false, "bad_response", {
        cause: error,
      });
    }
    throw toDeliveryError(error, args.channel);
  }
}

/** chat.postEphemeral with rate-limit retries. Throws `DeliveryError`. */
export async function postEphemeral(
  client: webApi.WebClient,
  args: PostArgs & { user: string },
  logger: Logger,
  policy?: RateLimitPolicy,
): Promise<void> {
  try {
    await withRateLimitRetry(
      "chat.postEphemeral",
      () =>
        client.chat.postEphemeral({
          channel: args.channel,
          user: args.user,
          text: args.message.text,
          blocks: args.message.blocks,
          ...(args.threadTs ? { thread_ts: args.threadTs } : {}),
        }),
      logger,
      policy,
    );
  } catch (error) {
    throw toDeliveryError(error, args.channel);
  }
}

const HistorySchema = z.object({
  ok: z.literal(true),
  messages: z
    .array(
      z.object({
        ts: z.string(),
        metadata: z
          .object({ event_type: z.string(), event_payload: z.record(z.string(), z.unknown()).optional() })
          .optional(),
      }),
    )
    .default([]),
  has_more: z.boolean().optional(),
  response_metadata: z.object({ next_cursor: z.string().optional() }).optional(),
});

/** Slack's ts form of a moment: seconds with microseconds. */
function toSlackTs(at: Date): string {
  return (Math.max(0, at.getTime()) / 1000).toFixed(6);
}

/**
 * Looks through the channel's messages from `since` (less a clock margin) to now, newest first
 * as Slack pages them, for one posted with this idempotency key. Reads at most
 * {@link FIND_POSTED_MAX_PAGES} pages and logs what it searched. Throws `DeliveryError` when the
 * history cannot be read, and code `search_incomplete` when the bound ran out before `since`.
 */
export async function findMessageByKey(
  client: webApi.WebClient,
  channelId: string,
  key: string,
  since: Date,
  logger: Logger,
  policy?: RateLimitPolicy,
): Promise<{ messageId: string } | null> {
  const oldest = toSlackTs(new Date(since.getTime() - FIND_POSTED_CLOCK_MARGIN_MS));
  let cursor: string | undefined;
  let searched = 0;
  for (let page = 1; page <= FIND_POSTED_MAX_PAGES; page += 1) {
    let result: unknown;
    try {
      result = await withRateLimitRetry(
        "conversations.history",
        () =>
          client.conversations.history({
            channel: channelId,
            oldest,
            limit: FIND_POSTED_PAGE_SIZE,
            include_all_metadata: true,
            ...(cursor ? { cursor } : {}),
          }),
        logger,
        policy,
      );
    } catch (error) {
      throw toDeliveryError(error, channelId);
    }
    const history = HistorySchema.safeParse(result);
    if (!history.success) {
      throw new DeliveryError(
        "Slack answered conversations.history in an unexpected shape",
        false,
        "bad_response",
      );
    }
    searched += history.data.messages.length;
    const found = history.data.messages.find(
      (m) => m.metadata?.event_type === POST_METADATA_EVENT_TYPE && m.metadata.event_payload?.key === key,
    );
    cursor = history.data.response_metadata?.next_cursor || undefined;
    const done = found !== undefined || !history.data.has_more || !cursor;
    if (done) {
      logger.info(
        { channel: channelId, oldest, pages: page, messages: searched, found: found !== undefined },
        "searched the channel's history for an earlier digest post",
      );
      return found ? { messageId: found.ts } : null;
    }
  }
  logger.warn(
    { channel: channelId, oldest, pages: FIND_POSTED_MAX_PAGES, messages: searched, found: false },
    "stopped searching the channel's history at the bound; cannot tell whether the digest was posted",
  );
  throw new DeliveryError(
    `${searched} messages in ${channelId} since ${since.toISOString()} were searched without finding the digest, and there are more`,
    false,
    SEARCH_INCOMPLETE,
  );
}
