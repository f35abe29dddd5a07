/**
 * Chart descriptions from facts, and the PNG they render to: the bytes are decoded for real
 * (IHDR size, every chunk via pngjs) and the pixels checked for drawn content.
 */
import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { chartUnit, compareChart, trendChart } from "../../../src/charts/build.js";
import { CHART_WIDTH, chartHeight, niceTicks, renderChartPng } from "../../../src/charts/render-png.js";
import { storedFact } from "../../support/fact-builders.js";
import { decodePng, distinctColours, pngHeader } from "../../support/png.js";

const report = { publisher: "Lingnan Statistics Office", published: "2024-03-20" };
const gdp = [
  storedFact(
    "Lingnan city yearbook 2022",
    { region: "Foshan", metric: "gdp", period: "2022", value: 1.27e12 },
    {
      publisher: "Lingnan Statistics Office",
      published: "2023-03-15",
    },
  ),
  storedFact(
    "Lingnan city yearbook 2023",
    { region: "Foshan", metric: "gdp", period: "2023", value: 1.33e12 },
    report,
  ),
  storedFact(
    "Foshan half-year bulletin",
    { region: "Foshan", metric: "gdp", period: "2024", value: 1.36e12 },
    {
      publisher: "Foshan Daily",
      published: "2025-01-30",
    },
  ),
];

describe("chart descriptions", () => {
  it("GIVEN a trend in yuan THEN one line in trillion yuan, labelled by period, each point citing its source", () => {
    const chart = trendChart("Foshan", "gdp", gdp);
    expect(chart?.kind).toBe("line");
    expect(chart?.title).toBe("GDP · Foshan");
    expect(chart?.unit).toEqual({ label: "trillion yuan", scale: 1e12 });
    expect(chart?.points.map((p) => [p.label, p.display, p.source])).toEqual([
      ["2022", "1.27", 1],
      ["2023", "1.33", 2],
      ["2024", "1.36", 3],
    ]);
    expect(chart?.sources[1]).toBe("Lingnan city yearbook 2023 — Lingnan Statistics Office, 2024-03-20");
    expect(chart?.altText).toContain("2023: 1.33");
  });

  it("GIVEN two points from one document THEN they share one footnote", () => {
    const sameDoc = gdp.slice(0, 2).map((f) => ({ ...f, source: gdp[1]!.source }));
    const chart = trendChart("Foshan", "gdp", sameDoc);
    expect(chart?.sources).toHaveLength(1);
    expect(chart?.points.map((p) => p.source)).toEqual([1, 1]);
  });

  it("GIVEN a figure in another unit THEN it stays out of the chart, and the chart says so", () => {
    const growth = storedFact("Foshan bulletin", {
      region: "Foshan",
      metric: "gdp",
      period: "2021",
      value: 8.3,
      unit: "percent",
    });
    const chart = trendChart("Foshan", "gdp", [growth, ...gdp]);
    expect(chart?.points).toHaveLength(3);
    expect(chart?.note).toMatch(/1 figure\(s\) in another unit/);
  });

  it("GIVEN a Chinese source title THEN the footnote names the publisher, since the font has no Chinese glyphs", () => {
    const fact = storedFact(
      "佛山市统计公报",
      { region: "Foshan", metric: "gdp", value: 1e12 },
      {
        publisher: "Foshan Statistics Bureau",
        published: "2024-04-02",
      },
    );
    expect(trendChart("Foshan", "gdp", [fact])?.sources).toEqual([
      "Foshan Statistics Bureau (title in Chinese) — 2024-04-02",
    ]);
  });

  it("GIVEN units THEN the axis reads as people write them", () => {
    expect(chartUnit("CNY", 3.4e12)).toEqual({ label: "trillion yuan", scale: 1e12 });
    expect(chartUnit("CNY", 5e4)).toEqual({ label: "yuan", scale: 1 });
    expect(chartUnit("USD", 2e9)).toEqual({ label: "US$ billion", scale: 1e9 });
    expect(chartUnit("percent", 5)).toEqual({ label: "%", scale: 1 });
    expect(chartUnit("count", 77_000)).toEqual({ label: "number", scale: 1 });
    expect(chartUnit("people", 1.2e7)).toEqual({ label: "million people", scale: 1e6 });
  });

  it("GIVEN a comparison THEN two bars; GIVEN different units or a missing side THEN no chart", () => {
    const [a, b] = [gdp[1]!, { ...gdp[2]!, region: "Dongguan" }];
    const chart = compareChart(a, b);
    expect(chart?.kind).toBe("bar");
    expect(chart?.points.map((p) => p.label)).toEqual(["Foshan · 2023", "Dongguan · 2024"]);
    expect(compareChart(a, { ...b, unit: "percent" })).toBeUndefined();
    expect(compareChart(a, undefined)).toBeUndefined();
  });

  it("GIVEN values THEN ticks are round, include 0 and cover the range", () => {
    expect(niceTicks(1270, 1360)).toEqual([0, 500, 1000, 1500]);
    expect(niceTicks(-2.1, 6.4)).toEqual([-4, -2, 0, 2, 4, 6, 8]);
  });
});

describe("renderChartPng", () => {
  it("GIVEN a trend THEN a PNG of the stated size that decodes, with drawing on it", async () => {
    const chart = trendChart("Foshan", "gdp", gdp)!;
    const bytes = await renderChartPng(chart);
    if (process.env.CHART_SAMPLE_DIR) writeFileSync(`${process.env.CHART_SAMPLE_DIR}/trend.png`, bytes);
    expect(bytes.length).toBeGreaterThan(5_000);
    expect(bytes.length).toBeLessThan(1_000_000);
    expect(pngHeader(bytes)).toEqual({ width: CHART_WIDTH, height: chartHeight(chart) });
    const png = decodePng(bytes);
    expect([png.width, png.height]).toEqual([CHART_WIDTH, chartHeight(chart)]);
    // Text is anti-aliased and the series is coloured: far more than a blank or two-tone canvas.
    expect(distinctColours(png)).toBeGreaterThan(50);
  });

  it("GIVEN more footnotes THEN the image grows to fit them", async () => {
    const one = trendChart("Foshan", "gdp", gdp.slice(0, 1))!;
    const three = trendChart("Foshan", "gdp", gdp)!;
    expect(pngHeader(await renderChartPng(three)).height).toBeGreaterThan(
      pngHeader(await renderChartPng(one)).height,
    );
  });

  it("GIVEN a comparison with a negative value THEN it still renders and decodes", async () => {
    const down = storedFact("Lingnan bulletin", {
      region: "Zhuhai",
      metric: "exports growth",
      value: -3.2,
      unit: "percent",
    });
    const up = { ...down, region: "Jiangmen", value: 4.5 };
    const chart = compareChart(down, up)!;
    const bytes = await renderChartPng(chart);
    if (process.env.CHART_SAMPLE_DIR) writeFileSync(`${process.env.CHART_SAMPLE_DIR}/compare.png`, bytes);
    expect(decodePng(bytes).height).toBe(chartHeight(chart));
  });
});
