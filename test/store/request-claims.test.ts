/** Request claims on both back ends: first wins, live claims hold across stores, expired ones free. */
import { expect, it } from "vitest";
import { claimRequest } from "../../src/store/request-claims.js";
import { describeEachBackend } from "../support/store-backends.js";

const MIN = 60_000;
const T0 = new Date("2026-11-20T02:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * MIN);

describeEachBackend("request claims", (backend) => {
  it("GIVEN a key claimed once THEN a second claim is refused until it expires, then granted again", async () => {
    const store = await backend.open();
    expect(await claimRequest(store.db, "slack:event:Ev01", 15 * MIN, at(0))).toBe(true);
    expect(await claimRequest(store.db, "slack:event:Ev01", 15 * MIN, at(1))).toBe(false);
    expect(await claimRequest(store.db, "slack:event:Ev01", 15 * MIN, at(14))).toBe(false);
    // Another key is independent.
    expect(await claimRequest(store.db, "slack:event:Ev02", 15 * MIN, at(1))).toBe(true);
    expect(await claimRequest(store.db, "slack:event:Ev01", 15 * MIN, at(15))).toBe(true);
  });

  it("GIVEN two stores on one database (two instances) claiming at once THEN exactly one wins", async () => {
    const config = await backend.freshConfig();
    const a = await backend.open(config);
    const b = await backend.open(config);
    const results = await Promise.all([
      claimRequest(a.db, "slack:sig:v0=abc", 15 * MIN, at(0)),
      claimRequest(b.db, "slack:sig:v0=abc", 15 * MIN, at(0)),
      claimRequest(a.db, "slack:sig:v0=abc", 15 * MIN, at(0)),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await claimRequest(b.db, "slack:sig:v0=abc", 15 * MIN, at(5))).toBe(false);
  });

  it("GIVEN an empty or oversized key THEN it is refused before touching the table", async () => {
    const store = await backend.open();
    await expect(claimRequest(store.db, "", MIN)).rejects.toThrow(/1 to 200 characters/);
    await expect(claimRequest(store.db, "k".repeat(201), MIN)).rejects.toThrow(/1 to 200 characters/);
  });
});
