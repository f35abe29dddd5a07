/** The Discord chart attachment: the embed points at the attached file, and a bad chart is left out. */
import { describe, expect, it } from "vitest";
import { attachChart } from "../../../adapters/discord/chart-attachment.js";
import { trendChart } from "../../../src/charts/build.js";
import { silentLogger } from "../../../src/core/logger.js";
import { storedFact } from "../../support/fact-builders.js";
import { decodePng } from "../../support/png.js";

const chart = trendChart("Jiangmen", "gdp", [
  storedFact("Jiangmen notes", { region: "Jiangmen", metric: "gdp", period: "2023", value: 4.1e11 }),
])!;

describe("attachChart", () => {
  it("GIVEN embeds and a chart THEN the first embed shows attachment://chart.png and the file is that PNG", async () => {
    const { embeds, files } = await attachChart(
      [{ title: "GDP · Jiangmen" }, { title: "more" }],
      chart,
      silentLogger(),
    );
    expect(embeds[0]).toEqual({ title: "GDP · Jiangmen", image: { url: "attachment://chart.png" } });
    expect(embeds[1]).toEqual({ title: "more" });
    expect(files.map((f) => f.name)).toEqual(["chart.png"]);
    expect(files[0]?.description).toContain("2023: 410");
    expect(decodePng(files[0]!.attachment).width).toBeGreaterThan(0);
  });

  it("GIVEN no embeds THEN one is added to show the chart", async () => {
    const { embeds } = await attachChart([], chart, silentLogger());
    expect(embeds).toEqual([{ title: "GDP · Jiangmen", image: { url: "attachment://chart.png" } }]);
  });

  it("GIVEN a chart that cannot be drawn THEN the embeds are unchanged and nothing is attached", async () => {
    const broken = { ...chart, points: [] };
    expect(await attachChart([{ title: "x" }], broken, silentLogger())).toEqual({
      embeds: [{ title: "x" }],
      files: [],
    });
  });
});
