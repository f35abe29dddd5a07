/**
 * "respectively" lists: "the output of A, B and C increased by 12.1 percent, 8.7 percent and
 * 5.3 percent respectively" pairs each figure with its own item, in order. Without this every
 * figure in the list would be filed under the one subject the sentence names (a city's GDP for
 * four cities' industrial growth).
 *
 * Only lists whose item count equals the figure run's length are paired; anything else is left
 * alone, because a wrong pairing is worse than none.
 */
import type { Figure } from "./figures.js";

/** One figure's own item from the list, and the words the list shares ("the output of"). */
export interface ListItem {
  item: string;
  /** The noun the items share, written before the list ("the output of …") or undefined. */
  head?: string;
  /** What the list's figures are, when the words before it say: " growth" for "grew: A (x%)…". */
  variant?: string;
}

const RESPECTIVELY = /\brespective(ly)?\b/i;
// What may stand between two figures of one run: separators, the unit repeated, hedges.
const RUN_GAP = /^\s*(%|percent|per cent|yuan|billion yuan|trillion yuan)?\s*(,|and|, and|&|;)\s*$/i;
// Words that end the last item and start the predicate.
const PREDICATE =
  /^(increased|increase|increases|grew|grow|rose|rise|fell|declined|decreased|dropped|dipped|were|was|are|is|had|have|has|saw|see|recorded|registered|reached|totaled|totalled|accounted|surged|jumped|went|up|down|by|with|respectively|expanded|climbed|posted|achieved|realized|amounted|stood|reported|showed|at|of|in|to|from|year-on-year|and)$/i;
// Words before the first item that introduce the list.
const LIST_LEAD =
  /^(of|like|including|such as|namely|were|are|was|is|as|in|for|from|between|among|with|the|by|respectively|that|which|where|whose)$/i;
const MAX_ITEM_WORDS = 7;

/** Runs of figures of one unit joined only by separators, each at least two long. */
function figureRuns(text: string, figures: readonly Figure[]): number[][] {
  const runs: number[][] = [];
  let current: number[] = [];
  figures.forEach((f, i) => {
    const prev = current.length > 0 ? figures[current[current.length - 1] ?? 0] : undefined;
    if (prev && prev.unit === f.unit && RUN_GAP.test(text.slice(prev.end, f.start))) current.push(i);
    else {
      if (current.length >= 2) runs.push(current);
      current = [i];
    }
  });
  if (current.length >= 2) runs.push(current);
  return runs;
}

function words(text: string): string[] {
  return text
    .trim()
    .split(/\s+/)
    .filter((w) => w !== "");
}

/**
 * The list of `n` items ending just before `end` in `text`, or undefined when no such list is
 * written there: "A, B, and C" or "A and B", each item a short phrase without digits.
 */
function itemsBefore(text: string, end: number, n: number): ListItem[] | undefined {
  const pre = text.slice(0, end);
  const andAt = [...pre.matchAll(/\s(and|&)\s/gi)].pop();
  if (!andAt) return undefined;
  // The last item: after "and", up to the predicate.
  const lastWords: string[] = [];
  for (const w of words(pre.slice(andAt.index + andAt[0].length))) {
    const clean = w.replace(/[,;:]+$/, "");
    // "steadily increased", "rapidly grew": an adverb opens the predicate.
    if (PREDICATE.test(clean) || /\d/.test(clean) || /^[a-z]{3,}ly$/i.test(clean)) break;
    lastWords.push(clean);
    if (/[,;:]$/.test(w)) break;
  }
  if (lastWords.length === 0 || lastWords.length > MAX_ITEM_WORDS) return undefined;
  // The others: comma-separated, before "and".
  const before = pre.slice(0, andAt.index).replace(/,\s*$/, "");
  const pieces = n === 2 ? [before.split(/[,;:]/).pop() ?? ""] : before.split(",").slice(-(n - 1));
  if (pieces.length !== n - 1) return undefined;
  // The first piece carries the words that lead into the list ("the output of A").
  const firstWords = words(pieces[0] ?? "");
  let lead = firstWords.length;
  while (lead > 0 && !LIST_LEAD.test(firstWords[lead - 1] ?? "")) lead--;
  const headWords = firstWords.slice(0, lead);
  const ofAt = headWords.map((w) => w.toLowerCase()).lastIndexOf("of");
  const head =
    ofAt > 0
      ? headWords
          .slice(0, ofAt)
          .filter((w) => !/^(the|its|their)$/i.test(w))
          .slice(-3)
          .join(" ")
          .toLowerCase()
      : undefined;
  pieces[0] = firstWords.slice(lead).join(" ");
  const items = [...pieces.map((p) => p.trim()), lastWords.join(" ")];
  if (items.some((i) => i === "" || /\d/.test(i) || words(i).length > MAX_ITEM_WORDS)) return undefined;
  return items.map((item) => ({ item: item.replace(/^(the|and)\s+/i, ""), ...(head ? { head } : {}) }));
}

/**
 * Pairs the figures of a "respectively" sentence with their list items, in order.
 * @example pairRespectively("A and B grew 5% and 6% respectively", figures) maps figure 0 → A, 1 → B
 */
