/**
 * PostgreSQL stops answering under the running bot (issue 14): a TCP proxy in front of the real
 * server drops packets (sockets kept open), then closes every connection. The bot must stay up,
 * answer "the store is unavailable" instead of hanging, say so on its health check, and recover
 * by itself. `digest run` against a database that does not answer must end, non-zero, with one
 * clear line and nothing posted. Skipped with a notice where PostgreSQL is not reachable.
 */
import { execFile } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Bot, createBot } from "../../src/bot.js";
import { silentLogger } from "../../src/core/logger.js";
import type { Reply } from "../../src/core/reply.js";
import { DEFAULT_DIGEST_CONFIG, DigestService } from "../../src/digest/service.js";
import { FRESHNESS_CHECK_MS } from "../../src/facts/service.js";
import { ROOT } from "../support/cli.js";
import { extractionResult } from "../support/fact-builders.js";
import { FakeSlack } from "../support/fake-slack.js";
import { STORE_BACKENDS, TEST_DATABASE_URL } from "../support/store-backends.js";
import { TcpProxy } from "../support/tcp-proxy.js";

const postgres = STORE_BACKENDS.find((b) => b.name === "postgres")!;
const suite = postgres.skipReason ? describe.skip : describe;
const NOW = new Date("2026-11-19T02:00:00Z");
const UNAVAILABLE = /The store is unavailable, try again shortly \(error id E-[0-9A-F]{6}\)/;

/** The test database's URL, pointed at the proxy. */
function throughProxy(proxy: TcpProxy): string {
  const url = new URL(TEST_DATABASE_URL);
  url.hostname = "127.0.0.1";
  url.port = String(proxy.port);
  return url.toString();
}

function targetOf(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port || 5432) };
}

