/**
 * The three-sector structure of an economy, written as a ratio: "the structure of the three
 * industries was 4.1:39.2:56.7". Each part is a sector's share of GDP, in percent; the ratio is
 * one figure to a reader but three facts to an analyst. Read only when the three parts add up
 * to about 100 and the words before say it is a structure or ratio, so a clock time or a score
 * is never taken for one.
 */

/** The sectors in the order a structure ratio lists them. */
export const SECTORS = ["primary", "secondary", "tertiary"] as const;
export type Sector = (typeof SECTORS)[number];

/** One sector's part of a structure ratio; offsets are sentence-relative. */
export interface StructurePart {
  sector: Sector;
  value: number;
  start: number;
  end: number;
}

const RATIO =
  /(?<![\d.:])(\d{1,2}(?:\.\d{1,2})?)\s*:\s*(\d{1,2}(?:\.\d{1,2})?)\s*:\s*(\d{1,2}(?:\.\d{1,2})?)(?![\d:])/g;
// Within the clause before the ratio.
const CUE = /\b(structure|structures|ratio|proportions?|composition)\b|三次产业|产业结构|结构/i;
const CUE_WINDOW = 120;
// Rounded parts of a whole add up to 100 give or take a rounding step each.
const SUM_TOLERANCE = 0.35;

/**
 * Every structure ratio in a sentence, as three sector parts.
 * @example structureParts("the ratio of the three industries was 2.1:40.5:57.4")
 *   → primary 2.1, secondary 40.5, tertiary 57.4
 */
export function structureParts(text: string): StructurePart[] {
  const out: StructurePart[] = [];
  for (const m of text.matchAll(RATIO)) {
    const at = m.index ?? 0;
    const values = [m[1], m[2], m[3]].map(Number);
    const sum = values.reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 100) > SUM_TOLERANCE) continue;
    const before = text.slice(Math.max(0, at - CUE_WINDOW), at);
    const clause = before.split(/[;；。]/).pop() ?? "";
    if (!CUE.test(clause)) continue;
    let cursor = at;
    SECTORS.forEach((sector, i) => {
      const literal = m[i + 1] ?? "";
      const start = text.indexOf(literal, cursor);
      const end = start + literal.length;
      cursor = end;
      out.push({ sector, value: values[i] ?? 0, start, end });
    });
  }
  return out;
}
