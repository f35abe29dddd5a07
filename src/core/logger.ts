/**
 * Structured logs (pino) that never carry a secret. Two layers: known secret-bearing keys are
 * redacted by path, and every serialised line is scrubbed of the configured secret values and of
 * anything shaped like a Slack or Discord token, so a token inside an error message or a URL
 * cannot leak either.
 */
import { pino } from "pino";

export type Logger = pino.Logger;

const REDACT_PATHS = [
  "token",
  "*.token",
  "password",
  "*.password",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "signingSecret",
  "*.signingSecret",
  "appToken",
  "*.appToken",
];

/** Token shapes worth scrubbing even when nobody told us the value. */
const TOKEN_PATTERNS: readonly RegExp[] = [
  /xox[abposr]-[A-Za-z0-9-]{6,}/g,
  /xapp-[A-Za-z0-9-]{6,}/g,
  // Discord bot tokens: three base64url parts separated by dots.
  /[MNO][A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}/g,
  // Passwords inside connection strings: scheme://user:password@host
  /(?<=:\/\/[^:/@\s]+:)[^@\s]+(?=@)/g,
  // Socket Mode's connection URL is a bearer credential: whoever holds its ticket can open the
  // app's socket. The WebClient logs it at debug (apps.connections.open's result).
  /(?<=[?&]ticket=)[^&\s"'\\]+/g,
];

/**
 * A WebSocket URL's query string, whatever its parameters are called: Slack's carries the
 * ticket, and a proxy or a future version may name it differently.
 */
const WS_URL_QUERY = /(?<=\bwss?:\/\/[^\s"'?\\]*\?)[^\s"'\\]+/g;

/** Replaces every secret value and token-shaped string in `text` with `[REDACTED]`. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    // Short values would redact ordinary words; real secrets are long.
    if (secret.length >= 8) out = out.split(secret).join("[REDACTED]");
  }
  for (const pattern of TOKEN_PATTERNS) out = out.replace(pattern, "[REDACTED]");
  return out.replace(WS_URL_QUERY, "[REDACTED]");
}

export interface LoggerOptions {
  level?: string;
  /** Secret values (tokens, signing secrets, passwords) that must never be written. */
  secrets?: readonly string[];
  /** Where lines go; standard error by default so stdout stays clean for `--json` output. */
  write?: (line: string) => void;
}

/** Creates the process logger. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = [...(options.secrets ?? [])];
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  return pino(
    {
      level: options.level ?? "info",
      redact: { paths: REDACT_PATHS, censor: "[REDACTED]" },
      base: undefined,
    },
    { write: (line: string) => write(scrubSecrets(line, secrets)) },
  );
}

/** A logger that drops everything, for tests that do not look at logs. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
