/**
 * The Bolt listeners: `/gd`, the Share button and `app_mention`. Each acknowledges first (Slack
 * gives 3 seconds), then parses the payload, asks the handler and draws the reply. They never
 * decide what to answer; that is the handler's job.
 */
import type { App, RespondFn } from "@slack/bolt";
import { DeliveryError, type InvocationHandler } from "../../src/core/adapter.js";
import type { Invocation } from "../../src/core/invocation.js";
import type { Logger } from "../../src/core/logger.js";
import type { Reply } from "../../src/core/reply.js";
import { uploadChart } from "./chart-upload.js";
import { parseAppMention, parseButtonClick, parseSlashCommand } from "./parse.js";
import { type BlockKitMessage, replyToBlockKit, SHARE_ACTION_ID, SLACK_MAX_BLOCKS } from "./render.js";
import { decodeShareValue, encodeShareValue, offersShare } from "./share.js";
import { postEphemeral, postMessage, type RateLimitPolicy, slackErrorCode } from "./web.js";

/** What the listeners need from the adapter around them. */
export interface ListenerContext {
  handle: InvocationHandler;
  logger: Logger;
  rateLimit: RateLimitPolicy | undefined;
  /** Runs an answer as in-flight work, so `stop()` can wait for it. */
  track<T>(work: () => Promise<T>): Promise<T | undefined>;
  /** True once `stop()` began: new work is refused politely. */
  isStopping(): boolean;
}

const RESTARTING = "The bot is restarting; please ask again in a minute.";
const UNREADABLE = "Sorry, Slack sent something I could not read. Please try again.";

/** How many recent mention events to remember, so a redelivered event is not answered twice. */
const SEEN_EVENTS_LIMIT = 1000;

/** Registers every listener on `app`. */
export function registerListeners(app: App, ctx: ListenerContext): void {
  // Any slash command sent to this app is ours: the manifest declares /gd, and a workspace that
  // renames it should keep working.
  app.command(/^\/.+/, async ({ ack, body, respond }) => {
    await ack();
    await ctx.track(() => answerSlashCommand(body, respond, ctx));
  });

  app.action(SHARE_ACTION_ID, async ({ ack, body, respond, client }) => {
    await ack();
    await ctx.track(() => shareAnswer(body, respond, client, ctx));
  });

  const seen = new Set<string>();
  app.event("app_mention", async ({ event, context, client }) => {
    const key = `${event.channel}:${event.ts}`;
    // Slack redelivers an event it thinks was not acknowledged; answer each mention once.
    if (seen.has(key)) return;
    seen.add(key);
    if (seen.size > SEEN_EVENTS_LIMIT) seen.delete(seen.values().next().value as string);
    await ctx.track(() => answerMention(event, context.botUserId, client, ctx));
  });
}

async function answerSlashCommand(body: unknown, respond: RespondFn, ctx: ListenerContext): Promise<void> {
  let command: ReturnType<typeof parseSlashCommand>;
  try {
    command = parseSlashCommand(body);
  } catch (error) {
    ctx.logger.warn({ err: error }, "unreadable slash command payload");
    await safeRespond(respond, { response_type: "ephemeral", text: UNREADABLE }, ctx.logger);
    return;
  }
  if (ctx.isStopping()) {
    await safeRespond(respond, { response_type: "ephemeral", text: RESTARTING }, ctx.logger);
    return;
  }
  const reply = await ctx.handle(command.invocation);
  const shareValue = offersShare(reply) ? encodeShareValue({ text: command.invocation.text }) : undefined;
  const message = replyToBlockKit(withChartHint(reply), shareValue === undefined ? {} : { shareValue });
  await safeRespond(respond, { response_type: "ephemeral", ...message }, ctx.logger);
}

