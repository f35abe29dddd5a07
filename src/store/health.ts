/**
 * Whether the store answers, for `/healthz`. A background ping (bounded by a timeout) keeps the
 * answer current, so the health check itself never waits on a database that stopped answering.
 */
import { type Kysely, sql } from "kysely";
import type { Database } from "./database.js";

/** What `/healthz` reports: `ok`, and when not, why. */
export interface StoreHealth {
  ok: boolean;
  reason?: string;
}

export interface HealthMonitor {
  current(): StoreHealth;
  /** Pings now and records the result. */
  check(): Promise<StoreHealth>;
  stop(): void;
}

/** Pings `db` every `intervalMs`; a ping that fails or takes over `timeoutMs` marks the store down. */
export function startHealthMonitor(
  db: Kysely<Database>,
  options: { intervalMs: number; timeoutMs: number },
): HealthMonitor {
  let health: StoreHealth = { ok: true };
  let running: Promise<StoreHealth> | undefined;
  const check = (): Promise<StoreHealth> => {
    running ??= pingStore(db, options.timeoutMs)
      .then((result) => {
        health = result;
        return result;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(() => void check(), options.intervalMs);
  timer.unref();
  return { current: () => health, check, stop: () => clearInterval(timer) };
}

/** One bounded `select 1`. */
export async function pingStore(db: Kysely<Database>, timeoutMs: number): Promise<StoreHealth> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<StoreHealth>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, reason: `the fact store did not answer within ${timeoutMs} ms` }),
      timeoutMs,
    );
  });
  const ping = sql`select 1`.execute(db).then(
    (): StoreHealth => ({ ok: true }),
    (error: unknown): StoreHealth => ({
      ok: false,
      reason: `the fact store failed: ${error instanceof Error ? error.message : String(error)}`,
    }),
  );
  try {
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
