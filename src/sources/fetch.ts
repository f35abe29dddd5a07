/**
 * Fetching one feed or page politely and defensively: three deadlines per attempt (connect, first
 * byte of the answer, whole answer, so a server trickling a byte a second is cut off), a few retries with
 * backoff inside one poll, conditional requests (ETag / Last-Modified, so an unchanged feed costs
 * a 304), redirects followed by hand so a loop is caught and every hop's address is checked
 * (public hosts only unless allowed, see `address-guard.ts`), a size cap enforced while
 * streaming (a 10 MB "article" is stopped at the cap, never buffered whole), and a content-type check.
 * Every failure is a {@link SourceError} whose message says what happened and where.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-13 (conditional requests)
 */
import { allowListOf, type Resolver } from "./address-guard.js";
import { SourceError } from "./errors.js";
import { guardedTransport, type Transport } from "./guarded-fetch.js";

/** What the caller expects to get back, for the content-type check. */
export type Expected = "feed" | "html";

/** How hard to try. Defaults suit an hourly poll of public news sites. */
export interface HttpPolicy {
  /** Per attempt, covering redirects and reading the body: the "total" deadline. */
  timeoutMs: number;
  /** Per request: time to get a TCP (and TLS) connection. Only the guarded transport applies it. */
  connectTimeoutMs: number;
  /** Per request: time from sending it to the answer's status line and headers. */
  firstByteTimeoutMs: number;
  /** Extra attempts after a transient failure (timeout, network, 5xx, 429). */
  retries: number;
  /** Wait before the first retry; doubles each time. */
  backoffMs: number;
  /** Bytes of body we are willing to read; no article or feed is bigger. */
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
  /**
   * Hosts, addresses and CIDR ranges that may be reached although they are not public
   * (`SOURCES_ALLOW_HOSTS`); plain strings so the policy can cross to a worker thread.
   */
  allowHosts: readonly string[];
}

export const DEFAULT_HTTP_POLICY: HttpPolicy = {
  timeoutMs: 20_000,
  connectTimeoutMs: 10_000,
  firstByteTimeoutMs: 15_000,
  retries: 2,
  backoffMs: 1_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  userAgent: "gd-figures-bot/0.1 (+source watching)",
  allowHosts: [],
};

/** The policy the configuration asks for (`SOURCES_ALLOW_HOSTS` and the three deadlines); the rest default. */
export function configuredHttpPolicy(sources: {
  allowHosts: readonly string[];
  timeouts: { connectMs: number; firstByteMs: number; totalMs: number };
}): Partial<HttpPolicy> {
  return {
    allowHosts: sources.allowHosts,
    connectTimeoutMs: sources.timeouts.connectMs,
    firstByteTimeoutMs: sources.timeouts.firstByteMs,
    timeoutMs: sources.timeouts.totalMs,
  };
}

/** A replacement transport. It bypasses the address guard, so only tests should pass one. */
export type FetchFn = Transport;

/** Validators from the previous successful fetch. */
export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

/** A successful fetch: either "not modified since the validators" or the decoded body. */
export type FetchResult =
  | { status: "not-modified" }
  | {
      status: "ok";
      /** The URL after redirects. */
      url: string;
      body: string;
      contentType: string | null;
      validators: Validators;
    };

export interface FetchDocumentOptions {
  expect: Expected;
  validators?: Validators | undefined;
  policy?: Partial<HttpPolicy> | undefined;
  fetch?: FetchFn | undefined;
  /** Waits between retries; injectable so tests need not sleep. */
  sleep?: ((ms: number) => Promise<void>) | undefined;
  /** How host names are resolved before the address check; the system resolver by default. */
  resolve?: Resolver | undefined;
}

const ACCEPT: Record<Expected, string> = {
  feed: "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1",
  html: "text/html, application/xhtml+xml;q=0.9, */*;q=0.1",
};

