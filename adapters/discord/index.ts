/**
 * The Discord adapter on discord.js: mentions and the `/gd` slash command in, embeds out, and
 * `post` for the digest. It only translates; the `InvocationHandler` it is given does the work.
 *
 * Least privilege: the Guilds and GuildMessages intents only. The privileged message-content
 * intent is not needed because Discord keeps the content of messages that mention the bot.
 *
 * @see https://discord.com/developers/docs/events/gateway#message-content-intent
 * @see https://discord.com/developers/docs/interactions/receiving-and-responding
 */
import { createHash } from "node:crypto";
import {
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  Client,
  type ClientOptions,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  HTTPError,
  type Interaction,
  type Message,
  MessageFlags,
  type RateLimitData,
  type RESTOptions,
  Routes,
} from "discord.js";
import { z } from "zod";
import {
  DeliveryError,
  type InvocationHandler,
  type PlatformAdapter,
  SEARCH_INCOMPLETE,
} from "../../src/core/adapter.js";
import type { CommandSurface } from "../../src/core/command.js";
import type { DiscordConfig } from "../../src/core/config.js";
import { newErrorId } from "../../src/core/dispatch.js";
import type { Logger } from "../../src/core/logger.js";
import type { Chart, Reply } from "../../src/core/reply.js";
import { attachChart } from "./chart-attachment.js";
import {
  type AutocompleteField,
  autocompleteFieldFor,
  isPrivateSubcommand,
  SLASH_COMMAND_NAME,
  toChoices,
} from "./commands.js";
import { toDeliveryError } from "./errors.js";
import { interactionToInvocation, messageToInvocation } from "./parse.js";
import { DISCORD_MAX_CONTENT, type DiscordMessage, replyToDiscord } from "./render.js";

export { slashCommandDefinitions } from "./commands.js";
export { BOT_PERMISSIONS_INTEGER, inviteUrl } from "./invite.js";
export { replyToDiscord } from "./render.js";

/**
 * Waits longer than this for a rate limit are refused instead of sat out, so `post` can hand a
 * transient `DeliveryError` with `retryAfterMs` to the digest rather than block it for minutes.
 */
export const MAX_RATE_LIMIT_WAIT_MS = 10_000;
/** How long `stop()` lets answers in flight finish before it disconnects anyway. */
const STOP_GRACE_MS = 10_000;
/** Discord's limit on a nonce. */
const MAX_NONCE_LENGTH = 25;

/** Test and deployment overrides for the discord.js client. */
export interface DiscordClientOverrides {
  /** Merged over the adapter's REST options, e.g. `{ globalRequestsPerSecond: 1e6, retries: 0 }`. */
  rest?: Partial<RESTOptions>;
  /** How long to wait for guilds after READY (discord.js default 15 s). */
  waitGuildTimeout?: number;
  closeTimeout?: number;
}

export interface DiscordAdapterOptions {
  config: DiscordConfig;
  handle: InvocationHandler;
  /**
   * The declarations `/gd` was registered from (the composition root passes `COMMANDS`): they map
   * a subcommand to its command and text, name the autocompleted options and the private answers.
   */
  commands: readonly CommandSurface[];
  /** Suggestions for an autocompleted option from what the user has typed so far. */
  autocomplete: (field: AutocompleteField, partial: string) => Promise<string[]>;
  logger: Logger;
  clientOptions?: DiscordClientOverrides;
}

/**
 * The REST base URL discord.js wants: no trailing slash and no version, because it appends
 * `/v10` itself. Accepts `http://host/api`, `http://host/api/` and `http://host/api/v10`.
 */
export function restApiBase(apiUrl: string): string {
  return apiUrl.replace(/\/+$/, "").replace(/\/v\d+$/, "");
}

/** A nonce Discord accepts (at most 25 characters), stable for the same key so dedupe still works. */
export function toNonce(key: string): string {
  if (key.length <= MAX_NONCE_LENGTH && /^[A-Za-z0-9_-]+$/.test(key)) return key;
  return createHash("sha256").update(key).digest("base64url").slice(0, MAX_NONCE_LENGTH);
}

const SNOWFLAKE = /^\d{15,21}$/;
const PostedMessageSchema = z.object({ id: z.string().min(1) });

/** Messages per page of GET /channels/:id/messages, Discord's maximum. */
export const FIND_POSTED_PAGE_SIZE = 100;
/** Pages `findPosted` reads at most: 1,000 messages since the claim, then it gives up. */
export const FIND_POSTED_MAX_PAGES = 10;
/** Searched before `since` too, for a clock on our side that runs ahead of Discord's. */
export const FIND_POSTED_CLOCK_MARGIN_MS = 5 * 60_000;
/** 2015-01-01, where Discord's snowflake clock starts. */
const DISCORD_EPOCH_MS = 1_420_070_400_000n;

