/** The sources file: what it accepts, and errors that name the source and the field. */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/core/config.js";
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
