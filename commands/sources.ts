/** `sources`: the documents the figures come from, newest first, with their fact counts. */
import { defineCommand } from "../src/core/command.js";
import { UserError } from "../src/core/errors.js";
import type { ReplyBlock } from "../src/core/reply.js";
import { dateText, publisherText } from "../src/core/source-text.js";
import { WATCHED_SOURCE_COLUMNS, watchedSourceRows } from "../src/sources/status.js";
import type { BotServices } from "./services.js";
import { freeText } from "./text-args.js";

const LIMIT = 20;

export const sources = defineCommand<{ text: string }, BotServices>({
  name: "sources",
  aliases: ["docs"],
  description: "The documents the figures come from, with dates and fact counts",
  examples: ["sources"],
  args: freeText,
  async run({ services }) {
    const all = await services.facts.listSources();
    const watched = (await services.watchedSources?.list()) ?? [];
    if (all.length === 0 && watched.length === 0)
      throw new UserError("No documents stored yet.", "NOT_FOUND");
    const sorted = [...all].sort(
      (a, b) =>
        (b.source.published ?? "").localeCompare(a.source.published ?? "") ||
        b.ingestedAt.localeCompare(a.ingestedAt),
    );
    const rows = sorted
      .slice(0, LIMIT)
      .map((s) => [
        s.source.published ? dateText(s.source) : "undated",
        s.source.title,
        publisherText(s.source) ?? "",
        String(s.factCount),
        s.source.url ?? "",
      ]);
    const blocks: ReplyBlock[] = [{ type: "heading", text: `Sources (${all.length})` }];
    if (rows.length > 0) {
      blocks.push({ type: "table", columns: ["Published", "Title", "Publisher", "Facts", "Link"], rows });
    } else {
      blocks.push({
        type: "context",
        text: "No documents stored yet; the watched sources below bring them in.",
      });
    }
    if (all.length > LIMIT) blocks.push({ type: "context", text: `… and ${all.length - LIMIT} more` });
    if (watched.length > 0) {
      blocks.push(
        { type: "heading", text: `Watched sources (${watched.length})` },
        { type: "table", columns: WATCHED_SOURCE_COLUMNS, rows: watchedSourceRows(watched) },
      );
    }
    return { blocks, visibility: "public", shareable: true };
  },
});