/**
 * The line a keyed post carries so `findPosted` can recognise it in the channel's history:
 * Discord keeps no nonce on stored messages. Small grey text (`-#`) under the digest.
 */
export function postMarker(key: string): string {
  return `-# ref ${key}`;
}

/** The smallest snowflake of a moment: `after` it are exactly the messages made from then on. */
export function snowflakeAt(at: Date): string {
  const ms = BigInt(Math.max(0, Math.floor(at.getTime()))) - DISCORD_EPOCH_MS;
  return (ms > 0n ? ms << 22n : 0n).toString();
}

const HistoryPageSchema = z.array(
  z.object({ id: z.string(), content: z.string().default(""), author: z.object({ id: z.string() }) }),
);

/** Adds the marker to a message body, after whatever content it has. */
function withMarker(body: DiscordMessage, key: string): DiscordMessage {
  const marker = postMarker(key);
  const content = body.content ? `${body.content.slice(0, DISCORD_MAX_CONTENT - marker.length - 1)}\n` : "";
  return { ...body, content: `${content}${marker}` };
}

/**
 * What may be logged of an error. REST errors carry the request URL, and for interactions that
 * URL holds the interaction token; the body holds user text. Neither belongs in a log line.
 */
export function errorForLog(error: unknown): Record<string, unknown> {
  if (error instanceof DiscordAPIError || error instanceof HTTPError) {
    const path = (() => {
      try {
        return new URL(error.url).pathname.replace(
          /\/(webhooks|interactions)\/(\d+)\/[^/]+/,
          "/$1/$2/:token",
        );
      } catch {
        return undefined;
      }
    })();
    return {
      type: error.name,
      message: error.message,
      status: error.status,
      code: error instanceof DiscordAPIError ? error.code : undefined,
      method: error.method,
      path,
    };
  }
  return { err: error };
}

function messageOptions(body: DiscordMessage) {
  return {
    content: body.content,
    embeds: body.embeds,
    // Belt and braces with the client default: nobody is pinged, not even the person answered.
    allowedMentions: { parse: [], repliedUser: false },
  };
}

/** `messageOptions` with the reply's chart attached, when it has one. */
async function withChart(body: DiscordMessage, chart: Chart | undefined, logger: Logger) {
  const { embeds, files } = await attachChart(body.embeds, chart, logger);
  return { ...messageOptions(body), embeds, ...(files.length > 0 ? { files } : {}) };
}

function apology(errorId: string): Reply {
  return {
    blocks: [
      {
        type: "notice",
        text: `Sorry, something went wrong on our side answering that. If it keeps happening, report error id ${errorId}.`,
      },
    ],
    visibility: "ephemeral",
  };
}

