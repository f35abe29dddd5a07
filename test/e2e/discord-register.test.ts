/**
 * `npm run cli -- discord register`: the real CLI entry point, run as a child process against the
 * fake Discord REST API, and the same sub-command in-process for the global and error paths.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { Command, CommanderError } from "commander";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { slashCommandDefinitions } from "../../adapters/discord/index.js";
import { COMMANDS } from "../../commands/index.js";
import { register } from "../../src/cli/discord.js";
import { FakeDiscord } from "../support/fake-discord.js";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const TOKEN = "fake-bot-token-for-register";

function program(): Command {
  const p = new Command()
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  register(p);
  return p;
}

describe("discord register", () => {
  let fake: FakeDiscord;

  beforeAll(async () => {
    fake = await new FakeDiscord().start();
  });

  afterAll(async () => {
    await fake?.stop();
  });

  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("GIVEN --guild WHEN the CLI runs THEN it PUTs the /gd definitions to that guild and prints them", async () => {
    const mark = fake.mark();

    const { stdout } = await run(
      path.join(root, "node_modules/.bin/tsx"),
      ["src/cli.ts", "discord", "register", "--guild", fake.guildId],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH,
          DISCORD_TOKEN: TOKEN,
          DISCORD_APPLICATION_ID: fake.applicationId,
          DISCORD_API_URL: `${fake.apiUrl}/`,
          LOG_LEVEL: "silent",
        },
      },
    );

    const put = await fake.waitForRequest((r) => r.method === "PUT", { after: mark });
    expect(put.path).toBe(`/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`);
    expect(put.headers.authorization).toBe(`Bot ${TOKEN}`);
    expect(put.body).toEqual(JSON.parse(JSON.stringify(slashCommandDefinitions(COMMANDS))));
    expect(stdout).toContain(`guild ${fake.guildId}`);
    for (const line of [
      "/gd ask",
      "/gd compare",
      "/gd trend",
      "/gd latest",
      "/gd help",
      "/gd digest subscribe",
    ]) {
      expect(stdout).toContain(line);
    }
    expect(stdout).not.toContain(TOKEN);
  });

  it("GIVEN no --guild WHEN registering THEN the definitions go to the global commands route", async () => {
    vi.stubEnv("DISCORD_TOKEN", TOKEN);
    vi.stubEnv("DISCORD_APPLICATION_ID", fake.applicationId);
    vi.stubEnv("DISCORD_API_URL", fake.apiUrl);
    const out = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const mark = fake.mark();

    await program().parseAsync(["discord", "register"], { from: "user" });

    const put = await fake.waitForRequest((r) => r.method === "PUT", { after: mark });
    expect(put.path).toBe(`/applications/${fake.applicationId}/commands`);
    expect(out.mock.calls.map((c) => String(c[0])).join("")).toContain("all guilds");
  });

  it("GIVEN no DISCORD_TOKEN nor DISCORD_APPLICATION_ID WHEN registering THEN a clear error names both and nothing is sent", async () => {
    vi.stubEnv("DISCORD_TOKEN", "");
    vi.stubEnv("DISCORD_APPLICATION_ID", "");
    const mark = fake.mark();

    const error = await program()
      .parseAsync(["discord", "register"], { from: "user" })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CommanderError);
    expect((error as Error).message).toMatch(/DISCORD_TOKEN.*DISCORD_APPLICATION_ID/);
    expect(fake.requests.slice(mark)).toHaveLength(0);
  });

  it("GIVEN only DISCORD_TOKEN WHEN registering THEN the error names the missing DISCORD_APPLICATION_ID", async () => {
    vi.stubEnv("DISCORD_TOKEN", TOKEN);
    vi.stubEnv("DISCORD_APPLICATION_ID", "");

    const error = await program()
      .parseAsync(["discord", "register"], { from: "user" })
      .catch((e: unknown) => e);

    expect((error as Error).message).toContain("DISCORD_APPLICATION_ID");
  });
});
