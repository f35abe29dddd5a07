/**
 * RSS 2.0, RSS 1.0 (RDF) and Atom feeds to items: title, absolute link, publication date and
 * text. Malformed XML is refused whole with the line and column of the fault; an item that
 * cannot be used (no link, so nothing to attribute its figures to) becomes an error entry while
 * the other items are still read.
 *
 * @see https://www.rssboard.org/rss-specification
 * @see https://www.rfc-editor.org/rfc/rfc4287 (Atom)
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { SourceError } from "./errors.js";
import { htmlToText, isoDateOf } from "./html.js";

/** One usable feed item. */
export interface FeedItem {
  title: string | null;
  /** Absolute URL of the article: the document's identity and its citation. */
  link: string;
  /** ISO date `YYYY-MM-DD` as the feed writes it (the publisher's own calendar day). */
  published: string | null;
  /** The item's full content when the feed carries it, else its summary, as plain text. */
  text: string;
}

/** An item read, or why it could not be. */
export type FeedEntry = { ok: true; item: FeedItem } | { ok: false; error: SourceError };

/**
 * Items read from one feed per poll (`SOURCES_MAX_ITEMS`). Each item may cost a request to the
 * page it links to, so a feed listing thousands cannot turn one poll into thousands of requests.
 * Feeds list their newest items first; a feed of this size is still read whole.
 */
export const DEFAULT_MAX_FEED_ITEMS = 50;

/** A parsed feed. */
export interface ParsedFeed {
  format: "rss" | "atom";
  title: string | null;
  entries: FeedEntry[];
}

// Content elements are kept raw (stop nodes) because they carry HTML, escaped or in CDATA, that
// the XML parser would otherwise flatten or split into objects.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  stopNodes: ["*.description", "*.encoded", "*.content", "*.summary"],
});

type XmlNode = Record<string, unknown>;

/**
 * Parses a feed. `baseUrl` (the feed's URL) resolves relative links. Only the first `maxItems`
 * items are read; the rest are reported as one `too-many-items` entry. Throws SourceError
 * `malformed-feed` when the text is not well-formed XML or is not RSS or Atom.
 */
export function parseFeed(xml: string, baseUrl: string, maxItems = DEFAULT_MAX_FEED_ITEMS): ParsedFeed {
  // Items past the cap are counted, never turned into entries.
  const read = (raw: unknown, toEntry: (item: unknown, baseUrl: string) => FeedEntry): FeedEntry[] => {
    const items = list(raw);
    const entries = items.slice(0, maxItems).map((item) => toEntry(item, baseUrl));
    if (items.length > maxItems) {
      const skipped = new SourceError(
        `${baseUrl}: the feed lists ${items.length} items; only the first ${maxItems} were read (SOURCES_MAX_ITEMS)`,
        "too-many-items",
      );
      entries.push({ ok: false, error: skipped });
    }
    return entries;
  };
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new SourceError(
      `${baseUrl}: malformed XML at line ${line}, column ${col}: ${msg}`,
      "malformed-feed",
    );
  }
  let doc: XmlNode;
  try {
    doc = parser.parse(xml) as XmlNode;
  } catch (error) {
    throw new SourceError(`${baseUrl}: malformed XML: ${String(error)}`, "malformed-feed", { cause: error });
  }
  const rss = asNode(doc.rss);
  if (rss) {
    const channel = asNode(rss.channel);
    if (!channel) throw new SourceError(`${baseUrl}: RSS feed without a <channel>`, "malformed-feed");
    return {
      format: "rss",
      title: textOf(channel.title),
      entries: read(channel.item, rssItem),
    };
  }
  const rdf = asNode(doc.RDF);
  if (rdf) {
    return {
      format: "rss",
      title: textOf(asNode(rdf.channel)?.title),
      entries: read(rdf.item, rssItem),
    };
  }
  const feed = asNode(doc.feed);
  if (feed) {
    return {
      format: "atom",
      title: textOf(feed.title),
      entries: read(feed.entry, atomEntry),
    };
  }
  const root = Object.keys(doc).find((k) => !k.startsWith("?")) ?? "nothing";
  throw new SourceError(
    `${baseUrl}: not an RSS or Atom feed (the document's root is <${root}>)`,
    "malformed-feed",
  );
}

