/**
 * `npm run cli -- discord register [--guild <id>]`: puts the `/gd` command definitions to
 * Discord. With `--guild` they apply to that server at once (for testing); without it they are
 * global, which Discord may take up to an hour to show everywhere. discord.js and the adapter are
 * imported only when this command runs, so every other CLI command starts without them.
 *
 * @see https://discord.com/developers/docs/interactions/application-commands#registering-a-command
 */
import type { Command } from "commander";
import { z } from "zod";
import { type DiscordConfig, loadConfig } from "../core/config.js";

const RegisteredSchema = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    options: z
      .array(
        z.object({
          name: z.string(),
          type: z.number(),
          options: z.array(z.object({ name: z.string(), type: z.number() })).optional(),
        }),
      )
      .optional(),
  }),
);
export type RegisteredCommand = z.infer<typeof RegisteredSchema>[number];

const SUBCOMMAND = 1;
const SUBCOMMAND_GROUP = 2;

/** PUTs the command definitions (replacing whatever was registered before) and returns Discord's answer. */
export async function registerDiscordCommands(
  config: DiscordConfig,
  guildId?: string,
): Promise<RegisteredCommand[]> {
  const [{ REST, Routes }, { restApiBase, slashCommandDefinitions }, { COMMANDS }] = await Promise.all([
    import("discord.js"),
    import("../../adapters/discord/index.js"),
    import("../../commands/index.js"),
  ]);
  const rest = new REST({
    ...(config.apiUrl ? { api: restApiBase(config.apiUrl) } : {}),
    retries: 1,
  }).setToken(config.token);
  const route = guildId
    ? Routes.applicationGuildCommands(config.applicationId, guildId)
    : Routes.applicationCommands(config.applicationId);
  const answer = await rest.put(route, { body: slashCommandDefinitions(COMMANDS) });
  return RegisteredSchema.parse(answer);
}

/** One line per invocable command, e.g. `/gd ask` and `/gd digest subscribe`. */
export function describeRegistered(commands: readonly RegisteredCommand[]): string[] {
  const lines: string[] = [];
  for (const command of commands) {
    const subs = command.options?.filter((o) => o.type === SUBCOMMAND || o.type === SUBCOMMAND_GROUP) ?? [];
    if (subs.length === 0) lines.push(`/${command.name}`);
    for (const sub of subs) {
      if (sub.type === SUBCOMMAND) lines.push(`/${command.name} ${sub.name}`);
      else for (const leaf of sub.options ?? []) lines.push(`/${command.name} ${sub.name} ${leaf.name}`);
    }
  }
  return lines;
}

/** Adds `discord register` to the CLI. */
export function register(program: Command): void {
  const discord = program.command("discord").description("Discord set-up");
  discord
    .command("register")
    .description("Register the /gd slash command (one guild at once with --guild, otherwise globally)")
    .option("--guild <id>", "register in this guild (server) only; shows up immediately")
    .action(async (opts: { guild?: string }, command: Command) => {
      // `command.error` prints one clear line and exits 1 (or throws under `exitOverride`), no stack.
      let config: DiscordConfig | undefined;
      try {
        config = loadConfig().discord;
      } catch (error) {
        command.error(error instanceof Error ? error.message : String(error));
      }
      if (!config) {
        command.error(
          "Set DISCORD_TOKEN (the bot token) and DISCORD_APPLICATION_ID (the application id) to register commands; see adapters/discord/README.md.",
        );
      }
      if (opts.guild !== undefined && !/^\d{15,21}$/.test(opts.guild)) {
        command.error(`--guild must be a server id (digits, e.g. 1200000000000000001), not "${opts.guild}".`);
      }
      let registered: RegisteredCommand[];
      try {
        registered = await registerDiscordCommands(config, opts.guild);
      } catch (error) {
        command.error(
          `Discord refused the registration: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      const { inviteUrl } = await import("../../adapters/discord/index.js");
      const where = opts.guild
        ? `guild ${opts.guild} (available now)`
        : "all guilds (may take up to an hour to appear)";
      process.stdout.write(`Registered ${registered.length} command(s) for ${where}:\n`);
      for (const line of describeRegistered(registered)) process.stdout.write(`  ${line}\n`);
      process.stdout.write(`Invite the bot to a server with:\n  ${inviteUrl(config.applicationId)}\n`);
    });
}
