/**
 * Figures from a table. Each data cell is one figure: its metric from the row label (or the
 * column header when the label is a region, as in a table of cities), its region from the
 * label, header or caption, its period from the header, caption or title, its unit from the
 * cell or from a unit stated in the header or label (`(100 million yuan)`).
 */
import type { ExtractedFact } from "../facts/fact.js";
import { findFigures } from "./figures.js";
import { canonicalPhrase, findMetricMentions, metricByName } from "./metrics.js";
import { findNumbers } from "./numbers.js";
import { findPeriods, resolvePeriod } from "./periods.js";
import { canOwnFigure, findRegionMentions } from "./regions.js";
import { isGrowthHeader, labelText, type Table, unitHint } from "./tables.js";

/** A figure read from a table cell, before it gets an id and a source. */
export type TableFigure = Omit<ExtractedFact, "id" | "source" | "status" | "reasons">;

/** Context from the article: its publication date, title and subject region. */
export interface TableContext {
  published: string | null;
  title: string;
  subject: string | undefined;
}

function periodIn(text: string, published: string | null): string | undefined {
  const [mention] = findPeriods(text);
  return mention ? resolvePeriod(mention, published) : undefined;
}

function regionIn(text: string): string | undefined {
  return findRegionMentions(text).find((m) => canOwnFigure(m) && m.region !== "")?.region;
}

/** The metric a label or header names: the vocabulary name, else its own words in lower case. */
function metricOf(text: string): { name: string; known: boolean } | undefined {
  const label = labelText(text);
  const [mention] = findMetricMentions(label);
  if (mention) return { name: mention.metric, known: true };
  const own = canonicalPhrase(label);
  return /[a-z\u4e00-\u9fff]/.test(own) ? { name: own, known: false } : undefined;
}

/**
 * The figures of one table.
 * @example a row "GDP | 13.57 trillion yuan | 4.8%" under "Indicator | Value | Growth" in a
 *   table captioned "..., 2023" gives gdp 13570000000000 CNY and gdp growth 4.8 percent, 2023.
 */
export function tableFigures(table: Table, context: TableContext): TableFigure[] {
  const out: TableFigure[] = [];
  const captionText = table.caption?.text ?? "";
  const tablePeriod = periodIn(captionText, context.published) ?? periodIn(context.title, context.published);
  const tableRegion = regionIn(captionText) ?? regionIn(context.title) ?? context.subject ?? "Guangdong";
  const captionMetric = metricOf(captionText.replace(/[\d,]+/g, " "));
  for (const row of table.rows) {
    const [labelCell, ...valueCells] = row.cells;
    if (!labelCell) continue;
    const labelRegion = regionIn(labelCell.text);
    const labelIsRegion = labelRegion !== undefined && labelText(labelCell.text).split(/\s+/).length <= 3;
    let previousBase: { name: string; known: boolean } | undefined;
    valueCells.forEach((cell, i) => {
      const header = table.header[i + 1] ?? "";
      const [token] = findNumbers(cell.text);
      if (!token || token.attached || (token.yearLike && !cell.text.includes("%"))) return;
      const [figure] = findFigures(cell.text);
      const hint = unitHint(header) ?? unitHint(labelCell.text) ?? unitHint(captionText);
      const unit = figure && figure.kind !== "bare" ? figure.unit : hint?.unit;
      const value =
        figure && figure.kind !== "bare"
          ? figure.value
          : // toPrecision(12): 10025.78 × 1e8 is 1002578000000.0001 in floating point.
            Number.parseFloat((token.value * (token.scaled ? 1 : (hint?.factor ?? 1))).toPrecision(12));
      const growth = isGrowthHeader(header) && unit === "percent";
      // In a table of regions a "Growth (%)" column measures the metric of the column before it.
      const headerMetric = metricOf(header);
      const columnMetric =
        growth && !headerMetric?.known ? (previousBase ?? captionMetric) : (headerMetric ?? captionMetric);
      const base = labelIsRegion ? columnMetric : metricOf(labelCell.text);
      if (!base || !unit) return;
      previousBase = base;
      const rate = metricByName(base.name)?.kind === "percent";
      const headerPeriod = periodIn(header, context.published);
      const period = headerPeriod ?? tablePeriod ?? null;
      out.push({
        region: labelIsRegion ? labelRegion : (regionIn(header) ?? tableRegion),
        metric: growth && !rate ? `${base.name} growth` : base.name,
        period,
        value,
        unit,
        qualifier: "exact",
        quote: row.line.text.trim(),
        confidence: Math.round((0.85 - (base.known ? 0 : 0.1) - (period ? 0 : 0.2)) * 100) / 100,
      });
    });
  }
  return out;
}
