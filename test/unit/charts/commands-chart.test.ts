/** `trend` and `compare` attach a chart of the figures they chose, through the real bot. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestBot, type TestBot } from "../../support/bot.js";
import { CHART_COMPARE_QUERY, CHART_TREND_QUERY, chartDocuments } from "../../support/chart-documents.js";

let t: TestBot;
beforeAll(async () => {
  t = await createTestBot({ bundled: false, documents: chartDocuments() });
});
afterAll(async () => t.close());

describe("charts on replies", () => {
  it("GIVEN trend THEN a line chart of every period, in order, with both sources as footnotes", async () => {
    const { chart } = await t.ask(CHART_TREND_QUERY);
    expect(chart?.kind).toBe("line");
    expect(chart?.points.map((p) => [p.label, p.display, p.source])).toEqual([
      ["2022", "1.27", 1],
      ["2023", "1.33", 1],
      ["2024", "1.36", 2],
    ]);
    expect(chart?.sources).toEqual([
      "Pearl River city review 2023 — Pearl River Review, 2024-03-02",
      "Foshan economy at a glance 2024 — Foshan Business Weekly, 2025-02-10",
    ]);
    expect(chart?.unit.label).toBe("trillion yuan");
  });

  it("GIVEN compare THEN two bars, one per side", async () => {
    const { chart } = await t.ask(CHART_COMPARE_QUERY);
    expect(chart?.kind).toBe("bar");
    expect(chart?.points.map((p) => p.label)).toEqual(["Foshan · 2023", "Foshan · 2024"]);
  });

  it("GIVEN an answer that is not a series THEN no chart", async () => {
    expect((await t.ask("foshan gdp 2023")).chart).toBeUndefined();
    expect((await t.ask("compare foshan gdp 2023 vs zhaoqing")).chart).toBeUndefined();
  });
});
