/**
 * Polling against fixture feeds and pages on 127.0.0.1, with the real extractor and the real
 * store on both back ends: what each kind of source brings, what polling again brings (nothing),
 * and that every kind of bad input is a recorded error that leaves the store and the other
 * sources alone.
 */
import { afterEach, beforeEach, expect, it } from "vitest";
import { silentLogger } from "../../src/core/logger.js";
import { FactService } from "../../src/facts/service.js";
import type { SourceDefinition } from "../../src/sources/config.js";
import { type PollSourcesOptions, pollSources } from "../../src/sources/poller.js";
import { readSourceState } from "../../src/sources/state.js";
import { listWatchedSources } from "../../src/sources/status.js";
import type { OpenedStore } from "../../src/store/open-store.js";
import { describeEachBackend } from "../support/store-backends.js";
import {
  bigStream,
  type FixtureServer,
  fixture,
  hang,
  LOCAL_SERVER_ALLOWED,
  redirect,
  serve,
  startFixtureServer,
} from "./server.js";

const RSS = "application/rss+xml; charset=utf-8";
const ATOM = "application/atom+xml";
const HTML = "text/html; charset=utf-8";

function feed(name: string, url: string, extra: Partial<SourceDefinition> = {}): SourceDefinition {
  return {
    name,
    kind: "feed",
    url,
    intervalMs: undefined,
    publisher: undefined,
    ...extra,
  } as SourceDefinition;
}
function page(name: string, url: string): SourceDefinition {
  return { name, kind: "page", url, intervalMs: undefined, publisher: undefined };
}

