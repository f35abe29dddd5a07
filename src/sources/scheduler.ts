/**
 * Polls the watched sources on `SOURCES_CRON` inside the bot process. Ticks may overlap: each
 * tick polls every source except those still being read from an earlier tick, through one
 * {@link PollGuard} that also bounds how many sources are read at once across ticks. So a slow
 * source holds up nobody but itself. `stop()` ends the schedule and waits for running polls so
 * shutdown never cuts an ingest in half.
 */
import cron from "node-cron";
import type { Logger } from "../core/logger.js";
import { createPollGuard, type PollGuard } from "./poll-guard.js";
import type { PollReport } from "./poller.js";

/** A running schedule. */
export interface SourceScheduler {
  /** Runs a poll now (sources still running are left to finish); undefined once stopped or on a crash. */
  pollNow(): Promise<PollReport | undefined>;
  /** Stops the schedule and waits for running polls to finish. */
  stop(): Promise<void>;
}

export interface SourceSchedulerOptions {
  /** Cron expression, already validated by the configuration. */
  cron: string;
  /** IANA time zone the expression is read in. */
  timezone?: string | undefined;
  /** One poll over every source, through `guard` (pass it to `pollSources`). */
  poll: (guard: PollGuard) => Promise<PollReport>;
  /** Sources read at once, across overlapping ticks (`SOURCES_CONCURRENCY`). */
  concurrency?: number | undefined;
  logger: Logger;
}

/** Starts polling on `options.cron`. */
export function startSourceScheduler(options: SourceSchedulerOptions): SourceScheduler {
  const { logger } = options;
  const guard = createPollGuard(options.concurrency);
  const running = new Set<Promise<PollReport | undefined>>();
  let stopped = false;

  const pollNow = (): Promise<PollReport | undefined> => {
    if (stopped) return Promise.resolve(undefined);
    const poll = options
      .poll(guard)
      .then((report) => {
        const failed = report.sources.filter((s) => s.errors.length > 0).map((s) => s.name);
        const stillRunning = report.sources.filter((s) => s.status === "running").map((s) => s.name);
        const added = report.sources.reduce((n, s) => n + s.added, 0);
        logger.info({ sources: report.sources.length, added, failed, stillRunning }, "source poll finished");
        return report;
      })
      .catch((error: unknown) => {
        // pollSources isolates sources itself; reaching here is a bug, logged and survived.
        logger.error({ err: error }, "source poll crashed");
        return undefined;
      });
    running.add(poll);
    void poll.finally(() => running.delete(poll));
    return poll;
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
      await Promise.all([...running]);
      await guard.idle();
    },
  };
}
