/**
 * A reply's chart as a Discord attachment: the PNG goes in the message's `files` (discord.js
 * then sends multipart form data) and the first embed shows it with `attachment://chart.png`.
 * A chart that cannot be drawn is logged and left out; the embed text carries the same figures.
 *
 * @see https://discord.com/developers/docs/reference#uploading-files
 */
import type { APIEmbed } from "discord.js";
import { renderChartPngOnDemand } from "../../src/charts/render-on-demand.js";
import type { Logger } from "../../src/core/logger.js";
import type { Chart } from "../../src/core/reply.js";
import { DISCORD_MAX_EMBEDS } from "./render.js";

/** The attachment's file name, which the embed's image URL refers to. */
export const CHART_FILENAME = "chart.png";
/** Discord's limit on an attachment's description (its alt text). */
const MAX_DESCRIPTION = 1024;

export interface ChartFile {
  attachment: Buffer;
  name: string;
  description: string;
}

/** `embeds` with the first one showing the chart, and the file to send with them. */
export async function attachChart(
  embeds: readonly APIEmbed[],
  chart: Chart | undefined,
  logger: Logger,
): Promise<{ embeds: APIEmbed[]; files: ChartFile[] }> {
  if (!chart) return { embeds: [...embeds], files: [] };
  let attachment: Buffer;
  try {
    attachment = await renderChartPngOnDemand(chart);
  } catch (error) {
    logger.warn({ err: error }, "chart rendering failed; answering without it");
    return { embeds: [...embeds], files: [] };
  }
  const image = { url: `attachment://${CHART_FILENAME}` };
  const [first, ...rest] = embeds;
  const shown =
    first && !first.image
      ? [{ ...first, image }, ...rest]
      : [...embeds, { title: chart.title, image }].slice(0, DISCORD_MAX_EMBEDS);
  return {
    embeds: shown,
    files: [{ attachment, name: CHART_FILENAME, description: chart.altText.slice(0, MAX_DESCRIPTION) }],
  };
}