export function pairRespectively(text: string, figures: readonly Figure[]): Map<number, ListItem> {
  const out = new Map<number, ListItem>();
  // Without "respectively", only the plainest case pairs: "A and B increased by x% and y%",
  // two items and two figures joined by "and".
  const explicit = RESPECTIVELY.test(text);
  const runs = figureRuns(text, figures).filter(
    (run) =>
      explicit ||
      (run.length === 2 &&
        /^\s*(%|percent|per cent)?\s*and\s*$/i.test(
          text.slice(figures[run[0] ?? 0]?.end ?? 0, figures[run[1] ?? 0]?.start ?? 0),
        )),
  );
  for (const run of runs) {
    const first = figures[run[0] ?? 0];
    if (!first) continue;
    // A second run over the same list ("grew 6.1% and 5.2% to 88.4 and 72.9 billion")
    // pairs with the items the first run found.
    const items = itemsBefore(text, first.start, run.length);
    const reuse =
      !items && out.size > 0 && out.size === run.length ? [...out.values()].slice(0, run.length) : undefined;
    const list = items ?? reuse;
    if (!list) continue;
    run.forEach((figureIndex, k) => {
      const item = list[k];
      if (item) out.set(figureIndex, item);
    });
  }
  return out;
}

// Words that introduce a parenthesised list and belong to no item.
const PAREN_LEAD =
  /^(?:.*?\b(?:for instance|for example|such as|including|namely|like|e\.g\.|i\.e\.|with|among them|of which)\b[,:]?\s*)/i;
const PAREN_OPEN = /\(\s*$/;
const RISE =
  /\b(grow|grew|grown|growth|increase[ds]?|rose|rise|rising|expand(ed|ing)?|surged?|jumped|climbed|up)\b/i;
const FALL =
  /\b(fell|fall|falling|declined?|declining|decrease[ds]?|dropped|down|shrank|contracted|dipped)\b/i;
const SHARE = /\b(share|proportion|accounted|accounting|percentage of)\b/i;
const PAREN_CLOSE = /^\s*\)/;
// Between one item's ")" and the next item: a separator, then the next item's words.
const PAREN_SEPARATOR = /^\s*\)\s*(?:,\s*(?:and\s+)?|;\s*|\s+and\s+)/i;

// The first item starts after the last preposition: "grew fastest in Zhuhai (…)" → Zhuhai.
const FIRST_ITEM_LEAD = /^.*\b(?:in|with|among|at|from|to|by)\s+(?=\S)/i;

/** The item written just before a figure in parentheses, from the last separator to "(". */
function itemBeforeParen(text: string, from: number, open: number, first: boolean): string | undefined {
  const span = text.slice(from, open);
  const lead = (span.split(/[,;:]/).pop() ?? "").replace(PAREN_LEAD, "");
  const piece = first ? lead.replace(FIRST_ITEM_LEAD, "") : lead;
  const item = piece
    .replace(/\(\s*$/, "")
    .replace(/^\s*(and|the)\s+/i, "")
    .replace(/^the\s+/i, "")
    .trim();
  if (item === "" || /\d/.test(item) || !/[a-z]{2,}/i.test(item) || words(item).length > MAX_ITEM_WORDS)
    return undefined;
  return item;
}

/**
 * Pairs figures written in parentheses after their own items: "furniture (12.0%), toys (8.1%)
 * and shoes (5.5%)", "trade with Japan (6.1 percent) and the EU (4.2 percent)". Each figure
 * measures the item before it, not the sentence's subject. Only runs of two or more figures of
 * one unit, each closed by ")" and joined by separators, are paired.
 * @example pairParenthesized("toys (8.1%) and shoes (5.5%) grew", figures) maps 0 → toys, 1 → shoes
 */
export function pairParenthesized(text: string, figures: readonly Figure[]): Map<number, ListItem> {
  const out = new Map<number, ListItem>();
  const inParens = (f: Figure): boolean =>
    PAREN_OPEN.test(text.slice(Math.max(0, f.start - 3), f.start)) && PAREN_CLOSE.test(text.slice(f.end));
  let run: Array<{ index: number; item: string }> = [];
  const flush = (): void => {
    const first = run[0] ? figures[run[0].index] : undefined;
    if (run.length >= 2 && first) {
      const lead = text.slice(0, first.start);
      // "fell: A (3%), B (2%)" would need each figure's sign; such a list is left unpaired.
      if (!FALL.test(lead)) {
        const variant =
          first.unit === "percent" && RISE.test(lead) && !SHARE.test(lead) ? " growth" : undefined;
        for (const { index, item } of run) out.set(index, { item, ...(variant ? { variant } : {}) });
      }
    }
    run = [];
  };
  figures.forEach((f, i) => {
    if (!inParens(f)) {
      flush();
      return;
    }
    const open = text.lastIndexOf("(", f.start);
    const last = run[run.length - 1];
    const prev = last ? figures[last.index] : undefined;
    if (prev && prev.unit === f.unit) {
      const between = text.slice(prev.end, open);
      const item = PAREN_SEPARATOR.test(between)
        ? itemBeforeParen(text, prev.end + 1, open, false)
        : undefined;
      if (item) {
        run.push({ index: i, item });
        return;
      }
    }
    flush();
    const start = prev ? prev.end + 1 : 0;
    const item = itemBeforeParen(text, start, open, true);
    if (item) run.push({ index: i, item });
  });
  flush();
  return out;
}
