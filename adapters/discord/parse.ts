/**
 * Inbound translation: a mention message or a `/gd` interaction becomes an `Invocation`.
 * discord.js has already parsed the gateway JSON into classes; the option tree is still checked
 * with zod because its shape depends on what was registered, and the Invocation itself is
 * validated before it crosses into the core.
 */
import {
  type ChatInputCommandInteraction,
  type Message,
  PermissionFlagsBits,
  type PermissionsBitField,
} from "discord.js";
import { z } from "zod";
import type { CommandSurface } from "../../src/core/command.js";
import { type Invocation, InvocationSchema } from "../../src/core/invocation.js";
import { type ChosenSubcommand, subcommandToCommand } from "./commands.js";

/** Removes every mention of the bot (`<@id>` and the older `<@!id>`) and tidies the spaces. */
export function stripBotMention(content: string, botId: string): string {
  return content
    .replace(new RegExp(`<@!?${botId}>`, "g"), " ")
    .replace(/\s+/g, " ")
    .trim();
}

type OptionNode = { name: string; type: number; value?: string | number | boolean; options?: OptionNode[] };

const OptionNodeSchema: z.ZodType<OptionNode> = z.lazy(() =>
  z.object({
    name: z.string(),
    type: z.number(),
    value: z.union([z.string(), z.number(), z.boolean()]).optional(),
    options: z.array(OptionNodeSchema).optional(),
  }),
);

// ApplicationCommandOptionType.Subcommand and SubcommandGroup.
const SUBCOMMAND = 1;
const SUBCOMMAND_GROUP = 2;

/**
 * Reads the chosen (group,) subcommand and its leaf option values from an interaction's option
 * tree, e.g. `[{ name: "ask", type: 1, options: [{ name: "query", type: 3, value: "…" }] }]`.
 */
export function chosenSubcommand(data: unknown): ChosenSubcommand {
  const nodes = z.array(OptionNodeSchema).parse(data);
  let group: string | null = null;
  let level = nodes;
  const first = level[0];
  if (first?.type === SUBCOMMAND_GROUP) {
    group = first.name;
    level = first.options ?? [];
  }
  const sub = level[0];
  if (!sub || sub.type !== SUBCOMMAND) throw new Error("The interaction names no subcommand.");
  const options: Record<string, string> = {};
  for (const option of sub.options ?? []) {
    if (option.value !== undefined) options[option.name] = String(option.value);
  }
  return { group, subcommand: sub.name, options };
}

function canManage(permissions: Readonly<PermissionsBitField> | null | undefined): boolean | undefined {
  return permissions ? permissions.has(PermissionFlagsBits.ManageChannels) : undefined;
}

function channelName(channel: unknown): string | undefined {
  return channel && typeof channel === "object" && "name" in channel && typeof channel.name === "string"
    ? channel.name
    : undefined;
}

/** A message that mentions the bot, as an Invocation with the mention removed. */
export function messageToInvocation(message: Message, botId: string): Invocation {
  let permissions: Readonly<PermissionsBitField> | null | undefined;
  try {
    // Needs the guild's roles in the cache; when they are missing the answer is "cannot say".
    permissions = message.channel.isDMBased() ? undefined : message.channel.permissionsFor(message.author);
  } catch {
    permissions = undefined;
  }
  return InvocationSchema.parse({
    platform: "discord",
    user: {
      id: message.author.id,
      name: message.member?.displayName ?? message.author.username,
      canManageChannel: canManage(permissions),
    },
    channel: { id: message.channelId, name: channelName(message.channel) },
    workspace: message.guildId ?? undefined,
    text: stripBotMention(message.content, botId),
    raw: { messageId: message.id, guildId: message.guildId },
  });
}

/** A `/gd` interaction as an Invocation: the subcommand names the command, the options give the text. */
export function interactionToInvocation(
  interaction: ChatInputCommandInteraction,
  commands: readonly CommandSurface[],
): Invocation {
  const { command, text } = subcommandToCommand(commands, chosenSubcommand(interaction.options.data));
  return InvocationSchema.parse({
    platform: "discord",
    user: {
      id: interaction.user.id,
      name: interaction.user.globalName ?? interaction.user.username,
      // The interaction carries the member's permissions in this channel, overwrites included.
      canManageChannel: canManage(interaction.memberPermissions),
    },
    channel: { id: interaction.channelId, name: channelName(interaction.channel) },
    workspace: interaction.guildId ?? undefined,
    command,
    text,
    raw: { interactionId: interaction.id, guildId: interaction.guildId },
  });
}