async function shareAnswer(
  body: unknown,
  respond: RespondFn,
  client: App["client"],
  ctx: ListenerContext,
): Promise<void> {
  let click: ReturnType<typeof parseButtonClick>;
  try {
    click = parseButtonClick(body);
  } catch (error) {
    ctx.logger.warn({ err: error }, "unreadable block action payload");
    return;
  }
  const request = decodeShareValue(click.value);
  if (!request) {
    await safeRespond(
      respond,
      { response_type: "ephemeral", replace_original: false, text: UNREADABLE },
      ctx.logger,
    );
    return;
  }
  const invocation: Invocation = {
    platform: "slack",
    user: { id: click.userId, name: click.userName },
    channel: { id: click.channelId, name: click.channelName },
    workspace: click.workspace,
    text: request.text,
    raw: body,
  };
  const reply = await ctx.handle(invocation);
  if (!offersShare(reply)) {
    // The question no longer has a shareable answer (say, a source was withdrawn): show why, privately.
    await safeRespond(
      respond,
      { response_type: "ephemeral", replace_original: true, ...replyToBlockKit(reply) },
      ctx.logger,
    );
    return;
  }
  const message = withSharedBy(replyToBlockKit({ ...reply, visibility: "public" }), click.userId);
  let ts: string;
  try {
    ts = await postMessage(
      client,
      { channel: click.channelId, message, ...(request.threadTs ? { threadTs: request.threadTs } : {}) },
      ctx.logger,
      ctx.rateLimit,
    );
  } catch (error) {
    const code = error instanceof DeliveryError ? error.platformCode : slackErrorCode(error);
    ctx.logger.warn({ err: error, code, channel: click.channelId }, "share in channel failed");
    await safeRespond(
      respond,
      {
        response_type: "ephemeral",
        replace_original: false,
        text:
          code === "not_in_channel" || code === "channel_not_found"
            ? "I can't post in this channel. Invite me first (`/invite @gd`), then press Share again."
            : `Sharing failed (${code}). Please try again in a moment.`,
      },
      ctx.logger,
    );
    return;
  }
  // The private copy has done its job; remove it so the user sees the answer once.
  await safeRespond(respond, { delete_original: true }, ctx.logger);
  if (reply.chart) {
    await uploadChart(
      client,
      { channel: click.channelId, threadTs: request.threadTs ?? ts },
      reply.chart,
      ctx.logger,
    );
  }
}

async function answerMention(
  event: unknown,
  botUserId: string | undefined,
  client: App["client"],
  ctx: ListenerContext,
): Promise<void> {
  let mention: ReturnType<typeof parseAppMention>;
  try {
    mention = parseAppMention(event, botUserId);
  } catch (error) {
    ctx.logger.warn({ err: error }, "unreadable app_mention event");
    return;
  }
  const reply: Reply = ctx.isStopping()
    ? { blocks: [{ type: "notice", text: RESTARTING }], visibility: "ephemeral" }
    : await ctx.handle(mention.invocation);
  const target = { channel: mention.channelId, threadTs: mention.threadTs };
  try {
    if (reply.visibility === "public") {
      await postMessage(client, { ...target, message: replyToBlockKit(reply) }, ctx.logger, ctx.rateLimit);
      if (reply.chart) await uploadChart(client, target, reply.chart, ctx.logger);
      return;
    }
    // Help and errors are for the asker only, even when asked in a channel.
    const shareValue = reply.shareable
      ? encodeShareValue({ text: mention.invocation.text, threadTs: mention.threadTs })
      : undefined;
    const message = replyToBlockKit(reply, shareValue === undefined ? {} : { shareValue });
    await postEphemeral(
      client,
      { ...target, user: mention.invocation.user.id, message },
      ctx.logger,
      ctx.rateLimit,
    );
  } catch (error) {
    ctx.logger.error({ err: error, channel: mention.channelId }, "could not answer mention");
  }
}

/**
 * A private answer cannot carry an uploaded file (an upload is seen by the whole channel), so a
 * private answer with a chart says where the chart appears instead.
 */
function withChartHint(reply: Reply): Reply {
  if (!reply.chart || !offersShare(reply)) return reply;
  return {
    ...reply,
    blocks: [...reply.blocks, { type: "context", text: "Share in channel to post this with its chart." }],
  };
}

/**
 * Adds "Shared by @user" under a shared answer, so the channel knows who asked. The mention is
 * built from the clicking user's id, checked to be an id, never from text anyone typed.
 */
function withSharedBy(message: BlockKitMessage, userId: string): BlockKitMessage {
  if (!/^[UW][A-Z0-9]{2,}$/.test(userId) || message.blocks.length >= SLACK_MAX_BLOCKS) return message;
  return {
    ...message,
    blocks: [
      ...message.blocks,
      {
        type: "context",
        elements: [{ type: "mrkdwn", text: `Shared by <@${userId}> with /gd`, verbatim: true }],
      },
    ],
  };
}

async function safeRespond(
  respond: RespondFn,
  message: Parameters<RespondFn>[0],
  logger: Logger,
): Promise<void> {
  try {
    await respond(message);
  } catch (error) {
    // An expired response_url (30 minutes, 5 uses) cannot be retried into working.
    logger.error({ err: error }, "could not answer through response_url");
  }
}
