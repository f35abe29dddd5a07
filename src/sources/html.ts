/**
 * Web pages to article text. Readability (Mozilla's reader-view extractor, run on a linkedom DOM)
 * finds the article body among navigation, sidebars and footers; the title and publication date
 * come from the page's metadata (`article:published_time`, `PubDate` as Chinese government sites
 * write it, JSON-LD, `<time datetime>`). The body keeps its paragraph breaks because extraction
 * reads a figure's region and period from the paragraph around it.
 *
 * @see https://github.com/mozilla/readability
 */
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { parseDate } from "../ingest/metadata.js";
import { SourceError } from "./errors.js";

/** An article read from a page. */
export interface PageArticle {
  title: string | null;
  /** ISO date `YYYY-MM-DD`, or null when the page does not say. */
  published: string | null;
  /** The site's own name (og:site_name), a fallback publisher. */
  siteName: string | null;
  /** Body text, paragraphs separated by blank lines. */
  text: string;
}

/**
 * Below this many characters of body text a page is a listing, a login wall or an error page,
 * not an article; extracting figures from it would only produce noise.
 */
export const MIN_ARTICLE_CHARS = 200;

/**
 * An ISO date from the ways pages and feeds write one: `2024-08-20T09:00:00+08:00` (the
 * publisher's own calendar day, not converted to UTC), `Fri, 25 Oct 2024 10:30:00 +0800`, `2024年8月20日`.
 */
export function isoDateOf(text: string): string | null {
  const stamp = /^\s*(\d{4}-\d{2}-\d{2})(?:[T ]|$)/.exec(text);
  return parseDate(stamp?.[1] ?? text);
}

/** The few DOM members we use, so linkedom's and Readability's typings need not meet. */
interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}
interface DomElement extends DomNode {
  getAttribute(name: string): string | null;
}
interface DomDocument {
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  querySelector(selector: string): DomElement | null;
  body: DomNode | null;
}

type ReadabilityDocument = ConstructorParameters<typeof Readability>[0];

const BLOCK_TAGS = new Set([
  "ADDRESS",
  "ARTICLE",
  "ASIDE",
  "BLOCKQUOTE",
  "DD",
  "DIV",
  "DL",
  "DT",
  "FIGCAPTION",
  "FIGURE",
  "FOOTER",
  "H1",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "HEADER",
  "HR",
  "LI",
  "MAIN",
  "OL",
  "P",
  "PRE",
  "SECTION",
  "TABLE",
  "TR",
  "UL",
]);
const SKIP_TAGS = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SVG", "IFRAME"]);

/**
 * HTML (or plain text) to readable text with paragraphs separated by blank lines.
 * @example htmlToText("<p>GDP rose.</p><p>Exports fell.</p>") === "GDP rose.\n\nExports fell."
 */
export function htmlToText(html: string): string {
  if (!/<[a-z!/][^>]*>/i.test(html)) return normaliseParagraphs(html);
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const body = (document as unknown as DomDocument).body;
  return body ? textOf(body) : "";
}

function textOf(root: DomNode): string {
  const out: string[] = [];
  // An explicit stack, not recursion: a page may nest elements thousands deep.
  const stack: Array<DomNode | string> = [...Array.from(root.childNodes)].reverse();
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (typeof item === "string") {
      out.push(item);
      continue;
    }
    if (item.nodeType === 3) {
      // Source line breaks inside HTML are only formatting.
      out.push((item.textContent ?? "").replace(/\s+/g, " "));
    } else if (item.nodeType === 1) {
      const tag = item.nodeName.toUpperCase();
      if (SKIP_TAGS.has(tag)) continue;
      if (tag === "BR") {
        out.push("\n");
        continue;
      }
      const block = BLOCK_TAGS.has(tag);
      if (block) out.push("\n\n");
      const after = block ? "\n\n" : tag === "TD" || tag === "TH" ? " " : "";
      if (after) stack.push(after);
      const children = Array.from(item.childNodes);
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  return normaliseParagraphs(out.join(""));
}

function normaliseParagraphs(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t\u00a0]*\n/)
    .map((p) =>
      p
        .split("\n")
        .map((line) => line.replace(/[ \t\u00a0]+/g, " ").trim())
        .filter(Boolean)
        .join("\n"),
    )
    .filter(Boolean)
    .join("\n\n");
}

