/** HTTP fetching against a server on 127.0.0.1: retries, redirects, caps, content types and deadlines. */
import { type AddressInfo, createServer, type Socket } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SourceError } from "../../src/sources/errors.js";
import { type FetchDocumentOptions, fetchDocument as fetchAny } from "../../src/sources/fetch.js";
import {
  bigStream,
  type FixtureServer,
  hang,
  LOCAL_SERVER_ALLOWED,
  redirect,
  serve,
  startFixtureServer,
  trickle,
} from "./server.js";

/** Fetches with the fixture server's loopback address allowed. */
const fetchDocument = (url: string, options: FetchDocumentOptions) =>
  fetchAny(url, { ...options, policy: { ...LOCAL_SERVER_ALLOWED, ...options.policy } });

describe("fetchDocument", () => {
  let server: FixtureServer;
  let waits: number[];
  const sleep = async (ms: number) => {
    waits.push(ms);
  };
  beforeEach(async () => {
    server = await startFixtureServer();
    waits = [];
  });
  afterEach(() => server.close());

  const failureOf = async (promise: Promise<unknown>) => {
    const error = await promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    return error as SourceError;
  };

  it("GIVEN a server failing twice with 503 THEN the third attempt succeeds after doubling backoff waits", async () => {
    let calls = 0;
    const ok = serve("<rss/>", "application/xml");
    server.routes.set("/f", (req, res) => {
      calls++;
      if (calls <= 2) res.writeHead(503).end();
      else ok(req, res);
    });

    const result = await fetchDocument(server.url("/f"), {
      expect: "feed",
      sleep,
      policy: { backoffMs: 100 },
    });

    expect(result).toMatchObject({ status: "ok", body: "<rss/>" });
    expect(waits).toEqual([100, 200]);
  });

  it("GIVEN a 404 THEN it fails at once without retrying", async () => {
    const error = await failureOf(fetchDocument(server.url("/nothing"), { expect: "html", sleep }));
    expect(error.failure).toBe("http-status");
    expect(server.hits("/nothing")).toBe(1);
  });

  it("GIVEN validators THEN they are sent and a 304 is reported as not modified", async () => {
    server.routes.set("/f", (_req, res) => res.writeHead(304).end());
    const result = await fetchDocument(server.url("/f"), {
      expect: "feed",
      validators: { etag: '"abc"', lastModified: "Fri, 25 Oct 2024 10:30:00 GMT" },
    });
    expect(result).toEqual({ status: "not-modified" });
    expect(server.requests[0]).toMatchObject({
      ifNoneMatch: '"abc"',
      ifModifiedSince: "Fri, 25 Oct 2024 10:30:00 GMT",
    });
  });

  it("GIVEN two redirects THEN the final URL is reported", async () => {
    server.routes.set("/a", redirect("/b", 301));
    server.routes.set("/b", redirect(server.url("/c"), 307));
    server.routes.set("/c", serve("<p>hi</p>", "text/html"));
    const result = await fetchDocument(server.url("/a"), { expect: "html" });
    expect(result).toMatchObject({ status: "ok", url: server.url("/c") });
  });

  it("GIVEN a redirect loop THEN it is named as one, with the path it took", async () => {
    server.routes.set("/a", redirect("/b"));
    server.routes.set("/b", redirect("/a"));
    const error = await failureOf(fetchDocument(server.url("/a"), { expect: "html", sleep }));
    expect(error.failure).toBe("redirect-loop");
    expect(error.message).toContain(`${server.url("/a")} -> ${server.url("/b")} -> ${server.url("/a")}`);
  });

  it("GIVEN a redirect chain longer than the limit THEN it fails as too many redirects", async () => {
    for (let i = 0; i < 4; i++) server.routes.set(`/r${i}`, redirect(`/r${i + 1}`));
    const error = await failureOf(
      fetchDocument(server.url("/r0"), { expect: "html", policy: { maxRedirects: 3 } }),
    );
    expect(error.failure).toBe("too-many-redirects");
  });

  it("GIVEN a declared Content-Length over the cap THEN the body is not read", async () => {
    server.routes.set("/big", (_req, res) => {
      res.writeHead(200, { "content-type": "text/html", "content-length": String(6 * 1024 * 1024) });
      res.end();
    });
    const error = await failureOf(fetchDocument(server.url("/big"), { expect: "html" }));
    expect(error.failure).toBe("too-large");
  });

  it("GIVEN a streamed 10 MB body THEN reading stops at the cap", async () => {
    server.routes.set("/big", bigStream(10));
    const error = await failureOf(
      fetchDocument(server.url("/big"), { expect: "html", policy: { maxBytes: 1024 * 1024 } }),
    );
    expect(error.message).toContain("larger than the 1 MB limit");
  });

  it("GIVEN an image where a feed was expected THEN it is a content-type error", async () => {
    server.routes.set("/f", serve("GIF89a", "image/gif"));
    const error = await failureOf(fetchDocument(server.url("/f"), { expect: "feed" }));
    expect(error.message).toContain("expected an RSS or Atom feed but got image/gif");
  });

  it("GIVEN a GBK page that says so in a meta tag THEN it is decoded", async () => {
    // "广东" in GBK.
    const body = Buffer.concat([
      Buffer.from('<html><head><meta charset="gbk"></head><body>'),
      Buffer.from([0xb9, 0xe3, 0xb6, 0xab]),
      Buffer.from("</body></html>"),
    ]);
    server.routes.set("/gbk", (_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(body));
    const result = await fetchDocument(server.url("/gbk"), { expect: "html" });
    expect(result.status === "ok" && result.body).toContain("广东");
  });

  it("GIVEN nothing listening THEN it is a network error after the retries", async () => {
    const url = server.url("/x");
    await server.close();
    const error = await failureOf(fetchDocument(url, { expect: "html", sleep, policy: { retries: 1 } }));
    expect(error.failure).toBe("network");
    expect(error.message).toMatch(/cannot connect \(ECONNREFUSED\) \(after 2 attempts\)/);
  });

  it("GIVEN a server sending one byte a second THEN the total deadline stops it with a clear error", async () => {
    server.routes.set("/slow", trickle("text/html", 1_000));
    const error = await failureOf(
      fetchDocument(server.url("/slow"), {
        expect: "html",
        policy: { timeoutMs: 1_500, firstByteTimeoutMs: 60_000, retries: 0 },
      }),
    );
    expect(error.failure).toBe("timeout");
    expect(error.message).toBe(`${server.url("/slow")}: no complete answer within 1500 ms`);
  });

  it("GIVEN a server that never starts answering THEN the first-byte deadline names itself", async () => {
    server.routes.set("/silent", hang);
    const error = await failureOf(
      fetchDocument(server.url("/silent"), {
        expect: "html",
        sleep,
        policy: { timeoutMs: 60_000, firstByteTimeoutMs: 300, retries: 1 },
      }),
    );
    expect(error.failure).toBe("timeout");
    expect(error.message).toBe(
      `${server.url("/silent")}: sent no answer within 300 ms (first-byte deadline) (after 2 attempts)`,
    );
    expect(server.hits("/silent")).toBe(2);
  });

  it("GIVEN an https address whose server accepts TCP but never completes TLS THEN the connect deadline stops it", async () => {
    const sockets: Socket[] = [];
    const mute = createServer((socket) => {
      sockets.push(socket);
      socket.on("error", () => undefined);
    });
    await new Promise<void>((resolve) => mute.listen(0, "127.0.0.1", resolve));
    const url = `https://127.0.0.1:${(mute.address() as AddressInfo).port}/feed`;
    try {
      const error = await failureOf(
        fetchDocument(url, {
          expect: "feed",
          policy: { connectTimeoutMs: 300, firstByteTimeoutMs: 60_000, timeoutMs: 60_000, retries: 0 },
        }),
      );
      expect(error.failure).toBe("timeout");
      expect(error.message).toBe(`${url}: could not connect within 300 ms (connect deadline)`);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => mute.close(() => resolve()));
    }
  });
});
