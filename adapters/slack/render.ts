/**
 * Reply → Slack Block Kit, as one pure function. Every string that came from a user or a
 * document is escaped (`&`, `<`, `>`) so that text such as `<!channel>` or `<@U123>` is shown,
 * never executed as a mention; mrkdwn objects are also marked `verbatim` so Slack does not
 * auto-link bare `@here`-like words. Slack's size limits are named below, and an answer that does
 * not fit is cut with a visible "… and N more" rather than rejected by the API.
 *
 * @see https://docs.slack.dev/reference/block-kit/blocks
 * @see https://docs.slack.dev/messaging/formatting-message-text#escaping
 */
import type { types } from "@slack/bolt";
import { type FactCard, type Reply, type ReplyBlock, replySummary } from "../../src/core/reply.js";
import { dateText, publisherText } from "../../src/core/source-text.js";

/** Slack rejects a message with more than 50 blocks (`invalid_blocks`). */
export const SLACK_MAX_BLOCKS = 50;
/** Longest `text` of a section block. */
export const SLACK_MAX_SECTION_TEXT = 3000;
/** Most `fields` in one section block. */
export const SLACK_MAX_SECTION_FIELDS = 10;
/** Longest text of one section field. */
export const SLACK_MAX_FIELD_TEXT = 2000;
/** Longest plain text of a header block. */
export const SLACK_MAX_HEADER_TEXT = 150;
/** Longest text of a context element (same cap as any text object). */
export const SLACK_MAX_CONTEXT_TEXT = 3000;
/** Longest button `value`; the Share button must fit its payload in here. */
export const SLACK_MAX_BUTTON_VALUE = 2000;
/**
 * Longest top-level `text` we send. Slack accepts 40,000 but truncates display at 4,000; the
 * fallback is a summary for notifications and screen readers, so keep it well short of both.
 */
export const SLACK_MAX_FALLBACK_TEXT = 3000;

/** The action id of the Share in channel button; the interactivity handler listens for it. */
export const SHARE_ACTION_ID = "gd_share";

/** What `replyToBlockKit` returns: ready to spread into chat.postMessage or respond(). */
export interface BlockKitMessage {
  /** Plain-text fallback for notifications and clients that cannot draw blocks. Never empty. */
  text: string;
  blocks: types.KnownBlock[];
}

export interface BlockKitOptions {
  /**
   * When set, a **Share in channel** button carrying this value is appended. The caller encodes
   * what the handler needs to reproduce the answer; it must fit `SLACK_MAX_BUTTON_VALUE`.
   */
  shareValue?: string;
}

/** Escapes the three characters Slack treats as control sequences in message text. */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Cuts `text` to at most `max` characters, ending with "… and N more characters" when cut. Cuts
 * before an escape entity rather than through one, so no half `&amp;` is left behind.
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  // The suffix's own length depends on N; reserve room for the longest N we could print.
  const suffixRoom = ` … and ${text.length} more characters`.length;
  let cut = Math.max(0, max - suffixRoom);
  const amp = text.lastIndexOf("&", cut);
  if (amp >= 0 && amp > cut - 5 && text.indexOf(";", amp) >= cut) cut = amp;
  return `${text.slice(0, cut)} … and ${text.length - cut} more characters`;
}

/**
 * Draws a reply as Block Kit. Pure: same reply and options, same output.
 *
 * @example
 * const { text, blocks } = replyToBlockKit(reply, { shareValue: encodeShareValue({ text: "zhaoqing gdp 2023" }) });
 */
export function replyToBlockKit(reply: Reply, options: BlockKitOptions = {}): BlockKitMessage {
  const text = truncateText(escapeSlackText(replySummary(reply)), SLACK_MAX_FALLBACK_TEXT) || "(no answer)";
  const actions = options.shareValue === undefined ? [] : [shareActions(options.shareValue)];
  const budget = SLACK_MAX_BLOCKS - actions.length;

  const drawn = reply.blocks.map(blockToSlack).filter((blocks) => blocks.length > 0);
  const blocks: types.KnownBlock[] = [];
  let used = 0;
  for (const [index, group] of drawn.entries()) {
    const remainingGroups = drawn.length - index - 1;
    // Keep one block free for the "… and N more" note unless this group is the last one.
    const room = budget - used - (remainingGroups > 0 ? 1 : 0);
    if (group.length > room) {
      blocks.push(
        contextBlock(`… and ${drawn.length - index} more (Slack shows at most ${SLACK_MAX_BLOCKS} blocks)`),
      );
      break;
    }
    blocks.push(...group);
    used += group.length;
  }
  // A message with no blocks is drawn from `text`; give it one visible section instead.
  if (blocks.length === 0) blocks.push(section(text));
  return { text, blocks: [...blocks, ...actions] };
}

/** One reply block as zero or more Slack blocks. Empty text draws nothing, as Slack rejects it. */
function blockToSlack(block: ReplyBlock): types.KnownBlock[] {
  switch (block.type) {
    case "heading":
      return block.text.trim() ? [header(block.text)] : [];
    case "text":
    case "notice":
      return block.text.trim() ? [section(escapeSlackText(block.text))] : [];
    case "fact":
      return factBlocks(block.card);
    case "fields":
      return block.fields.length ? [fieldsSection(block.fields)] : [];
    case "table":
      return block.columns.length || block.rows.length ? [tableSection(block.columns, block.rows)] : [];
    case "divider":
      return [{ type: "divider" }];
    case "context":
      return block.text.trim() ? [contextBlock(escapeSlackText(block.text))] : [];
    default: {
      const never: never = block;
      throw new Error(`Unhandled reply block ${JSON.stringify(never)}`);
    }
  }
}

