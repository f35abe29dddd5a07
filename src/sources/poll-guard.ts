/**
 * What keeps watched sources from blocking each other across polls: a source still being read
 * when the next tick comes is not started twice (the others are), and at most `concurrency`
 * sources are read at once, however many ticks overlap. One guard lives as long as the schedule.
 */

/** Sources read at once by default (`SOURCES_CONCURRENCY`). */
export const DEFAULT_SOURCES_CONCURRENCY = 4;

export interface PollGuard {
  /**
   * Runs `work` for `name` when a slot is free, or returns undefined at once when `name` is
   * still running from an earlier call.
   */
  run<T>(name: string, work: () => Promise<T>): Promise<T> | undefined;
  /** Names running or waiting for a slot. */
  running(): string[];
  /** Resolves once nothing is running. */
  idle(): Promise<void>;
}

/** A guard allowing `concurrency` sources at once (at least 1). */
export function createPollGuard(concurrency = DEFAULT_SOURCES_CONCURRENCY): PollGuard {
  const limit = Math.max(1, Math.floor(concurrency));
  const inFlight = new Map<string, { name: string; done: Promise<unknown> }>();
  const waiting: (() => void)[] = [];
  let active = 0;

  const acquire = (): Promise<void> => {
    if (active < limit) {
      active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    // The slot passes straight to the next waiter, so `active` stays the same.
    if (next) next();
    else active--;
  };

  return {
    run<T>(name: string, work: () => Promise<T>): Promise<T> | undefined {
      // Names key the source's state case-insensitively, so they key the guard the same way.
      const key = name.toLowerCase();
      if (inFlight.has(key)) return undefined;
      const task = (async () => {
        await acquire();
        try {
          return await work();
        } finally {
          release();
        }
      })();
      const tracked = task.finally(() => inFlight.delete(key));
      // The caller handles `tracked`'s outcome; the map's copy must not count as unhandled.
      inFlight.set(key, { name, done: tracked.catch(() => undefined) });
      return tracked;
    },
    running: () => [...inFlight.values()].map((t) => t.name),
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight.values()].map((t) => t.done));
    },
  };
}
