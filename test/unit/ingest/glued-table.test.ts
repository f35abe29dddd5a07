import { describe, expect, it } from "vitest";
import { extractArticle } from "../../../src/ingest/extract.js";
import { type GluedFigure, gluedTableFigures } from "../../../src/ingest/glued-table.js";

const PUBLISHED = "2019-11-01";

// Cells, as the table would show them:
//   Gross Domestic Product (RMB bn)  1,234.5 | 6.7¹ | 987.6 | 5.4¹
//   Retail Sales (RMB bn)            456.7   | 8.9  | 345.6 | 7.8
//   Exports (US$ bn)                 321.0   | -2.3 | 210.9 | -4.5
//      By private enterprises        120.4   | 5.6  | 97.6  | 3.2
//   Inflation (CPI, %)               2.1            | 1.8
const HEADER_LINES = [
  "Major Indicators2018Jan-Sep 2019",
  "ValueGrowth",
  "(%, y-o-y)",
  "ValueGrowth",
  "(%, y-o-y)",
];
const ROWS = {
  gdp: "Gross Domestic Product (RMB bn)1,234.56.71987.65.41",
  retail: "Retail Sales (RMB bn)456.78.9345.67.8",
  exports: "Exports (US$ bn)321.0-2.3210.9-4.5",
  privateExports: "   By private enterprises (US$ bn)120.45.697.63.2",
  inflation: "Inflation (Consumer Price Index, %)2.11.8",
};
const NOTES = ["", "Notes:", "1. In real terms", "2. Jan-Jun 2019"];

function table(extraRows: readonly string[] = []): string {
  return [...HEADER_LINES, ...Object.values(ROWS), ...extraRows, ...NOTES].join("\n");
}

function cells(figures: readonly GluedFigure[], quote?: string) {
  return figures
    .filter((f) => quote === undefined || f.quote === quote.trim())
    .map((f) => [f.metric, f.period, f.value, f.unit]);
}

