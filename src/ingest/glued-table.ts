/**
 * Tables flattened to text with their cells glued together, as web pages and PDF copies give
 * them: a header naming the periods ("Major Indicators2018Jan-Sep 2019"), an optional
 * "ValueGrowth" line, then one line per indicator with its unit in brackets and every cell run
 * together, footnote markers included:
 *
 *   Gross Domestic Product (RMB bn)1,234.56.71987.65.41   = 1,234.5 | 6.7¹ | 987.6 | 5.4¹
 *
 * Cells are recovered by segmenting the digits into numbers of the table's own format (the
 * same count of decimals throughout, thousands commas where the table uses them), each
 * optionally followed by one footnote digit that the table's notes define. Where a row can be
 * cut more than one way, the cut whose footnotes fall in the columns where the unambiguous rows
 * have them wins; a row that still cannot be cut one way is left out rather than guessed.
 */
import { findMetricMentions } from "./metrics.js";
import { findPeriods, resolvePeriod } from "./periods.js";

/** A figure read from a glued table row, before it gets an id and a source. */
export interface GluedFigure {
  metric: string;
  period: string | null;
  value: number;
  unit: string;
  quote: string;
  /** Offsets of the row in the article, for the prose reader to skip. */
  start: number;
  end: number;
}

interface Line {
  text: string;
  start: number;
}

interface Cell {
  value: number;
  note?: number;
}

