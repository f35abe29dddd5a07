/**
 * The bot's invite link with the least permissions it needs. Each permission is listed with the
 * reason, so a server admin reading the consent screen can check it against what the bot does.
 *
 * @see https://discord.com/developers/docs/topics/permissions#permissions-bitwise-permission-flags
 * @see https://discord.com/developers/docs/topics/oauth2#bot-authorization-flow
 */
import { OAuth2Scopes, PermissionFlagsBits } from "discord.js";

/** The permissions the invite asks for, and why. */
export const BOT_PERMISSIONS = {
  /** See the channel at all: without it no message arrives and every send fails with Missing Access. */
  ViewChannel: PermissionFlagsBits.ViewChannel,
  /** Answer mentions and post the digest. */
  SendMessages: PermissionFlagsBits.SendMessages,
  /** Answers are embeds; without this Discord strips them and the answer arrives empty. */
  EmbedLinks: PermissionFlagsBits.EmbedLinks,
  /** Discord refuses a reply to a message the bot may not read in history. */
  ReadMessageHistory: PermissionFlagsBits.ReadMessageHistory,
  /**
   * Governs *using* slash commands. The bot receives `/gd` without it (people's own roles decide
   * who may use it); it is listed because the set-up issue asks for it, and it grants nothing risky.
   */
  UseApplicationCommands: PermissionFlagsBits.UseApplicationCommands,
} as const;

/** The permissions integer for the invite URL (2147568640). */
export const BOT_PERMISSIONS_INTEGER: bigint = Object.values(BOT_PERMISSIONS).reduce((a, b) => a | b, 0n);

/** The OAuth2 link a server admin opens to add the bot with its slash commands. */
export function inviteUrl(applicationId: string): string {
  const params = new URLSearchParams({
    client_id: applicationId,
    scope: [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(" "),
    permissions: BOT_PERMISSIONS_INTEGER.toString(),
  });
  return `https://discord.com/oauth2/authorize?${params.toString()}`;
}
