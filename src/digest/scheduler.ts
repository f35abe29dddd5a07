/**
 * The digest timer inside the bot process: node-cron fires `runDueDigests` at the digest's
 * time(s) of day, and one run at start-up delivers whatever was missed while the bot was down.
 * Runs never overlap within the process (a slow run makes the next tick wait for it); across
 * processes the claims in the database keep each digest to one post.
 *
 * After each run, if a claim is still open (another process is posting, crashed while posting,
 * or this one was deferred), a one-off timer runs again just after that claim's lease lapses,
 * so a dead process's digest is taken over by any running bot within seconds of the lapse
 * rather than at the next tick, which for a weekly digest is a week away.
 *
 * @see https://github.com/node-cron/node-cron
 */
import cron from "node-cron";
import type { Logger } from "../core/logger.js";
import type { DigestRunOptions, DigestRunReport } from "./runner.js";
import { DEFAULT_LEASE_MS, nextLeaseLapse, runDueDigests } from "./runner.js";
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

/** How long after a lease lapses the re-run comes: a little, so the lapse has surely passed. */
const LAPSE_GRACE_MS = 1_000;
/** setTimeout's limit is about 24.8 days; a lapse further off is checked again by a tick anyway. */
const MAX_TIMER_MS = 24 * 60 * 60_000;

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
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  let lapseTimer: NodeJS.Timeout | undefined;

  /** Arms (or clears) the one-off run for when the oldest open claim's lease lapses. */
  const armLapseTimer = async (): Promise<void> => {
    clearTimeout(lapseTimer);
    lapseTimer = undefined;
    const lapse = await nextLeaseLapse(options.db, [...options.adapters.keys()], leaseMs).catch(
      (error: unknown) => {
        logger.warn({ err: error }, "could not read open digest claims; the next tick will look again");
        return undefined;
      },
    );
    if (!lapse || stopped) return;
    const untilLapse = lapse.getTime() - clock().getTime();
    // A lapse already past is one the run just made could not settle (its channel keeps failing,
    // or an earlier digest blocks it): try again a lease later, not in a tight loop.
    const delayMs = Math.min(untilLapse > 0 ? untilLapse + LAPSE_GRACE_MS : leaseMs, MAX_TIMER_MS);
    lapseTimer = setTimeout(() => void runNow(), delayMs);
    lapseTimer.unref();
    logger.info(
      { leaseLapses: lapse.toISOString(), checkInMs: delayMs },
      "a digest claim is open; running again when its lease lapses",
    );
  };

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
        await armLapseTimer();
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
      clearTimeout(lapseTimer);
      await task.stop();
      await task.destroy();
      await running;
    },
  };
}
