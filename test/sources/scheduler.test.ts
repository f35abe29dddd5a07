/** The poll schedule: overlapping ticks share one guard, and stop() waits for every poll running. */
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../src/core/logger.js";
import type { PollGuard } from "../../src/sources/poll-guard.js";
import type { PollReport } from "../../src/sources/poller.js";
import { startSourceScheduler } from "../../src/sources/scheduler.js";

const REPORT: PollReport = { startedAt: "2024-10-26T00:00:00.000Z", sources: [], ok: true };

/** A poll that finishes only when the test says so. */
function controlledPoll() {
  let calls = 0;
  let finish: () => void = () => {};
  const poll = () => {
    calls++;
    return new Promise<PollReport>((resolve) => {
      finish = () => resolve(REPORT);
    });
  };
  return { poll, calls: () => calls, finish: () => finish() };
}

describe("startSourceScheduler", () => {
  // Once a year: the timer never fires during a test; pollNow is what a tick calls.
  const cron = "0 0 1 1 *";

  it("GIVEN a poll still running WHEN the next tick comes THEN the tick runs, through the same guard", async () => {
    const seen: PollGuard[] = [];
    let finishSlow: () => void = () => {};
    const scheduler = startSourceScheduler({
      cron,
      logger: silentLogger(),
      poll: async (guard) => {
        seen.push(guard);
        // "Slow" holds its slot across ticks; "Quick" runs at every tick.
        void guard.run("Slow", () => new Promise<void>((resolve) => (finishSlow = resolve)));
        await guard.run("Quick", async () => undefined);
        return REPORT;
      },
    });
    expect(await scheduler.pollNow()).toBe(REPORT);
    expect(await scheduler.pollNow()).toBe(REPORT);

    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(seen[1]);
    expect(seen[0]?.running()).toEqual(["Slow"]);
    let stopped = false;
    const stopping = scheduler.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    // stop() waits for the source still being read, not only for the polls' reports.
    expect(stopped).toBe(false);
    finishSlow();
    await stopping;
    expect(seen[0]?.running()).toEqual([]);
  });

  it("GIVEN a running poll WHEN stopped THEN stop waits for it, and no poll starts afterwards", async () => {
    const c = controlledPoll();
    const scheduler = startSourceScheduler({ cron, poll: c.poll, logger: silentLogger() });
    const running = scheduler.pollNow();
    let stopped = false;
    const stopping = scheduler.stop().then(() => {
      stopped = true;
    });
    await Promise.resolve();
    expect(stopped).toBe(false);
    c.finish();
    await stopping;

    expect(await running).toBe(REPORT);
    expect(await scheduler.pollNow()).toBeUndefined();
    expect(c.calls()).toBe(1);
  });

  it("GIVEN a poll that throws THEN the scheduler survives and the next poll runs", async () => {
    let calls = 0;
    const scheduler = startSourceScheduler({
      cron,
      poll: async () => {
        calls++;
        if (calls === 1) throw new Error("bug");
        return REPORT;
      },
      logger: silentLogger(),
    });
    expect(await scheduler.pollNow()).toBeUndefined();
    expect(await scheduler.pollNow()).toBe(REPORT);
    await scheduler.stop();
  });
});
