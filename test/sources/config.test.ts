/** The sources file: what it accepts, and errors that name the source and the field. */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/core/config.js";
import { loadSourcesFile, parseInterval, parseSourcesFile } from "../../src/sources/config.js";

describe("parseSourcesFile", () => {
  it("GIVEN feeds, a page and a folder THEN each is validated with its interval in ms and the folder made absolute", () => {
    const sources = parseSourcesFile(
      {
        sources: [
          {
            name: "GD news",
            kind: "rss",
            url: "https://www.gd.gov.cn/rss.xml",
            interval: "6h",
            publisher: "GD Gov",
          },
          { name: "Stats", kind: "page", url: "http://stats.gd.gov.cn/a.html" },
          { name: "Inbox", kind: "folder", path: "inbox" },
        ],
      },
      "test",
      "/srv/bot",
    );
    expect(sources).toEqual([
      {
        name: "GD news",
        kind: "rss",
        url: "https://www.gd.gov.cn/rss.xml",
        intervalMs: 21_600_000,
        publisher: "GD Gov",
      },
      {
        name: "Stats",
        kind: "page",
        url: "http://stats.gd.gov.cn/a.html",
        intervalMs: undefined,
        publisher: undefined,
      },
      { name: "Inbox", kind: "folder", path: "/srv/bot/inbox", intervalMs: undefined, publisher: undefined },
    ]);
  });

  it("GIVEN several mistakes THEN one ConfigError lists each by source name and field", () => {
    const bad = {
      sources: [
        { name: "GD news", kind: "rss", url: "ftp://x" },
        { name: "Stats", kind: "pages", url: "https://a" },
        { name: "Inbox", kind: "folder" },
        { name: "Slow", kind: "feed", url: "https://b", interval: "often" },
        { name: "gd NEWS", kind: "atom", url: "https://c", colour: "red" },
      ],
    };
    const error = (() => {
      try {
        parseSourcesFile(bad, "data/sources.json");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain("The sources file data/sources.json is invalid");
    expect(message).toContain('sources[0] ("GD news").url: must be a full http:// or https:// URL');
    expect(message).toMatch(
      /sources\[1\] \("Stats"\)\.kind: must be one of "rss", "atom", "feed", "page", "folder"/,
    );
    expect(message).toContain('sources[2] ("Inbox").path: is required for a folder source');
    expect(message).toContain('sources[3] ("Slow").interval: must be a duration such as "30m", "6h" or "1d"');
    expect(message).toContain('sources[4] ("gd NEWS"): unknown field(s) colour');
    expect(message).toContain('sources[4] ("gd NEWS").name: "gd NEWS" is used twice');
  });

  it("GIVEN per-source deadlines THEN they are kept, and bad ones are named by source and field", () => {
    const [slow] = parseSourcesFile(
      {
        sources: [
          { name: "Slow site", kind: "page", url: "https://a.example/p", timeouts: { totalMs: 90_000 } },
        ],
      },
      "f",
    );
    expect(slow).toMatchObject({ name: "Slow site", timeouts: { totalMs: 90_000 } });

    const bad = {
      sources: [
        { name: "A", kind: "feed", url: "https://a.example/f", timeouts: { connectMs: 5 } },
        { name: "B", kind: "feed", url: "https://b.example/f", timeouts: { total: 5_000 } },
        { name: "C", kind: "folder", path: "inbox", timeouts: { totalMs: 5_000 } },
      ],
    };
    const message = (() => {
      try {
        parseSourcesFile(bad, "f");
      } catch (e) {
        return (e as Error).message;
      }
      return "";
    })();
    expect(message).toMatch(/sources\[0\] \("A"\)\.timeouts\.connectMs: .*100/);
    expect(message).toContain('sources[1] ("B").timeouts: unknown field(s) total');
    expect(message).toContain('sources[2] ("C").timeouts: is only for feeds and pages');
  });

  it("GIVEN a page without a url THEN the error says the url is required for a page", () => {
    expect(() => parseSourcesFile({ sources: [{ name: "P", kind: "page" }] }, "f")).toThrow(
      'sources[0] ("P").url: is required for a page source',
    );
  });

  it("GIVEN no sources list THEN the error names the missing field", () => {
    expect(() => parseSourcesFile({}, "f")).toThrow(/sources: is required/);
  });

  it("GIVEN durations THEN minutes, hours and days are read and nonsense is refused", () => {
    expect([parseInterval("30m"), parseInterval("6h"), parseInterval("1d")]).toEqual([
      1_800_000, 21_600_000, 86_400_000,
    ]);
    expect([parseInterval("0h"), parseInterval("6"), parseInterval("h")]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe("loadSourcesFile", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "gd-sources-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("GIVEN no file THEN there is nothing to poll", () => {
    expect(loadSourcesFile(path.join(dir, "missing.json"))).toEqual([]);
  });

  it("GIVEN an empty list THEN there is nothing to poll", async () => {
    await writeFile(path.join(dir, "s.json"), '{ "sources": [] }');
    expect(loadSourcesFile(path.join(dir, "s.json"))).toEqual([]);
  });

  it("GIVEN a file that is not JSON THEN the error names the file", async () => {
    const file = path.join(dir, "s.json");
    await writeFile(file, "{ sources: [ }");
    expect(() => loadSourcesFile(file)).toThrow(`The sources file ${file} is not valid JSON`);
  });

  it("GIVEN the bundled data/sources.json THEN it is valid", () => {
    const sources = loadSourcesFile(path.join(import.meta.dirname, "..", "..", "data", "sources.json"));
    expect(sources.length).toBeGreaterThan(0);
  });
});

describe("source polling settings from the environment", () => {
  it("GIVEN nothing set THEN four sources at a time and 10 s / 15 s / 20 s deadlines", () => {
    expect(loadConfig({}).sources).toMatchObject({
      concurrency: 4,
      timeouts: { connectMs: 10_000, firstByteMs: 15_000, totalMs: 20_000 },
    });
  });

  it("GIVEN values THEN they are used, and nonsense is refused by name", () => {
    const config = loadConfig({
      SOURCES_CONCURRENCY: "2",
      SOURCES_CONNECT_MS: "3000",
      SOURCES_FIRST_BYTE_MS: "4000",
      SOURCES_TIMEOUT_MS: "60000",
    });
    expect(config.sources).toMatchObject({
      concurrency: 2,
      timeouts: { connectMs: 3_000, firstByteMs: 4_000, totalMs: 60_000 },
    });
    expect(() => loadConfig({ SOURCES_CONCURRENCY: "0" })).toThrow(/SOURCES_CONCURRENCY/);
    expect(() => loadConfig({ SOURCES_TIMEOUT_MS: "soon" })).toThrow(/SOURCES_TIMEOUT_MS/);
  });
});