/** Resolves when `condition` holds; fails the test after `ms` (generous: a loaded machine is slow). */
async function waitFor(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const text = (reply: Reply) => JSON.stringify(reply.blocks);

suite("PostgreSQL stops answering under the running bot", () => {
  let proxy: TcpProxy;
  let bot: Bot;
  const ask = (question: string) =>
    bot.handle({ platform: "console", user: { id: "U-1" }, channel: { id: "C-1" }, text: question });

  beforeAll(async () => {
    const config = await postgres.freshConfig();
    const seed = await postgres.open(config);
    await seed.ingest(
      extractionResult("Shaoguan notes", [
        { region: "Shaoguan", metric: "gdp", value: 166e9, period: "2023" },
      ]),
      { now: NOW },
    );
    await seed.close();
    proxy = await new TcpProxy(targetOf(TEST_DATABASE_URL)).start();
    bot = await createBot({
      config: {
        dataDir: config.dataDir,
        databaseUrl: throughProxy(proxy),
        databaseSsl: "off",
        databaseTimeouts: { connectMs: 1_500, queryMs: 1_500 },
      },
      ...(config.schema ? { schema: config.schema } : {}),
      logger: silentLogger(),
      ingestBundled: false,
      reextract: false,
      healthIntervalMs: 250,
    });
  });
  afterAll(async () => {
    proxy?.resume();
    await bot?.close();
    await proxy?.stop();
    await postgres.cleanup();
  });

  it("GIVEN packets are dropped THEN every question says the store is unavailable, /healthz says why, and it recovers when they flow", async () => {
    expect(text(await ask("shaoguan gdp 2023"))).toMatch(/Shaoguan/);

    proxy.pause();
    await sleep(FRESHNESS_CHECK_MS + 200);
    const answers = await Promise.all(["shaoguan gdp 2023", "shaoguan gdp", "latest", "about"].map(ask));
    for (const answer of answers) expect(text(answer)).toMatch(UNAVAILABLE);
    await waitFor(() => !bot.health().ok, 15_000, "the health check to report the store down");
    expect(bot.health().reason).toMatch(/fact store/);

    proxy.resume();
    await waitFor(() => bot.health().ok, 20_000, "the health check to recover");
    await sleep(FRESHNESS_CHECK_MS + 200);
    expect(text(await ask("shaoguan gdp 2023"))).toMatch(/Shaoguan/);
  }, 60_000);

  it("GIVEN every connection is closed during a query THEN the bot stays up, that question says unavailable, and the next is answered", async () => {
    proxy.pause();
    await sleep(FRESHNESS_CHECK_MS + 200);
    const pending = ask("shaoguan gdp 2023");
    await waitFor(() => proxy.connections > 0, 5_000, "a connection through the proxy");
    await sleep(200);
    // Closing both ends: the pg client in use emits 'error' ("Connection terminated unexpectedly").
    proxy.destroySockets();
    proxy.resume();
    expect(text(await pending)).toMatch(UNAVAILABLE);

    await sleep(FRESHNESS_CHECK_MS + 200);
    expect(text(await ask("shaoguan gdp 2023"))).toMatch(/Shaoguan/);
    await waitFor(() => bot.health().ok, 20_000, "the health check to report the store up");
  }, 60_000);
});

suite("`digest run` against a PostgreSQL that does not answer", () => {
  const CHANNEL = "C0OUTAGE";
  let proxy: TcpProxy;
  let fake: FakeSlack;
  let databaseUrl: string;
  let schema: string;

  beforeAll(async () => {
    fake = await new FakeSlack().start();
    const config = await postgres.freshConfig();
    schema = config.schema!;
    const store = await postgres.open(config);
    await new DigestService(store.db, store, DEFAULT_DIGEST_CONFIG).subscribe({
      platform: "slack",
      workspace: null,
      channelId: CHANNEL,
      userId: "U-ADMIN",
      frequency: "weekly",
      now: new Date("2026-11-18T04:00:00Z"),
    });
    await store.ingest(
      extractionResult("Meizhou notes", [{ region: "Meizhou", metric: "gdp", value: 140e9, period: "2023" }]),
      { now: NOW },
    );
    await store.close();
    proxy = await new TcpProxy(targetOf(TEST_DATABASE_URL)).start();
    databaseUrl = throughProxy(proxy);
  });
  afterAll(async () => {
    await proxy?.stop();
    await fake?.stop();
    await postgres.cleanup();
  });

  it("GIVEN packets are dropped THEN it exits non-zero with one clear line and posts nothing", async () => {
    proxy.pause();
    const url = new URL(databaseUrl);
    // The CLI takes no schema option; PostgreSQL's `options` parameter sets the search path.
    url.searchParams.set("options", `-c search_path=${schema}`);
    const env = {
      ...process.env,
      DATABASE_URL: url.toString(),
      SLACK_BOT_TOKEN: "xoxb-fake-outage-token",
      SLACK_SIGNING_SECRET: "fake-signing-secret",
      SLACK_APP_TOKEN: "",
      SLACK_API_URL: fake.apiUrl,
      DISCORD_TOKEN: "",
      DISCORD_APPLICATION_ID: "",
      LOG_LEVEL: "silent",
    };
    const args = ["--import", "tsx", "src/cli.ts", "digest", "run", "--at", "2026-11-23T09:05:00+08:00"];
    // The kill timeout is only a backstop so a hang fails the test instead of stalling it.
    const result = await promisify(execFile)(process.execPath, args, {
      cwd: ROOT,
      env,
      timeout: 90_000,
    }).then(
      () => ({ code: 0, killed: false, stderr: "" }),
      (error: { code?: number; killed?: boolean; stderr?: string }) => ({
        code: error.code ?? 1,
        killed: error.killed ?? false,
        stderr: error.stderr ?? "",
      }),
    );

    expect(result.killed).toBe(false);
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/FACT_STORE_UNAVAILABLE/);
    expect(fake.messagesIn(CHANNEL)).toHaveLength(0);
  }, 120_000);
});