// "Label (unit)digits": the glued tail starts right after the label or its bracketed unit.
const ROW = /^(\s*)([A-Za-z][A-Za-z &,'’/-]*?[A-Za-z)])\s*(\d?)\s*(\(([^()]*)\))?\s*(-?\d[\d,.-]*)\s*$/;
const MIN_ROWS = 3;
const HEADER_LOOKBACK = 5;

/** Scale and unit from a bracketed unit: "(RMB bn)", "(US$ bn)", "(%, y-o-y)", "(RMB)". */
function unitOf(text: string | undefined): { unit: string; factor: number } | undefined {
  if (!text) return undefined;
  const t = text.toLowerCase();
  if (/%|percent/.test(t)) return { unit: "percent", factor: 1 };
  const factor = /\b(bn|billion)\b/.test(t)
    ? 1e9
    : /\b(mn|mln|million)\b/.test(t)
      ? 1e6
      : /\b(tn|trillion)\b/.test(t)
        ? 1e12
        : 1;
  if (/us\$|usd|us dollars?/.test(t)) return { unit: "USD", factor };
  if (/hk\$|hkd/.test(t)) return { unit: "HKD", factor };
  if (/rmb|yuan|cny|¥/.test(t)) return { unit: "CNY", factor };
  return undefined;
}

/** Every way to cut `tail` into `count` numbers with `decimals` decimals, each maybe footnoted. */
function cuts(tail: string, count: number, decimals: number, maxNote: number): Cell[][] {
  const number = new RegExp(`^-?(\\d{1,3}(?:,\\d{3})+|\\d{1,3})(?:\\.\\d{${decimals}})?`);
  const out: Cell[][] = [];
  const walk = (at: number, cells: Cell[]): void => {
    if (out.length > 64) return;
    if (at === tail.length) {
      if (cells.length === count) out.push(cells);
      return;
    }
    if (cells.length >= count) return;
    const rest = tail.slice(at);
    // Every prefix that is a well-formed number of this table's format.
    const m = number.exec(rest);
    if (!m) return;
    for (let len = m[0].length; len >= 1; len--) {
      const text = rest.slice(0, len);
      if (!new RegExp(`^-?(\\d{1,3}(?:,\\d{3})+|\\d{1,3})(?:\\.\\d{${decimals}})?$`).test(text)) continue;
      if (/\.$/.test(text)) continue;
      // In a table of decimals, a whole number is written with its thousands comma ("67,503").
      if (decimals > 0 && !text.includes(".") && !text.includes(",")) continue;
      const value = Number(text.replace(/,/g, ""));
      walk(at + len, [...cells, { value }]);
      const note = Number(rest[len]);
      if (rest[len] !== undefined && /\d/.test(rest[len] ?? "") && note >= 1 && note <= maxNote)
        walk(at + len + 1, [...cells, { value, note }]);
    }
  };
  walk(0, []);
  return out;
}

/** The footnotes a table defines ("1. In real terms", "2. Jan-Jun 2019"), by number. */
function notesAfter(lines: readonly Line[], from: number): Map<number, string> {
  const notes = new Map<number, string>();
  for (const line of lines.slice(from, from + 12)) {
    const m = /^\s*(\d)\.\s+(.+)$/.exec(line.text);
    if (m) notes.set(Number(m[1]), m[2] ?? "");
  }
  return notes;
}

interface Row {
  line: Line;
  label: string;
  indent: number;
  unit: { unit: string; factor: number };
  tail: string;
}

/**
 * The figures of every glued table in `text`. `published` resolves periods written without a
 * year; `metricOf` names a row label through the metric vocabulary.
 */
export function gluedTableFigures(text: string, published: string | null): GluedFigure[] {
  let offset = 0;
  const lines: Line[] = text.split("\n").map((t) => {
    const line = { text: t, start: offset };
    offset += t.length + 1;
    return line;
  });
  const out: GluedFigure[] = [];
  let i = 0;
  while (i < lines.length) {
    // A block: consecutive row-like lines (blank or label-only lines between them allowed).
    const rows: Row[] = [];
    let j = i;
    let lastRow = -1;
    for (; j < lines.length; j++) {
      const t = lines[j]?.text ?? "";
      const m = ROW.exec(t);
      const unit = m ? unitOf(m[5]) : undefined;
      if (m && unit && /\d.*[.,].*\d|\d{2,}/.test(m[6] ?? "")) {
        rows.push({
          line: lines[j] as Line,
          label: (m[2] ?? "").trim(),
          indent: (m[1] ?? "").length,
          unit,
          tail: m[6] ?? "",
        });
        lastRow = j;
      } else if (lastRow >= 0 && j - lastRow > 1) break;
      else if (rows.length === 0) break;
    }
    if (rows.length < MIN_ROWS) {
      i = Math.max(i + 1, j);
      continue;
    }
    const first = lines.indexOf(rows[0]?.line as Line);
    const header = lines
      .slice(Math.max(0, first - HEADER_LOOKBACK), first)
      .map((l) => l.text.replace(/([A-Za-z])(\d)/g, "$1 $2").replace(/(\d)([A-Za-z])/g, "$1 $2"))
      .join(" ");
    const periods = findPeriods(header)
      .map((p) => resolvePeriod(p, published))
      .filter((p): p is string => p !== undefined);
    const withGrowth = /value\s*growth/i.test(header);
    const notes = notesAfter(lines, lastRow + 1);
    out.push(...readRows(rows, periods, withGrowth, notes, published));
    i = lastRow + 1;
  }
  return out;
}

function readRows(
  rows: readonly Row[],
  periods: readonly string[],
  withGrowth: boolean,
  notes: ReadonlyMap<number, string>,
  published: string | null,
): GluedFigure[] {
  if (periods.length === 0) return [];
  const perPeriod = withGrowth ? 2 : 1;
  const maxNote = Math.max(0, ...notes.keys());
  // Columns that carry footnotes in rows that can be cut only one way.
  const candidates = rows.map((row) => {
    for (const count of [periods.length * perPeriod, periods.length, perPeriod]) {
      const found = [...cuts(row.tail, count, 1, maxNote), ...cuts(row.tail, count, 0, 0)];
      if (found.length > 0) return found;
    }
    return [];
  });
  const noteColumns = new Map<number, number>();
  for (const list of candidates)
    if (list.length === 1)
      list[0]?.forEach((c, k) => {
        if (c.note !== undefined) noteColumns.set(k, (noteColumns.get(k) ?? 0) + 1);
      });
  const agreement = (cells: Cell[]) =>
    cells.reduce((s, c, k) => s + ((c.note !== undefined) === (noteColumns.get(k) ?? 0) > 0 ? 1 : 0), 0);

  // A value column holds like magnitudes across periods (an annual total and a nine-month one),
  // so a cut that makes one of them ten times the other is the wrong cut.
  const spread = (cells: Cell[]): number => {
    const values =
      withGrowth && cells.length === periods.length * 2 ? cells.filter((_, k) => k % 2 === 0) : cells;
    let sum = 0;
    for (let k = 1; k < values.length; k++) {
      const a = Math.abs(values[k - 1]?.value ?? 0);
      const b = Math.abs(values[k]?.value ?? 0);
      if (a > 0 && b > 0) sum += Math.abs(Math.log(b / a));
    }
    return sum;
  };
  const score = (cells: Cell[]) => agreement(cells) - 2 * spread(cells);

  const out: GluedFigure[] = [];
  let parent: string | undefined;
  rows.forEach((row, r) => {
    const list = candidates[r] ?? [];
    const best = [...list].sort((a, b) => score(b) - score(a));
    const chosen = best[0];
    if (!chosen || (best[1] && Math.abs(score(best[1]) - score(chosen)) < 0.1)) return;
    const label = row.label.replace(/\d+$/, "").trim();
    const named = findMetricMentions(label.toLowerCase())[0]?.metric;
    // "By foreign-invested enterprises" under "Exports": a part of the row above.
    const sub =
      /^by\s+/i.test(label) && row.indent > 0 && parent
        ? `${label.replace(/^by\s+/i, "").toLowerCase()} ${parent}`
        : undefined;
    const metric = sub ?? named ?? label.toLowerCase();
    if (!sub) parent = named ?? label.toLowerCase();
    const percentRow = row.unit.unit === "percent";
    chosen.forEach((cell, k) => {
      // A percent row has one value per period; other rows a value and its growth per period.
      const [a, b] = chosen;
      const pairs =
        !percentRow &&
        withGrowth &&
        (chosen.length === periods.length * 2 ||
          (chosen.length === 2 &&
            a !== undefined &&
            b !== undefined &&
            Math.abs(b.value) < Math.abs(a.value) / 50));
      const periodIndex = pairs ? Math.floor(k / 2) : k;
      const growth = pairs && k % 2 === 1;
      // A note that names a period ("2. Jan-Jun 2019") dates its cell and the cell paired with it.
      const pairNote = pairs ? (chosen[k - (k % 2)]?.note ?? chosen[k - (k % 2) + 1]?.note) : cell.note;
      const notePeriod = pairNote !== undefined ? findPeriods(notes.get(pairNote) ?? "")[0] : undefined;
      const period =
        (notePeriod ? resolvePeriod(notePeriod, published) : undefined) ?? periods[periodIndex] ?? null;
      out.push({
        metric: growth ? `${metric} growth` : metric,
        period,
        value:
          growth || percentRow
            ? cell.value
            : Number.parseFloat((cell.value * row.unit.factor).toPrecision(12)),
        unit: growth ? "percent" : row.unit.unit,
        quote: row.line.text.trim(),
        start: row.line.start,
        end: row.line.start + row.line.text.length,
      });
    });
  });
  return out;
}
