/** The poll guard: one run per source at a time, and no more than the bound at once. */
import { describe, expect, it } from "vitest";
import { createPollGuard } from "../../src/sources/poll-guard.js";

/** A piece of work that finishes when the test says so. */
function gate() {
  let open: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { done, open: () => open() };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("createPollGuard", () => {
  it("GIVEN a bound of 2 and five sources THEN at most two run at once and all finish", async () => {
    const guard = createPollGuard(2);
    const gates = Array.from({ length: 5 }, gate);
    let active = 0;
    let most = 0;
    const started: number[] = [];
    const runs = gates.map((g, i) =>
      guard.run(`source ${i}`, async () => {
        started.push(i);
        active++;
        most = Math.max(most, active);
        await g.done;
        active--;
        return i;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    gates[1]?.open();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.open();

    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
    expect(guard.running()).toEqual([]);
  });

  it("GIVEN a source still running THEN it is not started again (whatever its case), others are, and it can run once done", async () => {
    const guard = createPollGuard(4);
    const slow = gate();
    const first = guard.run("Slow", () => slow.done.then(() => "first"));
    expect(guard.run("SLOW", async () => "again")).toBeUndefined();
    expect(await guard.run("Other", async () => "other")).toBe("other");
    expect(guard.running()).toEqual(["Slow"]);
    slow.open();

    expect(await first).toBe("first");
    expect(await guard.run("Slow", async () => "later")).toBe("later");
  });

  it("GIVEN work that throws THEN its slot and its name are freed and idle() resolves", async () => {
    const guard = createPollGuard(1);
    await expect(guard.run("Bad", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await guard.run("Bad", async () => "ok")).toBe("ok");
    await guard.idle();
    expect(guard.running()).toEqual([]);
  });
});
