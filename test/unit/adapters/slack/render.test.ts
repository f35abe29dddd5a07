import { describe, expect, it } from "vitest";
import {
  escapeSlackText,
  replyToBlockKit,
  SHARE_ACTION_ID,
  SLACK_MAX_BLOCKS,
  SLACK_MAX_FIELD_TEXT,
  SLACK_MAX_SECTION_FIELDS,
  SLACK_MAX_SECTION_TEXT,
  truncateText,
} from "../../../../adapters/slack/render.js";
import type { FactCard, Reply, ReplyBlock } from "../../../../src/core/reply.js";

const card = (over: Partial<FactCard> = {}): FactCard => ({
  id: "zhaoqing.gdp.2023",
  title: "GDP · Zhaoqing",
  value: "279.25 billion yuan (2,792.5亿元)",
  period: "2023",
  details: [{ label: "Growth", value: "+3.3%" }],
  source: {
    title: "Zhaoqing 2023 communiqué",
    url: "https://example.gov.cn/a.html",
    publisher: "Zhaoqing Statistics Bureau",
    published: "2024-03-28",
  },
  quote: "GDP reached 279.25 billion yuan.",
  otherSources: 0,
  ...over,
});

const reply = (blocks: ReplyBlock[], over: Partial<Reply> = {}): Reply => ({
  blocks,
  visibility: "public",
  ...over,
});

type AnyBlock = {
  type: string;
  text?: { text: string };
  fields?: { text: string }[];
  elements?: Array<{ text?: string | { text: string }; value?: string; action_id?: string }>;
};
const blocksOf = (r: Reply, shareValue?: string) =>
  replyToBlockKit(r, shareValue === undefined ? {} : { shareValue }).blocks as AnyBlock[];

