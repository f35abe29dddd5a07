import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../src/core/config.js";

describe("loadConfig", () => {
  it("GIVEN an empty environment THEN defaults: SQLite under ./var, no platforms, Monday 09:00 Shanghai", () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/var$/);
    expect(config.slack).toBeUndefined();
    expect(config.discord).toBeUndefined();
    expect(config.port).toBe(3000);
    expect(config.digest).toMatchObject({ cron: "0 9 * * 1", timezone: "Asia/Shanghai", empty: "skip" });
  });

  it("GIVEN a Slack token without a secret or app token THEN the error names the variable", () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: "xoxb-abc" })).toThrow(/SLACK_SIGNING_SECRET/);
  });

  it("GIVEN a Discord token without an application id THEN a clear error", () => {
    expect(() => loadConfig({ DISCORD_TOKEN: "abc" })).toThrow(/DISCORD_APPLICATION_ID/);
  });

  it("GIVEN a bad cron or time zone THEN each is named", () => {
    try {
      loadConfig({ DIGEST_CRON: "every monday", DIGEST_TZ: "Mars/Olympus" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect(String(error)).toMatch(/DIGEST_CRON/);
      expect(String(error)).toMatch(/DIGEST_TZ/);
    }
  });

  it("GIVEN a secret-bearing setup THEN the secrets, including the database password, are collected", () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: "xoxb-token-value",
      SLACK_SIGNING_SECRET: "signing-secret-value",
      DATABASE_URL: "postgres://bot:s3cret-pass@db.example:5432/gd",
      DIGEST_ADMINS: "U1, U2",
    });
    expect(config.slack?.signingSecret).toBe("signing-secret-value");
    expect(config.secrets).toEqual(
      expect.arrayContaining(["xoxb-token-value", "signing-secret-value", "s3cret-pass"]),
    );
    expect(config.digest.admins).toEqual(["U1", "U2"]);
  });

  it("GIVEN a non-postgres DATABASE_URL THEN refused with a hint", () => {
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL must start with postgres/);
  });
});

describe("blank variables", () => {
  it("GIVEN variables set to empty strings THEN they count as unset and take their defaults", () => {
    const config = loadConfig({
      LOG_LEVEL: "",
      PORT: " ",
      CONSOLE: "",
      DATABASE_SSL: "",
      DIGEST_EMPTY: "",
      DATABASE_URL: "",
    });
    expect(config).toMatchObject({ logLevel: "info", port: 3000, console: "auto", databaseSsl: "off" });
    expect(config.databaseUrl).toBeUndefined();
  });
});
