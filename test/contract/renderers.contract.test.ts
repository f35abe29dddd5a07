/**
 * One contract every renderer keeps, run against each (the Hono / Chat SDK pattern): whatever
 * the Reply, the output fits the platform, carries non-empty fallback text, shows the figure,
 * and never turns text from users or documents into a live mention.
 */
import { describe, expect, it } from "vitest";
import { replyToText } from "../../adapters/console/render.js";
import { DISCORD_MAX_CONTENT, DISCORD_MAX_EMBEDS, replyToDiscord } from "../../adapters/discord/render.js";
import { replyToBlockKit, SLACK_MAX_BLOCKS } from "../../adapters/slack/render.js";
import type { FactCard, Reply } from "../../src/core/reply.js";

interface Rendered {
  /** Everything the platform would display or notify from, as one string. */
  all: string;
  /** The plain-text fallback (notification text). */
  fallback: string;
  withinLimits: boolean;
}

interface RendererUnderTest {
  name: string;
  render(reply: Reply): Rendered;
  /** What a live mention looks like on this platform; none where nothing can notify anyone. */
  liveMention?: RegExp;
  /** Whether the platform has size limits, so a long answer must say it was cut. */
  limited: boolean;
}

const RENDERERS: RendererUnderTest[] = [
  {
    name: "slack",
    render(reply) {
      const message = replyToBlockKit(reply, { shareValue: '{"q":"x"}' });
      return {
        all: `${message.text}\n${JSON.stringify(message.blocks)}`,
        fallback: message.text,
        withinLimits: message.blocks.length <= SLACK_MAX_BLOCKS,
      };
    },
    liveMention: /<!(channel|here|everyone)>|<@[UW][A-Z0-9]+>/,
    limited: true,
  },
  {
    name: "discord",
    render(reply) {
      const message = replyToDiscord(reply);
      const all = `${message.content ?? ""}\n${JSON.stringify(message.embeds)}`;
      const fallback =
        message.content?.trim() || message.embeds.map((e) => e.title ?? e.description ?? "").join("");
      return {
        all: JSON.parse(JSON.stringify(all)) as string,
        fallback,
        withinLimits:
          message.embeds.length <= DISCORD_MAX_EMBEDS &&
          (message.content ?? "").length <= DISCORD_MAX_CONTENT &&
          message.allowed_mentions.parse.length === 0,
      };
    },
    liveMention: /@(everyone|here)|<@[!&]?\d+>/,
    limited: true,
  },
  {
    name: "console",
    render(reply) {
      const text = replyToText(reply);
      return { all: text, fallback: text, withinLimits: true };
    },
    // A terminal notifies nobody and has no size limit; the console only has to stay readable.
    limited: false,
  },
];

function card(i: number, overrides: Partial<FactCard> = {}): FactCard {
  return {
    id: `zhaoqing.gdp.${2000 + i}`,
    title: "GDP · Zhaoqing",
    value: "279.25 billion yuan (2,792.5亿元)",
    period: String(2000 + i),
    details: [{ label: "Status", value: "projected, not final" }],
    source: {
      title: "Zhaoqing work report",
      url: "https://example.test/a",
      publisher: "Invest in Zhaoqing",
      published: "2024-02-02",
    },
    quote: "Zhaoqing's GDP in 2023 will be 279.25 billion yuan",
    otherSources: 1,
    ...overrides,
  };
}

const FIXTURES: Record<string, Reply> = {
  "one fact": { blocks: [{ type: "fact", card: card(23) }], visibility: "public", shareable: true },
  "every block type": {
    blocks: [
      { type: "heading", text: "Comparison" },
      { type: "text", text: "Plain text" },
      { type: "notice", text: "No 2025 figure for Zhaoqing GDP; the latest is 2023" },
      { type: "fact", card: card(23) },
      { type: "fields", fields: [{ label: "Facts", value: "41" }] },
      { type: "table", columns: ["Period", "Value"], rows: [["2023", "279.25 billion yuan"]] },
      { type: "divider" },
      { type: "context", text: "context line" },
    ],
    visibility: "public",
  },
  "only a divider": { blocks: [{ type: "divider" }], visibility: "ephemeral" },
  "no blocks": { blocks: [], visibility: "ephemeral" },
  "a hundred facts": {
    blocks: Array.from({ length: 100 }, (_, i) => ({ type: "fact" as const, card: card(i) })),
    visibility: "public",
  },
  "a huge table": {
    blocks: [
      {
        type: "table",
        columns: ["Published", "Title", "Facts"],
        rows: Array.from({ length: 400 }, (_, i) => ["2024-01-01", `Document ${i} ${"x".repeat(80)}`, "3"]),
      },
    ],
    visibility: "public",
  },
  "mentions in user and document text": {
    blocks: [
      {
        type: "notice",
        text: 'I found no figure for "<!channel> @everyone @here <@U024BE7LH> <@123456789012345678>".',
      },
      {
        type: "fact",
        card: card(1, { quote: "quote with <!here> and @everyone and <@&123456789012345678>" }),
      },
    ],
    visibility: "ephemeral",
  },
};

for (const renderer of RENDERERS) {
  describe(`${renderer.name} renderer contract`, () => {
    it.each(Object.entries(FIXTURES))(
      "GIVEN %s THEN it fits the platform with non-empty fallback text",
      (_, reply) => {
        const out = renderer.render(reply);
        expect(out.withinLimits).toBe(true);
        expect(out.fallback.trim().length).toBeGreaterThan(0);
      },
    );

    it("GIVEN a fact THEN its value, period, source and quote are all shown", () => {
      const out = renderer.render(FIXTURES["one fact"] as Reply);
      for (const part of [
        "279.25 billion yuan",
        "2023",
        "Zhaoqing work report",
        "will be 279.25 billion yuan",
      ]) {
        expect(out.all).toContain(part);
      }
    });

    it("GIVEN a source with no date THEN the answer says the date is unknown", () => {
      const undated = card(23, {
        source: { title: "Harbour notes", url: null, publisher: null, published: null },
      });
      const out = renderer.render({ blocks: [{ type: "fact", card: undated }], visibility: "public" });
      expect(out.all).toMatch(/date unknown|date: unknown/);
      expect(renderer.render(FIXTURES["one fact"] as Reply).all).not.toMatch(/date unknown|date: unknown/);
    });

    it("GIVEN a publisher and date the header did not state THEN each says where it was inferred from", () => {
      const inferred = card(23, {
        source: {
          title: "Port volumes climb",
          url: "https://example.test/2024/02/01/port.html",
          publisher: "Harbour Wire",
          published: "2024-02-01",
          inferred: { publisher: "link", published: "text" },
        },
      });
      const out = renderer.render({ blocks: [{ type: "fact", card: inferred }], visibility: "public" });
      expect(out.all).toContain("Harbour Wire (from the link)");
      expect(out.all).toContain("2024-02-01 (from the text)");
      // A stated source carries no marker.
      expect(renderer.render(FIXTURES["one fact"] as Reply).all).not.toMatch(/\(from the (link|text)\)/);
    });

    it.runIf(renderer.liveMention)(
      "GIVEN mention syntax in user or document text THEN nothing in the output is a live mention",
      () => {
        const out = renderer.render(FIXTURES["mentions in user and document text"] as Reply);
        expect(out.all).not.toMatch(renderer.liveMention as RegExp);
      },
    );

    it.runIf(renderer.limited)("GIVEN more than fits THEN the cut is said, not silent", () => {
      const out = renderer.render(FIXTURES["a hundred facts"] as Reply);
      expect(out.all).toMatch(/and \d+ more/);
    });
  });
}
