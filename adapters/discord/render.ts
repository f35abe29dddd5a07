/**
 * `replyToDiscord`: the one pure renderer from a platform-free `Reply` to a Discord message
 * body (content + embeds). Discord's size limits are named below and enforced here, in one
 * place, so no request is ever refused for size: long text is cut with `…`, surplus fields,
 * rows and embeds are replaced by an `… and N more` line.
 *
 * Nothing the bot sends may ping anyone: every message carries `allowed_mentions: { parse: [] }`
 * and, belt and braces, mention syntax in user or document text is broken with a zero-width
 * space so it stays inert even if a message were sent without that field.
 *
 * @see https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 * @see https://discord.com/developers/docs/resources/message#allowed-mentions-object
 */
import type { APIEmbed, APIEmbedField } from "discord.js";
import { type FactCard, type Reply, type ReplyBlock, replySummary } from "../../src/core/reply.js";
import { dateText, publisherText } from "../../src/core/source-text.js";

/** Message `content`. */
export const DISCORD_MAX_CONTENT = 2000;
/** Embeds in one message. */
export const DISCORD_MAX_EMBEDS = 10;
/** Fields in one embed. */
export const DISCORD_MAX_FIELDS = 25;
/** Embed title and field name. */
export const DISCORD_MAX_TITLE = 256;
export const DISCORD_MAX_FIELD_NAME = 256;
/** Field value. */
export const DISCORD_MAX_FIELD_VALUE = 1024;
/** Embed description. */
export const DISCORD_MAX_DESCRIPTION = 4096;
/** Footer text. */
export const DISCORD_MAX_FOOTER = 2048;
/**
 * Characters in titles, descriptions, field names and values, and footers. Discord counts this
 * over all embeds of a message together, which also bounds each single embed.
 */
export const DISCORD_MAX_EMBED_TOTAL = 6000;
/** `MessageFlags.Ephemeral`: only the person who used the interaction sees the answer. */
export const DISCORD_EPHEMERAL_FLAG = 64;

const ZWSP = "\u200b";
const ELLIPSIS = "…";
/** Space kept free in the 6,000-character budget for the closing `… and N more` embed. */
const MORE_NOTE_RESERVE = 40;
/** Below this many characters a shrunken embed says too little to be worth sending. */
const MIN_USEFUL_EMBED = 120;

const COLOUR_ANSWER = 0x2b7bb9;
const COLOUR_NOTICE = 0xe3a008;

/** The JSON body of a Discord message (create or edit), as the REST API takes it. */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  allowed_mentions: { parse: []; replied_user?: false };
  /** `DISCORD_EPHEMERAL_FLAG` for ephemeral replies; only interaction responses honour it. */
  flags?: number;
}

/**
 * Breaks `@everyone`, `@here`, user mentions `<@id>`/`<@!id>` and role mentions `<@&id>` with a
 * zero-width space, so the text reads the same but Discord no longer parses a mention.
 */
export function neutraliseMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/<@([!&]?\d)/g, `<@${ZWSP}$1`);
}

/** Cuts `text` to `max` characters, ending in `…` when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - ELLIPSIS.length)).trimEnd()}${ELLIPSIS}`;
}

/** Neutralises then cuts, the order that keeps the cut text inert too. */
function clean(text: string, max: number): string {
  return truncate(neutraliseMentions(text), max);
}

/** Field names and values must not be empty; a zero-width space is the accepted blank. */
function nonEmpty(text: string): string {
  return text.trim() ? text : ZWSP;
}

function field(name: string, value: string, inline = false): APIEmbedField {
  return {
    name: nonEmpty(clean(name, DISCORD_MAX_FIELD_NAME)),
    value: nonEmpty(clean(value, DISCORD_MAX_FIELD_VALUE)),
    inline,
  };
}

function isHttpUrl(url: string | null): url is string {
  if (!url || !URL.canParse(url)) return false;
  const protocol = new URL(url).protocol;
  return protocol === "http:" || protocol === "https:";
}

/** A markdown link whose label cannot end the link early and whose URL cannot close it. */
function maskedLink(label: string, url: string): string {
  const safeLabel = label.replace(/[[\]]/g, "").trim() || url;
  const safeUrl = url.replace(/\(/g, "%28").replace(/\)/g, "%29").replace(/\s/g, "%20");
  return `[${neutraliseMentions(truncate(safeLabel, 200))}](${safeUrl})`;
}

function blockquote(text: string): string {
  return text
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");
}

