/**
 * Bounds on what extraction reads from one document, so that its cost grows linearly with the
 * input whatever the input is. Real articles sit far inside them (the longest sentence in the
 * corpus and the bundled articles is 750 characters, the most sentences in one article 61); a
 * document past one is still read, up to the bound, and says so in a warning.
 */
import { type Sentence, trimSpan } from "./sentences.js";

/** The documented limits (README "Limits"). */
export const LIMITS = {
  /** Characters of one document read; the rest is ignored (cut at the last line break before it). */
  documentChars: 2_000_000,
  /** A sentence longer than this (no sentence end in sight) is cut into pieces of at most this. */
  sentenceChars: 2_000,
  /** Sentences read from one document; the ones after are ignored. */
  sentences: 3_000,
  /** Characters of a citation's quote: the figure's clause, cut to a window around the number. */
  quoteChars: 400,
} as const;

/** How far back from a cut a word boundary is looked for, so a number is not split in two. */
const BOUNDARY_LOOKBACK = 200;

const count = (n: number): string => n.toLocaleString("en-US");

/** The part of `text` extraction reads, and a warning when that is not all of it. */
export function limitDocument(text: string): { text: string; warnings: string[] } {
  if (text.length <= LIMITS.documentChars) return { text, warnings: [] };
  const lastBreak = text.lastIndexOf("\n", LIMITS.documentChars);
  const end = lastBreak > LIMITS.documentChars / 2 ? lastBreak : LIMITS.documentChars;
  return {
    text: text.slice(0, end),
    warnings: [
      `document too long: only its first ${count(end)} of ${count(text.length)} characters were read (limit ${count(LIMITS.documentChars)})`,
    ],
  };
}

/** Where to cut `[start, start + max)` of `source`: just after the last space before the limit. */
function cutPoint(source: string, start: number, max: number): number {
  const hard = start + max;
  for (let i = hard; i > hard - BOUNDARY_LOOKBACK && i > start; i--) {
    if (/\s/.test(source[i - 1] ?? "")) return i;
  }
  return hard;
}

/**
 * Sentences as extraction reads them: any longer than {@link LIMITS.sentenceChars} cut into
 * pieces at word boundaries, and no more than {@link LIMITS.sentences}. Offsets stay offsets
 * into `source`, so every piece is still an exact span of the document.
 */
export function limitSentences(
  source: string,
  sentences: readonly Sentence[],
): { sentences: Sentence[]; warnings: string[] } {
  const out: Sentence[] = [];
  let cutSentences = 0;
  let total = 0;
  for (const s of sentences) {
    if (s.text.length <= LIMITS.sentenceChars) {
      total += 1;
      if (out.length < LIMITS.sentences) out.push(s);
      continue;
    }
    cutSentences += 1;
    let start = s.start;
    while (start < s.end) {
      // Past the sentence limit only the count matters.
      if (out.length >= LIMITS.sentences) {
        total += Math.ceil((s.end - start) / LIMITS.sentenceChars);
        break;
      }
      const end =
        s.end - start <= LIMITS.sentenceChars ? s.end : cutPoint(source, start, LIMITS.sentenceChars);
      const piece = trimSpan(source, start, end);
      total += 1;
      if (piece) out.push({ ...piece, paragraph: s.paragraph });
      start = end;
    }
  }
  const warnings: string[] = [];
  if (cutSentences > 0)
    warnings.push(
      `${count(cutSentences)} over-long sentence${cutSentences === 1 ? " was" : "s were"} cut into pieces of at most ${count(LIMITS.sentenceChars)} characters (no sentence end found); figures near a cut may miss their context`,
    );
  if (total > LIMITS.sentences)
    warnings.push(
      `too many sentences: only the first ${count(LIMITS.sentences)} of ${count(total)} were read`,
    );
  return { sentences: out, warnings };
}

/**
 * A quote of at most {@link LIMITS.quoteChars} characters from `text[start, end)` that keeps
 * the figure `[figureStart, figureEnd)` (offsets into `text`), centred on it, with an ellipsis
 * where it was cut. Short spans come back as they are, trimmed.
 */
export function quoteWindow(
  text: string,
  start: number,
  end: number,
  figureStart: number,
  figureEnd: number,
): string {
  if (end - start <= LIMITS.quoteChars) return text.slice(start, end).trim();
  const room = Math.max(0, LIMITS.quoteChars - (figureEnd - figureStart));
  let from = Math.max(start, figureStart - Math.floor(room / 2));
  const to = Math.min(end, from + LIMITS.quoteChars);
  from = Math.max(start, to - LIMITS.quoteChars);
  // Move inward to word boundaries so the quote opens and closes on whole words.
  let a = from;
  if (a > start) {
    const space = text.indexOf(" ", a);
    if (space >= 0 && space < figureStart) a = space + 1;
  }
  let b = to;
  if (b < end) {
    const space = text.lastIndexOf(" ", b);
    if (space > figureEnd) b = space;
  }
  return `${a > start ? "…" : ""}${text.slice(a, b).trim()}${b < end ? "…" : ""}`;
}
