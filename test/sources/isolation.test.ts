/**
 * Sources that cannot block each other, against a server on 127.0.0.1 with the real fetcher,
 * extractor and store on both back ends: a source trickling one byte a second beside a healthy
 * one, overlapping ticks, and the backoff of a source that keeps failing, as the list shows it.
 */
import { afterEach, beforeAll, beforeEach, expect, it, vi } from "vitest";
import { formatPollReport, formatWatchedSource } from "../../src/cli/sources.js";
import { silentLogger } from "../../src/core/logger.js";
import { FactService } from "../../src/facts/service.js";
import type { SourceDefinition } from "../../src/sources/config.js";
import { sharedExtractionRunner } from "../../src/sources/extraction-runner.js";
import { type PollSourcesOptions, pollSources } from "../../src/sources/poller.js";
import { startSourceScheduler } from "../../src/sources/scheduler.js";
import { readSourceState } from "../../src/sources/state.js";
import { listWatchedSources, watchedSourceRows } from "../../src/sources/status.js";
import type { OpenedStore } from "../../src/store/open-store.js";
import { describeEachBackend } from "../support/store-backends.js";
import {
  type FixtureServer,
  fixture,
  LOCAL_SERVER_ALLOWED,
  serve,
  startFixtureServer,
  trickle,
} from "./server.js";

const RSS = "application/rss+xml; charset=utf-8";
const HTML = "text/html; charset=utf-8";
const GDP = "guangdong.gdp.2024-01-to-09";
/** The slow source's own total deadline: far beyond what the healthy feed needs, even on a loaded machine. */
const SLOW_TOTAL_MS = 10_000;
const MINUTE = 60_000;

function page(name: string, url: string, extra: Partial<SourceDefinition> = {}): SourceDefinition {
  return {
    name,
    kind: "page",
    url,
    intervalMs: undefined,
    publisher: undefined,
    ...extra,
  } as SourceDefinition;
}
function feed(name: string, url: string): SourceDefinition {
  return { name, kind: "feed", url, intervalMs: undefined, publisher: undefined };
}

beforeAll(async () => {
  // Start the extraction worker now, so its start-up is not counted against the deadlines below.
  await sharedExtractionRunner().readPage(fixture("foshan-h1.html"), "http://127.0.0.1/warm-up.html");
}, 60_000);

