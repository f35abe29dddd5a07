/**
 * `help`: every command with its usage and an example. Built from the same declarations as
 * Discord's command tree, so help and every surface list the same commands, said the same way.
 */
import { type AnyCommand, defineCommand, usageLines } from "../src/core/command.js";
import type { BotServices } from "./services.js";
import { freeText } from "./text-args.js";

/** The help command over the given list (a function, because the list includes help itself). */
export function createHelpCommand(list: () => readonly AnyCommand<BotServices>[]) {
  return defineCommand<{ text: string }, BotServices>({
    name: "help",
    aliases: ["h", "commands"],
    description: "Every command with an example",
    examples: ["help"],
    private: true,
    args: freeText,
    async run() {
      const lines = list().map((c) => {
        const aliases = c.aliases?.length ? ` (also: ${c.aliases.join(", ")})` : "";
        // Usage stays out of backticks: only examples are meant to be typed as they stand.
        const usage = usageLines(c).join("; ");
        return `• ${c.name}${aliases}: ${c.description}\n    usage: ${usage}; e.g. \`${c.examples[0] ?? c.name}\``;
      });
      return {
        blocks: [
          { type: "heading", text: "Guangdong figures: commands" },
          {
            type: "text",
            text: "Just type a question to search, e.g. `zhaoqing gdp 2023` or `肇庆 GDP 2023`.",
          },
          { type: "text", text: lines.join("\n") },
        ],
        visibility: "ephemeral",
        summary:
          "Commands: " +
          list()
            .map((c) => c.name)
            .join(", "),
      };
    },
  });
}
