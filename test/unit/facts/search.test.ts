import { describe, expect, it } from "vitest";
import type { StoredFact } from "../../../src/facts/fact.js";
import { parseQuery } from "../../../src/facts/query.js";
import { FactIndex } from "../../../src/facts/search.js";
import { goldFacts, syntheticFacts } from "../../support/gold-facts.js";

const now = new Date("2025-03-01T00:00:00Z");
const facts = [...goldFacts(), ...syntheticFacts()];
const search = (index: FactIndex, text: string, limit = 5) =>
  index.search(parseQuery(text, { now }), { limit });
const ids = (index: FactIndex, text: string, limit = 5) =>
  search(index, text, limit).results.map((r) => r.fact.id);
const byId = (id: string): StoredFact => {
  const fact = facts.find((f) => f.id === id);
  if (!fact) throw new Error(`no test fact ${id}`);
  return fact;
};

describe("FactIndex.search ranking", () => {
  const index = new FactIndex(facts);

  it("GIVEN region, metric and period THEN the fact satisfying all three comes first, marked so", () => {
    const [best] = search(index, "zhaoqing gdp 2023").results;
    expect(best?.fact.id).toBe("zhaoqing.gdp.2023");
    expect(best?.matched).toEqual({ region: true, period: true, metric: true, words: true });
  });

  it("GIVEN 'gdp' THEN gdp growth of the same region and year is found too, ranked below gdp", () => {
    const found = ids(index, "zhaoqing gdp 2023", 10);
    expect(found.indexOf("zhaoqing.gdp-growth.2023")).toBeGreaterThan(found.indexOf("zhaoqing.gdp.2023"));
  });

  it("GIVEN facts satisfying fewer parts THEN they rank below those satisfying more", () => {
    const scores = search(index, "shenzhen gdp 2024", 10).results.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(search(index, "shenzhen gdp 2024").results[0]?.matched).toEqual({
      region: true,
      period: true,
      metric: true,
      words: true,
    });
    expect(scores[0]).toBeGreaterThan(scores.at(-1)!);
  });

  it("GIVEN equal parts and equal fuzzy scores THEN the newest source comes first", () => {
    // Synthetic Zhaoqing GDP 2022 (source 2023-02-01) versus gold Zhaoqing GDP 2023 (source 2024-02-02).
    expect(ids(index, "zhaoqing gdp", 2)).toEqual(["zhaoqing.gdp.2023", "zhaoqing.gdp.2022"]);
  });

  it("GIVEN words that name no vocabulary metric THEN fuzzy matching over metric names finds the fact", () => {
    expect(ids(index, "zhaoqing expressway investment")[0]).toBe(
      "zhaoqing.zhaoming-expressway-investment-completed.2023",
    );
    expect(ids(index, "little giant enterprises zhaoqing")[0]).toBe(
      "zhaoqing.new-specialized-little-giant-enterprises.2023",
    );
  });

  it("GIVEN a query matching everything exactly THEN nothing is relaxed", () => {
    expect(search(index, "zhaoqing gdp 2023").relaxed).toEqual([]);
  });
});

describe("FactIndex.search relaxing", () => {
  const index = new FactIndex(facts);

  it("GIVEN a year with no figure THEN relaxes the period and says which is the latest", () => {
    const result = search(index, "zhaoqing gdp 2025");
    expect(result.results[0]?.fact.id).toBe("zhaoqing.gdp.2023");
    expect(result.relaxed).toEqual([
      { part: "period", wanted: "2025", note: "No 2025 figure for Zhaoqing GDP; the latest is 2023" },
    ]);
  });

  it("GIVEN a region with no figure for the metric THEN relaxes and says so", () => {
    const result = search(index, "yunfu gdp 2023");
    expect(result.results.length).toBeGreaterThan(0);
    expect(result.relaxed.map((r) => r.part)).toContain("region");
    expect(result.relaxed.find((r) => r.part === "region")?.note).toMatch(/^No Yunfu figure/);
  });

  it("GIVEN an empty index THEN returns nothing and no notes", () => {
    expect(search(new FactIndex([]), "zhaoqing gdp 2023")).toEqual({ results: [], relaxed: [] });
  });
});

