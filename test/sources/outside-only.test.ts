/**
 * Watched sources stay outside: non-public addresses are refused after resolution and on every
 * redirect, the allow-list lets named hosts and ranges through, and a feed's items are capped.
 * Host names are answered by an injected resolver (never real DNS), and every refusal happens
 * before a connection is made, so nothing here leaves 127.0.0.1.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/core/config.js";
import { silentLogger } from "../../src/core/logger.js";
import { FactService } from "../../src/facts/service.js";
import { allowListOf, nonPublicKind, type Resolver } from "../../src/sources/address-guard.js";
import type { SourceDefinition } from "../../src/sources/config.js";
import { SourceError } from "../../src/sources/errors.js";
import { parseFeed } from "../../src/sources/feeds.js";
import { fetchDocument } from "../../src/sources/fetch.js";
import { guardedTransport } from "../../src/sources/guarded-fetch.js";
import { pollSources } from "../../src/sources/poller.js";
import { listWatchedSources } from "../../src/sources/status.js";
import { type OpenedStore, openStore } from "../../src/store/open-store.js";
import { type FixtureServer, redirect, serve, startFixtureServer } from "./server.js";

/** Answers for invented names; anything else is a test bug. */
function resolverFor(table: Record<string, string[]>): Resolver {
  return async (hostname) => {
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error(`no test address for ${hostname}`), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
}

const failureOf = async (promise: Promise<unknown>): Promise<SourceError> => {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SourceError);
  return error as SourceError;
};

/** An RSS feed of summary-only items (so each linked page would be fetched). */
function summaryFeed(links: readonly string[]): string {
  const items = links
    .map(
      (link, i) =>
        `<item><title>Note ${i}</title><link>${link}</link><description>Short.</description></item>`,
    )
    .join("");
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Test notes</title>${items}</channel></rss>`;
}

describe("which addresses are public", () => {
  it.each([
    ["127.0.0.1", "a loopback address"],
    ["10.4.5.6", "a private address"],
    ["172.16.0.1", "a private address"],
    ["172.31.255.254", "a private address"],
    ["192.168.10.20", "a private address"],
    ["169.254.169.254", "a link-local (cloud metadata) address"],
    ["100.64.1.1", "a carrier-grade NAT address"],
    ["0.0.0.0", "a 'this network' address"],
    ["::1", "a loopback address"],
    ["fd12:3456::1", "a private (unique local) address"],
    ["fe80::1", "a link-local address"],
    ["::ffff:127.0.0.1", "a loopback address"],
    ["::ffff:a9fe:a9fe", "a link-local (cloud metadata) address"],
  ])("GIVEN %s THEN it is %s", (address, kind) => {
    expect(nonPublicKind(address)).toBe(kind);
  });

  it.each(["8.8.8.8", "172.32.0.1", "100.128.0.1", "192.169.0.1", "2001:4860:4860::8888", "::ffff:8.8.4.4"])(
    "GIVEN %s THEN it is public",
    (address) => {
      expect(nonPublicKind(address)).toBeNull();
    },
  );
});

describe("SOURCES_ALLOW_HOSTS and SOURCES_MAX_ITEMS", () => {
  it("GIVEN host names, addresses and ranges THEN they are read, lower-cased; by default the list is empty and the cap 50", () => {
    const config = loadConfig({ SOURCES_ALLOW_HOSTS: " 127.0.0.1, LocalHost ,10.20.0.0/16,::1 " });
    expect(config.sources.allowHosts).toEqual(["127.0.0.1", "localhost", "10.20.0.0/16", "::1"]);
    expect(loadConfig({}).sources).toMatchObject({ allowHosts: [], maxFeedItems: 50 });
    expect(loadConfig({ SOURCES_MAX_ITEMS: "5" }).sources.maxFeedItems).toBe(5);
  });

  it("GIVEN a malformed entry or cap THEN start-up stops naming the variable", () => {
    expect(() => loadConfig({ SOURCES_ALLOW_HOSTS: "127.0.0.1,10.0.0.0/40" })).toThrow(/SOURCES_ALLOW_HOSTS/);
    expect(() => loadConfig({ SOURCES_ALLOW_HOSTS: "http://intranet/" })).toThrow(/SOURCES_ALLOW_HOSTS/);
    expect(() => loadConfig({ SOURCES_MAX_ITEMS: "0" })).toThrow(/SOURCES_MAX_ITEMS/);
  });

  it("GIVEN an allow-list THEN named hosts pass whatever they resolve to, and ranges pass their addresses", () => {
    const allow = allowListOf(["intranet.test", "10.20.0.0/16", "::1"]);
    expect(allow.hosts.has("intranet.test")).toBe(true);
    expect(allow.addresses.check("10.20.3.4", "ipv4")).toBe(true);
    expect(allow.addresses.check("10.21.0.1", "ipv4")).toBe(false);
    expect(allow.addresses.check("::1", "ipv6")).toBe(true);
  });
});

describe("fetching only what is allowed", () => {
  let server: FixtureServer;
  let port: string;
  beforeEach(async () => {
    server = await startFixtureServer();
    port = new URL(server.url("/")).port;
  });
  afterEach(() => server.close());

  it("GIVEN the default policy THEN the loopback test server itself is refused, without a request", async () => {
    server.routes.set("/page", serve("<html></html>", "text/html"));
    const error = await failureOf(fetchDocument(server.url("/page"), { expect: "html" }));
    expect(error.failure).toBe("blocked-address");
    expect(error.message).toContain("127.0.0.1 a loopback address");
    expect(error.message).toContain("SOURCES_ALLOW_HOSTS");
    expect(server.hits("/page")).toBe(0);
  });

  it("GIVEN an allowed host that redirects to 127.0.0.1 THEN the redirect is refused and never followed", async () => {
    server.routes.set("/start", redirect(`http://127.0.0.1:${port}/admin`));
    server.routes.set("/admin", serve("<html>secret</html>", "text/html"));
    const error = await failureOf(
      fetchDocument(`http://feeds.test:${port}/start`, {
        expect: "html",
        policy: { allowHosts: ["feeds.test"] },
        resolve: resolverFor({ "feeds.test": ["127.0.0.1"] }),
      }),
    );
    expect(error.failure).toBe("blocked-address");
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(`http://127.0.0.1:${port}/admin: refused`);
    expect(error.message).toContain(`redirected from http://feeds.test:${port}/start`);
    expect(server.hits("/start")).toBe(1);
    expect(server.hits("/admin")).toBe(0);
  });

  it("GIVEN a name resolving to a private address, or to a public and a private one THEN it is refused before connecting", async () => {
    const resolve = resolverFor({
      "intranet.test": ["10.0.0.7"],
      "mixed.test": ["203.0.113.9", "192.168.1.5"],
    });
    const one = await failureOf(fetchDocument("http://intranet.test/x", { expect: "html", resolve }));
    expect(one.message).toContain("intranet.test resolves to 10.0.0.7, a private address");
    const mixed = await failureOf(fetchDocument("http://mixed.test/x", { expect: "html", resolve }));
    expect(mixed.message).toContain("mixed.test resolves to 192.168.1.5, a private address");
  });

  it("GIVEN a name allowed by its address range THEN the connection goes to exactly the address that was checked", async () => {
    server.routes.set("/page", (req, res) => {
      res
        .writeHead(200, { "content-type": "text/html" })
        .end(`<html><body>${req.headers.host}</body></html>`);
    });
    const result = await fetchDocument(`http://news.test:${port}/page`, {
      expect: "html",
      policy: { allowHosts: ["127.0.0.0/8"] },
      resolve: resolverFor({ "news.test": ["127.0.0.1"] }),
    });
    expect(result.status).toBe("ok");
    expect(result.status === "ok" && result.body).toContain(`news.test:${port}`);
  });
});

