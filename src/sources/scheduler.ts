/**
 * Polls the watched sources on `SOURCES_CRON` inside the bot process. A poll still running when
 * the next tick comes is not doubled up (the tick is skipped and logged); `stop()` ends the
 * schedule and waits for a running poll so shutdown never cuts an ingest in half.
 */
import cron from "node-cron";
import type { Logger } from "../core/logger.js";
import type { PollReport } from "./poller.js";

/** A running schedule. */
export interface SourceScheduler {
  /** Runs a poll now unless one is running; resolves with its report (undefined when skipped). */
  pollNow(): Promise<PollReport | undefined>;
  /** Stops the schedule and waits for a running poll to finish. */
  stop(): Promise<void>;
}

export interface SourceSchedulerOptions {
  /** Cron expression, already validated by the configuration. */
  cron: string;
  /** IANA time zone the expression is read in. */
  timezone?: string | undefined;
  /** One poll over every source. */
  poll: () => Promise<PollReport>;
  logger: Logger;
}

/** Starts polling on `options.cron`. */
export function startSourceScheduler(options: SourceSchedulerOptions): SourceScheduler {
  const { logger } = options;
  let running: Promise<PollReport | undefined> | undefined;
  let stopped = false;

  const pollNow = (): Promise<PollReport | undefined> => {
    if (stopped) return Promise.resolve(undefined);
    if (running) {
      logger.warn("previous source poll still running; this tick is skipped");
      return Promise.resolve(undefined);
    }
    running = options
      .poll()
      .then((report) => {
        const failed = report.sources.filter((s) => s.errors.length > 0).map((s) => s.name);
        const added = report.sources.reduce((n, s) => n + s.added, 0);
        logger.info({ sources: report.sources.length, added, failed }, "source poll finished");
        return report;
      })
      .catch((error: unknown) => {
        // pollSources isolates sources itself; reaching here is a bug, logged and survived.
        logger.error({ err: error }, "source poll crashed");
        return undefined;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  const task = cron.schedule(
    options.cron,
    async () => {
      await pollNow();
    },
    options.timezone ? { timezone: options.timezone } : {},
  );

  return {
    pollNow,
    async stop() {
      stopped = true;
      await task.stop();
      await running;
    },
  };
}
