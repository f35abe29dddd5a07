/**
 * The platform-free answer every command returns. Adapters draw it with one pure renderer each
 * (`replyToBlockKit`, `replyToDiscord`, `replyToText`); commands never see a platform.
 *
 * All strings here are plain text. Text that came from a user or a document may contain things
 * a platform would treat as live mentions (`<!channel>`, `@everyone`); each renderer neutralises
 * them, so commands need not.
 */

/** A link to the document that states a figure. */
export interface SourceLink {
  title: string;
  url: string | null;
  publisher: string | null;
  /** ISO date, or null when the document gives none. */
  published: string | null;
  /** Set where the header did not state the publisher or date and the link or the text implied it. */
  inferred?: { publisher?: "link" | "text"; published?: "link" | "text" };
}

/** One figure, already formatted for people. */
export interface FactCard {
  /** The fact's id, e.g. `zhaoqing.gdp.2023`. */
  id: string;
  /** What and where, e.g. `GDP · Zhaoqing`. */
  title: string;
  /** The formatted value with its qualifier, e.g. `279.25 billion yuan (2,792.5亿元)`. */
  value: string;
  /** The period in words, e.g. `2023`, `Q1 2024`, or `no period stated`. */
  period: string;
  /** Extra labelled facts about the figure (qualifier, growth…), drawn as fields. */
  details: { label: string; value: string }[];
  source: SourceLink;
  /** The exact sentence from the source. */
  quote: string;
  /** How many other documents state the same figure. */
  otherSources: number;
}

/** One building block of a reply. Renderers switch on `type` exhaustively. */
export type ReplyBlock =
  | { type: "heading"; text: string }
  | { type: "text"; text: string }
  | { type: "notice"; text: string }
  | { type: "fact"; card: FactCard }
  | { type: "fields"; fields: { label: string; value: string }[] }
  | { type: "table"; columns: string[]; rows: string[][] }
  | { type: "divider" }
  | { type: "context"; text: string };

/** One point of a chart series: where it sits, what it is, and which footnote names its source. */
export interface ChartPoint {
  /** The category or period label under the point, e.g. `2023`, `Q1 2024`, `Shenzhen 2023`. */
  label: string;
  /** The value in the chart's `unit.label` (already divided by `unit.scale`). */
  value: number;
  /** The value as printed beside the point, e.g. `2,792.5`. */
  display: string;
  /** 1-based index into `Chart.sources`. */
  source: number;
}

/**
 * A chart to draw beside a reply's text: data only, so commands stay platform-free and each
 * adapter decides how to show it (a PNG upload, an attachment, a file). The text blocks always
 * carry the same figures, so a chart is never the only place a value appears.
 */
export interface Chart {
  /** `line` for a series over periods, `bar` for figures side by side. */
  kind: "line" | "bar";
  title: string;
  /** What the values are in, e.g. `{ label: "100 million yuan (亿元)", scale: 1e8 }`. */
  unit: { label: string; scale: number };
  points: ChartPoint[];
  /** Footnotes naming each point's source, e.g. `Guangdong Statistics Bureau, 2024-03-28`. */
  sources: string[];
  /** A line under the footnotes, e.g. that points in another unit were left out. */
  note?: string;
  /** Alt text for screen readers and platforms that show no image. */
  altText: string;
  /** A short file-name stem, e.g. `trend-guangdong-gdp`. */
  name: string;
}

/** What a command answers. */
export interface Reply {
  blocks: ReplyBlock[];
  /** `ephemeral` answers are shown only to the asker, where the platform can. */
  visibility: "public" | "ephemeral";
  /** Whether a private answer may be offered for sharing in the channel (Slack's Share button). */
  shareable?: boolean;
  /** A short plain-text summary for notifications and fallbacks; renderers derive one if absent. */
  summary?: string;
  /** A chart of the figures in `blocks`, for adapters that can show one; optional. */
  chart?: Chart;
}

/** A reply of plain text lines. */
export function textReply(text: string, visibility: Reply["visibility"] = "public"): Reply {
  return { blocks: [{ type: "text", text }], visibility };
}

/** Plain-text summary of a reply: its `summary`, or the first text-bearing block. Never empty. */
export function replySummary(reply: Reply): string {
  if (reply.summary?.trim()) return reply.summary.trim();
  for (const block of reply.blocks) {
    switch (block.type) {
      case "heading":
      case "text":
      case "notice":
      case "context":
        if (block.text.trim()) return block.text.trim();
        break;
      case "fact":
        return `${block.card.title}, ${block.card.period}: ${block.card.value}`;
      case "fields":
        if (block.fields[0]) return `${block.fields[0].label}: ${block.fields[0].value}`;
        break;
      case "table":
        if (block.columns.length) return block.columns.join(" | ");
        break;
      case "divider":
        break;
      default: {
        const never: never = block;
        return String(never);
      }
    }
  }
  return "(no answer)";
}
