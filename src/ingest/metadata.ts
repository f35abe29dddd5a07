/**
 * Article metadata and layout: title, URL, publisher and publication date from the header
 * styles articles arrive in (` date 2024-03-31`, `Title:`/`Date:`/`URL:` blocks, `BY :`/
 * `UPDATED :` stamps, bylines such as `Hangzhou Net Release time: 2023-01-31 11:07`, PR-wire
 * datelines `GUANGDONG, China, March 8, 2024 /PRNewswire/ —`, a lone `Friday, February 2, 2024`),
 * and the body lines left once header, navigation and footer are set aside. What the first body
 * lines say about publisher and date (a dateline, an "Updated:" stamp) is kept apart, as
 * inferred: it is shown with the source but never dates a figure's period.
 */
import { createHash } from "node:crypto";
import { yearFromUrl } from "./article-year.js";
import { isFooterStart, isNoiseLine, isUnitLine } from "./noise.js";
import type { Span } from "./sentences.js";
import { buildTable, type Table, tableLineBlocks } from "./tables.js";

/** What the header says about the document; null where it says nothing. */
export interface ArticleMeta {
  title: string | null;
  url: string | null;
  publisher: string | null;
  /** ISO date `YYYY-MM-DD`. */
  published: string | null;
}

/** Publisher and date the first body lines imply (datelines, stamps); null where they say nothing. */
export interface TextualMeta {
  publisher: string | null;
  /** ISO date `YYYY-MM-DD`. */
  published: string | null;
}

/** The header read and the body lines (offsets into the article text). */
export interface ArticleLayout {
  meta: ArticleMeta;
  /** Read from the body, not the header: an inference, never a publication date for periods. */
  fromText: TextualMeta;
  bodyLines: Span[];
  /** Tables found in the body; their lines are not in `bodyLines`. */
  tables: Table[];
}

/** sha256 of the document text, hex: the document's identity for de-duplication. */
export function contentHash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const MONTH_RE =
  "(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?";
const WEEKDAY = "(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\\s+)?";

function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1900 || year > 2100) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function monthNumber(name: string): number {
  return MONTHS[name.slice(0, 3).toLowerCase()] ?? 0;
}

/**
 * The first calendar date in `text` as ISO, from `2024-03-31`, `2024/03/31`, `March 8, 2024`,
 * `8 March 2024` or `2024年3月8日`.
 * @example parseDate("Friday, February 2, 2024") === "2024-02-02"
 */
