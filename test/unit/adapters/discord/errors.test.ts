import { DiscordAPIError, HTTPError, RateLimitError } from "discord.js";
import { describe, expect, it } from "vitest";
import { toDeliveryError } from "../../../../adapters/discord/errors.js";
import { errorForLog, restApiBase, toNonce } from "../../../../adapters/discord/index.js";
import { DeliveryError } from "../../../../src/core/adapter.js";

const request = { body: undefined, files: undefined };
const apiError = (code: number, status: number, url = "https://discord.com/api/v10/channels/1/messages") =>
  new DiscordAPIError({ code, message: `error ${code}` }, code, status, "POST", url, request);

describe("toDeliveryError", () => {
  it.each([
    [10003, 404],
    [50001, 403],
    [50013, 403],
  ])("GIVEN Discord code %i THEN the failure is permanent", (code, status) => {
    expect(toDeliveryError(apiError(code, status), "1")).toMatchObject({
      permanent: true,
      platformCode: String(code),
    });
  });

  it("GIVEN a rejected token (401) THEN it is transient: a config problem, not this channel's", () => {
    expect(toDeliveryError(apiError(0, 401), "1").permanent).toBe(false);
  });

  it("GIVEN an invalid body (50035) THEN it is permanent: the same request would fail again", () => {
    expect(toDeliveryError(apiError(50035, 400), "1").permanent).toBe(true);
  });

  it("GIVEN a 5xx, a time-out or a network failure THEN it is transient", () => {
    const http = new HTTPError(503, "Service Unavailable", "POST", "https://x/api", request);
    const timeout = Object.assign(new Error("aborted"), { name: "AbortError" });
    expect(toDeliveryError(http, "1")).toMatchObject({ permanent: false, platformCode: "503" });
    expect(toDeliveryError(timeout, "1")).toMatchObject({ permanent: false, platformCode: "timeout" });
    expect(toDeliveryError(new Error("ECONNREFUSED"), "1")).toMatchObject({
      permanent: false,
      platformCode: "network",
    });
  });

  it("GIVEN a rate limit refused by the adapter THEN it is transient with the wait", () => {
    const limited = new RateLimitError({
      timeToReset: 100,
      limit: 5,
      method: "POST",
      hash: "h",
      url: "u",
      route: "/channels/:id/messages",
      majorParameter: "1",
      global: false,
      retryAfter: 30_000,
      sublimitTimeout: 0,
      scope: "user",
    });
    const error = toDeliveryError(limited, "1");
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ permanent: false, platformCode: "429", retryAfterMs: 30_000 });
  });
});

describe("adapter helpers", () => {
  it("GIVEN API URLs with or without a slash or version THEN the REST base has neither", () => {
    expect(restApiBase("http://127.0.0.1:8080/api/")).toBe("http://127.0.0.1:8080/api");
    expect(restApiBase("http://127.0.0.1:8080/api/v10")).toBe("http://127.0.0.1:8080/api");
    expect(restApiBase("https://proxy.example/api")).toBe("https://proxy.example/api");
  });

  it("GIVEN a short key THEN it is the nonce; a long one becomes a stable 25-character nonce", () => {
    expect(toNonce("digest2024w13")).toBe("digest2024w13");
    const long = toNonce("digest:1300000000000000001:2024-W13");
    expect(long).toHaveLength(25);
    expect(toNonce("digest:1300000000000000001:2024-W13")).toBe(long);
    expect(toNonce("digest:1300000000000000001:2024-W14")).not.toBe(long);
  });

  it("GIVEN a REST error on an interaction webhook THEN the logged path hides the token", () => {
    const error = apiError(
      10015,
      404,
      "https://discord.com/api/v10/webhooks/11/secret-token-abc/messages/@original",
    );
    const logged = JSON.stringify(errorForLog(error));
    expect(logged).toContain("/webhooks/11/:token/messages/@original");
    expect(logged).not.toContain("secret-token-abc");
  });
});