/** Media types we read for each expectation. A missing Content-Type is accepted and parsed on trust. */
function acceptsType(expect: Expected, mediaType: string): boolean {
  if (expect === "html") return mediaType === "text/html" || mediaType === "application/xhtml+xml";
  // Feeds are served under many names; anything XML-shaped (or plain text) is worth parsing.
  return mediaType.endsWith("/xml") || mediaType.endsWith("+xml") || mediaType === "text/plain";
}

/** The reason a request is aborted when its first-byte deadline passes. */
const FIRST_BYTE = new Error("first-byte deadline");

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Fetches `url`, retrying transient failures with backoff. Throws SourceError (timeout, network,
 * http-status, redirect-loop, too-many-redirects, too-large, content-type, blocked-address).
 */
export async function fetchDocument(url: string, options: FetchDocumentOptions): Promise<FetchResult> {
  const policy = { ...DEFAULT_HTTP_POLICY, ...options.policy };
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetchOnce(url, options, policy);
    } catch (error) {
      const failure =
        error instanceof SourceError
          ? error
          : new SourceError(`${url}: ${String(error)}`, "network", { cause: error });
      if (!failure.retryable || attempt >= policy.retries) {
        if (attempt === 0) throw failure;
        throw new SourceError(`${failure.message} (after ${attempt + 1} attempts)`, failure.failure, {
          cause: failure,
          retryable: failure.retryable,
        });
      }
      await sleep(policy.backoffMs * 2 ** attempt);
    }
  }
}

