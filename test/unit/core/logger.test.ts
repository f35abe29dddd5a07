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
});
