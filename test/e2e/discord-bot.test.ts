/**
 * The end-to-end checks with everything real: discord.js and our adapter against the
 * fake Discord on 127.0.0.1, answering through the real bot over a temporary store that holds
 * the bundled articles. (`discord.test.ts` covers the adapter's own mechanics with a stand-in.)
 */
import type { APIEmbed } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDiscordAdapter } from "../../adapters/discord/index.js";
import type { PlatformAdapter } from "../../src/core/adapter.js";
import { silentLogger } from "../../src/core/logger.js";
import { createTestBot, type TestBot } from "../support/bot.js";
import { FakeDiscord, type RecordedRequest } from "../support/fake-discord.js";

const ZHAOQING_GDP_2023 = "279.25 billion yuan";

const embedsOf = (request: RecordedRequest): APIEmbed[] =>
  (request.body as { embeds?: APIEmbed[] }).embeds ?? [];
const repliesTo = (messageId: string) => (r: RecordedRequest) =>
  (r.body as { message_reference?: { message_id?: string } } | null)?.message_reference?.message_id ===
  messageId;

describe("Discord end to end with the real bot", () => {
  let fake: FakeDiscord;
  let bot: TestBot;
  let adapter: PlatformAdapter;

  beforeAll(async () => {
    fake = await new FakeDiscord({ heartbeatIntervalMs: 1000 }).start();
    bot = await createTestBot();
    adapter = createDiscordAdapter({
      config: { token: "fake-bot-token", applicationId: fake.applicationId, apiUrl: fake.apiUrl },
      handle: bot.handle,
      commands: bot.bot.registry.commands,
      autocomplete: bot.autocomplete,
      logger: silentLogger(),
      // D1: lift the client-side 50 requests/s limit; fail fast instead of retrying.
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

  it("GIVEN <@bot> zhaoqing gdp 2023 THEN a reply to that message holds 279.25 billion yuan and its source, pinging no one", async () => {
    const mark = fake.mark();
    const messageId = fake.sendMessage(`<@${fake.applicationId}> zhaoqing gdp 2023`);

    const post = await fake.waitForRequest(repliesTo(messageId), { after: mark, timeoutMs: 10_000 });

    expect(post.method).toBe("POST");
    expect(post.path).toBe(`/channels/${fake.channelId}/messages`);
    expect((post.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({
      parse: [],
      replied_user: false,
    });
    const embeds = embedsOf(post);
    const answer = embeds.find((e) => JSON.stringify(e).includes(ZHAOQING_GDP_2023));
    expect(answer).toBeDefined();
    expect(answer?.fields?.some((f) => f.name === "Source" && f.value.length > 1)).toBe(true);
    expect(answer?.footer?.text).toMatch(/^Source date: /);
  });

  it("GIVEN a message that does not mention the bot THEN nothing is sent for it", async () => {
    const mark = fake.mark();
    fake.sendMessage("zhaoqing gdp 2023");
    const askedId = fake.sendMessage(`<@${fake.applicationId}> zhaoqing gdp 2023`);

    await fake.waitForRequest(repliesTo(askedId), { after: mark, timeoutMs: 10_000 });

    // Gateway events are handled in order, so an answer to the first would have come first.
    expect(fake.channelMessagePosts(mark)).toHaveLength(1);
  });

  it("GIVEN /gd ask query:guangdong gdp 2023 THEN a deferred callback, then an edit with the answer", async () => {
    const mark = fake.mark();
    const { id, token } = fake.sendSlashCommand("ask", [
      { name: "query", type: 3, value: "guangdong gdp 2023" },
    ]);

    const edit = await fake.waitForRequest(
      (r) => r.method === "PATCH" && r.path === `/webhooks/${fake.applicationId}/${token}/messages/@original`,
      { after: mark, timeoutMs: 10_000 },
    );

    const callback = fake.requests
      .slice(mark)
      .find((r) => r.path === `/interactions/${id}/${token}/callback`);
    expect(callback?.body).toMatchObject({ type: 5 });
    // The same bot asked directly says what the figure is; the edit must carry that fact card.
    const direct = await bot.ask("guangdong gdp 2023");
    const fact = direct.blocks.find((b) => b.type === "fact");
    expect(fact?.type === "fact" && fact.card.value).toMatch(/yuan/);
    const answer = embedsOf(edit).find((e) => fact?.type === "fact" && e.title === fact.card.title);
    expect(answer?.description).toContain(fact?.type === "fact" ? fact.card.value : "?");
    expect(answer?.title).toMatch(/Guangdong/);
  });

  it("GIVEN an autocomplete on ask's query THEN the choices come from the store", async () => {
    const mark = fake.mark();
    const { id, token } = fake.sendAutocomplete("ask", "query", "zhaoqing");

    const callback = await fake.waitForRequest((r) => r.path === `/interactions/${id}/${token}/callback`, {
      after: mark,
      timeoutMs: 10_000,
    });

    const { type, data } = callback.body as {
      type: number;
      data: { choices: { name: string; value: string }[] };
    };
    expect(type).toBe(8);
    expect(data.choices.length).toBeGreaterThan(0);
    expect(data.choices.length).toBeLessThanOrEqual(25);
    expect(data.choices.some((c) => /zhaoqing/i.test(c.name))).toBe(true);
  });

  it("GIVEN an op 7 reconnect THEN the next mention is still answered", async () => {
    await fake.reconnect();

    const mark = fake.mark();
    const messageId = fake.sendMessage(`<@${fake.applicationId}> zhaoqing gdp 2023`);
    const post = await fake.waitForRequest(repliesTo(messageId), { after: mark, timeoutMs: 10_000 });

    expect(JSON.stringify(embedsOf(post))).toContain(ZHAOQING_GDP_2023);
  });

  it("GIVEN @everyone in the user's text THEN the reply does not ping", async () => {
    const mark = fake.mark();
    const messageId = fake.sendMessage(`<@${fake.applicationId}> @everyone @here zhaoqing gdp 2023`);

    const post = await fake.waitForRequest(repliesTo(messageId), { after: mark, timeoutMs: 10_000 });

    const body = post.body as { content?: string; allowed_mentions?: unknown };
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(`${body.content ?? ""}${JSON.stringify(embedsOf(post))}`).not.toMatch(/@everyone|@here/);
  });
});
