/**
 * Tables in article text: runs of `|`- or tab-separated lines (markdown, copied spreadsheets).
 * A table's figures take their metric from the row label (or, when the label is a region, from
 * the column header), their unit scale from headers like `(100 million yuan)` or `(亿元)`, a
 * growth variant from headers like `Growth (%)`, and their period from the header or caption.
 */
import type { Span } from "./sentences.js";

/** A table found in the article: rows of cells, each cell an exact span of the text. */
export interface Table {
  /** The line just before the table (its caption), if any. */
  caption: Span | undefined;
  /** The header cells (the first row when it carries no figures other than years). */
  header: string[];
  rows: Array<{ line: Span; cells: Span[] }>;
}

const SEPARATOR_ROW = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

/** The cells of a table line, as spans of the article; undefined when it is not a table line. */
export function cellsOf(line: Span): Span[] | undefined {
  const sep = line.text.includes("|") ? "|" : line.text.includes("\t") ? "\t" : undefined;
  if (!sep) return undefined;
  const cells: Span[] = [];
  let from = 0;
  for (const part of line.text.split(sep)) {
    const lead = part.length - part.trimStart().length;
    const text = part.trim();
    if (text !== "")
      cells.push({ start: line.start + from + lead, end: line.start + from + lead + text.length, text });
    from += part.length + 1;
  }
  return cells.length >= 2 ? cells : undefined;
}

/**
 * Indices of lines that form tables: at least two consecutive separated lines with at least
 * one digit among them (a `|` link bar in a footer has none and stays noise).
 */
export function tableLineBlocks(lines: readonly Span[]): number[][] {
  const blocks: number[][] = [];
  let run: number[] = [];
  const flush = (): void => {
    const rows = run.filter((i) => !SEPARATOR_ROW.test(lines[i]?.text ?? ""));
    if (rows.length >= 2 && rows.some((i) => /\d/.test(lines[i]?.text ?? ""))) blocks.push(run);
    run = [];
  };
  lines.forEach((line, i) => {
    if (SEPARATOR_ROW.test(line.text) && run.length > 0) run.push(i);
    else if (cellsOf(line)) run.push(i);
    else flush();
  });
  flush();
  return blocks;
}

/** Builds a table from its lines; the first row is the header when its only numbers are years. */
export function buildTable(lines: readonly Span[], caption: Span | undefined): Table {
  const rows = lines
    .filter((l) => !SEPARATOR_ROW.test(l.text))
    .map((line) => ({ line, cells: cellsOf(line) ?? [] }));
  const first = rows[0];
  // Units in brackets ("(100 million yuan)") and years are allowed in a header.
  const headerLike = first
    ? first.cells.every((c) => !/\d/.test(labelText(c.text).replace(/\b(19|20)\d\d\b|\d{4}年/g, "")))
    : false;
  return {
    caption,
    header: headerLike && first ? first.cells.map((c) => c.text) : [],
    rows: headerLike ? rows.slice(1) : rows,
  };
}

/** A unit and scale stated in a header or label: `(100 million yuan)`, `(亿元)`, `(%)`. */
export function unitHint(text: string): { unit: string; factor: number } | undefined {
  const t = text.toLowerCase();
  if (/100 million yuan|亿元|hundred million yuan/.test(t)) return { unit: "CNY", factor: 1e8 };
  if (/trillion yuan|万亿元/.test(t)) return { unit: "CNY", factor: 1e12 };
  if (/billion yuan|bn yuan/.test(t)) return { unit: "CNY", factor: 1e9 };
  if (/million yuan/.test(t)) return { unit: "CNY", factor: 1e6 };
  if (/10,000 yuan|ten thousand yuan|万元/.test(t)) return { unit: "CNY", factor: 1e4 };
  if (/\byuan\b|元|rmb/.test(t)) return { unit: "CNY", factor: 1 };
  if (/billion (us )?dollars|us\$ ?billion|billion usd/.test(t)) return { unit: "USD", factor: 1e9 };
  if (/%|percent|增长|增速|同比|growth|change|y-o-y|yoy/.test(t)) return { unit: "percent", factor: 1 };
  if (/10,000 people|万人/.test(t)) return { unit: "people", factor: 1e4 };
  return undefined;
}

/** True when a header names a change rather than a level: `Growth (%)`, `YoY`, `增长`. */
export function isGrowthHeader(text: string): boolean {
  return /growth|increase|change|y-o-y|yoy|year-on-year|±|增长|增速|同比/i.test(text);
}

/** A label without its bracketed unit: `GDP (100 million yuan)` → `GDP`. */
export function labelText(text: string): string {
  return text
    .replace(/[(（][^)）]*[)）]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}
