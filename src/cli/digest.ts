/**
 * `npm run cli -- digest release <platform> <channel> [--posted]` settles a digest that recovery
 * held because it could not tell whether it was already posted.
 *
 * `npm run cli -- digest run [--at <ISO time>]`: delivers every digest that is due (at that
 * time; default now) once, and exits. For hosts that prefer an external scheduler (Heroku
 * Scheduler) and for re-running a missed window by hand. It runs the same `runDueDigests` as
 * the bot's timer, with the same claims, so running it next to the bot, or twice, posts nothing
 * twice. Posting needs only the platforms' REST APIs, so the adapters are built but not started,
 * and each is imported only when its platform is configured (their SDKs are slow to load).
 */
import type { Command } from "commander";
import { z } from "zod";
import type { InvocationHandler, PlatformAdapter } from "../core/adapter.js";
import { loadConfig } from "../core/config.js";
import { createLogger, scrubSecrets } from "../core/logger.js";
import type { DigestRunReport } from "../digest/runner.js";
import { runDueDigests } from "../digest/runner.js";
import { DigestService } from "../digest/service.js";
import { openStore, storeConfigFrom } from "../store/open-store.js";
import { describeFailure, EXIT_FAILURE } from "./store-command.js";

const AtSchema = z.iso.datetime({
  offset: true,
  message: "--at must be an ISO time such as 2026-11-23T09:00:00+08:00",
});

/**
 * A backstop over the store's own timeouts: however the database or a platform hangs, the run
 * ends within this, non-zero. Every digest is claimed before it is posted, so one cut short here
 * is settled (never posted twice) by the next run.
 */
const RUN_DEADLINE_MS = 25_000;

/** The CLI answers no one; adapters built here only post. */
const noAnswers: InvocationHandler = async () => ({
  blocks: [{ type: "notice", text: "The digest CLI does not answer commands." }],
  visibility: "ephemeral",
});

/** One line per delivery and per skipped subscription, then a count. */
export function formatRunReport(report: DigestRunReport): string[] {
  const lines = report.deliveries.map((d) =>
    [
      d.outcome.padEnd(9),
      `${d.platform}:${d.channelId}`,
      `window ${d.window.toISOString()}`,
      `${d.factCount} figure${d.factCount === 1 ? "" : "s"}`,
      d.messageId ? `message ${d.messageId}` : "",
      d.error ? `(${d.error})` : "",
    ]
      .filter(Boolean)
      .join("  "),
  );
  for (const s of report.skipped) {
    lines.push(`${(s.error ? "error" : "skipped").padEnd(9)}  ${s.platform}:${s.channelId}  ${s.reason}`);
  }
  const posted = report.deliveries.filter((d) => d.outcome === "sent" || d.outcome === "recovered").length;
  lines.push(
    `${posted} digest(s) delivered, ${report.deliveries.length - posted} other outcome(s), ${report.skipped.length} skipped.`,
  );
  return lines;
}

/** True when something needs an operator: a post that failed, a channel disabled, an error. */
export function runFailed(report: DigestRunReport): boolean {
  return (
    report.deliveries.some(
      (d) =>
        d.outcome === "deferred" ||
        d.outcome === "failed" ||
        d.outcome === "disabled" ||
        d.outcome === "held",
    ) || report.skipped.some((s) => s.error)
  );
}

const ReleaseArgsSchema = z.object({
  platform: z.enum(["slack", "discord"], { message: "the platform must be slack or discord" }),
  channel: z.string().regex(/^[A-Za-z0-9]{1,40}$/, {
    message: "the channel must be an id such as C0123ABCD or 1300000000000000001",
  }),
});

