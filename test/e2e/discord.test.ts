/**
 * End to end: the real discord.js, driven by our adapter, against the fake Discord on 127.0.0.1.
 * The handler is a stand-in for the command core that answers with a realistic fact card and
 * echoes the user's words, so the tests can see both the answer and how user text is drawn.
 */
import type { APIEmbed } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDiscordAdapter } from "../../adapters/discord/index.js";
import { COMMANDS } from "../../commands/index.js";
import { DeliveryError, type PlatformAdapter } from "../../src/core/adapter.js";
import type { Invocation } from "../../src/core/invocation.js";
import { createLogger } from "../../src/core/logger.js";
import type { Reply } from "../../src/core/reply.js";
import { FakeDiscord, type RecordedRequest } from "../support/fake-discord.js";

const ANSWER = "279.25 billion yuan";
const SOURCE_URL = "https://www.zhaoqing.gov.cn/tjj/gkmlpt/content/2024/tjgb.html";

function answerFor(invocation: Invocation): Reply {
  if (invocation.command === "help") {
    return { blocks: [{ type: "text", text: "Ask me e.g. zhaoqing gdp 2023" }], visibility: "ephemeral" };
  }
  // Stands in for a bug below the handler; the real dispatch never throws, but the adapter must cope.
  if (invocation.text.includes("explode")) throw new Error("handler exploded");
  if (!/gdp/i.test(invocation.text)) {
    return {
      blocks: [{ type: "notice", text: `Nothing found for "${invocation.text}".` }],
      visibility: "ephemeral",
    };
  }
  return {
    blocks: [
      { type: "text", text: `You asked: ${invocation.text}` },
      {
        type: "fact",
        card: {
          id: "zhaoqing.gdp.2023",
          title: "GDP · Zhaoqing",
          value: `${ANSWER} (2,792.5亿元)`,
          period: "2023",
          details: [{ label: "Growth", value: "+1.9%" }],
          source: {
            title: "Zhaoqing 2023 statistical communiqué",
            url: SOURCE_URL,
            publisher: "Zhaoqing Statistics Bureau",
            published: "2024-03-29",
          },
          quote: "全年地区生产总值2792.5亿元，增长1.9%。",
          otherSources: 1,
        },
      },
    ],
    visibility: "public",
  };
}

function embedsOf(request: RecordedRequest): APIEmbed[] {
  return ((request.body as { embeds?: APIEmbed[] }).embeds ?? []) as APIEmbed[];
}

function embedText(embeds: APIEmbed[]): string {
  return JSON.stringify(embeds);
}

