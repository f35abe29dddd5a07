/**
 * Inbound Slack payloads → `Invocation`. Bolt hands us loosely typed bodies; each is taken as
 * `unknown` and checked with zod here, so only typed values reach the rest of the adapter.
 *
 * Slack sends message and command text with `&`, `<` and `>` escaped as entities; we decode them
 * so a command sees what the user typed, and the renderer escapes again on the way out.
 *
 * @see https://docs.slack.dev/interactivity/implementing-slash-commands#app_command_handling
 * @see https://docs.slack.dev/reference/events/app_mention
 * @see https://docs.slack.dev/reference/interaction-payloads/block_actions-payload
 */
import { z } from "zod";
import type { Invocation } from "../../src/core/invocation.js";

/** Decodes the three entities Slack uses in inbound text. `&amp;` last, so `&amp;lt;` stays `&lt;`. */
export function unescapeSlackText(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

const nonEmpty = z.string().min(1);

/** The form fields of a slash command (HTTP) or the `payload` of a `slash_commands` envelope. */
const SlashCommandSchema = z.object({
  team_id: nonEmpty,
  channel_id: nonEmpty,
  channel_name: z.string().optional(),
  user_id: nonEmpty,
  user_name: z.string().optional(),
  command: nonEmpty,
  text: z.string().default(""),
  response_url: z.url(),
});

/** A parsed slash command: the invocation and where to send the answer. */
export interface SlashCommand {
  invocation: Invocation;
  responseUrl: string;
}

/** Reads a slash command body. Throws a `ZodError` naming the missing field when malformed. */
export function parseSlashCommand(body: unknown): SlashCommand {
  const b = SlashCommandSchema.parse(body);
  return {
    invocation: {
      platform: "slack",
      user: { id: b.user_id, name: b.user_name },
      channel: { id: b.channel_id, name: b.channel_name },
      workspace: b.team_id,
      text: unescapeSlackText(b.text),
      raw: body,
    },
    responseUrl: b.response_url,
  };
}

const AppMentionSchema = z.object({
  type: z.literal("app_mention"),
  user: nonEmpty,
  text: z.string(),
  channel: nonEmpty,
  ts: nonEmpty,
  thread_ts: z.string().optional(),
  team: z.string().optional(),
});

/** A parsed mention: the invocation and the thread to answer in. */
export interface AppMention {
  invocation: Invocation;
  channelId: string;
  /** The thread the mention was in, or the mention's own ts so the answer starts a thread. */
  threadTs: string;
}

/**
 * Reads an `app_mention` event and strips the bot's own mention (`<@U123>` or `<@U123|name>`).
 * Without a known bot user id, the leading mention is taken to be the bot's.
 */
export function parseAppMention(event: unknown, botUserId?: string): AppMention {
  const e = AppMentionSchema.parse(event);
  const text = botUserId
    ? e.text.replace(new RegExp(`<@${escapeRegExp(botUserId)}(?:\\|[^>]*)?>`, "g"), " ")
    : e.text.replace(/^\s*<@[A-Z0-9]+(?:\|[^>]*)?>/, " ");
  return {
    invocation: {
      platform: "slack",
      user: { id: e.user },
      channel: { id: e.channel },
      workspace: e.team,
      text: unescapeSlackText(text).replace(/\s+/g, " ").trim(),
      raw: event,
    },
    channelId: e.channel,
    threadTs: e.thread_ts ?? e.ts,
  };
}

const BlockActionSchema = z.object({
  type: z.literal("block_actions"),
  user: z.object({ id: nonEmpty, username: z.string().optional(), name: z.string().optional() }),
  team: z.object({ id: nonEmpty }).nullish(),
  channel: z.object({ id: nonEmpty, name: z.string().optional() }).optional(),
  container: z.object({ channel_id: z.string().optional(), message_ts: z.string().optional() }).optional(),
  response_url: z.url().optional(),
  actions: z.array(z.object({ action_id: nonEmpty, value: z.string().optional() })).min(1),
});

/** A click on one of our buttons. */
export interface ButtonClick {
  actionId: string;
  value: string;
  userId: string;
  userName: string | undefined;
  channelId: string;
  channelName: string | undefined;
  workspace: string | undefined;
  /** Where to replace or delete the message the button was on; absent for some surfaces. */
  responseUrl: string | undefined;
}

/** Reads a `block_actions` payload for its first action. Throws a `ZodError` when malformed. */
export function parseButtonClick(body: unknown): ButtonClick {
  const b = BlockActionSchema.parse(body);
  const action = b.actions[0]!;
  const channelId = b.channel?.id ?? b.container?.channel_id;
  if (!channelId)
    throw new z.ZodError([{ code: "custom", path: ["channel"], message: "no channel", input: body }]);
  return {
    actionId: action.action_id,
    value: action.value ?? "",
    userId: b.user.id,
    userName: b.user.username ?? b.user.name,
    channelId,
    channelName: b.channel?.name,
    workspace: b.team?.id,
    responseUrl: b.response_url,
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