/** One fact card as one embed: value up front, the quote, labelled details, source link and date. */
function factEmbed(card: FactCard): APIEmbed {
  const { source } = card;
  const sourceText = isHttpUrl(source.url) ? maskedLink(source.title, source.url) : source.title;
  const fields: APIEmbedField[] = [field("Period", card.period, true)];
  for (const detail of card.details) fields.push(field(detail.label, detail.value, true));
  const publisher = publisherText(source);
  fields.push(field("Source", publisher ? `${sourceText} · ${publisher}` : sourceText));
  if (card.otherSources > 0) {
    const n = card.otherSources;
    fields.push(field("Also stated in", `${n} other document${n === 1 ? "" : "s"}`, true));
  }
  const description = `**${neutraliseMentions(card.value)}**\n${blockquote(neutraliseMentions(card.quote))}`;
  const embed: APIEmbed = {
    title: clean(card.title, DISCORD_MAX_TITLE),
    description: truncate(description, DISCORD_MAX_DESCRIPTION),
    color: COLOUR_ANSWER,
    fields: capFields(fields),
    footer: {
      text: clean(
        source.published ? `Source date: ${dateText(source)}` : "Source date: unknown",
        DISCORD_MAX_FOOTER,
      ),
    },
  };
  if (isHttpUrl(source.url)) embed.url = source.url;
  return embed;
}

/** Keeps at most 25 fields, the last one saying how many were left out. */
function capFields(fields: APIEmbedField[]): APIEmbedField[] {
  if (fields.length <= DISCORD_MAX_FIELDS) return fields;
  const kept = fields.slice(0, DISCORD_MAX_FIELDS - 1);
  return [...kept, moreField(fields.length - kept.length)];
}

function moreField(n: number): APIEmbedField {
  return { name: ELLIPSIS, value: `${ELLIPSIS} and ${n} more`, inline: false };
}

/**
 * Widest aligned table line drawn as a code block. An embed shows roughly this many monospace
 * characters on a desktop before wrapping, and a wrapped table is unreadable.
 */
export const DISCORD_MAX_TABLE_LINE = 60;

/**
 * A table, cut by whole rows to fit `budget` characters: an aligned code block when it is
 * narrow enough, otherwise one bullet line per row (`• first — column: value · …`).
 */
