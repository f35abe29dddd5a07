/**
 * Turns what `@discordjs/rest` throws into a `DeliveryError`, deciding whether retrying could
 * help. Channel-level refusals are permanent; rate limits, server errors, time-outs and network
 * failures are transient; so is a rejected token, because that is the bot's configuration, not
 * the channel's, and a digest must not give up on every channel over it.
 *
 * @see https://discord.com/developers/docs/topics/opcodes-and-status-codes#json-json-error-codes
 */
import { DiscordAPIError, HTTPError, RateLimitError } from "discord.js";
import { DeliveryError } from "../../src/core/adapter.js";

/** Discord JSON error codes meaning this channel will not take our message. */
export const PERMANENT_DISCORD_CODES: ReadonlySet<number> = new Set([
  10003, // Unknown Channel
  50001, // Missing Access
  50013, // Missing Permissions
]);

/** Classifies a failed Discord request. Never throws. */
export function toDeliveryError(error: unknown, channelId: string): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof RateLimitError) {
    const retryAfterMs = Math.max(error.retryAfter, error.timeToReset, 0);
    return new DeliveryError(`Discord rate limit on channel ${channelId}`, false, "429", {
      cause: error,
      retryAfterMs,
    });
  }
  if (error instanceof DiscordAPIError) {
    const code = String(error.code);
    if (typeof error.code === "number" && PERMANENT_DISCORD_CODES.has(error.code)) {
      return new DeliveryError(`Discord refused the post to ${channelId}: ${error.message}`, true, code, {
        cause: error,
      });
    }
    // 401: bad token, fix config and retry; 429 only reaches here when the body says so.
    const transient = error.status === 401 || error.status === 429 || error.status >= 500;
    return new DeliveryError(`Discord refused the post to ${channelId}: ${error.message}`, !transient, code, {
      cause: error,
    });
  }
  if (error instanceof HTTPError) {
    // @discordjs/rest throws HTTPError only for 5xx, after its own retries.
    return new DeliveryError(
      `Discord answered HTTP ${error.status} for ${channelId}`,
      false,
      String(error.status),
      {
        cause: error,
      },
    );
  }
  const name = error instanceof Error ? error.name : "Error";
  const timedOut = name === "AbortError" || name === "TimeoutError";
  return new DeliveryError(
    timedOut
      ? `Posting to Discord channel ${channelId} timed out`
      : `Could not reach Discord for ${channelId}`,
    false,
    timedOut ? "timeout" : "network",
    { cause: error },
  );
}
