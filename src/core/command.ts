/**
 * Command definitions and the explicit registry. A command is a name, a zod schema over its
 * text arguments and a `run` that returns a `Reply`; it never calls a platform API. It also
 * declares, platform-free, the options a form-based surface (Discord's slash command) asks for
 * and whether its answer is private, so every surface and `help` are built from one place.
 */
import type { z } from "zod";
import type { Invocation } from "./invocation.js";
import type { Logger } from "./logger.js";
import type { Reply } from "./reply.js";

/** What `run` receives. `S` is the services object the composition root provides. */
export interface CommandContext<A, S> {
  args: A;
  invocation: Invocation;
  services: S;
  now: Date;
  logger: Logger;
}

/** The raw input a command's `args` schema parses: the words after the command name. */
export interface ArgInput {
  text: string;
}

/** Which store vocabulary an option suggests from as the user types. */
export type SuggestionSource = "query" | "region" | "metric";

/**
 * One option of a command, as a form asks for it. A surface with forms joins the values back,
 * in declaration order, into the words a user would type, so the command's `args` schema stays
 * the only parser.
 */
export type CommandOption = {
  /** 1-32 lower-case letters, digits or dashes. */
  name: string;
  /** One line, at most 100 characters. */
  description: string;
  required: boolean;
  /** A word put before the value in the joined text, e.g. `vs` between compare's two sides. */
  joinWord?: string;
} & (
  | { type: "string"; maxLength?: number; suggest?: SuggestionSource }
  | { type: "integer"; min?: number; max?: number }
  | { type: "choice"; choices: readonly string[] }
);

/** A subcommand: its name is the first word of the command's text, its options follow. */
export interface SubcommandDefinition {
  name: string;
  description: string;
  options?: readonly CommandOption[];
  /** Only the asker sees the answer. */
  private?: boolean;
}

/**
 * What a surface needs to offer a command: its name, description, options (or subcommands)
 * and visibility. Adapters take this, never the command itself.
 */
export interface CommandSurface {
  name: string;
  description: string;
  /** The options, in the order their values are joined into the text. */
  options?: readonly CommandOption[];
  /** Mutually exclusive with `options`. */
  subcommands?: readonly SubcommandDefinition[];
  /** Only the asker sees the answer (decided before the command runs, e.g. for Discord's defer). */
  private?: boolean;
}

export interface CommandDefinition<A, S> extends CommandSurface {
  aliases?: readonly string[];
  /** Usage examples for `help`, without the `/gd` prefix. */
  examples: readonly string[];
  /** Parses `{ text }` into the command's arguments; a failure becomes a user-facing message. */
  args: z.ZodType<A, ArgInput>;
  run(ctx: CommandContext<A, S>): Promise<Reply>;
}

/** A command with its argument type erased, as the registry holds it. */
// biome-ignore lint/suspicious/noExplicitAny: erasing A is safe because args and run share it.
export type AnyCommand<S> = CommandDefinition<any, S>;

/** Declares a command; the identity function that lets TypeScript infer `A` from the schema. */
export function defineCommand<A, S>(definition: CommandDefinition<A, S>): CommandDefinition<A, S> {
  return definition;
}

const NAME_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;
/** The longest description every surface shows whole (Discord's limit). */
export const MAX_DESCRIPTION_LENGTH = 100;

function checkDescription(owner: string, description: string): void {
  if (!description.trim()) throw new Error(`${owner} needs a description.`);
  if (description.length > MAX_DESCRIPTION_LENGTH) {
    throw new Error(`${owner}'s description is over ${MAX_DESCRIPTION_LENGTH} characters.`);
  }
}

function checkName(owner: string, name: string): void {
  if (!NAME_PATTERN.test(name)) {
    throw new Error(`${owner} name "${name}" must be 1-32 lower-case letters, digits or dashes.`);
  }
}

function checkOptions(owner: string, options: readonly CommandOption[]): void {
  const seen = new Set<string>();
  let optionalSeen = false;
  for (const option of options) {
    const who = `${owner} option "${option.name}"`;
    checkName(`${owner} option`, option.name);
    checkDescription(who, option.description);
    if (seen.has(option.name)) throw new Error(`${who} is declared twice.`);
    seen.add(option.name);
    // Forms list required options first; declaring them after an optional one would reorder the text.
    if (option.required && optionalSeen) throw new Error(`${who} is required but follows an optional one.`);
    if (!option.required) optionalSeen = true;
    if (option.type === "choice" && option.choices.length === 0) throw new Error(`${who} offers no choices.`);
  }
}

/** Refuses a declaration a surface could not offer, naming what is wrong. */
export function checkSurface(command: CommandSurface): void {
  const owner = `Command "${command.name}"`;
  checkDescription(owner, command.description);
  if (command.options && command.subcommands) throw new Error(`${owner} has both options and subcommands.`);
  checkOptions(owner, command.options ?? []);
  const seen = new Set<string>();
  for (const sub of command.subcommands ?? []) {
    checkName(`${owner} subcommand`, sub.name);
    checkDescription(`${owner} subcommand "${sub.name}"`, sub.description);
    if (seen.has(sub.name)) throw new Error(`${owner} subcommand "${sub.name}" is declared twice.`);
    seen.add(sub.name);
    checkOptions(`${owner} subcommand "${sub.name}"`, sub.options ?? []);
  }
}

/** Whether the answer to this command (and subcommand, when it has them) is private. */
export function isPrivate(command: CommandSurface, subcommand?: string): boolean {
  const sub = command.subcommands?.find((s) => s.name === subcommand);
  return sub?.private ?? command.private ?? false;
}

/** Usage from the declaration, e.g. `trend <region> [metric]`, `digest subscribe [weekly|daily]`. */
export function usageLines(command: CommandSurface): string[] {
  const words = (options: readonly CommandOption[] = []) =>
    options.map((o) => {
      const value = o.type === "choice" ? o.choices.join("|") : o.name;
      if (o.required) return o.joinWord ? `${o.joinWord} <${value}>` : `<${value}>`;
      return o.joinWord ? `[${o.joinWord} ${value}]` : `[${value}]`;
    });
  if (command.subcommands?.length) {
    return command.subcommands.map((s) => [command.name, s.name, ...words(s.options)].join(" "));
  }
  return [[command.name, ...words(command.options)].join(" ")];
}

/** The commands a bot answers, looked up by name or alias. */
export interface Registry<S> {
  readonly commands: readonly AnyCommand<S>[];
  find(nameOrAlias: string): AnyCommand<S> | undefined;
}

/**
 * Builds the registry and refuses bad definitions at start-up: duplicate names or aliases,
 * names a platform cannot register, a missing or too long description, bad option declarations.
 */
export function createRegistry<S>(commands: readonly AnyCommand<S>[]): Registry<S> {
  const byName = new Map<string, AnyCommand<S>>();
  for (const command of commands) {
    checkSurface(command);
    for (const key of [command.name, ...(command.aliases ?? [])]) {
      checkName("Command", key);
      const clash = byName.get(key);
      if (clash)
        throw new Error(`Command name "${key}" is used by both "${clash.name}" and "${command.name}".`);
      byName.set(key, command);
    }
  }
  return { commands, find: (key) => byName.get(key.toLowerCase()) };
}