/** A fact card: title and value, labelled details as fields, the quote, then the source line. */
function factBlocks(card: FactCard): types.KnownBlock[] {
  const heading = `*${escapeSlackText(card.title)}* · ${escapeSlackText(card.period)}\n*${escapeSlackText(card.value)}*`;
  const main: types.SectionBlock = {
    type: "section",
    text: mrkdwn(truncateText(heading, SLACK_MAX_SECTION_TEXT)),
  };
  if (card.details.length) main.fields = fieldObjects(card.details);
  const blocks: types.KnownBlock[] = [main];
  if (card.quote.trim()) {
    const quote = escapeSlackText(card.quote.replace(/\s+/g, " ").trim());
    blocks.push(section(`> “${quote}”`));
  }
  blocks.push(contextBlock(sourceLine(card)));
  return blocks;
}

/** "Source: <url|title> · publisher · date (or "date unknown") · also in N other sources", all escaped. */
function sourceLine(card: FactCard): string {
  const { source } = card;
  const title = escapeSlackText(source.title.trim() || "untitled document");
  const parts = [`Source: ${isWebUrl(source.url) ? link(source.url, title) : title}`];
  const publisher = publisherText(source);
  if (publisher) parts.push(escapeSlackText(publisher));
  // A figure whose date is not known must say so, not look undated by accident.
  parts.push(escapeSlackText(dateText(source)));
  if (card.otherSources > 0) {
    parts.push(`also stated in ${card.otherSources} other source${card.otherSources === 1 ? "" : "s"}`);
  }
  return parts.join(" · ");
}

function isWebUrl(url: string | null): url is string {
  if (!url || !URL.canParse(url)) return false;
  const { protocol } = new URL(url);
  return protocol === "https:" || protocol === "http:";
}

/** `<url|label>`; a `|` in the label would end it early, so it becomes a look-alike. */
function link(url: string, escapedLabel: string): string {
  return `<${escapeSlackText(url).replace(/\|/g, "%7C")}|${escapedLabel.replace(/\|/g, "¦")}>`;
}

function fieldsSection(fields: { label: string; value: string }[]): types.SectionBlock {
  return { type: "section", fields: fieldObjects(fields) };
}

/** Section fields, at most `SLACK_MAX_SECTION_FIELDS`; the last one says how many were left out. */
function fieldObjects(fields: { label: string; value: string }[]): types.MrkdwnElement[] {
  const fits = fields.length <= SLACK_MAX_SECTION_FIELDS;
  const shown = fits ? fields : fields.slice(0, SLACK_MAX_SECTION_FIELDS - 1);
  const objects = shown.map((f) =>
    mrkdwn(truncateText(`*${escapeSlackText(f.label)}*\n${escapeSlackText(f.value)}`, SLACK_MAX_FIELD_TEXT)),
  );
  if (!fits) objects.push(mrkdwn(`… and ${fields.length - shown.length} more`));
  return objects;
}

/**
 * A table as a monospace section: Slack has no table in the blocks every client draws. Rows
 * that do not fit the section's characters are left out and counted.
 */
function tableSection(columns: string[], rows: string[][]): types.SectionBlock {
  const all = [columns, ...rows].filter((r) => r.length > 0);
  const widths: number[] = [];
  for (const row of all) {
    for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, cell.length);
  }
  const line = (row: string[]) =>
    escapeSlackText(
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    );
  const fence = "```";
  const reserve = fence.length * 2 + 2 + "\n… and 99999 more rows".length;
  const lines: string[] = [];
  let size = 0;
  for (const row of all) {
    const l = truncateText(line(row), SLACK_MAX_SECTION_TEXT - reserve);
    if (size + l.length + 1 > SLACK_MAX_SECTION_TEXT - reserve) break;
    lines.push(l);
    size += l.length + 1;
  }
  const left = all.length - lines.length;
  const note = left > 0 ? `\n… and ${left} more rows` : "";
  return section(`${fence}\n${lines.join("\n")}\n${fence}${note}`);
}

function header(text: string): types.HeaderBlock {
  const plain = escapeSlackText(text.replace(/\s+/g, " ").trim());
  const cut = plain.length > SLACK_MAX_HEADER_TEXT ? `${plain.slice(0, SLACK_MAX_HEADER_TEXT - 1)}…` : plain;
  return { type: "header", text: { type: "plain_text", text: cut, emoji: true } };
}

function section(escapedText: string): types.SectionBlock {
  return { type: "section", text: mrkdwn(truncateText(escapedText, SLACK_MAX_SECTION_TEXT)) };
}

function contextBlock(escapedText: string): types.ContextBlock {
  return { type: "context", elements: [mrkdwn(truncateText(escapedText, SLACK_MAX_CONTEXT_TEXT))] };
}

/** `verbatim` stops Slack from turning bare words into links or mentions on its own. */
function mrkdwn(text: string): types.MrkdwnElement {
  return { type: "mrkdwn", text, verbatim: true };
}

function shareActions(value: string): types.ActionsBlock {
  if (value.length > SLACK_MAX_BUTTON_VALUE) {
    throw new Error(
      `Share button value is ${value.length} characters; Slack allows ${SLACK_MAX_BUTTON_VALUE}. Omit the button for this answer.`,
    );
  }
  return {
    type: "actions",
    elements: [
      {
        type: "button",
        action_id: SHARE_ACTION_ID,
        text: { type: "plain_text", text: "Share in channel", emoji: true },
        style: "primary",
        value,
      },
    ],
  };
}
