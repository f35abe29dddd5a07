/**
 * The fact service keeps the in-memory index in step with the store, including changes another
 * process makes (here: a second connection to the same SQLite file, as `npm run cli -- facts
 * retract` would be while the bot runs).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FactService, FRESHNESS_CHECK_MS } from "../../../src/facts/service.js";
import { type OpenedStore, openStore } from "../../../src/store/open-store.js";
import type { FactStore } from "../../../src/store/types.js";
import { extractionResult } from "../../support/fact-builders.js";

const NOW = new Date("2025-03-01T00:00:00Z");
const opened: OpenedStore[] = [];
const dirs: string[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function twoConnections(): Promise<[OpenedStore, OpenedStore]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "gd-service-"));
  dirs.push(dataDir);
  const bot = await openStore({ dataDir });
  const curator = await openStore({ dataDir });
  opened.push(bot, curator);
  return [bot, curator];
}

/** Counts full reloads, the expensive part of a refresh. */
function countingLoads(store: FactStore): { store: FactStore; loads: () => number } {
  let loads = 0;
  const counted = Object.create(store) as FactStore;
  counted.listFacts = (options) => {
    loads += 1;
    return store.listFacts(options);
  };
  return { store: counted, loads: () => loads };
}

const ids = (service: FactService, text: string) =>
  service.search(text, NOW).result.results.map((h) => h.fact.id);

const zhaoqing = extractionResult("Zhaoqing report", [
  { region: "Zhaoqing", metric: "gdp", period: "2023", value: 279.25e9, unit: "CNY" },
]);
const shenzhen = extractionResult("Shenzhen report", [
  { region: "Shenzhen", metric: "gdp", period: "2023", value: 3.46e12, unit: "CNY" },
]);

describe("FactService.ensureFresh", () => {
  it("GIVEN another process retracts a fact THEN answers drop it once the check interval has passed", async () => {
    const [botStore, curator] = await twoConnections();
    await botStore.ingest(zhaoqing);
    let clock = 0;
    const service = await FactService.open(botStore, { clock: () => clock });
    expect(ids(service, "zhaoqing gdp 2023")).toContain("zhaoqing.gdp.2023");

    await curator.retract("zhaoqing.gdp.2023", "wrong figure");
    clock += FRESHNESS_CHECK_MS;
    await service.ensureFresh();

    expect(ids(service, "zhaoqing gdp 2023")).not.toContain("zhaoqing.gdp.2023");
  });

  it("GIVEN another process ingests a document THEN its facts become searchable", async () => {
    const [botStore, curator] = await twoConnections();
    let clock = 0;
    const service = await FactService.open(botStore, { clock: () => clock });
    await curator.ingest(shenzhen);
    clock += FRESHNESS_CHECK_MS;
    await service.ensureFresh();
    expect(ids(service, "shenzhen gdp 2023")[0]).toBe("shenzhen.gdp.2023");
  });

  it("GIVEN only this process's own ingests, or checks within the interval THEN the index is never reloaded", async () => {
    const [botStore, curator] = await twoConnections();
    const { store, loads } = countingLoads(botStore);
    let clock = 0;
    const service = await FactService.open(store, { clock: () => clock });
    expect(loads()).toBe(1);

    await service.ingest(zhaoqing);
    clock += FRESHNESS_CHECK_MS;
    await service.ensureFresh();
    expect(loads()).toBe(1);
    expect(ids(service, "zhaoqing gdp 2023")[0]).toBe("zhaoqing.gdp.2023");

    await curator.ingest(shenzhen);
    clock += FRESHNESS_CHECK_MS - 1;
    await service.ensureFresh();
    expect(loads()).toBe(1);
    clock += 1;
    await Promise.all([service.ensureFresh(), service.ensureFresh(), service.ensureFresh()]);
    expect(loads()).toBe(2);
  });
});

describe("FactService and held facts", () => {
  const heldZhaoqing = extractionResult("Zhaoqing bulletin", [
    { region: "Zhaoqing", metric: "gdp", period: "2023", value: 279.25e9, confidence: 0.3, status: "held" },
  ]);

  it("GIVEN a held fact ingested through the service THEN it is not searchable until approved here, and gone again once rejected", async () => {
    const [botStore] = await twoConnections();
    const service = await FactService.open(botStore, { clock: () => 0 });

    await service.ingest(heldZhaoqing);
    expect(ids(service, "zhaoqing gdp 2023")).not.toContain("zhaoqing.gdp.2023");
    expect(service.indexedFacts).toBe(0);
    expect((await service.listHeld()).map((f) => f.id)).toEqual(["zhaoqing.gdp.2023"]);

    await service.approve("zhaoqing.gdp.2023");
    expect(ids(service, "zhaoqing gdp 2023")[0]).toBe("zhaoqing.gdp.2023");

    await service.reject("zhaoqing.gdp.2023", "second look: the figure is Zhuhai's");
    expect(ids(service, "zhaoqing gdp 2023")).not.toContain("zhaoqing.gdp.2023");
    expect(service.indexedFacts).toBe(0);
  });

  it("GIVEN another process approves a held fact THEN answers show it once the check interval has passed", async () => {
    const [botStore, curator] = await twoConnections();
    await botStore.ingest(heldZhaoqing);
    let clock = 0;
    const service = await FactService.open(botStore, { clock: () => clock });
    expect(service.indexedFacts).toBe(0);

    await curator.approve("zhaoqing.gdp.2023");
    clock += FRESHNESS_CHECK_MS;
    await service.ensureFresh();

    expect(ids(service, "zhaoqing gdp 2023")[0]).toBe("zhaoqing.gdp.2023");
  });
});
