/**
 * The explicit list of commands. No file-system scanning: the type checker sees every command
 * and `createRegistry` rejects duplicates at start-up.
 */
import type { AnyCommand } from "../src/core/command.js";
import { about } from "./about.js";
import { ask } from "./ask.js";
import { compare } from "./compare.js";
import { digest } from "./digest.js";
import { createHelpCommand } from "./help.js";
import { latest } from "./latest.js";
import type { BotServices } from "./services.js";
import { sources } from "./sources.js";
import { trend } from "./trend.js";

export type { BotServices } from "./services.js";

/** The command free text goes to when its first word names no command. */
export const DEFAULT_COMMAND = "ask";

export const COMMANDS: readonly AnyCommand<BotServices>[] = [
  ask,
  compare,
  trend,
  latest,
  sources,
  about,
  digest,
  createHelpCommand(() => COMMANDS),
];