describe("Discord adapter against a fake Discord", () => {
  let fake: FakeDiscord;
  let adapter: PlatformAdapter;
  const invocations: Invocation[] = [];
  const logLines: string[] = [];

  beforeAll(async () => {
    fake = await new FakeDiscord({ heartbeatIntervalMs: 1000 }).start();
    adapter = createDiscordAdapter({
      config: { token: "fake-bot-token", applicationId: fake.applicationId, apiUrl: fake.apiUrl },
      handle: async (invocation) => {
        invocations.push(invocation);
        return answerFor(invocation);
      },
      commands: COMMANDS,
      autocomplete: async (field, partial) =>
        field === "region"
          ? ["Zhaoqing", "Zhuhai", "Zhongshan", "Zhanjiang"].filter((r) =>
              r.toLowerCase().startsWith(partial),
            )
          : [`${partial} gdp 2023`, `${partial} retail sales 2023`],
      logger: createLogger({ level: "debug", write: (line) => logLines.push(line) }),
      // D1: lift the client-side 50 requests/s limit; fail fast instead of retrying.
      clientOptions: {
        rest: { globalRequestsPerSecond: 1e6, retries: 0, timeout: 3000 },
        waitGuildTimeout: 500,
      },
    });
    await adapter.start();
  });

  afterAll(async () => {
    await adapter?.stop();
    await fake?.stop();
  });

  it("GIVEN the bot connects THEN it asks only for the Guilds and GuildMessages intents", () => {
    expect(fake.identifies.at(-1)?.intents).toBe(1 | 512);
  });

  it("GIVEN a message mentioning the bot WHEN it arrives THEN the bot replies to it with the answer in an embed and pings no one", async () => {
    const mark = fake.mark();
    const messageId = fake.sendMessage(`<@${fake.applicationId}> zhaoqing gdp 2023`);

    const post = await fake.waitForRequest((r) => fake.channelMessagePosts().includes(r), { after: mark });

    expect(post.path).toBe(`/channels/${fake.channelId}/messages`);
    const body = post.body as Record<string, unknown>;
    expect(body.message_reference).toMatchObject({ message_id: messageId });
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const embeds = embedsOf(post);
    expect(embedText(embeds)).toContain(ANSWER);
    expect(embeds.some((e) => e.url === SOURCE_URL)).toBe(true);
    expect(embedText(embeds)).toContain("Source date: 2024-03-29");
    expect(invocations.at(-1)).toMatchObject({
      platform: "discord",
      text: "zhaoqing gdp 2023",
      channel: { id: fake.channelId, name: "general" },
      user: { id: fake.userId, canManageChannel: false },
      workspace: fake.guildId,
    });
  });

  it("GIVEN a mention from a member whose role may manage channels THEN the invocation says so", async () => {
    const mark = fake.mark();
    const messageId = fake.sendMessage(`<@${fake.applicationId}> zhaoqing gdp 2023`, {
      roles: [fake.moderatorRoleId],
    });

    await fake.waitForRequest(
      (r) =>
        (r.body as { message_reference?: { message_id?: string } } | null)?.message_reference?.message_id ===
        messageId,
      { after: mark },
    );

    expect(invocations.at(-1)?.user.canManageChannel).toBe(true);
  });

  it("GIVEN a message that does not mention the bot WHEN a mention follows THEN only the mention is answered", async () => {
    const mark = fake.mark();
    const ignoredId = fake.sendMessage("zhaoqing gdp 2023, anyone?");
    const askedId = fake.sendMessage(`<@${fake.applicationId}> foshan gdp 2023`);

    await fake.waitForRequest(
      (r) =>
        (r.body as { message_reference?: { message_id?: string } } | null)?.message_reference?.message_id ===
        askedId,
      { after: mark },
    );

    // Events are handled in order, so a reply to the first message would have been posted first.
    const posts = fake.channelMessagePosts(mark);
    expect(posts).toHaveLength(1);
    expect(JSON.stringify(posts)).not.toContain(ignoredId);
  });

  it("GIVEN @everyone and a user mention in the user's text WHEN the answer echoes it THEN neither is a live ping", async () => {
    const mark = fake.mark();
    fake.sendMessage(`<@${fake.applicationId}> gdp @everyone <@${fake.userId}> @here`);

    const post = await fake.waitForRequest((r) => fake.channelMessagePosts().includes(r), { after: mark });

    const body = post.body as { content?: string; allowed_mentions: unknown };
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const text = `${body.content ?? ""}${embedText(embedsOf(post))}`;
    expect(text).not.toMatch(/@everyone|@here|<@\d/);
    expect(text).toContain("@\u200beveryone");
  });

  it("GIVEN /gd ask query:guangdong gdp 2023 WHEN invoked THEN the bot defers, then edits in the answer", async () => {
    const mark = fake.mark();
    const { id, token } = fake.sendSlashCommand(
      "ask",
      [{ name: "query", type: 3, value: "guangdong gdp 2023" }],
      {
        canManageChannel: true,
      },
    );

    const edit = await fake.waitForRequest(
      (r) => r.method === "PATCH" && r.path === `/webhooks/${fake.applicationId}/${token}/messages/@original`,
      { after: mark },
    );

    const callback = fake.requests
      .slice(mark)
      .find((r) => r.path === `/interactions/${id}/${token}/callback`);
    expect(callback?.body).toMatchObject({ type: 5, data: { flags: 0 } });
    expect(fake.requests.indexOf(callback as RecordedRequest)).toBeLessThan(fake.requests.indexOf(edit));
    expect(embedText(embedsOf(edit))).toContain(ANSWER);
    expect((edit.body as { allowed_mentions?: unknown }).allowed_mentions).toMatchObject({ parse: [] });
    expect(invocations.at(-1)).toMatchObject({
      command: "ask",
      text: "guangdong gdp 2023",
      user: { id: fake.userId, canManageChannel: true },
    });
  });

  it("GIVEN /gd help WHEN invoked THEN the defer is ephemeral", async () => {
    const mark = fake.mark();
    const { token } = fake.sendSlashCommand("help");

    await fake.waitForRequest((r) => r.method === "PATCH" && r.path.includes(token), { after: mark });

    const callback = fake.requests.slice(mark).find((r) => r.path.endsWith(`${token}/callback`));
    expect(callback?.body).toMatchObject({ type: 5, data: { flags: 64 } });
  });

  it("GIVEN /gd digest status WHEN invoked THEN the defer is ephemeral, while digest subscribe is public", async () => {
    const mark = fake.mark();
    const status = fake.sendSlashCommand("status", [], { group: "digest" });
    await fake.waitForRequest((r) => r.method === "PATCH" && r.path.includes(status.token), { after: mark });
    const statusDefer = fake.requests.slice(mark).find((r) => r.path.endsWith(`${status.token}/callback`));
    expect(statusDefer?.body).toMatchObject({ type: 5, data: { flags: 64 } });

    const next = fake.mark();
    const subscribe = fake.sendSlashCommand("subscribe", [], { group: "digest" });
    await fake.waitForRequest((r) => r.path.includes(subscribe.token) && r.method !== "POST", {
      after: next,
    });
    const subscribeDefer = fake.requests
      .slice(next)
      .find((r) => r.path.endsWith(`${subscribe.token}/callback`));
    expect(subscribeDefer?.body).toMatchObject({ type: 5, data: { flags: 0 } });
  });

  it("GIVEN a public defer WHEN the answer is an ephemeral error THEN it arrives as an ephemeral follow-up and the public placeholder is deleted", async () => {
    const mark = fake.mark();
    const { token } = fake.sendSlashCommand("ask", [{ name: "query", type: 3, value: "weather tomorrow" }]);

    const deletion = await fake.waitForRequest((r) => r.method === "DELETE" && r.path.includes(token), {
      after: mark,
    });

    const followUp = fake.requests
      .slice(mark)
      .find((r) => r.method === "POST" && r.path === `/webhooks/${fake.applicationId}/${token}`);
    expect(followUp?.body).toMatchObject({ flags: 64 });
    expect(embedText(embedsOf(followUp as RecordedRequest))).toContain("Nothing found");
    expect(fake.requests.indexOf(followUp as RecordedRequest)).toBeLessThan(fake.requests.indexOf(deletion));
  });

  it("GIVEN the digest subscribe subcommand WHEN invoked THEN the invocation names the digest command with the subcommand and frequency", async () => {
    const mark = fake.mark();
    const { token } = fake.sendSlashCommand("subscribe", [{ name: "frequency", type: 3, value: "daily" }], {
      group: "digest",
    });

    await fake.waitForRequest((r) => r.path.includes(token) && r.method !== "POST", { after: mark });

    expect(invocations.at(-1)).toMatchObject({ command: "digest", text: "subscribe daily" });
  });

  it("GIVEN an autocomplete interaction on trend's region WHEN the user types THEN the bot responds with matching choices", async () => {
    const mark = fake.mark();
    const { id, token } = fake.sendAutocomplete("trend", "region", "zh");

    const callback = await fake.waitForRequest((r) => r.path === `/interactions/${id}/${token}/callback`, {
      after: mark,
    });

    expect(callback.body).toEqual({
      type: 8,
      data: {
        choices: [
          { name: "Zhaoqing", value: "Zhaoqing" },
          { name: "Zhuhai", value: "Zhuhai" },
          { name: "Zhongshan", value: "Zhongshan" },
          { name: "Zhanjiang", value: "Zhanjiang" },
        ],
      },
    });
  });

  it("GIVEN a gateway op 7 reconnect WHEN the next mention arrives THEN it is still answered", async () => {
    const resumesBefore = fake.resumes;
    await fake.reconnect();
    expect(fake.resumes).toBe(resumesBefore + 1);

    const mark = fake.mark();
    const messageId = fake.sendMessage(`<@${fake.applicationId}> zhaoqing gdp 2023`);
    const post = await fake.waitForRequest(
      (r) =>
        (r.body as { message_reference?: { message_id?: string } } | null)?.message_reference?.message_id ===
        messageId,
      { after: mark },
    );

    expect(embedText(embedsOf(post))).toContain(ANSWER);
  });

  it("GIVEN post() twice with the same idempotency key THEN Discord keeps one message and both calls return its id", async () => {
    const reply: Reply = { blocks: [{ type: "text", text: "Weekly digest" }], visibility: "public" };
    const before = fake.messages.size;

    const first = await adapter.post(fake.channelId, reply, { idempotencyKey: "digest2024w13" });
    const second = await adapter.post(fake.channelId, reply, { idempotencyKey: "digest2024w13" });

    expect(second.messageId).toBe(first.messageId);
    expect(fake.messages.size).toBe(before + 1);
    const sent = fake.channelMessagePosts().at(-1)?.body as Record<string, unknown>;
    expect(sent).toMatchObject({
      nonce: "digest2024w13",
      enforce_nonce: true,
      allowed_mentions: { parse: [] },
    });
    expect(sent.flags).toBeUndefined();
  });

  it("GIVEN an unknown channel WHEN posting THEN a permanent DeliveryError with code 10003", async () => {
    const error = await adapter
      .post("1399999999999999999", { blocks: [{ type: "text", text: "hi" }], visibility: "public" })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ permanent: true, platformCode: "10003" });
  });

  it("GIVEN Missing Access WHEN posting THEN a permanent DeliveryError with code 50001", async () => {
    fake.failNext({
      method: "POST",
      path: /\/messages$/,
      status: 403,
      body: { message: "Missing Access", code: 50001 },
    });

    const error = await adapter
      .post(fake.channelId, { blocks: [{ type: "text", text: "hi" }], visibility: "public" })
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ name: "DeliveryError", permanent: true, platformCode: "50001" });
  });

  it("GIVEN a long 429 WHEN posting THEN a transient DeliveryError carrying the wait", async () => {
    fake.failNext({
      method: "POST",
      path: /\/messages$/,
      status: 429,
      body: { message: "You are being rate limited.", retry_after: 60, global: false },
      headers: { "retry-after": "60", "x-ratelimit-scope": "user" },
    });

    const error = await adapter
      .post(fake.channelId, { blocks: [{ type: "text", text: "hi" }], visibility: "public" })
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ name: "DeliveryError", permanent: false, platformCode: "429" });
    expect((error as DeliveryError).retryAfterMs).toBeGreaterThanOrEqual(59_000);
  });

  it("GIVEN a server error WHEN posting THEN a transient DeliveryError", async () => {
    fake.failNext({ method: "POST", path: /\/messages$/, status: 502, body: { message: "Bad Gateway" } });

    const error = await adapter
      .post(fake.channelId, { blocks: [{ type: "text", text: "hi" }], visibility: "public" })
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ name: "DeliveryError", permanent: false, platformCode: "502" });
  });

  it("GIVEN the handler throws WHEN answering a slash command THEN the user gets an ephemeral apology with an error id", async () => {
    const mark = fake.mark();
    const { token } = fake.sendSlashCommand("ask", [{ name: "query", type: 3, value: "gdp explode" }]);

    const followUp = await fake.waitForRequest(
      (r) => r.method === "POST" && r.path === `/webhooks/${fake.applicationId}/${token}`,
      { after: mark },
    );

    expect(followUp.body).toMatchObject({ flags: 64 });
    const errorId = /error id (E-[0-9A-F]{6})/.exec(embedText(embedsOf(followUp)))?.[1];
    expect(errorId).toBeDefined();
    const logged = logLines.filter((line) => line.includes(errorId as string));
    expect(logged.join("\n")).toContain("handler exploded");
    expect(logLines.join("\n")).not.toContain(token);
  });

  it("GIVEN editing the deferred answer fails WHEN answering THEN the failure is logged without the interaction token and an apology follows", async () => {
    fake.failNext({
      method: "PATCH",
      path: /^\/webhooks\//,
      status: 404,
      body: { message: "Unknown Webhook", code: 10015 },
    });
    const mark = fake.mark();
    const { token } = fake.sendSlashCommand("ask", [{ name: "query", type: 3, value: "zhaoqing gdp 2023" }]);

    const followUp = await fake.waitForRequest(
      (r) => r.method === "POST" && r.path === `/webhooks/${fake.applicationId}/${token}`,
      { after: mark },
    );

    expect(followUp.body).toMatchObject({ flags: 64 });
    expect(embedText(embedsOf(followUp))).toMatch(/error id E-[0-9A-F]{6}/);
    const failure = logLines.find((line) => line.includes("Unknown Webhook"));
    expect(failure).toContain(`/webhooks/${fake.applicationId}/:token`);
    expect(logLines.join("\n")).not.toContain(token);
  });

  it("GIVEN the reply fails to send WHEN answering a mention THEN the bot logs it, keeps running and answers the next mention", async () => {
    fake.failNext({ method: "POST", path: /\/messages$/, status: 500, body: { message: "boom" }, times: 2 });
    const mark = fake.mark();
    fake.sendMessage(`<@${fake.applicationId}> zhaoqing gdp 2023`);
    // Both the answer and the apology hit the injected failure.
    await fake.waitForRequest((r) => fake.channelMessagePosts(mark).length === 2 && r.method === "POST", {
      after: mark,
    });

    const next = fake.mark();
    const messageId = fake.sendMessage(`<@${fake.applicationId}> zhaoqing gdp 2023`);
    const post = await fake.waitForRequest(
      (r) =>
        (r.body as { message_reference?: { message_id?: string } } | null)?.message_reference?.message_id ===
        messageId,
      { after: next },
    );

    expect(embedText(embedsOf(post))).toContain(ANSWER);
  });
});
