/**
 * The digest timer inside the bot process: node-cron fires `runDueDigests` at the digest's
 * time(s) of day, and one run at start-up delivers whatever was missed while the bot was down.
 * Runs never overlap within the process (a slow run makes the next tick wait for it); across
 * processes the claims in the database keep each digest to one post.
 *
 * @see https://github.com/node-cron/node-cron
 */
import cron from "node-cron";
import type { Logger } from "../core/logger.js";
import type { DigestRunOptions, DigestRunReport } from "./runner.js";
import { runDueDigests } from "./runner.js";
import { assertValidSchedule, dailyExpression } from "./schedule.js";

export interface DigestScheduler {
  /** Waits for a run in progress, then stops the timer. */
  stop(): Promise<void>;
  /** Runs once now (also what the timer calls); resolves when the run ends. */
  runNow(): Promise<DigestRunReport | undefined>;
}

export interface DigestSchedulerOptions extends Omit<DigestRunOptions, "now"> {
  logger: Logger;
  /** The clock; tests inject one. */
  now?: () => Date;
  /** Whether to run once at start-up for catch-up (default true). */
  runAtStart?: boolean;
}

/**
 * Starts the timer. It ticks at the daily time(s) of DIGEST_CRON in DIGEST_TZ, which include
 * every weekly time too; each tick delivers whatever is due, weekly or daily.
 */
export function startDigestScheduler(options: DigestSchedulerOptions): DigestScheduler {
  const { logger } = options;
  assertValidSchedule(options.config);
  const clock = options.now ?? (() => new Date());
  let running: Promise<DigestRunReport | undefined> = Promise.resolve(undefined);
  let stopped = false;

  const runNow = (): Promise<DigestRunReport | undefined> => {
    running = running.then(async () => {
      if (stopped) return undefined;
      try {
        const report = await runDueDigests({ ...options, now: clock() });
        if (report.deliveries.length > 0) {
          logger.info(
            { deliveries: report.deliveries.map((d) => `${d.platform}:${d.channelId}:${d.outcome}`) },
            "digest run finished",
          );
        }
        return report;
      } catch (error) {
        logger.error({ code: "DIGEST_DELIVERY_FAILED", err: error }, "digest run failed");
        return undefined;
      }
    });
    return running;
  };

  const task = cron.schedule(dailyExpression(options.config.cron), () => void runNow(), {
    timezone: options.config.timezone,
    name: "gd-digest",
  });
  if (options.runAtStart !== false) void runNow();
  logger.info(
    { cron: options.config.cron, timezone: options.config.timezone, next: task.getNextRun()?.toISOString() },
    "digest scheduler started",
  );

  return {
    runNow,
    async stop() {
      stopped = true;
      await task.stop();
      await task.destroy();
      await running;
    },
  };
}