describeEachBackend("pollSources", (backend) => {
  let server: FixtureServer;
  let store: OpenedStore;
  let facts: FactService;
  let clock: Date;

  beforeEach(async () => {
    server = await startFixtureServer();
    store = await backend.open();
    facts = await FactService.open(store);
    clock = new Date("2024-10-26T02:00:00Z");
  });
  afterEach(async () => {
    await server.close();
    await store.close();
  });

  const poll = (sources: SourceDefinition[], extra: Partial<PollSourcesOptions> = {}) =>
    pollSources({
      sources,
      facts,
      db: store.db,
      logger: silentLogger(),
      now: () => clock,
      // Short deadlines and no real waiting: the server below answers at once or never.
      http: { timeoutMs: 400, retries: 2, backoffMs: 1, ...LOCAL_SERVER_ALLOWED },
      sleep: async () => {},
      ...extra,
    });

  it("GIVEN an RSS feed with new items WHEN polled THEN their figures are stored, attributed to each item's URL and date", async () => {
    server.routes.set("/news.rss", serve(fixture("gd-news.rss.xml"), RSS));

    const report = await poll([feed("GD news", server.url("/news.rss"))]);

    expect(report.ok).toBe(true);
    expect(report.sources[0]).toMatchObject({ status: "ok", documents: 2, errors: [] });
    const gdp = await facts.getFact("guangdong.gdp.2024-01-to-09");
    expect(gdp).toMatchObject({ value: 10_290_000_000_000, unit: "CNY", firstSeenAt: clock.toISOString() });
    expect(gdp?.source).toMatchObject({
      url: "https://www.gd.gov.cn/news/2024-10/25/gdp-q3.html",
      published: "2024-10-25",
      title: "Guangdong's economy grows 3.4% in first three quarters",
      publisher: "Guangdong Provincial Government – News",
    });
    expect(gdp?.quote).toContain("10.29 trillion yuan, up 3.4 percent");
    const trade = await facts.getFact("shenzhen.import-and-export-volume.2024-01-to-09");
    expect(trade?.source).toMatchObject({
      url: "https://www.gd.gov.cn/news/2024-10/24/shenzhen-trade.html",
      published: "2024-10-24",
    });
    // Searchable at once, without a refresh.
    expect(
      facts.search("Guangdong GDP first three quarters 2024", clock).result.results.map((h) => h.fact.id),
    ).toContain("guangdong.gdp.2024-01-to-09");
    const state = await readSourceState(store.db, "GD news");
    expect(state).toMatchObject({ lastSuccessAt: clock.toISOString(), lastError: null, documents: 2 });
    expect(state?.figures).toBe(report.sources[0]?.added);
  });

  it("GIVEN a feed already polled WHEN polled again THEN the request is conditional, the server answers 304 and nothing is new", async () => {
    server.routes.set("/news.rss", serve(fixture("gd-news.rss.xml"), RSS));
    await poll([feed("GD news", server.url("/news.rss"))]);
    const before = await store.stats();

    const again = await poll([feed("GD news", server.url("/news.rss"))]);

    expect(server.requests.at(-1)?.ifNoneMatch).toMatch(/^"/);
    expect(server.requests.at(-1)?.ifModifiedSince).toBe("Fri, 25 Oct 2024 10:30:00 GMT");
    expect(again.sources[0]).toMatchObject({ status: "unchanged", documents: 0, added: 0 });
    expect(await store.stats()).toEqual(before);
  });

  it("GIVEN a feed without validators served unchanged WHEN polled again THEN the unchanged content hash brings nothing new", async () => {
    server.routes.set("/news.rss", serve(fixture("gd-news.rss.xml"), RSS, { etag: false }));
    await poll([feed("GD news", server.url("/news.rss"))]);
    const before = await store.stats();

    const again = await poll([feed("GD news", server.url("/news.rss"))]);

    expect(again.sources[0]).toMatchObject({ status: "ok", documents: 0, added: 0, merged: 0 });
    expect(await store.stats()).toEqual(before);
  });

  it("GIVEN an article updated with one more figure WHEN polled THEN only the new figure is added and the old ones are kept", async () => {
    let xml = fixture("gd-news.rss.xml");
    server.routes.set(
      "/news.rss",
      serve(() => xml, RSS),
    );
    await poll([feed("GD news", server.url("/news.rss"))]);
    const before = await store.stats();
    xml = xml.replace(
      "<p>Officials said",
      "<p>Guangdong's fixed-asset investment fell 4.1 percent in the first three quarters of 2024.</p>\n<p>Officials said",
    );

    const again = await poll([feed("GD news", server.url("/news.rss"))]);

    expect(again.sources[0]).toMatchObject({ status: "ok", documents: 1, added: 1 });
    expect(again.sources[0]?.merged).toBeGreaterThan(0);
    expect((await store.stats()).facts).toBe(before.facts + 1);
    const gdp = await facts.getFact("guangdong.gdp.2024-01-to-09");
    expect(gdp?.citations).toHaveLength(2);
  });

  it("GIVEN an Atom entry with only a summary WHEN polled THEN its linked page is read and figures carry the entry's link and date", async () => {
    server.routes.set("/feeds/gd-stats.atom", serve(fixture("gd-stats.atom.xml"), ATOM));
    server.routes.set("/pages/foshan-h1.html", serve(fixture("foshan-h1.html"), HTML));

    const report = await poll([feed("GD stats", server.url("/feeds/gd-stats.atom"), { kind: "atom" })]);

    expect(report.sources[0]).toMatchObject({ status: "ok", documents: 2, errors: [] });
    const foshan = await facts.getFact("foshan.gdp.2024-h1");
    expect(foshan).toMatchObject({ value: 640_200_000_000 });
    expect(foshan?.source).toMatchObject({
      url: server.url("/pages/foshan-h1.html"),
      published: "2024-08-20",
    });
    expect(await facts.getFact("guangzhou.gdp.2024-h1")).toMatchObject({ value: 1_450_000_000_000 });
  });

  it("GIVEN a single web page WHEN polled THEN its article's figures are stored with the page's title and date", async () => {
    server.routes.set("/pages/foshan-h1.html", serve(fixture("foshan-h1.html"), HTML));

    const report = await poll([page("Foshan stats", server.url("/pages/foshan-h1.html"))]);

    expect(report.sources[0]).toMatchObject({ status: "ok", documents: 1 });
    expect((await facts.getFact("foshan.retail-sales-of-consumer-goods.2024-h1"))?.source).toMatchObject({
      title: "Foshan economy in the first half of 2024",
      published: "2024-08-20",
      publisher: "Guangdong Statistics",
    });
  });

  it("GIVEN a malformed feed among good sources WHEN polled THEN its error is recorded and the others are still ingested", async () => {
    server.routes.set("/broken.rss", serve(fixture("malformed.rss.xml"), RSS));
    server.routes.set("/news.rss", serve(fixture("gd-news.rss.xml"), RSS));
    server.routes.set("/pages/foshan-h1.html", serve(fixture("foshan-h1.html"), HTML));

    const report = await poll([
      feed("Broken", server.url("/broken.rss")),
      feed("GD news", server.url("/news.rss")),
      page("Foshan", server.url("/pages/foshan-h1.html")),
    ]);

    expect(report.ok).toBe(false);
    expect(report.sources.map((s) => s.status)).toEqual(["failed", "ok", "ok"]);
    expect(report.sources[0]?.errors[0]).toMatch(/malformed XML at line 9, column \d+/);
    const broken = await readSourceState(store.db, "Broken");
    expect(broken).toMatchObject({ lastSuccessAt: null, lastErrorAt: clock.toISOString() });
    expect(broken?.lastError).toMatch(/malformed XML/);
    expect(await facts.getFact("guangdong.gdp.2024-01-to-09")).toBeDefined();
    expect(await facts.getFact("foshan.gdp.2024-h1")).toBeDefined();
  });

  it("GIVEN a page that times out WHEN polled THEN the error is recorded after retries, and the next poll ingests it", async () => {
    let answering = false;
    const ok = serve(fixture("foshan-h1.html"), HTML);
    server.routes.set("/slow.html", (req, res) => (answering ? ok(req, res) : hang(req, res)));
    const source = page("Slow", server.url("/slow.html"));

    const first = await poll([source]);

    expect(first.sources[0]?.status).toBe("failed");
    expect(first.sources[0]?.errors[0]).toMatch(/no complete answer within 400 ms \(after 3 attempts\)/);
    expect(server.hits("/slow.html")).toBe(3);
    expect((await store.stats()).facts).toBe(0);
    expect((await readSourceState(store.db, "Slow"))?.lastError).toMatch(/no complete answer/);

    answering = true;
    clock = new Date(clock.getTime() + 3_600_000);
    const second = await poll([source]);

    expect(second.sources[0]).toMatchObject({ status: "ok", documents: 1 });
    expect(await facts.getFact("foshan.gdp.2024-h1")).toBeDefined();
    expect(await readSourceState(store.db, "Slow")).toMatchObject({ lastSuccessAt: clock.toISOString() });
  });

  it.each([
    ["a redirect loop", "/loop-a", /redirect loop/],
    ["a 10 MB response", "/huge.html", /larger than the 5 MB limit/],
    ["a PDF where a page was expected", "/report.pdf", /expected an HTML page but got application\/pdf/],
    ["HTML without an article", "/listing.html", /no article found in the page/],
    ["a 404", "/missing.html", /HTTP 404/],
  ])(
    "GIVEN %s WHEN polled THEN a readable error is recorded and the store is unchanged",
    async (_what, route, message) => {
      server.routes.set("/loop-a", redirect("/loop-b"));
      server.routes.set("/loop-b", redirect("/loop-a"));
      server.routes.set("/huge.html", bigStream(10));
      server.routes.set("/report.pdf", serve("%PDF-1.7 ...", "application/pdf"));
      server.routes.set("/listing.html", serve(fixture("listing.html"), HTML));
      const before = await store.stats();

      const report = await poll([page("Bad", server.url(route))]);

      expect(report.sources[0]?.status).toBe("failed");
      expect(report.sources[0]?.errors[0]).toMatch(message);
      expect((await readSourceState(store.db, "Bad"))?.lastError).toMatch(message);
      expect(await store.stats()).toEqual(before);
    },
  );

  it("GIVEN a feed item without a link WHEN polled THEN it is a recorded error naming the item, and nothing is stored", async () => {
    server.routes.set("/dg.rss", serve(fixture("no-link.rss.xml"), RSS));
    const before = await store.stats();

    const report = await poll([feed("Dongguan", server.url("/dg.rss"))]);

    expect(report.ok).toBe(false);
    expect(report.sources[0]?.errors).toEqual([
      `${server.url("/dg.rss")}: "Dongguan's GDP passes 1.1 trillion yuan" has no link; skipped`,
    ]);
    expect((await readSourceState(store.db, "Dongguan"))?.lastError).toMatch(/has no link/);
    expect(await store.stats()).toEqual(before);
  });

  it("GIVEN a source with a 6h interval WHEN polled again an hour later THEN it is skipped, and polled after 6h", async () => {
    server.routes.set("/news.rss", serve(fixture("gd-news.rss.xml"), RSS));
    const source = feed("GD news", server.url("/news.rss"), { intervalMs: 6 * 3_600_000 });
    await poll([source]);

    clock = new Date(clock.getTime() + 3_600_000);
    const soon = await poll([source]);
    clock = new Date(clock.getTime() + 6 * 3_600_000);
    const later = await poll([source]);

    expect(soon.sources[0]?.status).toBe("skipped");
    expect(later.sources[0]?.status).toBe("unchanged");
    expect(server.hits("/news.rss")).toBe(2);
  });

  it("GIVEN polled sources THEN the status lists each with its last success, last error and figures brought", async () => {
    server.routes.set("/news.rss", serve(fixture("gd-news.rss.xml"), RSS));
    const sources = [feed("GD news", server.url("/news.rss")), page("Gone", server.url("/missing.html"))];
    const report = await poll(sources);

    const status = await listWatchedSources(store.db, [...sources, page("New", server.url("/new.html"))]);

    expect(status.map((s) => [s.name, s.lastSuccessAt, s.figures])).toEqual([
      ["GD news", clock.toISOString(), report.sources[0]?.added],
      ["Gone", null, 0],
      ["New", null, 0],
    ]);
    expect(report.sources[0]?.added).toBeGreaterThan(0);
    expect(status[1]?.lastError).toMatch(/HTTP 404/);
    expect(status[0]?.lastError).toBeNull();
  });
});