async function fetchOnce(
  url: string,
  options: FetchDocumentOptions,
  policy: HttpPolicy,
): Promise<FetchResult> {
  const fetchImpl = options.fetch ?? guardedTransport(allowListOf(policy.allowHosts), options.resolve);
  // One deadline for the whole attempt: a server that trickles redirects or body bytes cannot stall a poll.
  const total = AbortSignal.timeout(policy.timeoutMs);
  const headers: Record<string, string> = { accept: ACCEPT[options.expect], "user-agent": policy.userAgent };
  if (options.validators?.etag) headers["if-none-match"] = options.validators.etag;
  if (options.validators?.lastModified) headers["if-modified-since"] = options.validators.lastModified;

  const visited = new Set<string>([url]);
  let current = url;
  for (let hops = 0; ; hops++) {
    let response: Response;
    // Each hop must start answering in time; the timer stops once its headers are in.
    const firstByte = new AbortController();
    const timer = setTimeout(() => firstByte.abort(FIRST_BYTE), policy.firstByteTimeoutMs);
    try {
      response = await fetchImpl(current, {
        redirect: "manual",
        signal: AbortSignal.any([total, firstByte.signal]),
        headers,
        connectTimeoutMs: policy.connectTimeoutMs,
      });
    } catch (error) {
      if (error instanceof SourceError && error.failure === "blocked-address" && current !== url) {
        throw new SourceError(`${error.message} (redirected from ${url})`, error.failure, { cause: error });
      }
      if (error instanceof SourceError) throw error;
      if (firstByte.signal.aborted && !total.aborted) {
        throw new SourceError(
          `${current}: sent no answer within ${policy.firstByteTimeoutMs} ms (first-byte deadline)`,
          "timeout",
          { cause: error },
        );
      }
      throw transportError(current, error, policy, total);
    } finally {
      clearTimeout(timer);
    }
    if (isRedirect(response.status)) {
      await response.body?.cancel().catch(() => undefined);
      const location = response.headers.get("location");
      if (!location) {
        throw new SourceError(
          `${current}: HTTP ${response.status} redirect without a Location header`,
          "http-status",
        );
      }
      const next = new URL(location, current);
      if (next.protocol !== "http:" && next.protocol !== "https:") {
        throw new SourceError(
          `${current}: redirects to a non-HTTP address (${next.protocol})`,
          "http-status",
        );
      }
      if (visited.has(next.href)) {
        throw new SourceError(
          `${url}: redirect loop (${[...visited, next.href].join(" -> ")})`,
          "redirect-loop",
        );
      }
      if (hops + 1 > policy.maxRedirects) {
        throw new SourceError(`${url}: more than ${policy.maxRedirects} redirects`, "too-many-redirects");
      }
      visited.add(next.href);
      current = next.href;
      continue;
    }
    if (response.status === 304) {
      await response.body?.cancel().catch(() => undefined);
      return { status: "not-modified" };
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      const transient = response.status >= 500 || response.status === 429;
      throw new SourceError(
        `${current}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`,
        "http-status",
        { retryable: transient },
      );
    }
    const contentType = response.headers.get("content-type");
    const mediaType = contentType?.split(";")[0]?.trim().toLowerCase();
    if (mediaType && !acceptsType(options.expect, mediaType)) {
      await response.body?.cancel().catch(() => undefined);
      throw new SourceError(
        `${current}: expected ${options.expect === "html" ? "an HTML page" : "an RSS or Atom feed"} but got ${mediaType}`,
        "content-type",
      );
    }
    const bytes = await readCapped(response, current, policy, total);
    return {
      status: "ok",
      url: current,
      body: decode(bytes, contentType, options.expect),
      contentType,
      validators: { etag: response.headers.get("etag"), lastModified: response.headers.get("last-modified") },
    };
  }
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

function transportError(url: string, error: unknown, policy: HttpPolicy, deadline: AbortSignal): SourceError {
  const name = (error as { name?: unknown } | null)?.name;
  // Aborting a body mid-stream surfaces as a reset ("aborted"), not as the abort: ask the signal.
  if (deadline.aborted || name === "TimeoutError" || name === "AbortError") {
    return new SourceError(`${url}: no complete answer within ${policy.timeoutMs} ms`, "timeout", {
      cause: error,
    });
  }
  // node:http puts the reason (ECONNREFUSED, ENOTFOUND) in `code`, or in the first of `errors`
  // when several addresses were tried; undici (an injected fetch) hides it in `cause`.
  const e = error as {
    code?: unknown;
    errors?: { code?: unknown }[];
    cause?: { code?: unknown; message?: unknown; errors?: { code?: unknown }[] };
  } | null;
  const cause = e?.cause;
  const code = e?.code ?? e?.errors?.[0]?.code ?? cause?.code ?? cause?.errors?.[0]?.code ?? cause?.message;
  const detail = typeof code === "string" ? code : error instanceof Error ? error.message : String(error);
  return new SourceError(`${url}: cannot connect (${detail})`, "network", { cause: error });
}

/** Reads the body, refusing (without buffering the rest) once it passes the cap. */
async function readCapped(
  response: Response,
  url: string,
  policy: HttpPolicy,
  deadline: AbortSignal,
): Promise<Uint8Array> {
  const tooLarge = () =>
    new SourceError(`${url}: response is larger than the ${formatBytes(policy.maxBytes)} limit`, "too-large");
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > policy.maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > policy.maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof SourceError) throw error;
    throw transportError(url, error, policy, deadline);
  }
  return Buffer.concat(chunks);
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB` : `${n} bytes`;
}

/**
 * Decodes with the charset the server names, else the one the document declares (`<meta charset>`,
 * `<?xml encoding?>`), else UTF-8. Chinese government sites still serve GBK pages.
 */
function decode(bytes: Uint8Array, contentType: string | null, expect: Expected): string {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString("latin1");
  const declared =
    /charset\s*=\s*["']?([\w-]+)/i.exec(contentType ?? "")?.[1] ??
    (expect === "html"
      ? /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1]
      : /<\?xml[^>]+encoding\s*=\s*["']([\w-]+)["']/i.exec(head)?.[1]);
  try {
    return new TextDecoder(declared ?? "utf-8").decode(bytes);
  } catch {
    // An unknown label: UTF-8 is the best guess left.
    return new TextDecoder("utf-8").decode(bytes);
  }
}
