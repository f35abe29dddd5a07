/**
 * A small HTTP server on 127.0.0.1 (port 0) serving fixture feeds and pages, with per-path
 * handlers a test can swap, and a log of every request (path and conditional headers).
 * Nothing here ever reaches the internet.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

export const FIXTURES = path.join(import.meta.dirname, "..", "fixtures", "sources");

/**
 * The allow-list these tests run with (`SOURCES_ALLOW_HOSTS=127.0.0.1`): the fixture server is on
 * loopback, which watched sources may not reach by default.
 */
export const LOCAL_SERVER_ALLOWED = { allowHosts: ["127.0.0.1"] } as const;

/** A fixture file's text. */
export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), "utf8");
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface FixtureServer {
  /** Absolute URL of `pathname` on this server. */
  url(pathname: string): string;
  /** Handlers by path; a path with none answers 404. */
  routes: Map<string, Handler>;
  requests: { path: string; ifNoneMatch: string | undefined; ifModifiedSince: string | undefined }[];
  /** How many requests `pathname` received. */
  hits(pathname: string): number;
  close(): Promise<void>;
}

export async function startFixtureServer(): Promise<FixtureServer> {
  const routes = new Map<string, Handler>();
  const requests: FixtureServer["requests"] = [];
  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    requests.push({
      path: pathname,
      ifNoneMatch: req.headers["if-none-match"],
      ifModifiedSince: req.headers["if-modified-since"],
    });
    const handler = routes.get(pathname);
    if (!handler) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (pathname) => `http://127.0.0.1:${port}${pathname}`,
    routes,
    requests,
    hits: (pathname) => requests.filter((r) => r.path === pathname).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Serves `body` with an ETag and Last-Modified derived from it, answering 304 to a matching
 * If-None-Match, as well-behaved news sites do. `body` may be a function to change between polls.
 */
export function serve(
  body: string | (() => string),
  contentType: string,
  options: { etag?: boolean } = {},
): Handler {
  return (req, res) => {
    const text = typeof body === "function" ? body() : body;
    const headers: Record<string, string> = { "content-type": contentType };
    if (options.etag !== false) {
      const etag = `"${Buffer.from(text).length}-${hashCode(text)}"`;
      headers.etag = etag;
      headers["last-modified"] = "Fri, 25 Oct 2024 10:30:00 GMT";
      if (req.headers["if-none-match"] === etag) {
        res.writeHead(304, headers).end();
        return;
      }
    }
    res.writeHead(200, headers).end(text);
  };
}

function hashCode(text: string): string {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(16);
}

/** Never answers: the request hangs until the client gives up. */
export const hang: Handler = () => {};

/** Answers with `chunks` chunks of 1 MB, without a Content-Length, so only a streamed cap can stop it. */
export function bigStream(chunks: number, contentType = "text/html"): Handler {
  return (_req, res) => {
    res.writeHead(200, { "content-type": contentType });
    const chunk = Buffer.alloc(1024 * 1024, "a");
    let sent = 0;
    const pump = () => {
      while (sent < chunks) {
        sent++;
        if (!res.write(chunk)) {
          res.once("drain", pump);
          return;
        }
      }
      res.end();
    };
    res.on("error", () => undefined);
    pump();
  };
}

/** Redirects to `to` (a path on this server). */
export function redirect(to: string, status = 302): Handler {
  return (_req, res) => {
    res.writeHead(status, { location: to }).end();
  };
}

/**
 * Answers at once with headers, then sends the body one byte every `everyMs` and never finishes:
 * a hostile or very slow site that only a deadline on the whole answer can stop.
 */
export function trickle(contentType = "text/html", everyMs = 1_000): Handler {
  return (_req, res) => {
    res.writeHead(200, { "content-type": contentType });
    res.flushHeaders();
    const timer = setInterval(() => res.write("<"), everyMs);
    res.on("close", () => clearInterval(timer));
    res.on("error", () => undefined);
  };
}