/** Creates the Discord adapter. Nothing connects until `start()`. */
export function createDiscordAdapter(options: DiscordAdapterOptions): PlatformAdapter {
  const { config, handle, autocomplete, commands } = options;
  // The composition root may have bound the platform already; binding it twice repeats the key.
  const logger =
    options.logger.bindings().platform === undefined
      ? options.logger.child({ platform: "discord" })
      : options.logger;
  const overrides = options.clientOptions ?? {};

  const onRateLimit = (data: RateLimitData): boolean => {
    const waitMs = Math.max(data.retryAfter, data.timeToReset, data.sublimitTimeout);
    const refuse = waitMs > MAX_RATE_LIMIT_WAIT_MS;
    logger.warn(
      { route: data.route, method: data.method, global: data.global, scope: data.scope, waitMs, refuse },
      "discord rate limit",
    );
    return refuse;
  };

  const clientOptions: ClientOptions = {
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
    allowedMentions: { parse: [], repliedUser: false },
    // Answer even when the asked message was deleted meanwhile, as a plain message.
    failIfNotExists: false,
    rest: {
      ...(config.apiUrl ? { api: restApiBase(config.apiUrl) } : {}),
      // Called for every rate limit @discordjs/rest meets (pre-emptive and 429), so it doubles as the log hook.
      rejectOnRateLimit: onRateLimit,
      ...overrides.rest,
    },
  };
  if (overrides.waitGuildTimeout !== undefined) clientOptions.waitGuildTimeout = overrides.waitGuildTimeout;
  if (overrides.closeTimeout !== undefined) clientOptions.closeTimeout = overrides.closeTimeout;
  const client = new Client(clientOptions);
  // `post` works before and without the gateway connection: REST needs only the token.
  client.rest.setToken(config.token);

  let stopping = false;
  const inflight = new Set<Promise<void>>();
  /** Counts work for `stop()`; the handlers catch their own errors, this catch is the last net. */
  const track = (work: Promise<void>) => {
    const guarded = work.catch((error: unknown) =>
      logger.error(errorForLog(error), "unexpected discord handler failure"),
    );
    inflight.add(guarded);
    void guarded.finally(() => inflight.delete(guarded));
  };

  async function onMessage(message: Message): Promise<void> {
    const botId = client.user?.id;
    // Never answer bots, ourselves included: two bots answering each other would loop.
    if (stopping || !botId || message.author.bot || !message.mentions.users.has(botId)) return;
    try {
      if (message.channel.isSendable()) {
        // Answers can take a moment; the typing indicator says one is coming. Its failure is harmless.
        message.channel
          .sendTyping()
          .catch((error: unknown) => logger.debug(errorForLog(error), "typing failed"));
      }
      const reply = await handle(messageToInvocation(message, botId));
      // A channel message cannot be ephemeral; the asker spoke in public, so the answer is public.
      await message.reply(await withChart(replyToDiscord(reply), reply.chart, logger));
    } catch (error) {
      const errorId = newErrorId();
      logger.error(
        { ...errorForLog(error), errorId, channel: message.channelId, user: message.author.id },
        "answering a mention failed",
      );
      await message
        .reply(messageOptions(replyToDiscord(apology(errorId))))
        .catch((e: unknown) => logger.warn({ ...errorForLog(e), errorId }, "could not send the apology"));
    }
  }

  /** Sends the answer after a defer; ephemeral answers after a public defer go in a private follow-up. */
  async function answer(interaction: ChatInputCommandInteraction, reply: Reply, deferredEphemeral: boolean) {
    const body = replyToDiscord(reply);
    if (reply.visibility === "public" || deferredEphemeral) {
      await interaction.editReply(await withChart(body, reply.chart, logger));
      return;
    }
    // A defer's visibility is fixed, and the first follow-up would only replace the deferred
    // message (keeping it public). So: settle the deferred message, send the private answer as a
    // second message, then remove the public placeholder.
    await interaction.editReply({
      content: "Only you can see this answer.",
      embeds: [],
      allowedMentions: { parse: [] },
    });
    await interaction.followUp({
      ...(await withChart(body, reply.chart, logger)),
      flags: MessageFlags.Ephemeral,
    });
    await interaction
      .deleteReply()
      .catch((error: unknown) => logger.debug(errorForLog(error), "could not remove the placeholder"));
  }

  async function onCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const group = interaction.options.getSubcommandGroup(false);
    const subcommand = interaction.options.getSubcommand(false) ?? "";
    const ephemeral = isPrivateSubcommand(commands, { group, subcommand });
    try {
      // Defer before any work: Discord drops an interaction not answered within 3 seconds.
      await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
      const reply = await handle(interactionToInvocation(interaction, commands));
      await answer(interaction, reply, ephemeral);
    } catch (error) {
      const errorId = newErrorId();
      logger.error(
        {
          ...errorForLog(error),
          errorId,
          subcommand,
          channel: interaction.channelId,
          user: interaction.user.id,
        },
        "answering a slash command failed",
      );
      const sorry = messageOptions(replyToDiscord(apology(errorId)));
      const send = interaction.deferred
        ? answer(interaction, apology(errorId), ephemeral)
        : interaction.reply({ ...sorry, flags: MessageFlags.Ephemeral });
      await send.catch((e: unknown) =>
        logger.warn({ ...errorForLog(e), errorId }, "could not send the apology"),
      );
    }
  }

  async function onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    try {
      const focused = interaction.options.getFocused(true);
      const chosen = {
        group: interaction.options.getSubcommandGroup(false),
        subcommand: interaction.options.getSubcommand(false) ?? "",
      };
      const field = autocompleteFieldFor(commands, chosen, focused.name);
      const suggestions = field ? await autocomplete(field, String(focused.value)) : [];
      await interaction.respond(toChoices(suggestions));
    } catch (error) {
      logger.warn({ ...errorForLog(error), user: interaction.user.id }, "autocomplete failed");
      if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
    }
  }

  async function onInteraction(interaction: Interaction): Promise<void> {
    if (stopping) return;
    if (interaction.isAutocomplete()) return onAutocomplete(interaction);
    if (interaction.isChatInputCommand() && interaction.commandName === SLASH_COMMAND_NAME) {
      return onCommand(interaction);
    }
  }

  client.on(Events.MessageCreate, (message) => track(onMessage(message)));
  client.on(Events.InteractionCreate, (interaction) => track(onInteraction(interaction)));
  // Reconnects and resumes are discord.js's job; we only make them visible. An unhandled
  // 'error' event would crash the process, so it must have a listener.
  client.on(Events.Error, (error) => logger.error({ err: error }, "discord client error"));
  client.on(Events.Warn, (message) => logger.warn({ detail: message }, "discord client warning"));
  client.on(Events.ShardError, (error, shardId) =>
    logger.error({ err: error, shardId }, "discord shard error"),
  );
  client.on(Events.ShardDisconnect, (event, shardId) =>
    logger.warn({ shardId, code: event.code }, "discord shard disconnected"),
  );
  client.on(Events.ShardReconnecting, (shardId) => logger.info({ shardId }, "discord shard reconnecting"));
  client.on(Events.ShardResume, (shardId, replayed) =>
    logger.info({ shardId, replayed }, "discord shard resumed"),
  );
  client.on(Events.Invalidated, () => logger.error("discord session invalidated"));

  return {
    platform: "discord",

    async start() {
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(config.token);
      await ready;
      logger.info({ bot: client.user?.tag, guilds: client.guilds.cache.size }, "discord adapter ready");
    },

    async stop() {
      stopping = true;
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, STOP_GRACE_MS);
      });
      await Promise.race([Promise.allSettled([...inflight]), grace]);
      clearTimeout(timer);
      await client.destroy();
      logger.info("discord adapter stopped");
    },

    async post(channelId, reply, postOptions = {}) {
      if (!SNOWFLAKE.test(channelId)) {
        throw new DeliveryError(`"${channelId}" is not a Discord channel id`, true, "invalid_channel_id");
      }
      const { flags: _ephemeralMeansNothingInAChannel, ...body } = replyToDiscord(reply);
      const key = postOptions.idempotencyKey;
      try {
        const sent = await client.rest.post(Routes.channelMessages(channelId), {
          // The marker lets findPosted recognise the post later; within minutes, enforce_nonce
          // also makes Discord return the earlier message instead of posting twice.
          body: key ? { ...withMarker(body, key), nonce: toNonce(key), enforce_nonce: true } : body,
        });
        return { messageId: PostedMessageSchema.parse(sent).id };
      } catch (error) {
        const delivery = toDeliveryError(error, channelId);
        logger.warn(
          {
            ...errorForLog(error),
            channel: channelId,
            permanent: delivery.permanent,
            code: delivery.platformCode,
          },
          "discord post failed",
        );
        throw delivery;
      }
    },

    // Discord honours a nonce for minutes only, and keeps none on stored messages, so the
    // channel's messages since `since` are searched for the post's marker instead.
    async findPosted(channelId, idempotencyKey, since) {
      if (!SNOWFLAKE.test(channelId)) {
        throw new DeliveryError(`"${channelId}" is not a Discord channel id`, true, "invalid_channel_id");
      }
      const marker = postMarker(idempotencyKey);
      let after = snowflakeAt(new Date(since.getTime() - FIND_POSTED_CLOCK_MARGIN_MS));
      const from = after;
      let searched = 0;
      for (let page = 1; page <= FIND_POSTED_MAX_PAGES; page += 1) {
        let answer: unknown;
        try {
          answer = await client.rest.get(Routes.channelMessages(channelId), {
            query: new URLSearchParams({ after, limit: String(FIND_POSTED_PAGE_SIZE) }),
          });
        } catch (error) {
          logger.warn({ ...errorForLog(error), channel: channelId }, "discord history read failed");
          throw toDeliveryError(error, channelId);
        }
        const messages = HistoryPageSchema.safeParse(answer);
        if (!messages.success) {
          throw new DeliveryError(
            "Discord answered a history read in an unexpected shape",
            false,
            "bad_response",
          );
        }
        searched += messages.data.length;
        const found = messages.data.find(
          (m) => m.author.id === config.applicationId && m.content.split("\n").includes(marker),
        );
        if (found || messages.data.length < FIND_POSTED_PAGE_SIZE) {
          logger.info(
            { channel: channelId, after: from, pages: page, messages: searched, found: found !== undefined },
            "searched the channel's history for an earlier digest post",
          );
          return found ? { messageId: found.id } : null;
        }
        // Discord pages newest first within a page; the next page starts after the newest seen.
        after = messages.data.reduce((max, m) => (BigInt(m.id) > BigInt(max) ? m.id : max), after);
      }
      logger.warn(
        { channel: channelId, after: from, pages: FIND_POSTED_MAX_PAGES, messages: searched, found: false },
        "stopped searching the channel's history at the bound; cannot tell whether the digest was posted",
      );
      throw new DeliveryError(
        `${searched} messages in ${channelId} since ${since.toISOString()} were searched without finding the digest, and there are more`,
        false,
        SEARCH_INCOMPLETE,
      );
    },
  };
}
