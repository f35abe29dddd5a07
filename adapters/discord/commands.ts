/**
 * The `/gd` slash command, derived from the commands' platform-free declarations: each command
 * is a subcommand (or a subcommand group when it declares subcommands), its options are
 * Discord options. The chosen subcommand and its values are joined back into the same words a
 * user would type after a mention, so the core has one parser for every platform. Nothing here
 * knows a particular command.
 *
 * @see https://discord.com/developers/docs/interactions/application-commands#subcommands-and-subcommand-groups
 */
import {
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  SlashCommandBuilder,
  type SlashCommandSubcommandBuilder,
} from "discord.js";
import {
  type CommandOption,
  type CommandSurface,
  isPrivate,
  type SuggestionSource,
} from "../../src/core/command.js";

/** The top-level command name users type. */
export const SLASH_COMMAND_NAME = "gd";
const SLASH_COMMAND_DESCRIPTION = "Guangdong economic figures, with sources";
/** Discord's limit on an autocomplete choice name and on a string option value. */
export const DISCORD_MAX_CHOICE_LENGTH = 100;
/** Discord's limit on choices in one autocomplete response. */
export const DISCORD_MAX_CHOICES = 25;
/** Discord's limit on a string option's length. */
const DISCORD_MAX_OPTION_LENGTH = 6000;

/** Which store vocabulary an autocompleted option suggests from. */
export type AutocompleteField = SuggestionSource;

function addOptions(sub: SlashCommandSubcommandBuilder, options: readonly CommandOption[] = []) {
  for (const option of options) {
    const base = <
      T extends { setName(n: string): T; setDescription(d: string): T; setRequired(r: boolean): T },
    >(
      o: T,
    ) => o.setName(option.name).setDescription(option.description).setRequired(option.required);
    switch (option.type) {
      case "string":
        sub.addStringOption((o) => {
          base(o).setMaxLength(
            Math.min(option.maxLength ?? DISCORD_MAX_OPTION_LENGTH, DISCORD_MAX_OPTION_LENGTH),
          );
          return option.suggest ? o.setAutocomplete(true) : o;
        });
        break;
      case "integer":
        sub.addIntegerOption((o) => {
          base(o);
          if (option.min !== undefined) o.setMinValue(option.min);
          if (option.max !== undefined) o.setMaxValue(option.max);
          return o;
        });
        break;
      case "choice":
        sub.addStringOption((o) => base(o).addChoices(...option.choices.map((c) => ({ name: c, value: c }))));
        break;
      default: {
        const unknown: never = option;
        throw new Error(`Unknown option type in ${JSON.stringify(unknown)}`);
      }
    }
  }
  return sub;
}

/** Builds the `/gd` command JSON for `PUT /applications/:id/commands` from the commands' declarations. */
export function slashCommandDefinitions(
  commands: readonly CommandSurface[],
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const gd = new SlashCommandBuilder()
    .setName(SLASH_COMMAND_NAME)
    .setDescription(SLASH_COMMAND_DESCRIPTION)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);
  for (const command of commands) {
    const subcommands = command.subcommands;
    if (subcommands?.length) {
      gd.addSubcommandGroup((g) => {
        g.setName(command.name).setDescription(command.description);
        for (const sub of subcommands) {
          g.addSubcommand((s) =>
            addOptions(s.setName(sub.name).setDescription(sub.description), sub.options),
          );
        }
        return g;
      });
    } else {
      gd.addSubcommand((s) =>
        addOptions(s.setName(command.name).setDescription(command.description), command.options),
      );
    }
  }
  return [gd.toJSON()];
}

/** The subcommand a user picked and its option values, as plain strings. */
export interface ChosenSubcommand {
  group: string | null;
  subcommand: string;
  options: Readonly<Record<string, string | undefined>>;
}

/** The command and the declared options a chosen (group,) subcommand stands for. */
function declared(commands: readonly CommandSurface[], group: string | null, subcommand: string) {
  const command = commands.find((c) => c.name === (group ?? subcommand));
  if (!command) return undefined;
  if (group === null) return { command, options: command.options ?? [] };
  const sub = command.subcommands?.find((s) => s.name === subcommand);
  return sub ? { command, options: sub.options ?? [] } : undefined;
}

/**
 * Turns a chosen subcommand into the core's command name and argument text: the subcommand of a
 * group first, then each value in declaration order, after its join word.
 */
export function subcommandToCommand(
  commands: readonly CommandSurface[],
  chosen: ChosenSubcommand,
): { command: string; text: string } {
  const found = declared(commands, chosen.group, chosen.subcommand);
  if (!found) {
    // Registered before a command was removed: the core answers that no such command exists.
    return { command: chosen.group ?? chosen.subcommand, text: chosen.group ? chosen.subcommand : "" };
  }
  const words = chosen.group ? [chosen.subcommand] : [];
  for (const option of found.options) {
    const value = chosen.options[option.name]?.trim();
    if (value) words.push(...(option.joinWord ? [option.joinWord, value] : [value]));
  }
  return { command: found.command.name, text: words.join(" ") };
}

/** Which vocabulary the focused option suggests from, or null when it has no autocomplete. */
export function autocompleteFieldFor(
  commands: readonly CommandSurface[],
  chosen: { group: string | null; subcommand: string },
  option: string,
): AutocompleteField | null {
  const found = declared(commands, chosen.group, chosen.subcommand)?.options.find((o) => o.name === option);
  return found?.type === "string" ? (found.suggest ?? null) : null;
}

/** Whether only the asker sees the answer; decided before deferring, as a defer's visibility is fixed. */
export function isPrivateSubcommand(
  commands: readonly CommandSurface[],
  chosen: { group: string | null; subcommand: string },
): boolean {
  const command = commands.find((c) => c.name === (chosen.group ?? chosen.subcommand));
  return command ? isPrivate(command, chosen.group ? chosen.subcommand : undefined) : false;
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