function tableText(columns: string[], rows: string[][], budget: number): string {
  // Backticks would close the code fence early.
  const all = [columns, ...rows].map((row) =>
    row.map((cell) => neutraliseMentions(cell.replace(/`/g, "ˋ").replace(/\s+/g, " ").trim())),
  );
  const [head = [], ...body] = all;
  const widths = columns.map((_, i) => Math.max(...all.map((row) => (row[i] ?? "").length)));
  const narrow = widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1) <= DISCORD_MAX_TABLE_LINE;

  const aligned = (row: string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  const bullet = (row: string[]) => {
    const rest = row
      .slice(1)
      .map((cell, i) => (cell ? `${head[i + 1] ?? ""}: ${cell}` : ""))
      .filter(Boolean);
    return `• ${[row[0] ?? "", rest.join(" · ")].filter(Boolean).join(" — ")}`;
  };
  const header = narrow ? [aligned(head), widths.map((w) => "-".repeat(w)).join("  ")] : [];
  const lines = narrow ? body.map(aligned) : body.map(bullet);

  // Room for the fence and a closing `… and N more rows` line.
  const room = budget - 48;
  const kept = [...header];
  let used = header.join("\n").length;
  for (const line of lines) {
    if (used + line.length + 1 > room) break;
    kept.push(line);
    used += line.length + 1;
  }
  const cut = lines.length - (kept.length - header.length);
  const text = truncate(kept.join("\n"), Math.max(0, room));
  const drawn = narrow ? `\`\`\`\n${text}\n\`\`\`` : text;
  return cut > 0 ? `${drawn}\n${ELLIPSIS} and ${cut} more row${cut === 1 ? "" : "s"}` : drawn;
}

/** Accumulates text and fields into the embed being built. */
class EmbedBuilder {
  readonly embeds: APIEmbed[] = [];
  private current: { title?: string; parts: string[]; fields: APIEmbedField[]; colour: number } | null = null;

  heading(text: string): void {
    this.close();
    this.current = { title: clean(text, DISCORD_MAX_TITLE), parts: [], fields: [], colour: COLOUR_ANSWER };
  }

  text(text: string, colour = COLOUR_ANSWER): void {
    if (!text.trim()) return;
    this.open(colour).parts.push(neutraliseMentions(text));
  }

  fields(fields: { label: string; value: string }[]): void {
    const target = this.open(COLOUR_ANSWER);
    for (const f of fields) target.fields.push(field(f.label, f.value, true));
  }

  /** A table goes into the description; it starts a fresh embed when little room is left. */
  table(columns: string[], rows: string[][]): void {
    if (this.remainingDescription() < MIN_USEFUL_EMBED) this.close();
    this.open(COLOUR_ANSWER).parts.push(tableText(columns, rows, this.remainingDescription()));
  }

  private remainingDescription(): number {
    const used = this.current ? this.current.parts.join("\n\n").length + 2 : 0;
    return Math.max(0, DISCORD_MAX_DESCRIPTION - used);
  }

  /** A notice stands alone in its own colour so a problem is not mistaken for an answer. */
  notice(text: string): void {
    this.close();
    this.text(text, COLOUR_NOTICE);
    this.close();
  }

  push(embed: APIEmbed): void {
    this.close();
    this.embeds.push(embed);
  }

  close(): void {
    const c = this.current;
    this.current = null;
    if (!c || (!c.title && c.parts.length === 0 && c.fields.length === 0)) return;
    const embed: APIEmbed = { color: c.colour };
    if (c.title) embed.title = c.title;
    if (c.parts.length) embed.description = truncate(c.parts.join("\n\n"), DISCORD_MAX_DESCRIPTION);
    if (c.fields.length) embed.fields = capFields(c.fields);
    this.embeds.push(embed);
  }

  private open(colour: number) {
    if (!this.current) this.current = { parts: [], fields: [], colour };
    return this.current;
  }
}

/** Characters Discord counts towards the 6,000 limit. */
export function embedLength(embed: APIEmbed): number {
  let n = (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0);
  n += embed.author?.name.length ?? 0;
  for (const f of embed.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

/** Shrinks one embed to `budget` characters (fields first, then the description), or null. */
function shrinkEmbed(embed: APIEmbed, budget: number): APIEmbed | null {
  if (budget < MIN_USEFUL_EMBED) return null;
  const out: APIEmbed = { ...embed, fields: [...(embed.fields ?? [])] };
  const fields = out.fields ?? [];
  // A note left by `capFields` is folded into the new count rather than kept twice.
  let dropped = 0;
  const last = fields.at(-1);
  if (last?.name === ELLIPSIS) {
    fields.pop();
    dropped = Number(/and (\d+) more/.exec(last.value)?.[1] ?? 0);
  }
  while (fields.length > 0 && embedLength(out) > budget) {
    fields.pop();
    dropped += 1;
    const note = moreField(dropped);
    if (embedLength({ ...out, fields: [...fields, note] }) <= budget) {
      fields.push(note);
      break;
    }
  }
  if (dropped > 0 && fields.at(-1)?.name !== ELLIPSIS) fields.push(moreField(dropped));
  if (fields.length === 0) delete out.fields;
  const over = embedLength(out) - budget;
  if (over > 0 && out.description) out.description = truncate(out.description, out.description.length - over);
  return embedLength(out) <= budget ? out : null;
}

/** Keeps embeds within the count and total-size limits, closing with `… and N more` when cut. */
function fitEmbeds(embeds: APIEmbed[]): APIEmbed[] {
  const fits =
    embeds.length <= DISCORD_MAX_EMBEDS &&
    embeds.reduce((n, e) => n + embedLength(e), 0) <= DISCORD_MAX_EMBED_TOTAL;
  if (fits) return embeds;
  const kept: APIEmbed[] = [];
  let budget = DISCORD_MAX_EMBED_TOTAL - MORE_NOTE_RESERVE;
  for (const embed of embeds) {
    if (kept.length === DISCORD_MAX_EMBEDS - 1) break;
    const size = embedLength(embed);
    if (size <= budget) {
      kept.push(embed);
      budget -= size;
      continue;
    }
    const shrunk = shrinkEmbed(embed, budget);
    if (shrunk) kept.push(shrunk);
    break;
  }
  const left = embeds.length - kept.length;
  if (left > 0) kept.push({ description: `${ELLIPSIS} and ${left} more`, color: COLOUR_ANSWER });
  return kept;
}

function renderBlock(block: ReplyBlock, out: EmbedBuilder): void {
  switch (block.type) {
    case "heading":
      out.heading(block.text);
      return;
    case "text":
      out.text(block.text);
      return;
    case "notice":
      out.notice(block.text);
      return;
    case "context":
      // Discord's `-#` subtext is the closest thing to Slack's small context line.
      out.text(
        block.text
          .split("\n")
          .filter((line) => line.trim())
          .map((line) => `-# ${line}`)
          .join("\n"),
      );
      return;
    case "fact":
      out.push(factEmbed(block.card));
      return;
    case "fields":
      out.fields(block.fields);
      return;
    case "table":
      out.table(block.columns, block.rows);
      return;
    case "divider":
      out.close();
      return;
    default: {
      const never: never = block;
      throw new Error(`Unknown reply block ${JSON.stringify(never)}`);
    }
  }
}

/**
 * Draws a `Reply` as a Discord message body. Pure: same reply, same body.
 *
 * @example
 * const body = replyToDiscord(textReply("hello @everyone"));
 * // body.embeds[0].description === "hello @\u200beveryone", body.allowed_mentions.parse is []
 */
export function replyToDiscord(reply: Reply): DiscordMessage {
  const builder = new EmbedBuilder();
  for (const block of reply.blocks) renderBlock(block, builder);
  builder.close();
  const embeds = fitEmbeds(builder.embeds);
  const message: DiscordMessage = { embeds, allowed_mentions: { parse: [] } };
  // Discord refuses a message with neither content nor embeds; the summary is the fallback text.
  if (embeds.length === 0) message.content = clean(replySummary(reply), DISCORD_MAX_CONTENT);
  if (reply.visibility === "ephemeral") message.flags = DISCORD_EPHEMERAL_FLAG;
  return message;
}
