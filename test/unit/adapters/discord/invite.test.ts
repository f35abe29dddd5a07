import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BOT_PERMISSIONS_INTEGER, inviteUrl } from "../../../../adapters/discord/index.js";

const readme = readFileSync(
  path.resolve(import.meta.dirname, "../../../../adapters/discord/README.md"),
  "utf8",
);

describe("invite link", () => {
  it("GIVEN the five permissions THEN the integer is View Channel + Send Messages + Embed Links + Read Message History + Use Application Commands", () => {
    expect(BOT_PERMISSIONS_INTEGER).toBe(1024n + 2048n + 16384n + 65536n + 2147483648n);
  });

  it("GIVEN an application id THEN the link asks for the bot and applications.commands scopes and those permissions", () => {
    const url = new URL(inviteUrl("1100000000000000001"));

    expect(url.origin + url.pathname).toBe("https://discord.com/oauth2/authorize");
    expect(url.searchParams.get("client_id")).toBe("1100000000000000001");
    expect(url.searchParams.get("scope")).toBe("bot applications.commands");
    expect(url.searchParams.get("permissions")).toBe(BOT_PERMISSIONS_INTEGER.toString());
  });

  it("GIVEN the README THEN its invite URL is the one the code builds", () => {
    expect(readme).toContain(inviteUrl("APP_ID"));
  });
});
