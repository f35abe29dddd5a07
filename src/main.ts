/**
 * `npm start`: the composition root. Reads configuration, opens the store, starts every
 * platform whose settings are present (the console when none are), and shuts down cleanly on
 * SIGTERM and SIGINT: adapters stop taking work, in-flight answers finish, the store closes.
 * A platform's adapter, and with it its SDK (Bolt, discord.js), is imported only when that
 * platform is configured: each SDK costs start-up time and tens of MB that an unused one
 * should not.
 */
import { chartDir, createConsoleAdapter } from "../adapters/console/index.js";
import { type Bot, createBot, VERSION } from "./bot.js";
import type { PlatformAdapter } from "./core/adapter.js";
import { type Config, ConfigError, loadConfig } from "./core/config.js";
import { BotError } from "./core/errors.js";
import { createLogger } from "./core/logger.js";
import { type DigestScheduler, startDigestScheduler } from "./digest/scheduler.js";
import { loadSourcesFile, type SourceDefinition } from "./sources/config.js";
import { configuredHttpPolicy } from "./sources/fetch.js";
import { startSourceScheduler } from "./sources/scheduler.js";
import { claimRequest } from "./store/request-claims.js";

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

/** The watched sources, validated at start-up so a bad SOURCES_FILE stops the bot with a clear message. */
function readSources(config: Config): SourceDefinition[] {
  try {
    return loadSourcesFile(config.sources.file);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

async function start(): Promise<void> {
  const config = readConfig();
  const sources = readSources(config);
  const platforms = Boolean(config.slack) || Boolean(config.discord);
  const useConsole = config.console === "on" || (config.console === "auto" && !platforms);
  // A person typing at the console does not want start-up logs between the answers.
  const level = useConsole && !platforms && !process.env.LOG_LEVEL ? "warn" : config.logLevel;
  const logger = createLogger({ level, secrets: config.secrets });

  // A stray rejection in a library callback must not take every platform down with it.
  process.on("unhandledRejection", (reason) => logger.error({ err: reason }, "unhandled rejection"));

  let bot: Bot;
  try {
    bot = await createBot({ config, logger, sources });
  } catch (error) {
    if (error instanceof BotError) fail(`Cannot start: ${error.message}`);
    throw error;
  }
  logger.info({ version: VERSION, store: bot.store.location, facts: bot.facts.indexedFacts }, "bot ready");

  // Polling needs the open store; what it ingests is searchable at once and lands in the next digest.
  const sourceLogger = logger.child({ job: "sources" });
  // A read-only store can answer but not take new documents or digest claims.
  const writable = bot.store.readOnly === undefined;
  const sourceScheduler =
    sources.length > 0 && writable
      ? startSourceScheduler({
          cron: config.sources.cron,
          timezone: config.digest.timezone,
          logger: sourceLogger,
          concurrency: config.sources.concurrency,
          // Polling loads the feed and page readers (fast-xml-parser, linkedom, Readability):
          // imported at the first poll, so they cost nothing until a source is due.
          poll: async (guard) => {
            const { pollSources } = await import("./sources/poller.js");
            return pollSources({
              sources,
              facts: bot.facts,
              db: bot.store.db,
              logger: sourceLogger,
              http: configuredHttpPolicy(config.sources),
              maxFeedItems: config.sources.maxFeedItems,
              guard,
            });
          },
        })
      : undefined;

  const adapters: PlatformAdapter[] = [];
  let digestScheduler: DigestScheduler | undefined;
  let shuttingDown = false;
  const shutdown = async (reason: string, code = 0): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ reason }, "shutting down");
    // The digest first: a post in progress still has its adapter, and the store stays open.
    await digestScheduler?.stop();
    await sourceScheduler?.stop();
    await Promise.allSettled(adapters.map((a) => a.stop()));
    await bot.close();
    process.exit(code);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));

  if (config.slack) {
    const { createSlackAdapter } = await import("../adapters/slack/index.js");
    adapters.push(
      createSlackAdapter({
        config: config.slack,
        port: config.port,
        handle: bot.handle,
        logger: logger.child({ platform: "slack" }),
        isHealthy: () => (shuttingDown ? { ok: false, reason: "shutting down" } : bot.health()),
        // In the store, so a replay or a Slack retry reaching another instance is answered once too.
        claimRequest: (key, ttlMs) => claimRequest(bot.store.db, key, ttlMs),
      }),
    );
  }
  if (config.discord) {
    const { createDiscordAdapter } = await import("../adapters/discord/index.js");
    adapters.push(
      createDiscordAdapter({
        config: config.discord,
        handle: bot.handle,
        commands: bot.registry.commands,
        autocomplete: async (field, partial) => {
          await bot.facts.ensureFresh();
          return bot.facts.suggest(field, partial);
        },
        logger: logger.child({ platform: "discord" }),
      }),
    );
  }
  if (useConsole) {
    adapters.push(
      createConsoleAdapter({
        handle: bot.handle,
        onEnd: () => void shutdown("input ended"),
        chartDir: chartDir(config.dataDir),
      }),
    );
  }
  try {
    for (const adapter of adapters) {
      await adapter.start();
      logger.info({ platform: adapter.platform }, "adapter started");
    }
  } catch (error) {
    logger.error({ err: error }, "an adapter failed to start");
    await shutdown("start-up failure", 1);
  }
  if (!shuttingDown && writable) {
    digestScheduler = startDigestScheduler({
      db: bot.store.db,
      facts: bot.facts,
      adapters: new Map(adapters.map((a) => [a.platform, a])),
      config: config.digest,
      logger: logger.child({ job: "digest" }),
    });
  }
}

await start().catch((error: unknown) => {
  process.stderr.write(`Fatal: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
