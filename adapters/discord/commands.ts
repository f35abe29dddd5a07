/**
 * The `/gd` slash command: its definition for registration, and the pure mapping from a
 * chosen subcommand and its options to the `{ command, text }` the core parses. Options are
 * joined back into the same words a user would type after a mention, so the core has one
 * parser for every platform.
 *
 * @see https://discord.com/developers/docs/interactions/application-commands#subcommands-and-subcommand-groups
 */
import {
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  SlashCommandBuilder,
} from "discord.js";

/** The top-level command name users type. */
export const SLASH_COMMAND_NAME = "gd";
/** Discord's limit on an autocomplete choice name and on a string option value. */
export const DISCORD_MAX_CHOICE_LENGTH = 100;
/** Discord's limit on choices in one autocomplete response. */
export const DISCORD_MAX_CHOICES = 25;
/** The core refuses longer queries; letting Discord stop them saves a round trip. */
const MAX_OPTION_LENGTH = 500;

/** Which store vocabulary an autocompleted option suggests from. */
export type AutocompleteField = "query" | "region" | "metric";

/** Builds the `/gd` command JSON for `PUT /applications/:id/commands`. */
export function slashCommandDefinitions(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const gd = new SlashCommandBuilder()
    .setName(SLASH_COMMAND_NAME)
    .setDescription("Guangdong economic figures, with sources")
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addSubcommand((s) =>
      s
        .setName("ask")
        .setDescription("Ask for a figure, e.g. zhaoqing gdp 2023")
        .addStringOption((o) =>
          o
            .setName("query")
            .setDescription("Region, metric and period in your own words")
            .setRequired(true)
            .setMaxLength(MAX_OPTION_LENGTH)
            .setAutocomplete(true),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName("compare")
        .setDescription("Compare two figures side by side")
        .addStringOption((o) =>
          o.setName("a").setDescription("First, e.g. zhaoqing gdp 2023").setRequired(true).setMaxLength(240),
        )
        .addStringOption((o) =>
          o.setName("b").setDescription("Second, e.g. foshan gdp 2023").setRequired(true).setMaxLength(240),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName("trend")
        .setDescription("How a figure changed over the years")
        .addStringOption((o) =>
          o
            .setName("region")
            .setDescription("A city, the province or the Greater Bay Area")
            .setRequired(true)
            .setAutocomplete(true),
        )
        .addStringOption((o) =>
          o
            .setName("metric")
            .setDescription("e.g. GDP, retail sales")
            .setRequired(true)
            .setAutocomplete(true),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName("latest")
        .setDescription("The newest figures, for one region or all")
        .addStringOption((o) =>
          o
            .setName("region")
            .setDescription("Leave empty for all regions")
            .setRequired(false)
            .setAutocomplete(true),
        ),
    )
    .addSubcommand((s) => s.setName("sources").setDescription("The documents the figures come from"))
    .addSubcommand((s) => s.setName("about").setDescription("What this bot is and where its data comes from"))
    .addSubcommand((s) => s.setName("help").setDescription("How to ask, with examples (only you see it)"))
    .addSubcommandGroup((g) =>
      g
        .setName("digest")
        .setDescription("The digest of newly added figures in this channel")
        .addSubcommand((s) =>
          s
            .setName("subscribe")
            .setDescription("Post a digest of new figures in this channel")
            .addStringOption((o) =>
              o
                .setName("frequency")
                .setDescription("How often (weekly unless you choose)")
                .setRequired(false)
                .addChoices({ name: "weekly", value: "weekly" }, { name: "daily", value: "daily" }),
            ),
        )
        .addSubcommand((s) => s.setName("unsubscribe").setDescription("Stop the digest in this channel"))
        .addSubcommand((s) =>
          s.setName("status").setDescription("Whether this channel gets a digest, and when"),
        )
        .addSubcommand((s) => s.setName("preview").setDescription("Show what the next digest would hold")),
    );
  return [gd.toJSON()];
}

/** The subcommand a user picked and its option values, as plain strings. */
export interface ChosenSubcommand {
  group: string | null;
  subcommand: string;
  options: Readonly<Record<string, string | undefined>>;
}

/** Turns a chosen subcommand into the core's command name and argument text. */
export function subcommandToCommand(chosen: ChosenSubcommand): { command: string; text: string } {
  const o = (name: string) => chosen.options[name]?.trim() ?? "";
  const words = (...parts: string[]) => parts.filter(Boolean).join(" ");
  if (chosen.group === "digest") return { command: "digest", text: words(chosen.subcommand, o("frequency")) };
  switch (chosen.subcommand) {
    case "ask":
      return { command: "ask", text: o("query") };
    case "compare":
      return { command: "compare", text: `${o("a")} vs ${o("b")}` };
    case "trend":
      return { command: "trend", text: words(o("region"), o("metric")) };
    case "latest":
      return { command: "latest", text: o("region") };
    default:
      // sources, about, help and any subcommand added later without options.
      return {
        command: chosen.subcommand,
        text: words(...Object.values(chosen.options).map((v) => v ?? "")),
      };
  }
}

/** Which vocabulary the focused option suggests from, or null when it has no autocomplete. */
export function autocompleteFieldFor(subcommand: string, option: string): AutocompleteField | null {
  if (subcommand === "ask" && option === "query") return "query";
  if ((subcommand === "trend" || subcommand === "latest") && option === "region") return "region";
  if (subcommand === "trend" && option === "metric") return "metric";
  return null;
}

/** Suggestions as Discord choices: unique, at most 25, names and values at most 100 characters. */
export function toChoices(suggestions: readonly string[]): { name: string; value: string }[] {
  const seen = new Set<string>();
  const choices: { name: string; value: string }[] = [];
  for (const raw of suggestions) {
    const text = raw.replace(/\s+/g, " ").trim();
    // A value longer than the option allows would be refused when chosen, so cut it too.
    const value = text.slice(0, DISCORD_MAX_CHOICE_LENGTH);
    if (!value || seen.has(value)) continue;
    seen.add(value);
    const name =
      text.length > DISCORD_MAX_CHOICE_LENGTH ? `${text.slice(0, DISCORD_MAX_CHOICE_LENGTH - 1)}…` : text;
    choices.push({ name, value });
    if (choices.length === DISCORD_MAX_CHOICES) break;
  }
  return choices;
}
