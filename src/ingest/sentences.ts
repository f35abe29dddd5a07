/**
 * Paragraphs, sentences and clauses of an article body. Every piece keeps its offsets into the
 * original article text, so a quote cut from a sentence is an exact span of the document.
 */

/** A span of the article text. `start`/`end` are offsets into the full article. */
export interface Span {
  start: number;
  end: number;
  text: string;
}

/** One sentence (or `;`-separated clause group) with its place in the article. */
export interface Sentence extends Span {
  paragraph: number;
}

// Words whose trailing dot does not end a sentence ("Mr. Wang", "No. 1", "U.S. dollars").
const ABBREVIATIONS = new Set([
  "mr",
  "mrs",
  "ms",
  "dr",
  "prof",
  "no",
  "nos",
  "st",
  "co",
  "ltd",
  "inc",
  "corp",
  "jan",
  "feb",
  "mar",
  "apr",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
  "vs",
  "approx",
  "etc",
  "e.g",
  "i.e",
  "u.s",
  "u.k",
  "gov",
  "dept",
]);

/**
 * Groups body lines into paragraphs. A hard-wrapped line (no closing punctuation, next line
 * starting in lower case) continues its paragraph; otherwise each non-blank line is one.
 */
export function paragraphsOf(source: string, lines: readonly Span[]): Span[] {
  const out: Span[] = [];
  // The paragraph so far as offsets, and its last line: whether the next line continues it
  // depends only on how that line ends, and slicing the text once per paragraph keeps this linear.
  let current: { start: number; end: number; last: string } | undefined;
  const close = () => {
    if (current)
      out.push({ start: current.start, end: current.end, text: source.slice(current.start, current.end) });
    current = undefined;
  };
  for (const line of lines) {
    const trimmed = line.text.trim();
    if (trimmed === "") {
      close();
      continue;
    }
    const continues =
      current !== undefined && !/[.!?。！？:;"”)]\s*$/.test(current.last) && /^\s*[a-z(]/.test(line.text);
    if (current && continues) {
      current.end = line.end;
      current.last = line.text;
    } else {
      close();
      current = { start: line.start, end: line.end, last: line.text };
    }
  }
  close();
  return out;
}

/** Trims a span's text and moves its offsets to match. */
export function trimSpan(source: string, start: number, end: number): Span | undefined {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(source[s] ?? "")) s++;
  while (e > s && /\s/.test(source[e - 1] ?? "")) e--;
  return s < e ? { start: s, end: e, text: source.slice(s, e) } : undefined;
}

function endsWithAbbreviation(source: string, from: number, dotIndex: number): boolean {
  const before = source.slice(Math.max(from, dotIndex - 6), dotIndex);
  const word = /([A-Za-z.]+)$/.exec(before)?.[1]?.toLowerCase();
  if (!word) return false;
  // Single capital letters are initials ("Xi J. Ping") or list markers.
  return ABBREVIATIONS.has(word) || /^[a-z]$/.test(word);
}

/**
 * Splits a paragraph into sentences. Ends at `. ! ?` followed by space and a likely sentence
 * start, at Chinese `。！？`, and at `;`/`；`, because list-like reports pack one figure group
 * per semicolon and a shorter quote reads better. Decimal points never split.
 * @example splitSentences(text, p) on "GDP rose 5.2%. Exports fell." gives two sentences.
 */
export function splitSentences(source: string, paragraph: Span, paragraphIndex: number): Sentence[] {
  const out: Sentence[] = [];
  let start = paragraph.start;
  const push = (end: number): void => {
    const span = trimSpan(source, start, end);
    if (span) out.push({ ...span, paragraph: paragraphIndex });
    start = end;
  };
  for (let i = paragraph.start; i < paragraph.end; i++) {
    const ch = source[i] ?? "";
    if ("。！？；".includes(ch) || ch === ";") {
      push(i + 1);
      continue;
    }
    if (ch !== "." && ch !== "!" && ch !== "?") continue;
    const next = source[i + 1] ?? "";
    if (i + 1 < paragraph.end && !/\s|["”’)]/.test(next)) continue;
    if (ch === "." && endsWithAbbreviation(source, paragraph.start, i)) continue;
    // Look past closing quotes and spaces at what follows.
    let j = i + 1;
    while (j < paragraph.end && /["”’)\s]/.test(source[j] ?? "")) j++;
    const following = source[j] ?? "";
    if (j >= paragraph.end || /[A-Z0-9"“‘◆●■•\u4e00-\u9fff]/.test(following)) push(j);
  }
  push(paragraph.end);
  return out;
}

/**
 * Clause boundaries inside a sentence (offsets relative to the sentence text): commas that
 * are not thousands separators, colons, and their Chinese forms. Returns sorted cut points
 * including 0 and the text length.
 */
export function clauseCuts(text: string): number[] {
  const cuts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? "";
    if (ch === "，" || ch === "、" || ch === "：" || ch === "—") {
      cuts.push(i + 1);
    } else if (ch === "," || ch === ":") {
      const digitBefore = /\d/.test(text[i - 1] ?? "");
      const digitsAfter = /^\d{3}(?!\d)/.test(text.slice(i + 1, i + 5));
      if (!(digitBefore && digitsAfter)) cuts.push(i + 1);
    }
  }
  cuts.push(text.length);
  return cuts;
}

/** The clause `[start, end)` (sentence-relative) that contains `offset`. */
export function clauseAt(cuts: readonly number[], offset: number): { start: number; end: number } {
  let start = 0;
  let end = cuts[cuts.length - 1] ?? 0;
  for (const cut of cuts) {
    if (cut <= offset) start = cut;
    else {
      end = cut;
      break;
    }
  }
  return { start, end };
}

/**
 * Spans of quoted text (sentence-relative): “…”, 《…》, 「…」 and paired straight double quotes.
 * Names of projects and slogans live there ("Ten Thousand Villages"), not figures.
 */
export function quotedSpans(text: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  for (const [open, close] of [
    ["“", "”"],
    ["《", "》"],
    ["「", "」"],
  ] as const) {
    let from = 0;
    for (;;) {
      const s = text.indexOf(open, from);
      if (s < 0) break;
      const e = text.indexOf(close, s + 1);
      if (e < 0) break;
      spans.push({ start: s, end: e + 1 });
      from = e + 1;
    }
  }
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '"') continue;
    if (open < 0) open = i;
    else {
      spans.push({ start: open, end: i + 1 });
      open = -1;
    }
  }
  return spans;
}

/** True when `offset` falls inside one of `spans`. */
export function insideAny(spans: ReadonlyArray<{ start: number; end: number }>, offset: number): boolean {
  return spans.some((s) => offset > s.start && offset < s.end);
}