function rssItem(raw: unknown, baseUrl: string): FeedEntry {
  const item = asNode(raw) ?? {};
  const title = textOf(item.title);
  // Some feeds put the article URL only in <guid isPermaLink="true">.
  const guid = asNode(item.guid);
  const permalink = guid && guid["@_isPermaLink"] !== "false" ? textOf(guid) : textOf(item.guid);
  // With namespaces dropped, an <atom:link href> self-link sits beside the item's own <link>.
  const link =
    list(item.link)
      .map((l) => textOf(l))
      .find((l) => l !== null) ?? (permalink && /^https?:/i.test(permalink) ? permalink : null);
  const date = textOf(item.pubDate) ?? textOf(item.date) ?? textOf(item.updated);
  return entry(title, link, date, contentOf(item.encoded) || contentOf(item.description), baseUrl);
}

function atomEntry(raw: unknown, baseUrl: string): FeedEntry {
  const item = asNode(raw) ?? {};
  const links = list(item.link)
    .map(asNode)
    .filter((l): l is XmlNode => l !== undefined);
  const alternate =
    links.find((l) => l["@_rel"] === undefined || l["@_rel"] === "alternate") ??
    links.find((l) => l["@_href"]);
  const href = typeof alternate?.["@_href"] === "string" ? alternate["@_href"] : null;
  const date = textOf(item.published) ?? textOf(item.updated);
  return entry(textOf(item.title), href, date, contentOf(item.content) || contentOf(item.summary), baseUrl);
}

function entry(
  title: string | null,
  link: string | null,
  date: string | null,
  text: string,
  baseUrl: string,
): FeedEntry {
  const label = title ? `"${title}"` : "an untitled item";
  if (!link) {
    return { ok: false, error: new SourceError(`${baseUrl}: ${label} has no link; skipped`, "missing-link") };
  }
  let absolute: string;
  try {
    absolute = new URL(link, baseUrl).href;
  } catch {
    return {
      ok: false,
      error: new SourceError(`${baseUrl}: ${label} has an unusable link "${link}"`, "missing-link"),
    };
  }
  return { ok: true, item: { title, link: absolute, published: date ? isoDateOf(date) : null, text } };
}

/** Raw stop-node content (escaped HTML, CDATA, or XHTML markup) to plain text. */
function contentOf(raw: unknown): string {
  const node = asNode(raw);
  const value = node ? node["#text"] : raw;
  if (typeof value !== "string") return "";
  const xhtml = node?.["@_type"] === "xhtml";
  // CDATA holds HTML literally; text outside it is XML-escaped HTML (except in xhtml content).
  const html = value
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part) => {
      if (part.startsWith("<![CDATA[")) return part.slice(9, -3);
      return xhtml ? part : decodeXmlEntities(part);
    })
    .join("");
  return htmlToText(html);
}

function decodeXmlEntities(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower === "lt") return "<";
    if (lower === "gt") return ">";
    if (lower === "quot") return '"';
    if (lower === "apos") return "'";
    if (lower === "amp") return "&";
    const code = lower.startsWith("#x") ? Number.parseInt(lower.slice(2), 16) : Number(lower.slice(1));
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

function asNode(value: unknown): XmlNode | undefined {
  if (Array.isArray(value)) return asNode(value[0]);
  return value !== null && typeof value === "object" ? (value as XmlNode) : undefined;
}

function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The text of an element that may carry attributes; null when empty. */
function textOf(value: unknown): string | null {
  if (Array.isArray(value)) return textOf(value[0]);
  const node = asNode(value);
  const text = node ? node["#text"] : value;
  if (typeof text !== "string" && typeof text !== "number") return null;
  const trimmed = String(text).replace(/\s+/g, " ").trim();
  return trimmed || null;
}
