/**
 * Shared plumbing for CLI sub-commands that work on the fact store: read the configuration,
 * open the store, run, close, and turn failures into one clear line on stderr and a non-zero exit.
 */
import { ConfigError, loadConfig } from "../core/config.js";
import { BotError, UserError } from "../core/errors.js";
import { createLogger, scrubSecrets } from "../core/logger.js";
import { type OpenedStore, openStore, storeConfigFrom } from "../store/open-store.js";

/** Exit code for "the command ran but did not fully succeed" and for start-up failures. */
export const EXIT_FAILURE = 1;

/**
 * Opens the configured store, runs `action` and closes the store. `action` returns the exit code
 * (0 for success). Configuration, store and user errors print one line and set a non-zero exit.
 */
export async function runWithStore(action: (store: OpenedStore) => Promise<number>): Promise<void> {
  let secrets: readonly string[] = [];
  try {
    const config = loadConfig();
    secrets = config.secrets;
    const logger = createLogger({ level: config.logLevel, secrets });
    const store = await openStore(storeConfigFrom(config, logger));
    try {
      process.exitCode = await action(store);
    } finally {
      await store.close();
    }
  } catch (error) {
    process.stderr.write(`${scrubSecrets(describeFailure(error), secrets)}\n`);
    process.exitCode = EXIT_FAILURE;
  }
}

/** One line for errors we expect (with their code), the stack for anything else. */
export function describeFailure(error: unknown): string {
  if (error instanceof UserError || error instanceof ConfigError) return `error: ${error.message}`;
  if (error instanceof BotError) return `error [${error.code}]: ${error.message}`;
  return error instanceof Error ? `error: ${error.stack ?? error.message}` : `error: ${String(error)}`;
}
