/**
 * Draws a `Chart` as a PNG, in-process, with @napi-rs/canvas (Skia, shipped as a prebuilt npm
 * binary: no system packages, no network). Fonts are bundled and registered by file, never
 * looked up on the machine, so a chart looks the same everywhere (see `fonts.ts`).
 *
 * Layout, top to bottom: title, unit, the plot (axis with ticks, labelled points), then the
 * numbered source footnotes each point refers to.
 */
import { createCanvas, type SKRSContext2D } from "@napi-rs/canvas";
import type { Chart } from "../core/reply.js";
import { formatNumber } from "../facts/format.js";
import { FONT_FAMILY, registerChartFonts } from "./fonts.js";

export const CHART_WIDTH = 960;
const PLOT_HEIGHT = 380;
const MARGIN = { left: 96, right: 40, top: 96 };
const FOOTNOTE_LINE = 22;
/** More points than this and only every n-th gets its labels, so they never overlap. */
const MAX_LABELLED_POINTS = 12;

const COLOURS = {
  background: "#ffffff",
  text: "#1f2328",
  muted: "#59636e",
  grid: "#e4e7eb",
  axis: "#8c959f",
  series: "#0b6bcb",
  bar: ["#0b6bcb", "#e07b00"],
};

/** The height a chart needs: the plot plus one line per footnote (and the note, if any). */
export function chartHeight(chart: Chart): number {
  const lines = chart.sources.length + (chart.note ? 1 : 0);
  return MARGIN.top + PLOT_HEIGHT + 70 + 28 + lines * FOOTNOTE_LINE + 20;
}

/** Round tick steps (1, 2, 2.5, 5 × 10^n) spanning min..max, with 0 always on the axis. */
export function niceTicks(min: number, max: number, target = 5): number[] {
  const lo = Math.min(0, min);
  let hi = Math.max(0, max);
  if (hi === lo) hi = lo + 1;
  const raw = (hi - lo) / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  const ticks: number[] = [];
  for (let t = Math.floor(lo / step) * step; t <= hi + step * 1e-9; t += step) {
    ticks.push(Number(t.toPrecision(12)));
  }
  if ((ticks[ticks.length - 1] ?? 0) < hi)
    ticks.push(Number(((ticks[ticks.length - 1] ?? 0) + step).toPrecision(12)));
  return ticks;
}

/** Cuts `text` with an ellipsis so it fits `width` pixels in the current font. */
function fitText(ctx: SKRSContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let cut = text.length;
  while (cut > 1 && ctx.measureText(`${text.slice(0, cut)}…`).width > width) cut -= 1;
  return `${text.slice(0, cut)}…`;
}

function font(size: number, bold = false): string {
  return `${bold ? "bold " : ""}${size}px ${FONT_FAMILY}`;
}

/**
 * Renders `chart` as a PNG image of `CHART_WIDTH` × `chartHeight(chart)` pixels. Drawing takes
 * a few milliseconds; the PNG encoding, the slow part, runs off the event loop.
 */