describe("gluedTableFigures: tables whose cells are run together", () => {
  it("GIVEN the GDP row with footnote digits glued after its growth cells WHEN read THEN value and growth per period, notes dropped", () => {
    expect(cells(gluedTableFigures(table(), PUBLISHED), ROWS.gdp)).toEqual([
      ["gdp", "2018", 1234.5e9, "CNY"],
      ["gdp growth", "2018", 6.7, "percent"],
      ["gdp", "2019-01-to-09", 987.6e9, "CNY"],
      ["gdp growth", "2019-01-to-09", 5.4, "percent"],
    ]);
  });

  it("GIVEN a row without footnotes WHEN read THEN the vocabulary names it and RMB bn is scaled to yuan", () => {
    expect(cells(gluedTableFigures(table(), PUBLISHED), ROWS.retail)).toEqual([
      ["retail sales of consumer goods", "2018", 456.7e9, "CNY"],
      ["retail sales of consumer goods growth", "2018", 8.9, "percent"],
      ["retail sales of consumer goods", "2019-01-to-09", 345.6e9, "CNY"],
      ["retail sales of consumer goods growth", "2019-01-to-09", 7.8, "percent"],
    ]);
  });

  it("GIVEN negative growth cells and US$ bn WHEN read THEN growth is negative and values are dollars", () => {
    expect(cells(gluedTableFigures(table(), PUBLISHED), ROWS.exports)).toEqual([
      ["exports", "2018", 321e9, "USD"],
      ["exports growth", "2018", -2.3, "percent"],
      ["exports", "2019-01-to-09", 210.9e9, "USD"],
      ["exports growth", "2019-01-to-09", -4.5, "percent"],
    ]);
  });

  it("GIVEN an indented 'By ...' row WHEN read THEN it is a part of the row above, never the total", () => {
    expect(cells(gluedTableFigures(table(), PUBLISHED), ROWS.privateExports)).toEqual([
      ["private enterprises exports", "2018", 120.4e9, "USD"],
      ["private enterprises exports growth", "2018", 5.6, "percent"],
      ["private enterprises exports", "2019-01-to-09", 97.6e9, "USD"],
      ["private enterprises exports growth", "2019-01-to-09", 3.2, "percent"],
    ]);
  });

  it("GIVEN a percent row WHEN read THEN it has one value per period and no growth", () => {
    expect(cells(gluedTableFigures(table(), PUBLISHED), ROWS.inflation)).toEqual([
      ["inflation", "2018", 2.1, "percent"],
      ["inflation", "2019-01-to-09", 1.8, "percent"],
    ]);
  });

  it("GIVEN the whole table WHEN read THEN every figure carries its row's offsets in the text", () => {
    const text = table();
    const out = gluedTableFigures(text, PUBLISHED);
    expect(out).toHaveLength(18);
    for (const f of out) expect(text.slice(f.start, f.end).trim()).toBe(f.quote);
  });

  it("GIVEN a footnote that names a period WHEN read THEN it dates its cell and the cell paired with it", () => {
    // Fixed Asset Investment: 765.4 | 5.6 | 512.3 | 4.3², note 2 being "Jan-Jun 2019".
    const row = "Fixed Asset Investment (RMB bn)765.45.6512.34.32";
    expect(cells(gluedTableFigures(table([row]), PUBLISHED), row)).toEqual([
      ["fixed asset investment", "2018", 765.4e9, "CNY"],
      ["fixed asset investment growth", "2018", 5.6, "percent"],
      ["fixed asset investment", "2019-H1", 512.3e9, "CNY"],
      ["fixed asset investment growth", "2019-H1", 4.3, "percent"],
    ]);
  });

  it("GIVEN a row that can be cut two equally good ways WHEN read THEN it is left out, the other rows kept", () => {
    // "11.12.515.03.31" is 11.1 | 2.5 | 15.0 | 3.3¹, or 11.1 | 2.5¹ | 5.0 | 3.3¹: the second
    // agrees better with the GDP row's footnote columns, the first has closer magnitudes, and
    // the two weigh the same.
    const row = "Tourism Revenue (RMB bn)11.12.515.03.31";
    const out = gluedTableFigures(table([row]), PUBLISHED);
    expect(cells(out, row)).toEqual([]);
    expect(out.filter((f) => f.metric.startsWith("tourism"))).toEqual([]);
    expect(out).toHaveLength(18);
  });

  it("GIVEN a similar row whose magnitudes settle the cut WHEN read THEN it is read", () => {
    const row = "Tourism Revenue (RMB bn)14.02.515.03.31";
    expect(cells(gluedTableFigures(table([row]), PUBLISHED), row)).toEqual([
      ["tourism revenue", "2018", 14e9, "CNY"],
      ["tourism revenue growth", "2018", 2.5, "percent"],
      ["tourism revenue", "2019-01-to-09", 15e9, "CNY"],
      ["tourism revenue growth", "2019-01-to-09", 3.3, "percent"],
    ]);
  });

  it("GIVEN fewer than three glued rows WHEN read THEN no table is found", () => {
    const text = [...HEADER_LINES, ROWS.gdp, ROWS.retail, ...NOTES].join("\n");
    expect(gluedTableFigures(text, PUBLISHED)).toEqual([]);
  });

  it("GIVEN ordinary prose WHEN read THEN no glued figures", () => {
    expect(
      gluedTableFigures("Jieyang's GDP grew 5.4 percent in the first three quarters of 2019.", PUBLISHED),
    ).toEqual([]);
  });

  describe("through extractArticle", () => {
    const ARTICLE = [
      "Title: Key economic indicators of Jieyang",
      `Date: ${PUBLISHED}`,
      "",
      "Jieyang's economy kept growing steadily in the first three quarters of 2019, the statistics bureau said.",
      "",
      table(),
      "",
    ].join("\n");

    it("GIVEN an article with a glued table WHEN extracted THEN the table's rows are not also read as prose", () => {
      const out = extractArticle({ text: ARTICLE }).facts;
      const fromTable = gluedTableFigures(ARTICLE, PUBLISHED);
      expect(out).toHaveLength(fromTable.length);
      expect(out.map((f) => [f.metric, f.period, f.value, f.unit])).toEqual(cells(fromTable));
      // Every fact quotes a whole table row; none quotes a header line or a note.
      const rows = new Set(Object.values(ROWS).map((r) => r.trim()));
      for (const f of out) expect(rows.has(f.quote), f.quote).toBe(true);
    });

    it("GIVEN an article with a glued table WHEN extracted THEN its facts are the article subject's and served", () => {
      const out = extractArticle({ text: ARTICLE }).facts;
      expect(new Set(out.map((f) => f.region))).toEqual(new Set(["Jieyang"]));
      for (const f of out) expect(f.status).toBe("served");
      expect(new Set(out.map((f) => f.id)).size).toBe(out.length);
    });

    it("GIVEN an article with a glued table WHEN extracted THEN no garbage value from the glued digits appears", () => {
      const out = extractArticle({ text: ARTICLE }).facts;
      // A prose reading of "1,234.56.71987.65.41" would give 1,234.56 or 71,987.65 and the like.
      const expected = new Set([
        1234.5e9, 6.7, 987.6e9, 5.4, 456.7e9, 8.9, 345.6e9, 7.8, 321e9, -2.3, 210.9e9, -4.5, 120.4e9, 5.6,
        97.6e9, 3.2, 2.1, 1.8,
      ]);
      for (const f of out) expect(expected.has(f.value), `${f.metric} ${f.value}`).toBe(true);
    });
  });
});
