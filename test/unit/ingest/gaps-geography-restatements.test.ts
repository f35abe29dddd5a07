/**
 * Figures that are not figures of their own: a gap between two rates written as "percent",
 * land and sea measured in kilometres, and a rounded restatement of a precise figure.
 * Fixtures are invented.
 */
import { describe, expect, it } from "vitest";
import { extractArticle } from "../../../src/ingest/extract.js";

const extract = (body: string, title = "Heyuan bulletin") =>
  extractArticle({ text: `Title: ${title}\nDate: 2024-08-10\n\n${body}\n` }).facts;

describe("gaps, geography and restatements", () => {
  it("GIVEN 'N percent higher than that of the nation' WHEN extracted THEN it is a gap in points, not a growth rate", () => {
    const out = extract(
      "In the first half of 2024, Heyuan's retail sales grew 6.1 percent, 2.3 percent higher than that of the whole province.",
    );
    const growth = out.filter((f) => f.unit === "percent").map((f) => f.value);
    expect(growth).toEqual([6.1]);
    expect(out.find((f) => f.value === 2.3)?.unit).toBe("percentage points");
  });

  it("GIVEN a decline 'narrowing 1.2 percent from that of the first quarter' WHEN extracted THEN the narrowing is a gap", () => {
    const out = extract(
      "In the first half of 2024, Heyuan's GDP fell 0.8 percent year on year, with the decline narrowing 1.2 percent from that of the first quarter.",
    );
    expect(out.filter((f) => f.unit === "percent").map((f) => f.value)).toEqual([-0.8]);
  });

  it("GIVEN a coastline and a land area in kilometres WHEN extracted THEN neither is a figure, while a highway's length still is", () => {
    const out = extract(
      "Heyuan covers a land area of 15,600 square kilometers. The new provincial highway stretches inland; the 86-kilometer provincial highway opened in 2023.",
    );
    expect(out.some((f) => f.unit === "square km")).toBe(false);
    expect(out.find((f) => f.unit === "km")?.value).toBe(86);
  });

  it("GIVEN a headline that rounds the body's figure WHEN extracted THEN only the body's precise figure is kept", () => {
    const out = extract(
      "Heyuan's foreign trade exceeds 30 billion yuan in H1\n\nIn the first half of 2024, Heyuan's foreign trade reached 31.4 billion yuan, up 5.5 percent.",
      "Heyuan's foreign trade exceeds 30 billion yuan in H1",
    );
    const amounts = out.filter((f) => f.unit === "CNY").map((f) => f.value);
    expect(amounts).toEqual([31_400_000_000]);
  });

  it("GIVEN two different precise figures for one metric WHEN extracted THEN both are kept", () => {
    const out = extract(
      "In 2023, Heyuan's GDP was 141.2 billion yuan. Another report put Heyuan's GDP in 2023 at 138.0 billion yuan.",
    );
    expect(
      out
        .filter((f) => f.unit === "CNY")
        .map((f) => f.value)
        .sort(),
    ).toEqual([138_000_000_000, 141_200_000_000]);
  });
});

describe("a rate that arrived at a level", () => {
  it("GIVEN 'the Engel coefficient dropped to 31.2 percent' WHEN extracted THEN a level of 31.2, not a decline", () => {
    const [fact] = extract("In 2023, Heyuan's Engel coefficient dropped to 31.2 percent.");
    expect(fact).toMatchObject({ metric: "engel coefficient", value: 31.2, unit: "percent" });
  });

  it("GIVEN 'sales growth dipped to 17.5 percent' WHEN extracted THEN a growth rate of +17.5", () => {
    const [fact] = extract("In 2023, Heyuan's car sales growth dipped to 17.5 percent.");
    expect(fact?.value).toBe(17.5);
    expect(fact?.metric).toMatch(/growth$/);
  });
});

describe("tiers, geography shares and names carried on", () => {
  const extract = (body: string) =>
    extractArticle({ text: `Title: T\nDate: 2024-07-20\n\n${body}\n` }).facts.map((f) => [
      f.region,
      f.metric,
      f.value,
      f.status,
    ]);

  it("GIVEN 'one of four regions whose GDP passed 2 trillion yuan' WHEN extracted THEN the tier's line is no figure", () => {
    expect(
      extract(
        "In 2022, Guangdong was one of four economies whose GDP passed 2 trillion yuan in the first half.",
      ),
    ).toEqual([]);
    expect(
      extract("In 2023, there were 26 cities with GDP over 1 trillion yuan in China.").map((f) => f[2]),
    ).not.toContain(1e12);
  });

  it("GIVEN a coastline's share of the province's sea front WHEN extracted THEN it is geography, not a figure", () => {
    expect(extract("In 2023, Shanwei's shoreline accounts for a fifth of Guangdong's coast.")).toEqual([]);
  });

  it("GIVEN the upper end of a range whose name was the text's own words WHEN extracted THEN both ends are trusted alike", () => {
    const out = extract(
      "In 2024, it came a bit above the city's own goal range, a target of 5.5 percent to 6 percent.",
    );
    expect(out.length).toBe(2);
    expect(new Set(out.map((f) => f[3])).size).toBe(1);
  });
});