export async function renderChartPng(chart: Chart): Promise<Buffer> {
  if (chart.points.length === 0 || chart.points.some((p) => !Number.isFinite(p.value))) {
    throw new Error(`chart "${chart.name}" has no points to draw, or a value that is not a number`);
  }
  registerChartFonts();
  const width = CHART_WIDTH;
  const height = chartHeight(chart);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = COLOURS.background;
  ctx.fillRect(0, 0, width, height);

  ctx.fillStyle = COLOURS.text;
  ctx.textBaseline = "alphabetic";
  ctx.textAlign = "left";
  ctx.font = font(24, true);
  ctx.fillText(fitText(ctx, chart.title, width - 48), 24, 40);
  ctx.fillStyle = COLOURS.muted;
  ctx.font = font(16);
  ctx.fillText(fitText(ctx, `in ${chart.unit.label}`, width - 48), 24, 68);

  const plot = {
    left: MARGIN.left,
    right: width - MARGIN.right,
    top: MARGIN.top,
    bottom: MARGIN.top + PLOT_HEIGHT,
  };
  const values = chart.points.map((p) => p.value);
  const ticks = niceTicks(Math.min(...values), Math.max(...values));
  const lo = ticks[0] ?? 0;
  const hi = ticks[ticks.length - 1] ?? 1;
  const y = (v: number) => plot.bottom - ((v - lo) / (hi - lo || 1)) * (plot.bottom - plot.top);

  // Grid and value axis, with the unit written once more beside the axis.
  ctx.font = font(14);
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  for (const tick of ticks) {
    ctx.strokeStyle = tick === 0 ? COLOURS.axis : COLOURS.grid;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(plot.left, Math.round(y(tick)) + 0.5);
    ctx.lineTo(plot.right, Math.round(y(tick)) + 0.5);
    ctx.stroke();
    ctx.fillStyle = COLOURS.muted;
    ctx.fillText(formatNumber(tick, 2), plot.left - 10, y(tick));
  }
  ctx.strokeStyle = COLOURS.axis;
  ctx.beginPath();
  ctx.moveTo(plot.left + 0.5, plot.top);
  ctx.lineTo(plot.left + 0.5, plot.bottom);
  ctx.stroke();

  const n = chart.points.length;
  const slot = (plot.right - plot.left) / Math.max(n, 1);
  const x = (i: number) => plot.left + slot * (i + 0.5);
  const every = Math.ceil(n / MAX_LABELLED_POINTS);
  // Counted back from the newest point, which is always labelled; each label may use `every` slots.
  const labelled = (i: number) => (n - 1 - i) % every === 0;
  const labelWidth = slot * every - 6;

  if (chart.kind === "line") {
    ctx.strokeStyle = COLOURS.series;
    ctx.lineWidth = 3;
    ctx.beginPath();
    chart.points.forEach((p, i) => {
      if (i === 0) ctx.moveTo(x(i), y(p.value));
      else ctx.lineTo(x(i), y(p.value));
    });
    ctx.stroke();
    ctx.fillStyle = COLOURS.series;
    chart.points.forEach((p, i) => {
      ctx.beginPath();
      ctx.arc(x(i), y(p.value), 5, 0, Math.PI * 2);
      ctx.fill();
    });
  } else {
    const barWidth = Math.min(160, slot * 0.6);
    chart.points.forEach((p, i) => {
      ctx.fillStyle = COLOURS.bar[i % COLOURS.bar.length] ?? COLOURS.series;
      const top = Math.min(y(p.value), y(0));
      ctx.fillRect(x(i) - barWidth / 2, top, barWidth, Math.abs(y(p.value) - y(0)));
    });
  }

  // Point labels: the value and its footnote number above the point, the period or side below.
  ctx.textAlign = "center";
  ctx.textBaseline = "alphabetic";
  chart.points.forEach((p, i) => {
    if (!labelled(i)) return;
    const above = p.value >= 0 || chart.kind === "line";
    const py = chart.kind === "bar" && !above ? y(p.value) + 20 : y(p.value) - 12;
    ctx.fillStyle = COLOURS.text;
    ctx.font = font(15, true);
    ctx.fillText(fitText(ctx, `${p.display} [${p.source}]`, labelWidth), x(i), py);
    ctx.fillStyle = COLOURS.muted;
    ctx.font = font(14);
    ctx.fillText(fitText(ctx, p.label, labelWidth), x(i), plot.bottom + 24);
  });

  // Footnotes: which document states each point.
  let line = plot.bottom + 70;
  ctx.textAlign = "left";
  ctx.fillStyle = COLOURS.text;
  ctx.font = font(15, true);
  ctx.fillText("Sources", 24, line);
  ctx.font = font(14);
  ctx.fillStyle = COLOURS.muted;
  chart.sources.forEach((source, i) => {
    line += FOOTNOTE_LINE;
    ctx.fillText(fitText(ctx, `[${i + 1}] ${source}`, width - 48), 24, line);
  });
  if (chart.note) {
    line += FOOTNOTE_LINE;
    ctx.fillText(fitText(ctx, chart.note, width - 48), 24, line);
  }
  return canvas.encode("png");
}