describe("polling a feed whose items point inside", () => {
  let server: FixtureServer;
  let port: string;
  let dataDir: string;
  let store: OpenedStore;
  beforeEach(async () => {
    server = await startFixtureServer();
    port = new URL(server.url("/")).port;
    dataDir = mkdtempSync(path.join(tmpdir(), "gd-outside-"));
    store = await openStore({ dataDir });
  });
  afterEach(async () => {
    await server.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const source = (url: string): SourceDefinition => ({
    name: "Notes",
    kind: "rss",
    url,
    intervalMs: undefined,
    publisher: undefined,
  });

  it("GIVEN items linking to a private address and to the loopback server THEN both are refused, reported and recorded, and nothing is fetched", async () => {
    server.routes.set(
      "/feed.xml",
      serve(summaryFeed(["http://10.1.2.3/admin", `http://127.0.0.1:${port}/admin`]), "application/rss+xml"),
    );
    server.routes.set("/admin", serve("<html>secret</html>", "text/html"));
    const facts = await FactService.open(store);
    const report = await pollSources({
      sources: [source(`http://feeds.test:${port}/feed.xml`)],
      facts,
      db: store.db,
      logger: silentLogger(),
      // The real guarded transport, with the feed's own host allowed by name.
      fetch: guardedTransport(allowListOf(["feeds.test"]), resolverFor({ "feeds.test": ["127.0.0.1"] })),
    });

    expect(report.ok).toBe(false);
    const errors = report.sources[0]?.errors ?? [];
    expect(errors).toHaveLength(2);
    expect(errors[0]).toContain("http://10.1.2.3/admin: refused: 10.1.2.3 a private address");
    expect(errors[1]).toContain(`http://127.0.0.1:${port}/admin: refused: 127.0.0.1 a loopback address`);
    expect(report.sources[0]?.documents).toBe(0);
    expect(server.hits("/feed.xml")).toBe(1);
    expect(server.hits("/admin")).toBe(0);

    const [status] = await listWatchedSources(store.db, [source(`http://feeds.test:${port}/feed.xml`)]);
    expect(status?.lastError).toContain("refused");
    expect(status?.lastError).toContain("10.1.2.3");
  });

  it("GIVEN a feed of 120 summary-only items and a cap of 5 THEN 5 linked pages are requested and the rest reported", async () => {
    const links = Array.from({ length: 120 }, (_, i) => server.url(`/a/${i}`));
    server.routes.set("/feed.xml", serve(summaryFeed(links), "application/rss+xml"));
    const facts = await FactService.open(store);
    const report = await pollSources({
      sources: [source(server.url("/feed.xml"))],
      facts,
      db: store.db,
      logger: silentLogger(),
      http: { allowHosts: ["127.0.0.1"], retries: 0 },
      maxFeedItems: 5,
    });
    const linked = server.requests.filter((r) => r.path.startsWith("/a/"));
    expect(linked.map((r) => r.path)).toEqual(["/a/0", "/a/1", "/a/2", "/a/3", "/a/4"]);
    expect(report.sources[0]?.errors).toContainEqual(
      expect.stringContaining("the feed lists 120 items; only the first 5 were read (SOURCES_MAX_ITEMS)"),
    );
  });

  it("GIVEN a feed under the cap THEN every item is read and nothing is reported", () => {
    const feed = parseFeed(
      summaryFeed(["https://example.org/1", "https://example.org/2"]),
      "https://example.org/f",
      2,
    );
    expect(feed.entries.map((e) => e.ok)).toEqual([true, true]);
  });
});
