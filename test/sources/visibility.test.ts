/**
 * `/gd sources` through the real bot: watched sources with last fetch, last error (and the
 * backoff it caused) and figures brought.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Bot, createBot } from "../../src/bot.js";
import { silentLogger } from "../../src/core/logger.js";
import type { SourceDefinition } from "../../src/sources/config.js";
import { pollSources } from "../../src/sources/poller.js";
import { type FixtureServer, fixture, LOCAL_SERVER_ALLOWED, serve, startFixtureServer } from "./server.js";

describe("/gd sources", () => {
  let dataDir: string;
  let server: FixtureServer;
  let bot: Bot;
  let sources: SourceDefinition[];
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "gd-sources-cmd-"));
    server = await startFixtureServer();
    server.routes.set("/news.rss", serve(fixture("gd-news.rss.xml"), "application/rss+xml"));
    server.routes.set("/broken.rss", serve(fixture("malformed.rss.xml"), "application/rss+xml"));
    const common = { intervalMs: undefined, publisher: undefined };
    sources = [
      { name: "GD news", kind: "rss", url: server.url("/news.rss"), ...common },
      { name: "Broken", kind: "feed", url: server.url("/broken.rss"), ...common },
      { name: "Later", kind: "page", url: server.url("/later.html"), ...common },
    ];
    bot = await createBot({
      config: { dataDir, databaseUrl: undefined, databaseSsl: "off" },
      logger: silentLogger(),
      ingestBundled: false,
      sources,
    });
  });
  afterEach(async () => {
    await server.close();
    await bot.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("GIVEN a poll with one good and one broken source THEN each watched source shows its last fetch, last error with when it is retried, and figures", async () => {
    const at = new Date("2024-10-26T02:00:00Z");
    const report = await pollSources({
      sources: sources.slice(0, 2),
      facts: bot.facts,
      db: bot.store.db,
      logger: silentLogger(),
      http: LOCAL_SERVER_ALLOWED,
      now: () => at,
    });

    const reply = await bot.handle({
      platform: "console",
      user: { id: "U1" },
      channel: { id: "C1" },
      text: "sources",
    });

    const tables = reply.blocks.flatMap((b) => (b.type === "table" ? [b] : []));
    const watched = tables.find((t) => t.columns.includes("Last error"));
    expect(watched?.rows).toEqual([
      ["GD news", "rss", "2024-10-26 02:00 UTC", "—", String(report.sources[0]?.added)],
      [
        "Broken",
        "feed",
        "never",
        expect.stringMatching(
          /^2024-10-26 02:00 UTC: .*malformed XML at line 9.*\(failed once; next try after 2024-10-26 02:30 UTC\)$/,
        ),
        "0",
      ],
      ["Later", "page", "never", "—", "0"],
    ]);
    // The documents table lists the feed's articles, now stored.
    const documents = tables.find((t) => t.columns.includes("Link"));
    expect(documents?.rows.map((r) => r[4])).toContain("https://www.gd.gov.cn/news/2024-10/25/gdp-q3.html");
  });
});
