/**
 * The one period model: what a period label means, its one canonical spelling, its order in
 * time, its kind and how it reads. Extraction builds labels with it, query parsing and search
 * put labels in canonical form with it, merging compares canonical labels, and cards and trend
 * print and sort with it, so "January to December 2023" and "2023" are one period everywhere.
 *
 * Labels: `2023`, `2024-Q1`, `2024-H1`, `2024-03`, `2024-01-to-09` (see `PeriodSchema`).
 */

/** The months a period covers, inclusive, within one year. */
export interface PeriodSpan {
  year: number;
  from: number;
  to: number;
}

/** What sort of span a period is, for keeping a series to one kind. */
export type PeriodKind = "year" | "half" | "quarter" | "month" | "year-to-date" | "months";

const pad = (n: number): string => String(n).padStart(2, "0");

/**
 * The canonical label of a year and an optional month span: whole years, halves and quarters
 * get their own names, so every spelling of one span meets.
 * @example periodLabel(2024, 1, 3) === "2024-Q1"
 * @example periodLabel(2023, 1, 12) === "2023"
 */
export function periodLabel(year: number, from = 1, to = 12): string {
  if (from === 1 && to === 12) return String(year);
  if (from === to) return `${year}-${pad(from)}`;
  if (to - from === 2 && from % 3 === 1) return `${year}-Q${(from + 2) / 3}`;
  if (from === 1 && to === 6) return `${year}-H1`;
  if (from === 7 && to === 12) return `${year}-H2`;
  return `${year}-${pad(from)}-to-${pad(to)}`;
}

/** The months a label spans; null when the label is not a period label. */
export function parsePeriod(label: string): PeriodSpan | null {
  const match = /^(\d{4})(?:-(?:Q([1-4])|H([12])|(\d{2})(?:-to-(\d{2}))?))?$/.exec(label);
  if (!match) return null;
  const year = Number(match[1]);
  if (match[2]) return { year, from: Number(match[2]) * 3 - 2, to: Number(match[2]) * 3 };
  if (match[3]) return match[3] === "1" ? { year, from: 1, to: 6 } : { year, from: 7, to: 12 };
  if (match[4]) return { year, from: Number(match[4]), to: Number(match[5] ?? match[4]) };
  return { year, from: 1, to: 12 };
}

/**
 * Puts a period label in its one canonical spelling, so `2024-01-to-03` and `2024-Q1` meet.
 * Labels it does not understand come back unchanged.
 * @example canonicalPeriod("2024-01-to-06") === "2024-H1"
 */
export function canonicalPeriod(label: string): string {
  const span = parsePeriod(label);
  return span ? periodLabel(span.year, span.from, span.to) : label;
}

/**
 * Orders period labels in time: by year, then by the month the period ends, longer spans last
 * (`2024-Q1` < `2024-H1` < `2024-01-to-09` < `2024`). Null and unknown labels sort first.
 */
export function comparePeriods(a: string | null, b: string | null): number {
  const x = a === null ? null : parsePeriod(a);
  const y = b === null ? null : parsePeriod(b);
  if (x === null || y === null) return (x === null ? 0 : 1) - (y === null ? 0 : 1);
  return x.year - y.year || x.to - y.to || y.from - x.from;
}

/**
 * The kind of a period: a whole year, a half, a quarter, a single month, the months from
 * January to a month (year to date), or another run of months.
 * @example periodKind("2024-01-to-09") === "year-to-date"
 */
export function periodKind(label: string): PeriodKind | null {
  const span = parsePeriod(label);
  if (!span) return null;
  if (span.from === 1 && span.to === 12) return "year";
  if (span.from === span.to) return "month";
  if (span.to - span.from === 5 && (span.from === 1 || span.from === 7)) return "half";
  if (span.to - span.from === 2 && span.from % 3 === 1) return "quarter";
  return span.from === 1 ? "year-to-date" : "months";
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** `2024-Q1` → `Q1 2024`, `2024-01-to-09` → `January–September 2024`, null → `no period stated`. */
export function formatPeriod(period: string | null): string {
  if (!period) return "no period stated";
  const canonical = canonicalPeriod(period);
  const [year, part = "", , to] = canonical.split("-");
  if (!part) return canonical;
  if (/^[QH][1-4]$/.test(part)) return `${part} ${year}`;
  const from = MONTHS[Number(part) - 1];
  if (to) return `${from}–${MONTHS[Number(to) - 1]} ${year}`;
  return `${from} ${year}`;
}
