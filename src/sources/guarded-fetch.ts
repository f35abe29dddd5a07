/**
 * The HTTP transport for watched sources: one request, no redirects followed, over node:http(s)
 * with {@link guardedLookup}, so the address connected to is the address checked. An address
 * written in the URL itself is checked here, since Node does not look up literal addresses.
 * Answers with a WHATWG `Response`, like `fetch`, so `fetch.ts` reads both the same way.
 */
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { Readable } from "node:stream";
import tls from "node:tls";
import zlib from "node:zlib";
import { type AllowList, assertReachable, bareHost, guardedLookup, type Resolver } from "./address-guard.js";
import { SourceError } from "./errors.js";

/** What `fetch.ts` needs of a transport: `fetch`'s shape, narrowed to what it passes. */
export type Transport = (
  url: string,
  init: {
    signal: AbortSignal;
    headers: Record<string, string>;
    redirect: "manual";
    /** Time to get a connection; a transport that cannot tell (plain `fetch`) may ignore it. */
    connectTimeoutMs?: number;
  },
) => Promise<Response>;

/** Statuses whose answer has no body (a `Response` refuses one). */
const NULL_BODY = new Set([204, 205, 304]);

/** A transport that reaches only public hosts, or those `allow` names. */
export function guardedTransport(allow: AllowList, resolve?: Resolver): Transport {
  return (url, init) =>
    new Promise<Response>((fulfil, reject) => {
      const target = new URL(url);
      const host = bareHost(target.hostname);
      try {
        if (net.isIP(host)) assertReachable(url, host, host, allow);
      } catch (error) {
        reject(error);
        return;
      }
      const client = target.protocol === "https:" ? https : http;
      const request = client.request(target, {
        method: "GET",
        headers: init.headers,
        signal: init.signal,
        lookup: guardedLookup(url, allow, resolve),
      });
      request.once("error", reject);
      if (init.connectTimeoutMs !== undefined) limitConnect(request, url, init.connectTimeoutMs);
      request.once("response", (res) => {
        const status = res.statusCode ?? 502;
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value])
            headers.append(name, v);
        }
        if (NULL_BODY.has(status)) {
          res.resume();
          fulfil(new Response(null, { status, statusText: res.statusMessage ?? "", headers }));
          return;
        }
        const decoded = decompress(res, headers.get("content-encoding"));
        // Decoded bytes are what the size cap counts; the length on the wire no longer applies.
        if (decoded !== res) headers.delete("content-length");
        fulfil(
          new Response(Readable.toWeb(decoded) as ReadableStream<Uint8Array>, {
            status,
            statusText: res.statusMessage ?? "",
            headers,
          }),
        );
      });
      request.end();
    });
}

/**
 * Fails the request when no connection (TCP, and TLS for https) is made in `ms`. A socket reused
 * from the agent's keep-alive pool is connected already and is not timed.
 */
function limitConnect(request: http.ClientRequest, url: string, ms: number): void {
  request.once("socket", (socket) => {
    if (request.reusedSocket) return;
    // A TLS socket is connected only after its handshake, which cannot have happened yet.
    const secure = socket instanceof tls.TLSSocket;
    if (!secure && !socket.connecting) return;
    const timer = setTimeout(() => {
      request.destroy(
        new SourceError(`${url}: could not connect within ${ms} ms (connect deadline)`, "timeout"),
      );
    }, ms);
    const done = () => clearTimeout(timer);
    socket.once(secure ? "secureConnect" : "connect", done);
    socket.once("close", done);
  });
}

/** We never ask for compression; a server that compresses anyway is still read. */
function decompress(res: http.IncomingMessage, encoding: string | null): Readable {
  const codec = encoding?.trim().toLowerCase();
  const stream =
    codec === "gzip" || codec === "x-gzip"
      ? zlib.createGunzip()
      : codec === "deflate"
        ? zlib.createInflate()
        : codec === "br"
          ? zlib.createBrotliDecompress()
          : undefined;
  if (!stream) return res;
  res.on("error", (error) => stream.destroy(error));
  return res.pipe(stream);
}
