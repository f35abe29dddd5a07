/**
 * A real bot over a temporary SQLite store: the bundled articles (through the real extractor)
 * and any extra documents a test supplies. End-to-end and command tests answer through it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Bot, createBot } from "../../src/bot.js";
import type { InvocationHandler } from "../../src/core/adapter.js";
import type { Invocation } from "../../src/core/invocation.js";
import { type Logger, silentLogger } from "../../src/core/logger.js";
import type { ExtractionResult } from "../../src/ingest/types.js";

export interface TestBot {
  bot: Bot;
  handle: InvocationHandler;
  autocomplete: (field: "query" | "region" | "metric", partial: string) => Promise<string[]>;
  /** Asks as a console user in channel `C-TEST`. */
  ask: (text: string, extra?: Partial<Invocation>) => ReturnType<InvocationHandler>;
  dataDir: string;
  close(): Promise<void>;
}

export interface TestBotOptions {
  /** Ingest data/articles through the real extractor (default true). */
  bundled?: boolean;
  /** Extra documents stored before the index is built... and after, through the service. */
  documents?: ExtractionResult[];
  now?: () => Date;
  logger?: Logger;
}

export async function createTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "gd-bot-test-"));
  const bot = await createBot({
    config: { dataDir, databaseUrl: undefined, databaseSsl: "off" },
    logger: options.logger ?? silentLogger(),
    ingestBundled: options.bundled ?? true,
    ...(options.now ? { now: options.now } : {}),
  });
  for (const document of options.documents ?? []) await bot.facts.ingest(document);
  return {
    bot,
    handle: bot.handle,
    autocomplete: async (field, partial) => bot.facts.suggest(field, partial),
    ask: (text, extra = {}) =>
      bot.handle({ platform: "console", user: { id: "U-TEST" }, channel: { id: "C-TEST" }, text, ...extra }),
    dataDir,
    async close() {
      await bot.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
