/**
 * Command definitions and the explicit registry. A command is a name, a zod schema over its
 * text arguments and a `run` that returns a `Reply`; it never calls a platform API.
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

export interface CommandDefinition<A, S> {
  name: string;
  aliases?: readonly string[];
  /** One line for `help`. */
  description: string;
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

/** The commands a bot answers, looked up by name or alias. */
export interface Registry<S> {
  readonly commands: readonly AnyCommand<S>[];
  find(nameOrAlias: string): AnyCommand<S> | undefined;
}

/**
 * Builds the registry and refuses bad definitions at start-up: duplicate names or aliases,
 * names a platform cannot register, a missing description.
 */
export function createRegistry<S>(commands: readonly AnyCommand<S>[]): Registry<S> {
  const byName = new Map<string, AnyCommand<S>>();
  for (const command of commands) {
    if (!command.description.trim()) throw new Error(`Command "${command.name}" needs a description.`);
    for (const key of [command.name, ...(command.aliases ?? [])]) {
      if (!NAME_PATTERN.test(key)) {
        throw new Error(`Command name "${key}" must be 1-32 lower-case letters, digits or dashes.`);
      }
      const clash = byName.get(key);
      if (clash)
        throw new Error(`Command name "${key}" is used by both "${clash.name}" and "${command.name}".`);
      byName.set(key, command);
    }
  }
  return { commands, find: (key) => byName.get(key.toLowerCase()) };
}