describe("FactIndex updates", () => {
  it("GIVEN a retracted fact at build THEN it never appears", () => {
    const retracted = {
      ...byId("zhaoqing.gdp.2023"),
      retracted: { reason: "wrong", at: "2025-02-01T00:00:00Z" },
    };
    const index = new FactIndex([...facts.filter((f) => f.id !== retracted.id), retracted]);
    expect(ids(index, "zhaoqing gdp 2023", 50)).not.toContain("zhaoqing.gdp.2023");
    expect(index.size).toBe(facts.length - 1);
  });

  it("GIVEN a fact retracted through upsert THEN it disappears from search, trend and latest", () => {
    const index = new FactIndex(facts);
    index.upsert([
      { ...byId("zhaoqing.gdp.2023"), retracted: { reason: "wrong", at: "2025-02-01T00:00:00Z" } },
    ]);
    expect(ids(index, "zhaoqing gdp 2023", 50)).not.toContain("zhaoqing.gdp.2023");
    expect(index.trend("Zhaoqing", "gdp").map((f) => f.id)).toEqual(["zhaoqing.gdp.2022"]);
    expect(index.latest({ limit: 1000 }).map((f) => f.id)).not.toContain("zhaoqing.gdp.2023");
  });

  it("GIVEN a new fact upserted THEN it is found; removed THEN it is gone", () => {
    const index = new FactIndex(goldFacts());
    const before = index.size;
    const foshan = byId("foshan.import-and-export-volume.2024");
    index.upsert([foshan]);
    expect(index.size).toBe(before + 1);
    expect(ids(index, "foshan foreign trade 2024")[0]).toBe(foshan.id);
    expect(index.remove(foshan.id)).toBe(true);
    expect(index.remove(foshan.id)).toBe(false);
    expect(ids(index, "foshan foreign trade 2024", 50)).not.toContain(foshan.id);
  });

  it("GIVEN a changed fact upserted THEN the index holds the new version once", () => {
    const index = new FactIndex(facts);
    const changed = { ...byId("shenzhen.gdp.2024"), value: 1 };
    index.upsert([changed]);
    expect(index.size).toBe(facts.length);
    expect(search(index, "shenzhen gdp 2024").results[0]?.fact.value).toBe(1);
  });
});

describe("FactIndex trend, latest, facets, suggest", () => {
  const index = new FactIndex(facts);

  it("GIVEN a region and metric THEN trend lists every period in order", () => {
    expect(index.trend("Guangdong", "gdp").map((f) => f.period)).toEqual([
      "2022",
      "2023",
      "2024-H1",
      "2024",
      "2024",
    ]);
  });

  it("GIVEN a limit and a region THEN latest returns that region's newest facts first", () => {
    const latest = index.latest({ region: "Guangdong", limit: 3 });
    expect(latest).toHaveLength(3);
    expect(latest.every((f) => f.region === "Guangdong")).toBe(true);
    const times = latest.map((f) => f.firstSeenAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it("GIVEN the facts THEN facets list regions in reference order and metrics alphabetically", () => {
    const { regions, metrics } = index.facets();
    expect(regions.slice(0, 3)).toEqual(["Guangdong", "Guangzhou", "Shenzhen"]);
    expect(metrics).toContain("high-tech enterprises");
    expect([...metrics].sort()).toEqual(metrics);
  });

  it("GIVEN a partial region in English or Chinese THEN suggests regions that have facts", () => {
    expect(index.suggest("region", "zhao")).toEqual(["Zhaoqing"]);
    expect(index.suggest("region", "深")).toEqual(["Shenzhen"]);
    expect(index.suggest("region", "yunfu")).toEqual([]);
  });

  it("GIVEN a synonym THEN suggests the metric names it stands for", () => {
    expect(index.suggest("metric", "foreign trade")).toContain("import and export volume");
  });

  it("GIVEN an unfinished query THEN suggests completions built from facts, at most the limit", () => {
    const suggestions = index.suggest("query", "zhaoq gdp", 5);
    expect(suggestions[0]).toBe("zhaoqing gdp 2023");
    expect(suggestions.length).toBeLessThanOrEqual(5);
    expect(index.suggest("query", "", 3)).toHaveLength(3);
  });
});

describe("no answer", () => {
  it("GIVEN words that match no part and no word of any fact THEN no results at all", () => {
    const index = new FactIndex(goldFacts());
    for (const text of ["qwxzv plonk", "zzzz", "hello"]) {
      expect(index.search(parseQuery(text, { now: new Date("2025-03-01") })).results).toEqual([]);
    }
  });
});
