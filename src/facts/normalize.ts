/**
 * Text folding shared by query parsing and the search index, so a question and a stored fact
 * are compared in one form: lower-case, full-width folded to ASCII, tone marks removed, English
 * possessives dropped, punctuation turned into spaces, Chinese kept (and set apart from
 * Latin letters and digits so `肇庆2023年GDP` becomes separate tokens). Also a bounded edit
 * distance for typo matching over small candidate sets.
 */

/** Han ideographs (CJK Unified, Extension A, Compatibility). */
const HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff";
const HAN_RUN = new RegExp(`[${HAN}]+`, "g");
const HAN_CHAR = new RegExp(`[${HAN}]`);
// Anything that is not a letter, digit, Han character or space becomes a space. `\p{L}` keeps
// accented letters for the tone-mark step, which runs first anyway.
const NOT_WORD = new RegExp(`[^\\p{L}\\p{N}${HAN}\\s]+`, "gu");
const COMBINING_MARKS = /\p{M}+/gu;
// "Zhaoqing's" → "zhaoqing": the possessive never carries meaning in a query.
const POSSESSIVE = /(\p{L})['’]s\b/gu;

/**
 * Folds text for comparison.
 * @example foldText("Zhàoqìng’s ＧＤＰ, 2023年!") === "zhaoqing gdp 2023 年"
 */
export function foldText(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .normalize("NFD")
    .replace(COMBINING_MARKS, "")
    .normalize("NFC")
    .replace(POSSESSIVE, "$1")
    .replace(NOT_WORD, " ")
    .replace(HAN_RUN, (run) => ` ${run} `)
    .replace(/\s+/g, " ")
    .trim();
}

/** The folded text split into tokens (Chinese runs stay whole). */
export function foldTokens(text: string): string[] {
  const folded = foldText(text);
  return folded === "" ? [] : folded.split(" ");
}

/** True when the token contains a Han character. */
export function isHan(token: string): boolean {
  return HAN_CHAR.test(token);
}

/**
 * Optimal-string-alignment edit distance (insert, delete, substitute, swap two neighbours),
 * giving up early: returns `max + 1` as soon as the distance must exceed `max`. Typo matching
 * only ever asks "within 1 or 2?", so the early exit keeps it cheap.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  // Three reusable rows: typo matching calls this thousands of times a query.
  if (rows[0].length < n + 1) rows = [new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1)];
  let [prevPrev, prev, curr] = rows;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    curr[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      let value = Math.min(prev[j]! + 1, curr[j - 1]! + 1, prev[j - 1]! + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        value = Math.min(value, prevPrev[j - 2]! + 1);
      }
      curr[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [prevPrev, prev, curr] = [prev, curr, prevPrev];
  }
  return Math.min(prev[n]!, max + 1);
}

let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** How many typos a word of this length may carry and still count as that word. */
export function typoAllowance(length: number): number {
  if (length <= 3) return 0;
  if (length <= 6) return 1;
  return 2;
}
