/**
 * The change-stamp race (issue 13): the bot writes (an ingest, a review), and another process
 * retracts a fact at nearly the same moment. If the bot took its stamp by re-reading it after its
 * own write, a retraction committed in that gap would be folded into the stamp, the freshness
 * check would see "nothing changed", and the retracted fact would be answered for ever. The store
 * reports the stamps from inside the write's transaction instead; these tests put the other
 * process's retraction into the gap (and just before the write) and check the bot drops the fact.
 * Against the old code (stamp re-read after the write) the first two fail on both back ends.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { FactService } from "../../src/facts/service.js";
import type { OpenedStore } from "../../src/store/open-store.js";
import type { FactStore } from "../../src/store/types.js";
import { extractionResult } from "../support/fact-builders.js";
import { describeEachBackend } from "../support/store-backends.js";

const NOW = new Date("2026-11-20T04:00:00Z");

/** A clock the test moves by hand, so freshness checks happen exactly when the test says. */
function manualClock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

/** The bot's store, with a hook that runs after a write has committed and before the caller hears of it. */
function withGap(store: FactStore, gap: { afterWrite?: () => Promise<void> }): FactStore {
  const later = async <T>(result: T): Promise<T> => {
    const hook = gap.afterWrite;
    gap.afterWrite = undefined;
    await hook?.();
    return result;
  };
  return {
    ...store,
    ingest: async (doc, options) => later(await store.ingest(doc, options)),
  };
}

describeEachBackend("a retraction by another process during the bot's own write", (backend) => {
  let bot: OpenedStore;
  let other: OpenedStore;
  const served = (service: FactService, region: string) =>
    service
      .search(`${region} gdp 2023`, NOW)
      .result.results.filter((r) => r.fact.region.toLowerCase() === region)
      .map((r) => r.fact.id);

  beforeAll(async () => {
    const config = await backend.freshConfig();
    bot = await backend.open(config);
    other = await backend.open(config);
    await bot.ingest(
      extractionResult("Lianjiang notes", [
        { region: "Zhanjiang", metric: "gdp", value: 410e9, period: "2023" },
        { region: "Yunfu", metric: "gdp", value: 123e9, period: "2023" },
      ]),
      { now: NOW },
    );
  });
  afterAll(() => backend.cleanup());

  it("GIVEN the retraction commits between the bot's ingest and its stamp THEN the next check drops the fact", async () => {
    const clock = manualClock();
    const gap: { afterWrite?: () => Promise<void> } = {};
    const service = await FactService.open(withGap(bot, gap), { clock: clock.now });
    const [zhanjiang] = served(service, "zhanjiang");
    expect(zhanjiang).toBeDefined();

    gap.afterWrite = async () => {
      await other.retract(zhanjiang!, "curator: the figure is for another year");
    };
    await service.ingest(
      extractionResult("Maoming brief", [{ region: "Maoming", metric: "gdp", value: 390e9, period: "2023" }]),
      { now: NOW },
    );
    clock.advance(60_000);
    await service.ensureFresh();

    expect(served(service, "zhanjiang")).not.toContain(zhanjiang);
    expect(served(service, "maoming")).toHaveLength(1);
    expect(served(service, "yunfu")).toHaveLength(1);
  });

  it("GIVEN the retraction commits after the bot's last check and before its write THEN the next check drops it too", async () => {
    const clock = manualClock();
    const service = await FactService.open(bot, { clock: clock.now });
    const [yunfu] = served(service, "yunfu");
    expect(yunfu).toBeDefined();

    await other.retract(yunfu!, "curator: a planned figure, not a result");
    // Within the freshness window: the bot has not looked again before writing.
    await service.ingest(
      extractionResult("Shanwei brief", [{ region: "Shanwei", metric: "gdp", value: 140e9, period: "2023" }]),
      { now: NOW },
    );
    await service.ensureFresh();

    expect(served(service, "yunfu")).not.toContain(yunfu);
  });

  it("GIVEN only the bot's own write THEN its stamp is kept and the next check finds nothing to rebuild", async () => {
    const clock = manualClock();
    let listed = 0;
    const counting: FactStore = {
      ...bot,
      listFacts: (options) => {
        listed++;
        return bot.listFacts(options);
      },
    };
    const watched = await FactService.open(counting, { clock: clock.now });
    listed = 0;
    await watched.ingest(
      extractionResult("Chaozhou brief", [
        { region: "Chaozhou", metric: "gdp", value: 135e9, period: "2023" },
      ]),
      { now: NOW },
    );
    clock.advance(60_000);
    await watched.ensureFresh();

    expect(listed).toBe(0);
    expect(served(watched, "chaozhou")).toHaveLength(1);
  });
});
