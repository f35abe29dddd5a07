/**
 * When digests are due, as pure functions of the cron expression, the time zone and a clock.
 *
 * A weekly subscription follows `DIGEST_CRON` (default Monday 09:00); a daily one fires at the
 * same time(s) of day every day. The window a delivery belongs to is a scheduled time: the
 * latest one at or before now that comes after the subscription was made. So a bot that was
 * down over several scheduled times finds one due window when it comes back (the latest), and
 * that digest covers everything since the last one: catch-up posts once, not once per miss.
 *
 * @see https://github.com/harrisiirak/cron-parser
 */
import { CronExpressionParser } from "cron-parser";
import { z } from "zod";

export const FrequencySchema = z.enum(["weekly", "daily"]);
/** How often a channel gets its digest. */
export type Frequency = z.infer<typeof FrequencySchema>;

/** The configured schedule: `DIGEST_CRON` and `DIGEST_TZ`. */
export interface DigestSchedule {
  cron: string;
  timezone: string;
}

/**
 * The daily expression that shares `cron`'s time(s) of day: seconds, minutes and hours kept,
 * day-of-month, month and weekday opened up.
 * @example dailyExpression("0 9 * * 1") === "0 0 9 * * *"
 */
export function dailyExpression(cron: string): string {
  const [second, minute, hour] = CronExpressionParser.parse(cron).stringify(true).split(" ");
  return `${second} ${minute} ${hour} * * *`;
}

/** The cron expression a subscription of this frequency follows. */
export function expressionFor(frequency: Frequency, schedule: DigestSchedule): string {
  return frequency === "weekly" ? schedule.cron : dailyExpression(schedule.cron);
}

/** Throws with a readable message when the expression or time zone cannot be used. */
export function assertValidSchedule(schedule: DigestSchedule): void {
  try {
    CronExpressionParser.parse(schedule.cron, { tz: schedule.timezone }).next();
    dailyExpression(schedule.cron);
  } catch (error) {
    throw new Error(
      `DIGEST_CRON "${schedule.cron}" with DIGEST_TZ "${schedule.timezone}" gives no schedule: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** The latest scheduled time at or before `at`. */
export function previousRun(expression: string, timezone: string, at: Date): Date {
  // cron-parser's prev() is strictly before its current date; one millisecond on includes `at`.
  return CronExpressionParser.parse(expression, { currentDate: new Date(at.getTime() + 1), tz: timezone })
    .prev()
    .toDate();
}

/** The first scheduled time strictly after `at`. */
export function nextRun(expression: string, timezone: string, at: Date): Date {
  return CronExpressionParser.parse(expression, { currentDate: at, tz: timezone }).next().toDate();
}

/** What `dueWindow` needs of a subscription. */
export interface Schedulable {
  frequency: Frequency;
  createdAt: Date;
}

/**
 * The window due at `now`: the latest scheduled time ≤ now that is after the subscription was
 * made; null when the first scheduled time since subscribing has not come yet.
 * @example
 * // Subscribed Tuesday, weekly on Mondays 09:00, now the Monday after next at 10:00:
 * // the window is that Monday 09:00 (the Monday in between is not delivered separately).
 */
export function dueWindow(subscription: Schedulable, now: Date, schedule: DigestSchedule): Date | null {
  const window = previousRun(expressionFor(subscription.frequency, schedule), schedule.timezone, now);
  return window.getTime() > subscription.createdAt.getTime() ? window : null;
}

/** When a subscription's next digest will go out, after `now`. */
export function nextWindow(subscription: Schedulable, now: Date, schedule: DigestSchedule): Date {
  return nextRun(expressionFor(subscription.frequency, schedule), schedule.timezone, now);
}
