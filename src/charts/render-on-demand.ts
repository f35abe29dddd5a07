/**
 * Charts drawn through a module loaded on the first chart, not at start-up: @napi-rs/canvas
 * (Skia) and its fonts cost tens of MB that a bot nobody asks for a chart never needs. The
 * adapters call this; test/unit/lazy-sdk.test.ts checks nothing at start-up reaches the canvas.
 */
import type { Chart } from "../core/reply.js";

/** The chart as PNG bytes; see render-png.ts for how it is drawn and what it throws. */
export async function renderChartPngOnDemand(chart: Chart): Promise<Buffer> {
  const { renderChartPng } = await import("./render-png.js");
  return renderChartPng(chart);
}
