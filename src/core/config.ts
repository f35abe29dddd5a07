/**
 * All configuration, read once from the environment through one zod schema. Messages name the
 * variable and say what to set. Secrets are collected so the logger can scrub them.
 */
import net from "node:net";
import path from "node:path";
import cron from "node-cron";
import { z } from "zod";

/** An empty variable (`FOO=`) means unset, as shells and hosts' config UIs produce them. */
const blankAsUnset = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema);

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const optionalUrl = (name: string) =>
  optionalString.refine((v) => v === undefined || URL.canParse(v), {
    message: `${name} must be a full URL such as http://127.0.0.1:8080/api/`,
  });

const cronExpression = (name: string, fallback: string) =>
  optionalString
    .transform((v) => v ?? fallback)
    .refine((v) => cron.validate(v), {
      message: `${name} is not a valid cron expression (five or six fields, e.g. "0 9 * * 1" for Monday 09:00)`,
    });

/** A host name, an IP address, or a CIDR range such as 10.20.0.0/16 (for SOURCES_ALLOW_HOSTS). */
function isHostOrRange(entry: string): boolean {
  const [ip = "", prefix, extra] = entry.replace(/^\[|\]$/g, "").split("/");
  if (extra !== undefined) return false;
  if (prefix !== undefined) {
    const bits = net.isIPv4(ip) ? 32 : net.isIPv6(ip) ? 128 : -1;
    return /^\d{1,3}$/.test(prefix) && Number(prefix) <= bits;
  }
  return (
    net.isIP(ip) !== 0 ||
    /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(ip)
  );
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const EnvSchema = z
  .object({
    LOG_LEVEL: blankAsUnset(
      z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    ),
    DATA_DIR: optionalString.transform((v) => path.resolve(v ?? "var")),
    DATABASE_URL: optionalString.refine(
      (v) => v === undefined || /^postgres(ql)?:\/\//.test(v),
      "DATABASE_URL must start with postgres:// or postgresql:// (unset it to use SQLite under DATA_DIR)",
    ),
    DATABASE_SSL: blankAsUnset(z.enum(["off", "require", "no-verify"]).default("off")),
    DB_CONNECT_TIMEOUT_MS: blankAsUnset(z.coerce.number().int().min(100).max(600_000).default(5_000)),
    DB_QUERY_TIMEOUT_MS: blankAsUnset(z.coerce.number().int().min(100).max(600_000).default(10_000)),
    PORT: blankAsUnset(z.coerce.number().int().min(0).max(65535).default(3000)),
    SLACK_BOT_TOKEN: optionalString,
    SLACK_SIGNING_SECRET: optionalString,
    SLACK_APP_TOKEN: optionalString,
    SLACK_API_URL: optionalUrl("SLACK_API_URL"),
    DISCORD_TOKEN: optionalString,
    DISCORD_APPLICATION_ID: optionalString,
    DISCORD_API_URL: optionalUrl("DISCORD_API_URL"),
    CONSOLE: blankAsUnset(z.enum(["auto", "on", "off"]).default("auto")),
    DIGEST_CRON: cronExpression("DIGEST_CRON", "0 9 * * 1"),
    DIGEST_TZ: optionalString
      .transform((v) => v ?? "Asia/Shanghai")
      .refine(isTimeZone, "DIGEST_TZ must be an IANA time zone such as Asia/Shanghai or UTC"),
    DIGEST_EMPTY: blankAsUnset(z.enum(["skip", "post"]).default("skip")),
    DIGEST_ADMINS: optionalString.transform((v) =>
      v
        ? v
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
    ),
    SOURCES_FILE: optionalString.transform((v) => path.resolve(v ?? "data/sources.json")),
    SOURCES_CRON: cronExpression("SOURCES_CRON", "0 * * * *"),
    SOURCES_ALLOW_HOSTS: optionalString
      .transform((v) =>
        (v ?? "")
          .split(",")
          .map((s) => s.trim().toLowerCase())
          .filter(Boolean),
      )
      .refine((entries) => entries.every(isHostOrRange), {
        message:
          "SOURCES_ALLOW_HOSTS must be a comma-separated list of host names, IP addresses and CIDR ranges, e.g. 127.0.0.1,localhost,10.20.0.0/16",
      }),
    // The default is DEFAULT_MAX_FEED_ITEMS in src/sources/feeds.ts.
    SOURCES_MAX_ITEMS: blankAsUnset(z.coerce.number().int().min(1).max(10_000).default(50)),
    // Defaults are DEFAULT_SOURCES_CONCURRENCY (poll-guard.ts) and DEFAULT_HTTP_POLICY (fetch.ts).
    SOURCES_CONCURRENCY: blankAsUnset(z.coerce.number().int().min(1).max(32).default(4)),
    SOURCES_CONNECT_MS: blankAsUnset(z.coerce.number().int().min(100).max(600_000).default(10_000)),
    SOURCES_FIRST_BYTE_MS: blankAsUnset(z.coerce.number().int().min(100).max(600_000).default(15_000)),
    SOURCES_TIMEOUT_MS: blankAsUnset(z.coerce.number().int().min(100).max(600_000).default(20_000)),
  })
  .superRefine((env, ctx) => {
    const slackAny = env.SLACK_BOT_TOKEN || env.SLACK_SIGNING_SECRET || env.SLACK_APP_TOKEN;
    if (slackAny && !env.SLACK_BOT_TOKEN) {
      ctx.addIssue({
        code: "custom",
        path: ["SLACK_BOT_TOKEN"],
        message: "SLACK_BOT_TOKEN is required when any other SLACK_ setting is present",
      });
    }
    if (env.SLACK_BOT_TOKEN && !env.SLACK_SIGNING_SECRET && !env.SLACK_APP_TOKEN) {
      ctx.addIssue({
        code: "custom",
        path: ["SLACK_SIGNING_SECRET"],
        message:
          "SLACK_BOT_TOKEN is set without SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode); set one",
      });
    }
    if (env.SLACK_APP_TOKEN && !env.SLACK_APP_TOKEN.startsWith("xapp-")) {
      ctx.addIssue({
        code: "custom",
        path: ["SLACK_APP_TOKEN"],
        message: "SLACK_APP_TOKEN must be an app-level token starting with xapp-",
      });
    }
    if (Boolean(env.DISCORD_TOKEN) !== Boolean(env.DISCORD_APPLICATION_ID)) {
      ctx.addIssue({
        code: "custom",
        path: [env.DISCORD_TOKEN ? "DISCORD_APPLICATION_ID" : "DISCORD_TOKEN"],
        message: "DISCORD_TOKEN and DISCORD_APPLICATION_ID must be set together",
      });
    }
  });

type Env = z.infer<typeof EnvSchema>;

export interface SlackConfig {
  botToken: string;
  /** HTTP mode when there is no app token. */
  signingSecret: string | undefined;
  /** Socket Mode when set. */
  appToken: string | undefined;
  apiUrl: string | undefined;
}

export interface DiscordConfig {
  token: string;
  applicationId: string;
  apiUrl: string | undefined;
}

/** The bot's whole configuration. */
export interface Config {
  logLevel: Env["LOG_LEVEL"];
  dataDir: string;
  databaseUrl: string | undefined;
  databaseSsl: Env["DATABASE_SSL"];
  /** How long to wait for a database connection and for one database call. */
  databaseTimeouts: { connectMs: number; queryMs: number };
  port: number;
  slack: SlackConfig | undefined;
  discord: DiscordConfig | undefined;
  console: Env["CONSOLE"];
  digest: { cron: string; timezone: string; empty: Env["DIGEST_EMPTY"]; admins: string[] };
  sources: {
    file: string;
    cron: string;
    /** Non-public hosts, addresses and CIDR ranges sources may reach; empty: public hosts only. */
    allowHosts: string[];
    /** Items read from one feed per poll. */
    maxFeedItems: number;
    /** Sources read at once. */
    concurrency: number;
    /** Per-request HTTP deadlines (a source may override them in the sources file). */
    timeouts: { connectMs: number; firstByteMs: number; totalMs: number };
  };
  /** Every secret value, for the logger to scrub. */
  secrets: string[];
}

/** Start-up configuration is wrong; the message lists every problem by variable name. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** Reads and validates configuration from `env` (default `process.env`). Throws `ConfigError`. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const variable = issue.path.join(".") || "environment";
      return issue.message.includes(variable) ? `- ${issue.message}` : `- ${variable}: ${issue.message}`;
    });
    throw new ConfigError(`Configuration is invalid:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const secrets = [e.SLACK_BOT_TOKEN, e.SLACK_SIGNING_SECRET, e.SLACK_APP_TOKEN, e.DISCORD_TOKEN].filter(
    (s): s is string => Boolean(s),
  );
  if (e.DATABASE_URL) {
    const password = safePassword(e.DATABASE_URL);
    if (password) secrets.push(password);
  }
  return {
    logLevel: e.LOG_LEVEL,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    databaseSsl: e.DATABASE_SSL,
    databaseTimeouts: { connectMs: e.DB_CONNECT_TIMEOUT_MS, queryMs: e.DB_QUERY_TIMEOUT_MS },
    port: e.PORT,
    slack: e.SLACK_BOT_TOKEN
      ? {
          botToken: e.SLACK_BOT_TOKEN,
          signingSecret: e.SLACK_SIGNING_SECRET,
          appToken: e.SLACK_APP_TOKEN,
          apiUrl: e.SLACK_API_URL,
        }
      : undefined,
    discord:
      e.DISCORD_TOKEN && e.DISCORD_APPLICATION_ID
        ? { token: e.DISCORD_TOKEN, applicationId: e.DISCORD_APPLICATION_ID, apiUrl: e.DISCORD_API_URL }
        : undefined,
    console: e.CONSOLE,
    digest: { cron: e.DIGEST_CRON, timezone: e.DIGEST_TZ, empty: e.DIGEST_EMPTY, admins: e.DIGEST_ADMINS },
    sources: {
      file: e.SOURCES_FILE,
      cron: e.SOURCES_CRON,
      allowHosts: e.SOURCES_ALLOW_HOSTS,
      maxFeedItems: e.SOURCES_MAX_ITEMS,
      concurrency: e.SOURCES_CONCURRENCY,
      timeouts: {
        connectMs: e.SOURCES_CONNECT_MS,
        firstByteMs: e.SOURCES_FIRST_BYTE_MS,
        totalMs: e.SOURCES_TIMEOUT_MS,
      },
    },
    secrets,
  };
}

function safePassword(url: string): string | undefined {
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password || undefined;
  } catch {
    return undefined;
  }
}