export function parseDate(text: string): string | null {
  const iso = /\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b/.exec(text);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const mdy = new RegExp(`\\b${MONTH_RE}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, "i").exec(text);
  if (mdy) return isoDate(Number(mdy[3]), monthNumber(mdy[1] ?? ""), Number(mdy[2]));
  const dmy = new RegExp(`\\b(\\d{1,2})\\s+${MONTH_RE}\\s+(\\d{4})\\b`, "i").exec(text);
  if (dmy) return isoDate(Number(dmy[3]), monthNumber(dmy[2] ?? ""), Number(dmy[1]));
  const zh = /(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(text);
  if (zh) return isoDate(Number(zh[1]), Number(zh[2]), Number(zh[3]));
  return null;
}

const DATE_ONLY_LINE = new RegExp(
  `^${WEEKDAY}(${MONTH_RE}\\s+\\d{1,2},?\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2})$`,
  "i",
);
const DATELINE = new RegExp(
  `^([A-Z][A-Za-z .'-]{1,40},\\s*(?:[A-Za-z .]{2,30},\\s*)?)(${MONTH_RE}\\s+\\d{1,2},?\\s+\\d{4})\\s*(?:/([^/]{2,40})/)?\\s*[—–-]+\\s*`,
);
const BYLINE =
  /^(.{2,60}?)\s+(?:(?:release time|published|posted|updated)\s*[:：]\s*)?(\d{4}-\d{1,2}-\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s+.*)?$/i;

function publisherName(raw: string): string | null {
  // "chinadaily.com.cn |" before a stamp: the separator is not part of the name.
  const name = (raw.split(/\s+\|\s+/)[0] ?? "")
    .trim()
    .replace(/\s+/g, " ")
    .replace(/^[|·•/–—-]+\s*|\s*[|·•/–—-]+$/g, "");
  // "Source: unknown" is a scraper's placeholder, not a publisher.
  if (name === "" || name.length > 60 || /^(none|unknown|n\/a)$/i.test(name)) return null;
  return /^prnewswire$/i.test(name) ? "PR Newswire" : name;
}

/**
 * A date implied by a link's path (`/2024/02/01/`, `/2024-02/01/`, `/content/202501/16/`,
 * `/t20240201_5.html`), never its host; null when the path names no whole date.
 * @example dateFromUrl("https://example.org/news/2024-02/01/c_1.htm") === "2024-02-01"
 */
export function dateFromUrl(url: string): string | null {
  const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, "");
  const m = /(?<!\d)(20\d{2})[-/_]?(0[1-9]|1[0-2])[-/_]?(0[1-9]|[12]\d|3[01])(?!\d)/.exec(path);
  return m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

// How many body lines, from the first, may hold a dateline or stamp.
const DATELINE_LINES = 3;
// Wire datelines: "GUANGZHOU, Feb. 1 (Xinhua) --", "BEIJING (Reuters) -", "(Agency) Feb. 1 --".
// The year is often left out; the agency in brackets is the publisher.
const DATELINE_DATE = `(?:${MONTH_RE}\\s+(\\d{1,2})(?:,?\\s+(\\d{4}))?\\s*)?`;
const AGENCY = "\\(([A-Z][A-Za-z .&'-]{1,30})\\)";
const CITY_AGENCY_DATELINE = new RegExp(
  `^[A-Z][A-Za-z .'-]{1,40},?\\s*${DATELINE_DATE}${AGENCY}\\s*(?:--|[—–-])`,
);
const AGENCY_FIRST_DATELINE = new RegExp(`^${AGENCY}\\s*${DATELINE_DATE}(?:--|[—–-])`);
// "Updated: 2024-02-01 09:30" inside a longer line ("By Li Na | Updated: …").
const STAMP = /\b(?:updated|published|posted|released|release time|发布时间)\s*[:：]\s*(.{6,40})/i;
const OPENING_DATE = new RegExp(
  `^${WEEKDAY}(?:${MONTH_RE}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{1,2}\\s+${MONTH_RE}\\s+\\d{4}|\\d{4}-\\d{1,2}-\\d{1,2})\\b`,
  "i",
);

/** Reads a dateline or stamp in one of the first body lines into `found`; the year-less dateline takes the link's. */
function readTextualLine(line: string, found: TextualMeta, url: string | null): void {
  const cityFirst = CITY_AGENCY_DATELINE.exec(line);
  const agencyFirst = cityFirst ? null : AGENCY_FIRST_DATELINE.exec(line);
  if (cityFirst || agencyFirst) {
    // Groups: month, day, year, agency (city first) or agency, month, day, year.
    const [month, day, year, agency] = cityFirst
      ? cityFirst.slice(1, 5)
      : [agencyFirst?.[2], agencyFirst?.[3], agencyFirst?.[4], agencyFirst?.[1]];
    found.publisher ??= publisherName(agency ?? "");
    const y = year ? Number(year) : yearFromUrl(url);
    if (month && day && y) found.published ??= isoDate(y, monthNumber(month), Number(day));
    return;
  }
  const stamp = STAMP.exec(line);
  if (stamp) {
    found.published ??= parseDate(stamp[1] ?? "");
    return;
  }
  const opening = OPENING_DATE.exec(line);
  if (opening) found.published ??= parseDate(opening[0]);
}

type HeaderRule = [RegExp, (m: RegExpExecArray, meta: ArticleMeta) => void];

// One rule per header style; the first that matches a line consumes it.
const HEADER_RULES: HeaderRule[] = [
  [
    /^date\s+(\d{4}-\d{1,2}-\d{1,2})\s*(.*)$/i,
    (m, meta) => {
      meta.published ??= parseDate(m[1] ?? "");
      if (m[2] && !meta.title) meta.title = m[2].trim();
    },
  ],
  [
    /^(?:title|标题)\s*[:：]\s*(.+)$/i,
    (m, meta) => {
      // "Title: unknown" is a scraper's placeholder, not a headline.
      const title = m[1]?.trim() ?? "";
      if (!/^(unknown|none|n\/a|untitled)$/i.test(title)) meta.title ??= title;
    },
  ],
  [
    /^(?:url|链接|网址)\s*[:：]\s*(\S+)/i,
    (m, meta) => {
      meta.url ??= m[1] ?? null;
    },
  ],
  [
    /^(date|published|publish(?:ed)? (?:date|time)|release time|released|updated|posted|time|发布时间|发布日期|日期|时间)\s*[:：]\s*(.*)$/i,
    (m, meta) => {
      meta.published ??= parseDate(m[2] ?? "");
    },
  ],
  [
    /^(by|source|publisher|from|来源|作者)\s*[:：]\s*(.+)$/i,
    (m, meta) => {
      meta.publisher ??= publisherName(m[2] ?? "");
    },
  ],
  [
    DATE_ONLY_LINE,
    (m, meta) => {
      meta.published ??= parseDate(m[0]);
    },
  ],
];

/** Reads a header line into `meta`; true when the line was header, not body. */
function readHeaderLine(line: string, meta: ArticleMeta): boolean {
  for (const [re, apply] of HEADER_RULES) {
    const m = re.exec(line);
    if (m) {
      apply(m, meta);
      return true;
    }
  }
  const byline = line.length < 120 && !/[.!?。]$/.test(line) ? BYLINE.exec(line) : null;
  if (!byline) return false;
  meta.published ??= parseDate(byline[2] ?? "");
  meta.publisher ??= publisherName(byline[1] ?? "");
  return true;
}

type Line = { index: number; span: Span };

/**
 * A table's caption: the body line just above it, stretched over a unit line between them
 * ("GDP, 2024" then "(100 million yuan)"), or the unit line alone. Always an exact span.
 */
function captionOf(
  text: string,
  tableAt: number,
  body: Line | undefined,
  unit: Line | undefined,
): Span | undefined {
  const near = (l: Line | undefined, gap: number) => l !== undefined && tableAt - l.index <= gap;
  const nearUnit = near(unit, 2) ? unit : undefined;
  const nearBody = near(body, nearUnit ? 4 : 2) ? body : undefined;
  if (nearBody && nearUnit && nearBody.index < nearUnit.index) {
    const start = nearBody.span.start;
    const end = nearUnit.span.end;
    return { start, end, text: text.slice(start, end) };
  }
  return nearBody?.span ?? nearUnit?.span;
}

/**
 * Reads the header fields and sets aside navigation, contact blocks and the footer. Lines
 * that are not metadata and not noise are the body, in order, each a span of `text`.
 */
export function parseLayout(text: string): ArticleLayout {
  const meta: ArticleMeta = { title: null, url: null, publisher: null, published: null };
  const fromText: TextualMeta = { publisher: null, published: null };
  let bodyLineCount = 0;
  const bodyLines: Span[] = [];
  const tables: Table[] = [];
  let offset = 0;
  const lines: Span[] = text.split("\n").map((raw) => {
    const line = { start: offset, end: offset + raw.length, text: raw };
    offset += raw.length + 1;
    return line;
  });
  const tableAt = new Map<number, number[]>();
  for (const block of tableLineBlocks(lines)) for (const i of block) tableAt.set(i, block);
  let footer = false;
  let seenBody = false;
  let lastBody: { index: number; span: Span } | undefined;
  let lastUnit: { index: number; span: Span } | undefined;
  for (const [index, { start: lineStart, text: raw }] of lines.entries()) {
    const block = tableAt.get(index);
    if (block && !footer) {
      if (block[0] === index) {
        const caption = captionOf(text, index, lastBody, lastUnit);
        tables.push(
          buildTable(
            block.map((i) => lines[i]).filter((l) => l !== undefined),
            caption,
          ),
        );
      }
      continue;
    }
    const lead = raw.length - raw.trimStart().length;
    const t = raw.trim();
    if (footer || t === "") {
      if (!footer) bodyLines.push({ start: lineStart, end: lineStart, text: "" });
      continue;
    }
    if (isFooterStart(t)) {
      footer = true;
      continue;
    }
    if (readHeaderLine(t, meta)) continue;
    let contentStart = lineStart + lead;
    const dateline = DATELINE.exec(t);
    if (dateline) {
      fromText.published ??= parseDate(dateline[2] ?? "");
      if (dateline[4]) meta.publisher ??= publisherName(dateline[4]);
      contentStart += dateline[0].length;
    }
    // Navigation and the headline come before the body too: a stamp there counts as well.
    if (bodyLineCount < DATELINE_LINES) readTextualLine(t, fromText, meta.url);
    // "(100 million yuan)" above a table scales its cells; read as prose it would be a figure.
    if (isUnitLine(t)) {
      const span = { start: lineStart + lead, end: lineStart + lead + t.length, text: t };
      lastUnit = { index, span };
      continue;
    }
    if (isNoiseLine(t)) continue;
    // A short first line with no closing full stop, before any body text, is the headline.
    if (!seenBody && !dateline && !meta.title && t.length <= 200 && !/[.。]$/.test(t)) {
      meta.title = t;
      continue;
    }
    seenBody = true;
    bodyLineCount += 1;
    const end = lineStart + raw.trimEnd().length;
    if (contentStart < end) {
      const span = { start: contentStart, end, text: text.slice(contentStart, end) };
      bodyLines.push(span);
      lastBody = { index, span };
    }
  }
  return { meta, fromText, bodyLines, tables };
}
