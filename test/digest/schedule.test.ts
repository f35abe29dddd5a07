/** The digest schedule: windows from DIGEST_CRON in DIGEST_TZ, daily vs weekly, catch-up. */
import { describe, expect, it } from "vitest";
import {
  assertValidSchedule,
  dailyExpression,
  dueWindow,
  nextWindow,
  previousRun,
} from "../../src/digest/schedule.js";

const SHANGHAI = { cron: "0 9 * * 1", timezone: "Asia/Shanghai" };
const at = (iso: string) => new Date(iso);

describe("dailyExpression", () => {
  it("GIVEN a weekly expression THEN daily keeps its time of day and opens the days", () => {
    expect(dailyExpression("0 9 * * 1")).toBe("0 0 9 * * *");
    expect(dailyExpression("30 8,17 * * 1-5")).toBe("0 30 8,17 * * *");
  });
});

describe("previousRun", () => {
  it("GIVEN Monday 09:00 in Shanghai THEN the window is Monday 01:00 UTC, and exactly at that time it counts", () => {
    expect(previousRun("0 9 * * 1", "Asia/Shanghai", at("2026-11-23T01:00:00.000Z"))).toEqual(
      at("2026-11-23T01:00:00.000Z"),
    );
    expect(previousRun("0 9 * * 1", "Asia/Shanghai", at("2026-11-23T00:59:59.999Z"))).toEqual(
      at("2026-11-16T01:00:00.000Z"),
    );
  });

  it("GIVEN a zone with daylight saving THEN 09:00 local follows the clock change", () => {
    // New York: EDT (UTC-4) until 1 Nov 2026, EST (UTC-5) after.
    expect(previousRun("0 9 * * 1", "America/New_York", at("2026-10-27T00:00:00Z"))).toEqual(
      at("2026-10-26T13:00:00Z"),
    );
    expect(previousRun("0 9 * * 1", "America/New_York", at("2026-11-03T00:00:00Z"))).toEqual(
      at("2026-11-02T14:00:00Z"),
    );
  });
});

describe("dueWindow", () => {
  const created = at("2026-11-18T04:00:00Z"); // a Wednesday

  it("GIVEN a weekly subscription made mid-week WHEN it is before the first Monday THEN nothing is due", () => {
    expect(
      dueWindow({ frequency: "weekly", createdAt: created }, at("2026-11-22T12:00:00Z"), SHANGHAI),
    ).toBeNull();
  });

  it("GIVEN a subscription made after this week's time THEN last Monday is not due for it", () => {
    const madeMondayNoon = at("2026-11-23T04:00:00Z");
    expect(
      dueWindow({ frequency: "weekly", createdAt: madeMondayNoon }, at("2026-11-23T05:00:00Z"), SHANGHAI),
    ).toBeNull();
  });

  it("GIVEN the bot was down over two Mondays THEN only the latest Monday is due (one catch-up)", () => {
    expect(
      dueWindow({ frequency: "weekly", createdAt: created }, at("2026-12-02T03:00:00Z"), SHANGHAI),
    ).toEqual(at("2026-11-30T01:00:00Z"));
  });

  it("GIVEN a daily subscription THEN yesterday's 09:00 Shanghai is due the next morning before 09:00", () => {
    expect(
      dueWindow({ frequency: "daily", createdAt: created }, at("2026-11-20T00:30:00Z"), SHANGHAI),
    ).toEqual(at("2026-11-19T01:00:00Z"));
  });

  it("GIVEN a weekly subscription THEN the next window is the coming Monday 09:00 in the zone", () => {
    expect(
      nextWindow({ frequency: "weekly", createdAt: created }, at("2026-11-23T01:00:00Z"), SHANGHAI),
    ).toEqual(at("2026-11-30T01:00:00Z"));
  });
});

describe("assertValidSchedule", () => {
  it("GIVEN a good expression and zone THEN it passes; GIVEN a bad one THEN the message names DIGEST_CRON", () => {
    expect(() => assertValidSchedule(SHANGHAI)).not.toThrow();
    expect(() => assertValidSchedule({ cron: "61 9 * * 1", timezone: "UTC" })).toThrow(/DIGEST_CRON/);
  });
});