describe("replyToBlockKit", () => {
  it("GIVEN a fact card THEN it draws a section with value and fields, the quote, and a linked source context", () => {
    const blocks = blocksOf(reply([{ type: "fact", card: card() }]));
    expect(blocks.map((b) => b.type)).toEqual(["section", "section", "context"]);
    expect(blocks[0]?.text?.text).toContain("279.25 billion yuan");
    expect(blocks[0]?.fields?.[0]?.text).toContain("Growth");
    expect(blocks[1]?.text?.text).toContain("GDP reached");
    expect(blocks[2]?.elements?.[0]?.text).toContain(
      "<https://example.gov.cn/a.html|Zhaoqing 2023 communiqué>",
    );
  });

  it("GIVEN a source with a non-web url THEN the title is shown without a link", () => {
    const blocks = blocksOf(
      reply([{ type: "fact", card: card({ source: { ...card().source, url: "javascript:alert(1)" } }) }]),
    );
    expect(JSON.stringify(blocks)).not.toContain("javascript:");
  });

  it("GIVEN mention syntax in user or document text THEN every occurrence is escaped", () => {
    const evil = "<!channel> <!here> <@U123> & <https://evil.example|click>";
    const r = reply([
      { type: "heading", text: evil },
      { type: "text", text: evil },
      { type: "notice", text: evil },
      { type: "context", text: evil },
      { type: "fields", fields: [{ label: evil, value: evil }] },
      { type: "table", columns: [evil], rows: [[evil]] },
      {
        type: "fact",
        card: card({
          title: evil,
          value: evil,
          quote: evil,
          source: { ...card().source, title: evil, publisher: evil },
        }),
      },
    ]);
    const { text, blocks } = replyToBlockKit(r, { shareValue: "x" });
    const sent = JSON.stringify({ text, blocks });
    expect(sent).not.toMatch(/<[!@]/);
    expect(sent).not.toContain("<https://evil.example");
    expect(sent).toContain("&lt;!channel&gt;");
    expect(sent).toContain("&amp;");
  });

  it("GIVEN more than 10 fields THEN the section shows 9 and says how many more", () => {
    const fields = Array.from({ length: 14 }, (_, i) => ({ label: `L${i}`, value: `V${i}` }));
    const [section] = blocksOf(reply([{ type: "fields", fields }]));
    expect(section?.fields).toHaveLength(SLACK_MAX_SECTION_FIELDS);
    expect(section?.fields?.at(-1)?.text).toBe("… and 5 more");
  });

  it("GIVEN a field longer than Slack allows THEN it is cut to the limit with a note", () => {
    const [section] = blocksOf(
      reply([{ type: "fields", fields: [{ label: "Long", value: "x".repeat(5000) }] }]),
    );
    const text = section?.fields?.[0]?.text ?? "";
    expect(text.length).toBeLessThanOrEqual(SLACK_MAX_FIELD_TEXT);
    expect(text).toMatch(/… and \d+ more characters$/);
  });

  it("GIVEN text longer than a section allows THEN it is cut to the limit with a note", () => {
    const [section] = blocksOf(reply([{ type: "text", text: "y".repeat(10_000) }]));
    expect(section?.text?.text.length).toBeLessThanOrEqual(SLACK_MAX_SECTION_TEXT);
    expect(section?.text?.text).toMatch(/… and \d+ more characters$/);
  });

  it("GIVEN escaping lengthens text past the limit THEN the cut never splits an entity", () => {
    const [section] = blocksOf(reply([{ type: "text", text: "<".repeat(2000) }]));
    const text = section?.text?.text ?? "";
    expect(text.length).toBeLessThanOrEqual(SLACK_MAX_SECTION_TEXT);
    expect(text.replace(/ … and \d+ more characters$/, "")).toMatch(/^(&lt;)+$/);
  });

  it("GIVEN more reply blocks than Slack's 50 THEN the message holds at most 50 and ends with … and N more", () => {
    const many: ReplyBlock[] = Array.from({ length: 80 }, (_, i) => ({ type: "text", text: `line ${i}` }));
    const blocks = blocksOf(reply(many));
    expect(blocks).toHaveLength(SLACK_MAX_BLOCKS);
    expect(blocks.at(-1)?.type).toBe("context");
    expect(blocks.at(-1)?.elements?.[0]?.text).toMatch(/^… and 31 more/);
  });

  it("GIVEN many fact cards and a Share button THEN cards are never split and the button still fits", () => {
    const many: ReplyBlock[] = Array.from({ length: 30 }, () => ({ type: "fact", card: card() }));
    const blocks = blocksOf(reply(many), "value");
    expect(blocks.length).toBeLessThanOrEqual(SLACK_MAX_BLOCKS);
    expect(blocks.at(-1)?.type).toBe("actions");
    expect(blocks.at(-1)?.elements?.[0]?.action_id).toBe(SHARE_ACTION_ID);
    // 3 blocks a card: 16 cards + the note + the button = 50.
    expect(blocks.filter((b) => b.type === "section" && b.fields)).toHaveLength(16);
    expect(blocks.at(-2)?.elements?.[0]?.text).toMatch(/^… and 14 more/);
  });

  it("GIVEN exactly 50 simple blocks THEN nothing is cut", () => {
    const fifty: ReplyBlock[] = Array.from({ length: 50 }, () => ({ type: "divider" }));
    expect(blocksOf(reply(fifty))).toHaveLength(50);
  });

  it("GIVEN a table THEN it is drawn monospace and rows that do not fit are counted", () => {
    const rows = Array.from({ length: 500 }, (_, i) => [`city ${i}`, `${i}.0`]);
    const [section] = blocksOf(reply([{ type: "table", columns: ["City", "GDP"], rows }]));
    expect(section?.text?.text.startsWith("```\nCity")).toBe(true);
    expect(section?.text?.text.length).toBeLessThanOrEqual(SLACK_MAX_SECTION_TEXT);
    expect(section?.text?.text).toMatch(/… and \d+ more rows$/);
  });

  it.each<[string, Reply]>([
    ["no blocks", reply([])],
    [
      "only empty text",
      reply([
        { type: "text", text: "   " },
        { type: "heading", text: "" },
      ]),
    ],
    ["only a divider", reply([{ type: "divider" }])],
    ["a blank summary", reply([{ type: "divider" }], { summary: "  " })],
  ])("GIVEN %s THEN the fallback text is not empty and there is a visible block", (_name, r) => {
    const { text, blocks } = replyToBlockKit(r);
    expect(text.trim()).not.toBe("");
    expect(blocks.length).toBeGreaterThan(0);
  });

  it("GIVEN a fact reply THEN the fallback text states the figure", () => {
    expect(replyToBlockKit(reply([{ type: "fact", card: card() }])).text).toContain("279.25 billion yuan");
  });

  it("GIVEN a share value THEN a Share in channel button carries it", () => {
    const blocks = blocksOf(reply([{ type: "text", text: "hi" }]), '{"v":1,"q":"hi"}');
    expect(blocks.at(-1)?.elements?.[0]?.value).toBe('{"v":1,"q":"hi"}');
  });

  it("GIVEN a share value over 2,000 characters THEN it refuses with a message saying how to fix it", () => {
    expect(() => replyToBlockKit(reply([]), { shareValue: "x".repeat(2001) })).toThrow(/Omit the button/);
  });
});

describe("escapeSlackText and truncateText", () => {
  it("GIVEN &, < and > THEN they become entities, & first", () => {
    expect(escapeSlackText("a & <b> &lt;")).toBe("a &amp; &lt;b&gt; &amp;lt;");
  });

  it("GIVEN text within the limit THEN it is unchanged", () => {
    expect(truncateText("short", 10)).toBe("short");
  });
});
