/**
 * Reply → plain text for a terminal (and as the text fallback shape other adapters can mirror).
 * Pure; an exhaustive switch over the block types.
 */
import type { FactCard, Reply, ReplyBlock, SourceLink } from "../../src/core/reply.js";
import { dateText, publisherText } from "../../src/core/source-text.js";

/** `Title — Publisher, 2024-02-02 <url>` with whatever parts the source has; a missing date is said, an inferred one marked. */
export function sourceLine(source: SourceLink): string {
  const meta = [publisherText(source), dateText(source)].filter(Boolean).join(", ");
  return `${source.title}${meta ? ` — ${meta}` : ""}${source.url ? ` <${source.url}>` : ""}`;
}

function factText(card: FactCard): string {
  const lines = [`${card.title} — ${card.period}`, `  ${card.value}`];
  for (const detail of card.details) lines.push(`  ${detail.label}: ${detail.value}`);
  lines.push(`  “${card.quote}”`);
  const more =
    card.otherSources > 0 ? ` (+${card.otherSources} more source${card.otherSources > 1 ? "s" : ""})` : "";
  lines.push(`  Source: ${sourceLine(card.source)}${more}`);
  lines.push(`  id: ${card.id}`);
  return lines.join("\n");
}

function tableText(columns: string[], rows: string[][]): string {
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(columns), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

function blockText(block: ReplyBlock): string {
  switch (block.type) {
    case "heading":
      return `== ${block.text} ==`;
    case "text":
      return block.text;
    case "notice":
      return `! ${block.text}`;
    case "context":
      return `  ${block.text}`;
    case "fact":
      return factText(block.card);
    case "fields":
      return block.fields.map((f) => `${f.label}: ${f.value}`).join("\n");
    case "table":
      return tableText(block.columns, block.rows);
    case "divider":
      return "—".repeat(40);
    default: {
      const never: never = block;
      return String(never);
    }
  }
}

/** The whole reply as text lines; never empty. */
export function replyToText(reply: Reply): string {
  const text = reply.blocks.map(blockText).join("\n\n").trim();
  return text || "(no answer)";
}
