/**
 * Bolt, its WebClient and its Socket Mode client log through their own `Logger` interface; this
 * routes those lines into our pino logger, so they share its level and its secret scrubbing.
 */
import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "../../src/core/logger.js";

/** Formats Bolt's variadic log arguments as one line. */
function line(parts: unknown[]): string {
  return parts
    .map((p) => (p instanceof Error ? p.message : typeof p === "string" ? p : safeJson(p)))
    .join(" ");
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

function toBoltLevel(level: string): LogLevel {
  switch (level) {
    case "trace":
    case "debug":
      return LogLevel.DEBUG;
    case "info":
      return LogLevel.INFO;
    case "warn":
      return LogLevel.WARN;
    default:
      return LogLevel.ERROR;
  }
}

/** A Bolt `Logger` writing to `logger` (a child named `slack-sdk`). */
export function boltLogger(logger: Logger): BoltLogger {
  let child = logger.child({ component: "slack-sdk" });
  return {
    debug: (...msg: unknown[]) => child.debug(line(msg)),
    info: (...msg: unknown[]) => child.info(line(msg)),
    warn: (...msg: unknown[]) => child.warn(line(msg)),
    error: (...msg: unknown[]) => child.error(line(msg)),
    // Bolt calls setLevel with its own default (info); our level is set once for the process.
    setLevel: () => {},
    getLevel: () => toBoltLevel(child.level),
    setName: (name: string) => {
      child = logger.child({ component: name });
    },
  };
}
