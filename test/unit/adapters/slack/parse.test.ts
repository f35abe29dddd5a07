import { describe, expect, it } from "vitest";
import {
  parseAppMention,
  parseButtonClick,
  parseSlashCommand,
  unescapeSlackText,
} from "../../../../adapters/slack/parse.js";
import { InvocationSchema } from "../../../../src/core/invocation.js";
import { appMentionEvent, blockActionPayload, slashCommandFields } from "../../../support/fake-slack.js";

describe("parseSlashCommand", () => {
  it("GIVEN Slack's slash command fields THEN it builds a valid slack Invocation and keeps the response_url", () => {
    const fields = slashCommandFields(
      "zhaoqing gdp &lt;2023&gt; &amp; more",
      "http://127.0.0.1:1/response/x",
    );
    const { invocation, responseUrl } = parseSlashCommand(fields);
    expect(InvocationSchema.parse(invocation)).toBeTruthy();
    expect(invocation).toMatchObject({
      platform: "slack",
      user: { id: "U0000USER", name: "alice" },
      channel: { id: "C0000CHAN", name: "general" },
      workspace: "T0000TEAM",
      text: "zhaoqing gdp <2023> & more",
    });
    expect(responseUrl).toBe("http://127.0.0.1:1/response/x");
  });

  it("GIVEN a body without a response_url THEN it throws", () => {
    const { response_url: _omit, ...rest } = slashCommandFields("x", "http://127.0.0.1/r");
    expect(() => parseSlashCommand(rest)).toThrow();
  });

  it("GIVEN no text field THEN the text is empty", () => {
    const { text: _omit, ...rest } = slashCommandFields("x", "http://127.0.0.1/r");
    expect(parseSlashCommand(rest).invocation.text).toBe("");
  });
});

describe("parseAppMention", () => {
  const event = (text: string, extra: Record<string, unknown> = {}) => ({
    ...(appMentionEvent(text).event as Record<string, unknown>),
    ...extra,
  });

  it("GIVEN the bot's mention THEN it is stripped wherever it is", () => {
    expect(parseAppMention(event("<@UBOT> zhaoqing gdp 2023"), "UBOT").invocation.text).toBe(
      "zhaoqing gdp 2023",
    );
    expect(parseAppMention(event("what is <@UBOT|gd> zhaoqing gdp?"), "UBOT").invocation.text).toBe(
      "what is zhaoqing gdp?",
    );
  });

  it("GIVEN other users' mentions THEN they are kept", () => {
    expect(parseAppMention(event("<@UBOT> ask <@UOTHER>"), "UBOT").invocation.text).toBe("ask <@UOTHER>");
  });

  it("GIVEN no known bot id THEN only the leading mention is stripped", () => {
    expect(parseAppMention(event("<@UBOT> hi <@UX>")).invocation.text).toBe("hi <@UX>");
  });

  it("GIVEN a top-level mention THEN the answer thread is the message itself; in a thread, that thread", () => {
    expect(parseAppMention(event("<@UBOT> x", { ts: "1.1" })).threadTs).toBe("1.1");
    expect(parseAppMention(event("<@UBOT> x", { ts: "1.2", thread_ts: "1.0" })).threadTs).toBe("1.0");
  });

  it("GIVEN something other than app_mention THEN it throws", () => {
    expect(() => parseAppMention({ type: "message", text: "x" })).toThrow();
  });
});

describe("parseButtonClick", () => {
  it("GIVEN a block_actions payload THEN it reads action, value, user, channel and response_url", () => {
    const click = parseButtonClick(blockActionPayload("gd_share", "v", "http://127.0.0.1:1/r", "C9"));
    expect(click).toMatchObject({
      actionId: "gd_share",
      value: "v",
      userId: "U0000USER",
      channelId: "C9",
      responseUrl: "http://127.0.0.1:1/r",
    });
  });

  it("GIVEN no actions THEN it throws", () => {
    expect(() =>
      parseButtonClick({ ...blockActionPayload("a", "v", "http://127.0.0.1/r"), actions: [] }),
    ).toThrow();
  });
});

describe("unescapeSlackText", () => {
  it("GIVEN an escaped entity THEN it decodes once only", () => {
    expect(unescapeSlackText("&amp;lt; &lt;!channel&gt;")).toBe("&lt; <!channel>");
  });
});
