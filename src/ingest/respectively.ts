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
    if (PREDICATE.test(clean) || /\d/.test(clean)) break;
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
