/** `about`: version, how much the bot knows, and how fresh it is. */
import { defineCommand } from "../src/core/command.js";
import type { BotServices } from "./services.js";
import { freeText } from "./text-args.js";

export const about = defineCommand<{ text: string }, BotServices>({
  name: "about",
  aliases: ["version", "status"],
  description: "Version, fact and source counts, and the newest source date",
  examples: ["about"],
  private: true,
  args: freeText,
  async run({ services }) {
    const stats = await services.facts.stats();
    return {
      blocks: [
        { type: "heading", text: `Guangdong figures bot ${services.version}` },
        {
          type: "fields",
          fields: [
            { label: "Facts", value: String(stats.facts) },
            { label: "Sources", value: String(stats.sources) },
            { label: "Newest source", value: stats.newestPublished ?? "none" },
            { label: "Retracted", value: String(stats.retracted) },
            { label: "Held for review", value: String(stats.held) },
            { label: "Store", value: services.facts.dialect === "postgres" ? "PostgreSQL" : "SQLite" },
          ],
        },
        {
          type: "context",
          text: "Figures are extracted from news articles and official releases; every answer cites its source.",
        },
      ],
      visibility: "ephemeral",
      summary: `Guangdong figures bot ${services.version}: ${stats.facts} facts from ${stats.sources} sources`,
    };
  },
});
