/**
 * End to end with an injected clock: a watched feed brings a new article on Friday, and the
 * channel's weekly digest on Monday carries its figures (the digest engineer's real runner, a
 * fake console adapter that records posts). Also: a dropped file in a watched folder is ingested once.
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PlatformAdapter } from "../../src/core/adapter.js";
import type { Platform } from "../../src/core/invocation.js";
import { silentLogger } from "../../src/core/logger.js";
import type { Reply } from "../../src/core/reply.js";
import { DigestRecords } from "../../src/digest/records.js";
import { runDueDigests } from "../../src/digest/runner.js";
import { FactService } from "../../src/facts/service.js";
import type { SourceDefinition } from "../../src/sources/config.js";
import { pollSources } from "../../src/sources/poller.js";
import { type OpenedStore, openStore } from "../../src/store/open-store.js";
import { type FixtureServer, fixture, LOCAL_SERVER_ALLOWED, serve, startFixtureServer } from "./server.js";

describe("watched sources, end to end", () => {
  let root: string;
  let store: OpenedStore;
  let facts: FactService;
  let server: FixtureServer;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), "gd-sources-e2e-"));
    store = await openStore({ dataDir: path.join(root, "var") });
    facts = await FactService.open(store);
    server = await startFixtureServer();
  });
  afterEach(async () => {
    await server.close();
    await store.close();
    await rm(root, { recursive: true, force: true });
  });

  it("GIVEN a weekly digest subscription WHEN a poll brings a new article THEN the next digest holds its figures", async () => {
    const schedule = { cron: "0 9 * * 1", timezone: "Asia/Shanghai", empty: "skip" as const };
    // Monday 2024-10-21 10:00 in Guangdong, just after that week's digest time.
    await new DigestRecords(store.db).subscribe({
      platform: "console",
      workspace: null,
      channelId: "C-ECON",
      frequency: "weekly",
      createdBy: "U1",
      now: new Date("2024-10-21T02:00:00Z"),
    });
    server.routes.set("/news.rss", serve(fixture("gd-news.rss.xml"), "application/rss+xml"));
    const source: SourceDefinition = {
      name: "GD news",
      kind: "rss",
      url: server.url("/news.rss"),
      intervalMs: undefined,
      publisher: undefined,
    };

    // Friday: the feed is polled.
    const poll = await pollSources({
      sources: [source],
      facts,
      db: store.db,
      logger: silentLogger(),
      http: LOCAL_SERVER_ALLOWED,
      now: () => new Date("2024-10-25T04:00:00Z"),
    });
    expect(poll.sources[0]?.added).toBeGreaterThan(0);

    // Monday 2024-10-28 09:05 in Guangdong: the weekly digest runs.
    const posts: Reply[] = [];
    const adapter: PlatformAdapter = {
      platform: "console",
      start: async () => {},
      stop: async () => {},
      post: async (_channel, reply) => {
        posts.push(reply);
        return { messageId: `m${posts.length}` };
      },
      findPosted: async () => null,
    };
    await runDueDigests({
      now: new Date("2024-10-28T01:05:00Z"),
      db: store.db,
      facts,
      adapters: new Map<Platform, PlatformAdapter>([["console", adapter]]),
      config: schedule,
      logger: silentLogger(),
      sleep: async () => {},
    });

    expect(posts).toHaveLength(1);
    const cards = posts[0]!.blocks.flatMap((b) => (b.type === "fact" ? [b.card] : []));
    const gdp = cards.find((c) => c.id === "guangdong.gdp.2024-01-to-09");
    expect(gdp?.source).toMatchObject({
      url: "https://www.gd.gov.cn/news/2024-10/25/gdp-q3.html",
      published: "2024-10-25",
    });
    expect(gdp?.quote).toContain("10.29 trillion yuan");
    expect(cards.some((c) => c.id === "shenzhen.import-and-export-volume.2024-01-to-09")).toBe(true);
  });

  it("GIVEN a file dropped in a watched folder THEN it is ingested once, left in place, and again only when it changes", async () => {
    const inbox = path.join(root, "inbox");
    await mkdir(inbox);
    const source: SourceDefinition = {
      name: "Inbox",
      kind: "folder",
      path: inbox,
      intervalMs: undefined,
      publisher: "Curator",
    };
    const poll = () =>
      pollSources({
        sources: [source],
        facts,
        db: store.db,
        logger: silentLogger(),
        now: () => new Date("2024-11-01T00:00:00Z"),
      });
    const article = [
      "Title: Zhuhai's economy in 2023",
      "Date: 2024-02-01",
      "",
      "Zhuhai's GDP in 2023 reached 423.4 billion yuan, up 7.1 percent year on year, the city's statistics bureau said.",
      "",
    ].join("\n");
    await writeFile(path.join(inbox, "zhuhai-2023.txt"), article);
    await writeFile(path.join(inbox, "photo.jpg"), "not an article");

    const first = await poll();
    const second = await poll();
    await writeFile(
      path.join(inbox, "zhuhai-2023.txt"),
      `${article}\nZhuhai's total retail sales of consumer goods reached 100.5 billion yuan in 2023.\n`,
    );
    const third = await poll();

    expect(first.sources[0]).toMatchObject({ status: "ok", documents: 1, errors: [] });
    expect(first.sources[0]?.added).toBeGreaterThan(0);
    expect(second.sources[0]).toMatchObject({ status: "ok", documents: 0, added: 0 });
    expect(third.sources[0]).toMatchObject({ status: "ok", documents: 1, added: 1 });
    expect((await facts.getFact("zhuhai.gdp.2023"))?.source).toMatchObject({
      title: "Zhuhai's economy in 2023",
      published: "2024-02-01",
      publisher: "Curator",
    });
    expect((await readdir(inbox)).sort()).toEqual(["photo.jpg", "zhuhai-2023.txt"]);
  });
});
