import type { APIEmbed } from "discord.js";
import { describe, expect, it } from "vitest";
import {
  DISCORD_MAX_CONTENT,
  DISCORD_MAX_DESCRIPTION,
  DISCORD_MAX_EMBED_TOTAL,
  DISCORD_MAX_EMBEDS,
  DISCORD_MAX_FIELD_NAME,
  DISCORD_MAX_FIELD_VALUE,
  DISCORD_MAX_FIELDS,
  DISCORD_MAX_TITLE,
  type DiscordMessage,
  embedLength,
  neutraliseMentions,
  replyToDiscord,
  truncate,
} from "../../../../adapters/discord/render.js";
import type { FactCard, Reply, ReplyBlock } from "../../../../src/core/reply.js";

function card(overrides: Partial<FactCard> = {}): FactCard {
  return {
    id: "zhaoqing.gdp.2023",
    title: "GDP · Zhaoqing",
    value: "279.25 billion yuan (2,792.5亿元)",
    period: "2023",
    details: [{ label: "Growth", value: "+1.9%" }],
    source: {
      title: "Zhaoqing 2023 statistical communiqué",
      url: "https://www.zhaoqing.gov.cn/tjj/tjgb.html",
      publisher: "Zhaoqing Statistics Bureau",
      published: "2024-03-29",
    },
    quote: "全年地区生产总值2792.5亿元，增长1.9%。",
    otherSources: 0,
    ...overrides,
  };
}

function reply(blocks: ReplyBlock[], visibility: Reply["visibility"] = "public"): Reply {
  return { blocks, visibility };
}

/** Every limit Discord enforces on a message body. */
function expectWithinLimits(message: DiscordMessage): void {
  expect(message.allowed_mentions).toEqual({ parse: [] });
  expect(message.content === undefined && message.embeds.length === 0).toBe(false);
  expect((message.content ?? "").length).toBeLessThanOrEqual(DISCORD_MAX_CONTENT);
  expect(message.embeds.length).toBeLessThanOrEqual(DISCORD_MAX_EMBEDS);
  expect(message.embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(DISCORD_MAX_EMBED_TOTAL);
  for (const embed of message.embeds) {
    expect((embed.title ?? "").length).toBeLessThanOrEqual(DISCORD_MAX_TITLE);
    expect((embed.description ?? "").length).toBeLessThanOrEqual(DISCORD_MAX_DESCRIPTION);
    expect((embed.fields ?? []).length).toBeLessThanOrEqual(DISCORD_MAX_FIELDS);
    for (const f of embed.fields ?? []) {
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.name.length).toBeLessThanOrEqual(DISCORD_MAX_FIELD_NAME);
      expect(f.value.length).toBeGreaterThan(0);
      expect(f.value.length).toBeLessThanOrEqual(DISCORD_MAX_FIELD_VALUE);
    }
  }
}

const allText = (message: DiscordMessage) => `${message.content ?? ""}${JSON.stringify(message.embeds)}`;

