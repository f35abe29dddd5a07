/**
 * Charts in Discord, end to end: discord.js and the real bot against the fake Discord. A trend
 * (slash command) and a comparison (mention) arrive as multipart requests carrying `chart.png`,
 * which the first embed shows through `attachment://chart.png`; the bytes decode as a PNG of
 * the renderer's dimensions.
 */
import type { APIEmbed } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDiscordAdapter } from "../../adapters/discord/index.js";
import { CHART_WIDTH, chartHeight } from "../../src/charts/render-png.js";
import type { PlatformAdapter } from "../../src/core/adapter.js";
import { silentLogger } from "../../src/core/logger.js";
import { createTestBot, type TestBot } from "../support/bot.js";
import { CHART_COMPARE_QUERY, CHART_TREND_QUERY, chartDocuments } from "../support/chart-documents.js";
import { FakeDiscord, type RecordedRequest } from "../support/fake-discord.js";
import { decodePng, pngHeader } from "../support/png.js";

const embedsOf = (request: RecordedRequest): APIEmbed[] =>
  (request.body as { embeds?: APIEmbed[] }).embeds ?? [];

describe("Discord charts", () => {
  let fake: FakeDiscord;
  let bot: TestBot;
  let adapter: PlatformAdapter;

  beforeAll(async () => {
    fake = await new FakeDiscord({ heartbeatIntervalMs: 1000 }).start();
    bot = await createTestBot({ bundled: false, documents: chartDocuments() });
    adapter = createDiscordAdapter({
      config: { token: "fake-bot-token", applicationId: fake.applicationId, apiUrl: fake.apiUrl },
      handle: bot.handle,
      commands: bot.bot.registry.commands,
      autocomplete: bot.autocomplete,
      logger: silentLogger(),
      clientOptions: {
        rest: { globalRequestsPerSecond: 1e6, retries: 0, timeout: 5000 },
        waitGuildTimeout: 500,
      },
    });
    await adapter.start();
  });

  afterAll(async () => {
    await adapter?.stop();
    await bot?.close();
    await fake?.stop();
  });

  async function expectChart(request: RecordedRequest, query: string): Promise<void> {
    expect(String(request.headers["content-type"])).toMatch(/^multipart\/form-data/);
    expect(request.files).toHaveLength(1);
    const [file] = request.files;
    expect(file?.filename).toBe("chart.png");
    expect(embedsOf(request)[0]?.image?.url).toBe("attachment://chart.png");
    const chart = (await bot.ask(query)).chart;
    expect(chart).toBeDefined();
    const bytes = file?.bytes ?? Buffer.alloc(0);
    expect(bytes.length).toBeGreaterThan(5_000);
    expect(pngHeader(bytes)).toEqual({ width: CHART_WIDTH, height: chartHeight(chart!) });
    expect(decodePng(bytes).height).toBe(chartHeight(chart!));
  }

  it("GIVEN /gd trend THEN the deferred answer is edited in with the chart attached and shown in the embed", async () => {
    const mark = fake.mark();
    const { token } = fake.sendSlashCommand("trend", [
      { name: "region", type: 3, value: "foshan" },
      { name: "metric", type: 3, value: "gdp" },
    ]);
    const edit = await fake.waitForRequest(
      (r) => r.method === "PATCH" && r.path === `/webhooks/${fake.applicationId}/${token}/messages/@original`,
      { after: mark, timeoutMs: 10_000 },
    );
    expect(JSON.stringify(embedsOf(edit))).toContain("1.36 trillion yuan");
    await expectChart(edit, CHART_TREND_QUERY);
  });

  it("GIVEN a mention asking to compare THEN the reply carries the bar chart as an attachment", async () => {
    const mark = fake.mark();
    const messageId = fake.sendMessage(`<@${fake.applicationId}> ${CHART_COMPARE_QUERY}`);
    const post = await fake.waitForRequest(
      (r) =>
        (r.body as { message_reference?: { message_id?: string } } | null)?.message_reference?.message_id ===
        messageId,
      { after: mark, timeoutMs: 10_000 },
    );
    await expectChart(post, CHART_COMPARE_QUERY);
  });

  it("GIVEN an answer with no chart THEN a plain JSON message, no attachment", async () => {
    const mark = fake.mark();
    const messageId = fake.sendMessage(`<@${fake.applicationId}> foshan gdp 2023`);
    const post = await fake.waitForRequest(
      (r) =>
        (r.body as { message_reference?: { message_id?: string } } | null)?.message_reference?.message_id ===
        messageId,
      { after: mark, timeoutMs: 10_000 },
    );
    expect(post.files).toEqual([]);
    expect(JSON.stringify(embedsOf(post))).not.toContain("attachment://");
  });
});