describeEachBackend("sources that cannot block each other", (backend) => {
  let server: FixtureServer;
  let store: OpenedStore;
  let facts: FactService;
  let clock: Date;

  beforeEach(async () => {
    server = await startFixtureServer();
    store = await backend.open();
    facts = await FactService.open(store);
    clock = new Date("2024-10-26T02:00:00Z");
  });
  afterEach(async () => {
    await server.close();
    await store.close();
  });

  const options = (sources: SourceDefinition[]): PollSourcesOptions => ({
    sources,
    facts,
    db: store.db,
    logger: silentLogger(),
    now: () => clock,
    // Generous default deadlines; the slow source brings its own. No retries: one attempt shows it.
    http: { timeoutMs: 60_000, retries: 0, ...LOCAL_SERVER_ALLOWED },
    sleep: async () => {},
  });

  it("GIVEN a source sending one byte a second beside a healthy feed THEN the feed is ingested at once, a second tick polls it again, and the slow one fails on its deadline", async () => {
    server.routes.set("/slow.html", trickle(HTML, 1_000));
    server.routes.set("/news.rss", serve(fixture("gd-news.rss.xml"), RSS));
    // The slow source comes first: listed order must not make the others wait.
    const sources = [
      page("Trickle", server.url("/slow.html"), { timeouts: { totalMs: SLOW_TOTAL_MS } }),
      feed("GD news", server.url("/news.rss")),
    ];
    const scheduler = startSourceScheduler({
      cron: "0 0 1 1 *",
      concurrency: 4,
      logger: silentLogger(),
      poll: (guard) => {
        running = () => guard.running();
        return pollSources({ ...options(sources), guard });
      },
    });
    let running = (): string[] => [];
    const started = Date.now();
    const first = scheduler.pollNow();
    let firstDone = false;
    void first.then(() => {
      firstDone = true;
    });

    // The healthy feed is done (ingested and recorded) while the trickle is still being read.
    await vi.waitFor(() => expect(running()).toEqual(["Trickle"]), {
      timeout: SLOW_TOTAL_MS - 1_000,
      interval: 20,
    });
    expect(await facts.getFact(GDP)).toBeDefined();
    expect(firstDone).toBe(false);

    const second = await scheduler.pollNow();
    expect(firstDone).toBe(false);
    expect(second?.sources.map((s) => [s.name, s.status])).toEqual([
      ["Trickle", "running"],
      ["GD news", "unchanged"],
    ]);
    expect(server.hits("/news.rss")).toBe(2);
    expect(server.hits("/slow.html")).toBe(1);

    const report = await first;
    // A deadline, not a speed claim: without one the trickle would never end.
    expect(Date.now() - started).toBeLessThan(SLOW_TOTAL_MS + 20_000);
    expect(report?.sources[1]).toMatchObject({ name: "GD news", status: "ok", documents: 2 });
    expect(report?.sources[0]).toMatchObject({ name: "Trickle", status: "failed", failuresInARow: 1 });
    expect(report?.sources[0]?.errors).toEqual([
      `${server.url("/slow.html")}: no complete answer within ${SLOW_TOTAL_MS} ms`,
    ]);
    const slow = await readSourceState(store.db, "Trickle");
    expect(slow).toMatchObject({
      lastSuccessAt: null,
      consecutiveFailures: 1,
      nextAttemptAt: new Date(clock.getTime() + 30 * MINUTE).toISOString(),
    });
    expect(slow?.lastError).toMatch(/no complete answer within 10000 ms/);
    await scheduler.stop();
  }, 60_000);

  it("GIVEN a source that keeps failing THEN it backs off for doubling times, says why and until when, and a success clears it", async () => {
    const source = page("Gone", server.url("/article.html"));
    const poll = (extra: Partial<PollSourcesOptions> = {}) => pollSources({ ...options([source]), ...extra });
    const at = (minutes: number) => new Date(Date.parse("2024-10-26T02:00:00Z") + minutes * MINUTE);
    const statusOf = async () => (await listWatchedSources(store.db, [source]))[0]!;

    const first = await poll();
    expect(first.sources[0]).toMatchObject({
      status: "failed",
      failuresInARow: 1,
      retryAt: at(30).toISOString(),
    });

    clock = at(10);
    const resting = await poll();
    expect(resting.sources[0]).toMatchObject({
      status: "backoff",
      failuresInARow: 1,
      retryAt: at(30).toISOString(),
      errors: [],
    });
    expect(server.hits("/article.html")).toBe(1);
    expect(formatPollReport(resting)).toContain(
      `backing off after 1 failure(s); next try after ${at(30).toISOString()}`,
    );

    // Due, give or take the moment a tick's sources start after it.
    clock = new Date(at(30).getTime() - 2_000);
    expect((await poll()).sources[0]).toMatchObject({
      failuresInARow: 2,
      retryAt: new Date(at(90).getTime() - 2_000).toISOString(),
    });
    clock = at(90);
    expect((await poll()).sources[0]).toMatchObject({
      failuresInARow: 3,
      retryAt: at(90 + 120).toISOString(),
    });
    expect(server.hits("/article.html")).toBe(3);

    const status = await statusOf();
    expect(status).toMatchObject({ consecutiveFailures: 3, nextAttemptAt: at(210).toISOString() });
    expect(formatWatchedSource(status)).toContain(
      `last error ${at(90).toISOString()}: ${server.url("/article.html")}: HTTP 404 Not Found  (failed 3 times in a row; next try after 2024-10-26 05:30 UTC)`,
    );
    expect(watchedSourceRows([status])[0]?.[3]).toBe(
      `2024-10-26 03:30 UTC: ${server.url("/article.html")}: HTTP 404 Not Found (failed 3 times in a row; next try after 2024-10-26 05:30 UTC)`,
    );

    // --force tries now; the page is back, so the backoff is cleared.
    server.routes.set("/article.html", serve(fixture("foshan-h1.html"), HTML));
    clock = at(100);
    const forced = await poll({ force: true });
    expect(forced.sources[0]).toMatchObject({ status: "ok", documents: 1 });
    const recovered = await statusOf();
    expect(recovered).toMatchObject({ consecutiveFailures: 0, nextAttemptAt: null });
    expect(formatWatchedSource(recovered)).not.toContain("next try");
    expect(watchedSourceRows([recovered])[0]?.[3]).toMatch(/\(since recovered\)$/);
  });
});