describe("replyToDiscord", () => {
  it("GIVEN a fact card THEN one embed holds the value, quote, details, a source link and the source date", () => {
    const message = replyToDiscord(reply([{ type: "fact", card: card({ otherSources: 2 }) }]));

    expectWithinLimits(message);
    const [embed] = message.embeds as [APIEmbed];
    expect(embed.title).toBe("GDP · Zhaoqing");
    expect(embed.url).toBe("https://www.zhaoqing.gov.cn/tjj/tjgb.html");
    expect(embed.description).toContain("**279.25 billion yuan (2,792.5亿元)**");
    expect(embed.description).toContain("> 全年地区生产总值2792.5亿元");
    expect(embed.fields).toEqual(
      expect.arrayContaining([
        { name: "Period", value: "2023", inline: true },
        { name: "Growth", value: "+1.9%", inline: true },
        {
          name: "Source",
          value:
            "[Zhaoqing 2023 statistical communiqué](https://www.zhaoqing.gov.cn/tjj/tjgb.html) · Zhaoqing Statistics Bureau",
          inline: false,
        },
        { name: "Also stated in", value: "2 other documents", inline: true },
      ]),
    );
    expect(embed.footer?.text).toBe("Source date: 2024-03-29");
    expect(message.content).toBeUndefined();
  });

  it("GIVEN a source without a web address or date THEN the title is plain text and the footer says the date is unknown", () => {
    const message = replyToDiscord(
      reply([
        {
          type: "fact",
          card: card({ source: { title: "Local file", url: null, publisher: null, published: null } }),
        },
      ]),
    );

    const [embed] = message.embeds as [APIEmbed];
    expect(embed.url).toBeUndefined();
    expect(embed.fields?.find((f) => f.name === "Source")?.value).toBe("Local file");
    expect(embed.footer?.text).toBe("Source date: unknown");
  });

  it("GIVEN a non-web source URL THEN it is not made a link", () => {
    const message = replyToDiscord(
      reply([
        {
          type: "fact",
          card: card({
            source: { title: "x", url: "javascript:alert(1)", publisher: null, published: null },
          }),
        },
      ]),
    );

    expect(message.embeds[0]?.url).toBeUndefined();
    expect(allText(message)).not.toContain("](javascript:");
  });

  it("GIVEN a source title with brackets and a URL with parentheses THEN the markdown link stays intact", () => {
    const message = replyToDiscord(
      reply([
        {
          type: "fact",
          card: card({
            source: {
              title: "Report [draft]",
              url: "https://example.org/a_(b)",
              publisher: null,
              published: null,
            },
          }),
        },
      ]),
    );

    expect(message.embeds[0]?.fields?.find((f) => f.name === "Source")?.value).toBe(
      "[Report draft](https://example.org/a_%28b%29)",
    );
  });

  it("GIVEN an ephemeral reply THEN the ephemeral flag is set; a public one has no flags", () => {
    expect(replyToDiscord(reply([{ type: "text", text: "hi" }], "ephemeral")).flags).toBe(64);
    expect(replyToDiscord(reply([{ type: "text", text: "hi" }])).flags).toBeUndefined();
  });

  it("GIVEN a reply with no blocks THEN the summary is sent as content so the message is never empty", () => {
    const message = replyToDiscord({ blocks: [], visibility: "public", summary: "Nothing new this week." });

    expect(message).toEqual({
      content: "Nothing new this week.",
      embeds: [],
      allowed_mentions: { parse: [] },
    });
  });

  it("GIVEN a heading, text, fields, a divider and more text THEN the heading titles the first embed and the divider starts a second", () => {
    const message = replyToDiscord(
      reply([
        { type: "heading", text: "Digest" },
        { type: "text", text: "Three new figures." },
        { type: "fields", fields: [{ label: "New", value: "3" }] },
        { type: "divider" },
        { type: "context", text: "From 2 documents\nUpdated weekly" },
      ]),
    );

    expect(message.embeds).toHaveLength(2);
    expect(message.embeds[0]).toMatchObject({
      title: "Digest",
      description: "Three new figures.",
      fields: [{ name: "New", value: "3", inline: true }],
    });
    expect(message.embeds[1]?.description).toBe("-# From 2 documents\n-# Updated weekly");
  });

  it("GIVEN a notice between texts THEN it stands in its own embed in a different colour", () => {
    const message = replyToDiscord(
      reply([
        { type: "text", text: "before" },
        { type: "notice", text: "No figure for 2031." },
        { type: "text", text: "after" },
      ]),
    );

    expect(message.embeds.map((e) => e.description)).toEqual(["before", "No figure for 2031.", "after"]);
    expect(message.embeds[1]?.color).not.toBe(message.embeds[0]?.color);
  });

  it("GIVEN a table THEN it is an aligned code block whose cells cannot close the fence", () => {
    const message = replyToDiscord(
      reply([
        {
          type: "table",
          columns: ["Year", "GDP"],
          rows: [
            ["2022", "267.0"],
            ["2023", "```279.25"],
          ],
        },
      ]),
    );

    const description = message.embeds[0]?.description ?? "";
    expect(description.startsWith("```\nYear  GDP")).toBe(true);
    expect(description).toContain("2022  267.0");
    expect(description.match(/```/g)).toHaveLength(2);
  });

  it("GIVEN a table wider than an embed shows THEN each row becomes a labelled bullet line", () => {
    const title = "New productive forces fuel growth in Guangdong, and a long subtitle that goes on";
    const message = replyToDiscord(
      reply([
        {
          type: "table",
          columns: ["Published", "Title", "Facts", "Link"],
          rows: [
            ["2025-01-16", title, "12", "https://example.org/a"],
            ["2024-02-02", "Zhaoqing", "24", ""],
          ],
        },
      ]),
    );

    expect(message.embeds[0]?.description).toBe(
      `• 2025-01-16 — Title: ${title} · Facts: 12 · Link: https://example.org/a\n• 2024-02-02 — Title: Zhaoqing · Facts: 24`,
    );
  });

  it("GIVEN a table too long for an embed THEN whole rows are cut and the rest counted", () => {
    const rows = Array.from({ length: 400 }, (_, i) => [`Region ${i}`, `${i}.5 billion yuan`]);
    const message = replyToDiscord(reply([{ type: "table", columns: ["Region", "GDP"], rows }]));

    expectWithinLimits(message);
    const description = message.embeds[0]?.description ?? "";
    const shown = description.split("\n").filter((line) => /^Region \d/.test(line)).length;
    expect(shown).toBeGreaterThan(50);
    expect(description.endsWith(`\`\`\`\n… and ${400 - shown} more rows`)).toBe(true);
  });
});

describe("replyToDiscord limits", () => {
  it("GIVEN a 300-character title and oversized field names and values THEN each is cut to its limit with an ellipsis", () => {
    const message = replyToDiscord(
      reply([
        { type: "heading", text: "t".repeat(300) },
        { type: "fields", fields: [{ label: "n".repeat(300), value: "v".repeat(2000) }] },
      ]),
    );

    expectWithinLimits(message);
    const [embed] = message.embeds as [APIEmbed];
    expect(embed.title).toHaveLength(DISCORD_MAX_TITLE);
    expect(embed.title?.endsWith("…")).toBe(true);
    expect(embed.fields?.[0]?.name).toHaveLength(DISCORD_MAX_FIELD_NAME);
    expect(embed.fields?.[0]?.value).toHaveLength(DISCORD_MAX_FIELD_VALUE);
    expect(embed.fields?.[0]?.value.endsWith("…")).toBe(true);
  });

  it("GIVEN text longer than a description THEN it is cut to 4,096 characters", () => {
    const message = replyToDiscord(reply([{ type: "text", text: "字".repeat(5000) }]));

    expectWithinLimits(message);
    expect(message.embeds[0]?.description).toHaveLength(DISCORD_MAX_DESCRIPTION);
  });

  it("GIVEN 30 fields THEN 24 are kept and the 25th says how many more there were", () => {
    const fields = Array.from({ length: 30 }, (_, i) => ({ label: `F${i}`, value: `${i}` }));
    const message = replyToDiscord(reply([{ type: "fields", fields }]));

    expectWithinLimits(message);
    const kept = message.embeds[0]?.fields ?? [];
    expect(kept).toHaveLength(DISCORD_MAX_FIELDS);
    expect(kept.at(-1)?.value).toBe("… and 6 more");
  });

  it("GIVEN 15 fact cards THEN 9 are shown and a tenth embed says 6 more", () => {
    const blocks: ReplyBlock[] = Array.from({ length: 15 }, (_, i) => ({
      type: "fact",
      card: card({ id: `c${i}`, title: `GDP · City ${i}` }),
    }));
    const message = replyToDiscord(reply(blocks));

    expectWithinLimits(message);
    expect(message.embeds).toHaveLength(DISCORD_MAX_EMBEDS);
    expect(message.embeds.at(-1)?.description).toBe("… and 6 more");
    expect(message.embeds[8]?.title).toBe("GDP · City 8");
  });

  it("GIVEN embeds that together exceed 6,000 characters THEN the message is cut to fit and says how many were left out", () => {
    const blocks: ReplyBlock[] = Array.from({ length: 4 }, (_, i) => ({
      type: "fact",
      card: card({ id: `c${i}`, quote: `${i}`.repeat(3000) }),
    }));
    const message = replyToDiscord(reply(blocks));

    expectWithinLimits(message);
    expect(message.embeds.at(-1)?.description).toMatch(/^… and \d more$/);
  });

  it("GIVEN one embed with 25 maximal fields THEN fields are dropped to fit 6,000 characters and counted", () => {
    const fields = Array.from({ length: 25 }, (_, i) => ({ label: `Field ${i}`, value: "x".repeat(1024) }));
    const message = replyToDiscord(reply([{ type: "fields", fields }]));

    expectWithinLimits(message);
    const kept = message.embeds[0]?.fields ?? [];
    const note = kept.at(-1)?.value ?? "";
    expect(note).toMatch(/^… and \d+ more$/);
    expect(kept.length - 1 + Number(/\d+/.exec(note)?.[0])).toBe(25);
  });

  it("GIVEN many mixed big blocks THEN every limit holds", () => {
    const blocks: ReplyBlock[] = [];
    for (let i = 0; i < 12; i++) {
      blocks.push({ type: "heading", text: `Section ${i} ${"h".repeat(250)}` });
      blocks.push({ type: "text", text: "t".repeat(1500) });
      blocks.push({
        type: "fields",
        fields: Array.from({ length: 30 }, (_, j) => ({ label: `L${j}`, value: "v".repeat(300) })),
      });
      blocks.push({ type: "fact", card: card({ quote: "q".repeat(5000), title: "T".repeat(400) }) });
      blocks.push({ type: "divider" });
    }

    expectWithinLimits(replyToDiscord(reply(blocks)));
  });
});

describe("mention neutralising", () => {
  it("GIVEN @everyone, @here, user and role mentions THEN each is broken with a zero-width space", () => {
    const text = neutraliseMentions("@everyone @here <@123456789012345678> <@!123456789012345678> <@&98765>");

    expect(text).toBe(
      "@\u200beveryone @\u200bhere <@\u200b123456789012345678> <@\u200b!123456789012345678> <@\u200b&98765>",
    );
    expect(text).not.toMatch(/@everyone|@here|<@[!&]?\d/);
  });

  it("GIVEN mentions in every kind of text THEN none survives rendering", () => {
    const ping = "@everyone <@1> @here <@&2>";
    const message = replyToDiscord({
      blocks: [
        { type: "heading", text: ping },
        { type: "text", text: ping },
        { type: "notice", text: ping },
        { type: "context", text: ping },
        { type: "fields", fields: [{ label: ping, value: ping }] },
        { type: "table", columns: [ping], rows: [[ping]] },
        {
          type: "fact",
          card: card({
            title: ping,
            value: ping,
            quote: ping,
            details: [{ label: ping, value: ping }],
            source: { title: ping, url: "https://example.org", publisher: ping, published: null },
          }),
        },
      ],
      visibility: "public",
    });

    expect(allText(message)).not.toMatch(/@everyone|@here|<@[!&]?\d/);
    expect(replyToDiscord({ blocks: [], visibility: "public", summary: ping }).content).not.toMatch(
      /@everyone|@here|<@[!&]?\d/,
    );
  });

  it("GIVEN text THEN truncate leaves short text alone and cuts long text to the limit", () => {
    expect(truncate("short", 10)).toBe("short");
    expect(truncate("0123456789abc", 10)).toBe("012345678…");
  });
});