/** Meta names and properties that state when an article was published, most specific first. */
const DATE_META = [
  "article:published_time",
  "og:published_time",
  "datepublished",
  "pubdate",
  "publishdate",
  "publish_date",
  "firstpublishedtime",
  "dc.date.issued",
  "dc.date",
  "date",
];

/**
 * Reads the article out of a page. Throws SourceError `no-article` when the page holds no
 * article text (a listing, an error page, a script-only shell).
 */
export function htmlToArticle(html: string, url: string): PageArticle {
  const { document } = parseHTML(html);
  const doc = document as unknown as DomDocument;
  // Read metadata first: Readability rewrites the document as it works.
  const meta = metaOf(doc);
  const timeElement = doc.querySelector("time[datetime]")?.getAttribute("datetime") ?? null;
  const pageTitle = doc.querySelector("title")?.textContent?.trim() || null;

  let parsed: ReturnType<Readability["parse"]> = null;
  // Readability's cost grows much faster than the nesting depth (1,000 nested divs took a
  // minute): a page nested deeper than any real one is read as its whole body's text instead.
  const tooDeep = doc.body !== null && depthExceeds(doc.body, MAX_DOM_DEPTH);
  try {
    parsed = tooDeep ? null : new Readability(document as unknown as ReadabilityDocument).parse();
  } catch (error) {
    throw new SourceError(
      `${url}: the page could not be read as an article (${String(error)})`,
      "no-article",
      {
        cause: error,
      },
    );
  }
  const text = tooDeep && doc.body ? textOf(doc.body) : parsed?.content ? htmlToText(parsed.content) : "";
  if (text.length < MIN_ARTICLE_CHARS) {
    throw new SourceError(
      `${url}: no article found in the page (${text.length} characters of article text; at least ${MIN_ARTICLE_CHARS} needed)`,
      "no-article",
    );
  }
  const dateText =
    DATE_META.map((name) => meta.get(name)).find(Boolean) ?? parsed?.publishedTime ?? timeElement;
  return {
    title: meta.get("og:title") || parsed?.title?.trim() || pageTitle,
    published: dateText ? isoDateOf(dateText) : null,
    siteName: meta.get("og:site_name") || parsed?.siteName?.trim() || null,
    text,
  };
}

/** Element nesting past which a page skips Readability (README "Limits"); real pages stay under 40. */
export const MAX_DOM_DEPTH = 150;

/** True when some element under `root` is nested more than `limit` deep; iterative, so any depth is safe. */
function depthExceeds(root: DomNode, limit: number): boolean {
  const stack: Array<{ node: DomNode; depth: number }> = [{ node: root, depth: 0 }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    if (item.depth > limit) return true;
    for (const child of Array.from(item.node.childNodes))
      if (child.nodeType === 1) stack.push({ node: child, depth: item.depth + 1 });
  }
  return false;
}

/** `<meta>` name/property/itemprop (lower-cased) → content; the first occurrence wins. */
function metaOf(doc: DomDocument): Map<string, string> {
  const meta = new Map<string, string>();
  for (const element of Array.from(doc.querySelectorAll("meta"))) {
    const key =
      element.getAttribute("property") ?? element.getAttribute("name") ?? element.getAttribute("itemprop");
    const content = element.getAttribute("content")?.trim();
    if (key && content && !meta.has(key.toLowerCase())) meta.set(key.toLowerCase(), content);
  }
  return meta;
}
