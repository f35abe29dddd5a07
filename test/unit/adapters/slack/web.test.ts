import { webApi } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { rateLimitWaitMs, toDeliveryError, withRateLimitRetry } from "../../../../adapters/slack/web.js";
import { silentLogger } from "../../../../src/core/logger.js";

const platformError = (error: string) => ({
  code: webApi.ErrorCode.PlatformError,
  data: { ok: false, error },
});
const rateLimited = (retryAfter: number) => ({ code: webApi.ErrorCode.RateLimitedError, retryAfter });

describe("toDeliveryError", () => {
  it.each([
    "channel_not_found",
    "is_archived",
    "not_in_channel",
    "account_inactive",
    "invalid_auth",
    "missing_scope",
  ])("GIVEN %s THEN the failure is permanent", (code) => {
    const error = toDeliveryError(platformError(code), "C1");
    expect(error.permanent).toBe(true);
    expect(error.platformCode).toBe(code);
  });

  it.each<[string, unknown]>([
    ["internal_error", platformError("internal_error")],
    ["http 503", { code: webApi.ErrorCode.HTTPError, statusCode: 503 }],
    ["network", { code: webApi.ErrorCode.RequestError }],
    ["rate limit", rateLimited(30)],
  ])("GIVEN %s THEN the failure is transient", (_name, cause) => {
    expect(toDeliveryError(cause, "C1").permanent).toBe(false);
  });

  it("GIVEN a rate limit THEN retryAfterMs carries Slack's wait", () => {
    expect(toDeliveryError(rateLimited(30), "C1").retryAfterMs).toBe(30_000);
  });
});

describe("withRateLimitRetry", () => {
  it("GIVEN a rate limit then success THEN it calls twice and returns the result", async () => {
    let calls = 0;
    const result = await withRateLimitRetry(
      "m",
      async () => {
        calls += 1;
        if (calls === 1) throw rateLimited(0);
        return "ok";
      },
      silentLogger(),
    );
    expect(result).toBe("ok");
    expect(calls).toBe(2);
  });

  it("GIVEN any other error THEN it does not retry", async () => {
    let calls = 0;
    const run = withRateLimitRetry(
      "m",
      async () => {
        calls += 1;
        throw platformError("internal_error");
      },
      silentLogger(),
    );
    await expect(run).rejects.toMatchObject({ data: { error: "internal_error" } });
    expect(calls).toBe(1);
  });

  it("GIVEN rate limits on every attempt THEN it gives up after maxAttempts", async () => {
    let calls = 0;
    const run = withRateLimitRetry(
      "m",
      async () => {
        calls += 1;
        throw rateLimited(0);
      },
      silentLogger(),
      { maxAttempts: 3, maxWaitMs: 1000 },
    );
    await expect(run).rejects.toMatchObject({ retryAfter: 0 });
    expect(calls).toBe(3);
  });

  it("GIVEN a Retry-After longer than the policy accepts THEN it fails at once", async () => {
    let calls = 0;
    const run = withRateLimitRetry(
      "m",
      async () => {
        calls += 1;
        throw rateLimited(600);
      },
      silentLogger(),
      { maxAttempts: 3, maxWaitMs: 60_000 },
    );
    await expect(run).rejects.toBeDefined();
    expect(calls).toBe(1);
  });

  it("GIVEN a non-Slack error THEN rateLimitWaitMs is undefined", () => {
    expect(rateLimitWaitMs(new Error("x"))).toBeUndefined();
  });
});
