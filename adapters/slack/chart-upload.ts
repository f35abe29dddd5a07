/**
 * A reply's chart, uploaded to Slack with files upload v2 (`files.getUploadURLExternal`, a POST
 * of the bytes to the URL it returns, `files.completeUploadExternal`; the WebClient's
 * `files.uploadV2` does all three) and shared in the thread of the answer it belongs to. Needs
 * the `files:write` scope. The text answer is always posted first and stands on its own: a
 * chart that cannot be drawn or uploaded is logged and left out, never an error for the user.
 *
 * @see https://docs.slack.dev/messaging/working-with-files#upload
 */
import type { webApi } from "@slack/bolt";
import { renderChartPngOnDemand } from "../../src/charts/render-on-demand.js";
import type { Logger } from "../../src/core/logger.js";
import type { Chart } from "../../src/core/reply.js";
import { slackErrorCode } from "./web.js";

/** The file name every chart is uploaded as. */
export const CHART_FILENAME = "chart.png";

/** Slack's `alt_text` limit for an uploaded image. */
const MAX_ALT_TEXT = 1000;

/** Uploads `chart` into `threadTs` of `channel`; true when Slack accepted it. */
export async function uploadChart(
  client: webApi.WebClient,
  target: { channel: string; threadTs: string },
  chart: Chart,
  logger: Logger,
): Promise<boolean> {
  try {
    const file = await renderChartPngOnDemand(chart);
    await client.files.uploadV2({
      channel_id: target.channel,
      thread_ts: target.threadTs,
      file,
      filename: CHART_FILENAME,
      title: chart.title,
      alt_text: chart.altText.slice(0, MAX_ALT_TEXT),
    });
    return true;
  } catch (error) {
    // missing_scope here means the app was installed before files:write was added: reinstall it.
    logger.warn({ err: error, code: slackErrorCode(error), channel: target.channel }, "chart upload failed");
    return false;
  }
}