/** Registers `digest run` and `digest release`. */
export function register(program: Command): void {
  const digest = program.command("digest").description("the channel digest of newly added figures");
  digest
    .command("release <platform> <channel>")
    .description(
      "after checking the channel, release a held digest: the next run posts it (or, with --posted, it is recorded as posted)",
    )
    .option("--posted", "the digest is in the channel: record it as posted, never post it again")
    .action(async (platform: string, channel: string, options: { posted?: boolean }) => {
      let secrets: readonly string[] = [];
      try {
        const args = ReleaseArgsSchema.parse({ platform, channel });
        const config = loadConfig();
        secrets = config.secrets;
        const logger = createLogger({ level: config.logLevel, secrets });
        const store = await openStore(storeConfigFrom(config, logger));
        try {
          const released = await new DigestService(store.db, store, config.digest).release({
            platform: args.platform,
            channelId: args.channel,
            decision: options.posted ? "posted" : "post",
            now: new Date(),
          });
          if (released.length === 0) {
            process.stdout.write(`No held digest in ${args.platform}:${args.channel}.\n`);
          }
          for (const d of released) {
            process.stdout.write(
              `released  ${args.platform}:${args.channel}  window ${d.window.toISOString()}  ${
                options.posted ? "recorded as posted" : "posts at the next run"
              }\n`,
            );
          }
          process.exitCode = 0;
        } finally {
          await store.close();
        }
      } catch (error) {
        const message =
          error instanceof z.ZodError ? `error: ${z.prettifyError(error)}` : describeFailure(error);
        process.stderr.write(`${scrubSecrets(message, secrets)}\n`);
        process.exitCode = EXIT_FAILURE;
      }
    });
  digest
    .command("run")
    .description("deliver every digest that is due (at --at, default now) once, then exit")
    .option("--at <time>", "deliver as if it were this ISO time, e.g. 2026-11-23T09:00:00+08:00")
    .action(async (options: { at?: string }) => {
      const deadline = setTimeout(() => {
        process.stderr.write(
          `error [FACT_STORE_UNAVAILABLE]: digest run did not finish within ${RUN_DEADLINE_MS / 1000} s (the store or a platform stopped answering); digests not yet posted stay due for the next run.\n`,
        );
        process.exit(EXIT_FAILURE);
      }, RUN_DEADLINE_MS);
      deadline.unref();
      let secrets: readonly string[] = [];
      try {
        const at = options.at === undefined ? new Date() : new Date(AtSchema.parse(options.at));
        const config = loadConfig();
        secrets = config.secrets;
        const logger = createLogger({ level: config.logLevel, secrets });
        const adapters = new Map<PlatformAdapter["platform"], PlatformAdapter>();
        if (config.slack) {
          const { createSlackAdapter } = await import("../../adapters/slack/index.js");
          adapters.set(
            "slack",
            createSlackAdapter({
              config: config.slack,
              port: 0,
              handle: noAnswers,
              logger: logger.child({ platform: "slack" }),
              isHealthy: () => true,
            }),
          );
        }
        if (config.discord) {
          const { createDiscordAdapter } = await import("../../adapters/discord/index.js");
          adapters.set(
            "discord",
            createDiscordAdapter({
              config: config.discord,
              handle: noAnswers,
              // Posting only: the adapter is never started, so it answers no slash command.
              commands: [],
              autocomplete: async () => [],
              logger,
            }),
          );
        }
        const store = await openStore(storeConfigFrom(config, logger));
        try {
          const report = await runDueDigests({
            now: at,
            db: store.db,
            facts: store,
            adapters,
            config: config.digest,
            logger: logger.child({ job: "digest" }),
          });
          for (const line of formatRunReport(report)) process.stdout.write(`${line}\n`);
          process.exitCode = runFailed(report) ? EXIT_FAILURE : 0;
        } finally {
          await store.close();
        }
      } catch (error) {
        const message =
          error instanceof z.ZodError ? `error: ${z.prettifyError(error)}` : describeFailure(error);
        process.stderr.write(`${scrubSecrets(message, secrets)}\n`);
        process.exitCode = EXIT_FAILURE;
      } finally {
        clearTimeout(deadline);
      }
    });
}
