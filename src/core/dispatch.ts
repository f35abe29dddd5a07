/**
 * Dispatch: Invocation in, Reply out. Picks the command, cleans and validates the text, runs the
 * command, and turns every failure into a reply: a `UserError` into its own message, anything
 * else into a short apology with an error id that is also in the log.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { AnyCommand, Registry } from "./command.js";
import { isUserError, StoreUnavailableError, StoreWriteRefusedError, UserError } from "./errors.js";
import type { Invocation } from "./invocation.js";
import type { Logger } from "./logger.js";
import type { Reply } from "./reply.js";

/** Longest query we accept; longer text is refused with a clear message. */
export const MAX_QUERY_LENGTH = 500;

// C0 and C1 control characters except tab and newline, plus bidi overrides that can disguise text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
const CONTROL_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Removes control characters and folds runs of white space. */
export function cleanText(text: string): string {
  return text.replace(CONTROL_CHARS, "").replace(/\s+/g, " ").trim();
}

/** A short id the user can quote and we can grep for, e.g. `E-3F9A1C`. */
export function newErrorId(): string {
  return `E-${randomBytes(3).toString("hex").toUpperCase()}`;
}

export interface DispatchOptions<S> {
  registry: Registry<S>;
  services: S;
  logger: Logger;
  /** The command free text goes to when its first word names no command. */
  defaultCommand: string;
  now?: () => Date;
}

/** Works out which command the invocation calls and with what text. */
export function resolveCommand<S>(
  registry: Registry<S>,
  invocation: Pick<Invocation, "command" | "text">,
  defaultCommand: string,
): { command: AnyCommand<S>; text: string } {
  const text = cleanText(invocation.text);
  if (invocation.command) {
    const command = registry.find(invocation.command);
    if (!command) throw new UserError(`There is no command called "${invocation.command}". Try \`help\`.`);
    return { command, text };
  }
  const [first = "", ...rest] = text.split(" ");
  const named = first ? registry.find(first.toLowerCase()) : undefined;
  if (named) return { command: named, text: rest.join(" ") };
  const fallback = registry.find(defaultCommand);
  if (!fallback) throw new Error(`The default command "${defaultCommand}" is not registered.`);
  return { command: fallback, text };
}

/** Runs one invocation to a reply. Never throws. */
export async function dispatch<S>(invocation: Invocation, options: DispatchOptions<S>): Promise<Reply> {
  const now = options.now?.() ?? new Date();
  let commandName = invocation.command ?? "?";
  try {
    if (
      invocation.text.length > MAX_QUERY_LENGTH * 2 ||
      cleanText(invocation.text).length > MAX_QUERY_LENGTH
    ) {
      throw new UserError(
        `That message is too long (over ${MAX_QUERY_LENGTH} characters). Ask about one figure at a time, e.g. \`zhaoqing gdp 2023\`.`,
        "TOO_LONG",
      );
    }
    const { command, text } = resolveCommand(options.registry, invocation, options.defaultCommand);
    commandName = command.name;
    const parsed = command.args.safeParse({ text });
    if (!parsed.success) {
      const usage = command.examples[0] ? `\nFor example: \`${command.examples[0]}\`` : "";
      throw new UserError(`${z.prettifyError(parsed.error)}${usage}`);
    }
    return await command.run({
      args: parsed.data,
      invocation: { ...invocation, text },
      services: options.services,
      now,
      logger: options.logger.child({ command: command.name }),
    });
  } catch (error) {
    return failureReply(error, options.logger, { command: commandName, invocation });
  }
}

/**
 * The reply for a command that failed: a `UserError`'s own message; for the store's faults, what
 * happened and that answers (or a retry) will work, with an error id; for anything else an
 * apology with an error id. Every case but the user's is logged with that id.
 */
export function failureReply(
  error: unknown,
  logger: Logger,
  context: { command: string; invocation: Invocation },
): Reply {
  if (isUserError(error)) {
    return { blocks: [{ type: "notice", text: error.message }], visibility: "ephemeral" };
  }
  const errorId = newErrorId();
  const storeFault = error instanceof StoreUnavailableError || error instanceof StoreWriteRefusedError;
  const fields = {
    err: error,
    errorId,
    code: (error as { code?: unknown })?.code ?? "INTERNAL",
    command: context.command,
    platform: context.invocation.platform,
    user: context.invocation.user.id,
    channel: context.invocation.channel.id,
  };
  // A database outage is not a bug: a warning, not an error, so alerts on bugs stay meaningful.
  if (storeFault) logger.warn(fields, "command failed: the fact store refused or did not answer");
  else logger.error(fields, "command failed");
  const text = storeFault
    ? storeFaultText(error, errorId)
    : `Sorry, something went wrong on our side answering that. If it keeps happening, report error id ${errorId}.`;
  return {
    blocks: [{ type: "notice", text }],
    visibility: "ephemeral",
    summary: storeFault ? text : `Something went wrong (error id ${errorId}).`,
  };
}

function storeFaultText(error: StoreUnavailableError | StoreWriteRefusedError, errorId: string): string {
  if (error instanceof StoreUnavailableError) {
    return `The store is unavailable, try again shortly (error id ${errorId}).`;
  }
  if (error.code === "FACT_STORE_FULL") {
    return `The store's disk is full, so nothing was changed; answers still work (error id ${errorId}).`;
  }
  return `The store is read-only just now, so nothing can be changed; answers still work (error id ${errorId}).`;
}
