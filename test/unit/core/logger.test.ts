import { describe, expect, it } from "vitest";
import { createLogger, scrubSecrets } from "../../../src/core/logger.js";

describe("logger", () => {
  it("GIVEN a configured secret in a message, an error and a nested object THEN it never reaches the output", () => {
    const lines: string[] = [];
    const logger = createLogger({ secrets: ["super-secret-value"], write: (l) => lines.push(l) });
    logger.info({ detail: { note: "uses super-secret-value" } }, "call with super-secret-value");
    logger.error({ err: new Error("auth failed for super-secret-value") }, "failed");
    const out = lines.join("");
    expect(out).not.toContain("super-secret-value");
    expect(out).toContain("[REDACTED]");
  });

  it("GIVEN secret-named keys THEN they are redacted by path", () => {
    const lines: string[] = [];
    const logger = createLogger({ write: (l) => lines.push(l) });
    logger.info({ token: "abc", headers: { authorization: "Bot abc" } }, "request");
    expect(lines.join("")).not.toMatch(/"abc"|Bot abc/);
  });

  it("GIVEN token-shaped strings nobody declared THEN they are scrubbed too", () => {
    expect(scrubSecrets("token xoxb-123456-abcdef and xapp-1-A0B1-xyz", [])).toBe(
      "token [REDACTED] and [REDACTED]",
    );
    expect(scrubSecrets("postgres://bot:hunter22@db:5432/x", [])).toBe("postgres://bot:[REDACTED]@db:5432/x");
  });

  it("GIVEN a Socket Mode URL or a bare ticket THEN the ticket and the query are scrubbed, the host kept", () => {
    const url = "wss://wss-primary.slack.com/link/?ticket=4f2c-91ab-77de&app_id=A0EXAMPLE";
    expect(scrubSecrets(`connecting to ${url} now`, [])).toBe(
      "connecting to wss://wss-primary.slack.com/link/?[REDACTED] now",
    );
    expect(scrubSecrets("reconnect?ticket=4f2c-91ab-77de&x=1", [])).toBe("reconnect?ticket=[REDACTED]&x=1");
  });

  it("GIVEN the URL inside a logged JSON result at every level THEN no line carries the ticket", () => {
    const lines: string[] = [];
    const logger = createLogger({ level: "trace", write: (l) => lines.push(l) });
    const result = JSON.stringify({ ok: true, url: "ws://127.0.0.1:9/link/?ticket=abc123secret&app_id=A1" });
    for (const level of ["trace", "debug", "info", "warn", "error", "fatal"] as const) {
      logger[level](`http request result: ${result}`);
      logger[level]({ response: { url: "wss://h/link/?ticket=abc123secret" } }, "opened");
    }
    expect(lines).toHaveLength(12);
    expect(lines.join("")).not.toContain("abc123secret");
  });
});
