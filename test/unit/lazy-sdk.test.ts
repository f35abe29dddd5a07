/**
 * The platform SDKs are loaded only when their platform is configured: nothing that `src/main.ts`
 * or `src/cli.ts` imports statically may reach @slack/bolt or discord.js; the adapters are
 * `import()`ed where a platform's settings are present. Likewise the bot's other heavy packages
 * load only when first needed, so the main thread's start-up never reaches them: the sentence
 * tagger (extraction runs in a worker thread), the feed and page readers (the first poll), the
 * PostgreSQL driver (a PostgreSQL store) and the chart canvas (the first chart). Read from the
 * import lines, like test/boundary.test.ts. A type-only import (`import type`) loads nothing;
 * any other import loads its module, even one naming only types (`verbatimModuleSyntax` keeps it).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const PLATFORM_SDK = /^(@slack\/|discord\.js$|@discordjs\/)/;
/** Packages the main thread must not load at start-up, each tens of MB or a second or more. */
const HEAVY = ["compromise", "linkedom", "@mozilla/readability", "fast-xml-parser", "pg", "@napi-rs/canvas"];

/** The specifiers a file loads when it is evaluated (static imports and re-exports, no `import type`). */
function staticImports(file: string): string[] {
  const source = readFileSync(path.join(ROOT, file), "utf8");
  const fromClauses = [
    ...source.matchAll(/^\s*(?:import|export)(\s+type\b)?[^'"]*?from\s+["']([^"']+)["']/gm),
  ]
    .filter((m) => !m[1])
    .map((m) => m[2] ?? "");
  const bare = [...source.matchAll(/^\s*import\s+["']([^"']+)["']/gm)].map((m) => m[1] ?? "");
  return [...fromClauses, ...bare].filter(Boolean);
}

/** Every package a module loads, directly or through the project's own modules it imports. */
function packagesLoadedBy(entry: string): Map<string, string> {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift() ?? "";
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of staticImports(file)) {
      if (spec.startsWith(".")) {
        const target = path.relative(
          ROOT,
          path.resolve(ROOT, path.dirname(file), spec.replace(/\.js$/, ".ts")),
        );
        if (existsSync(path.join(ROOT, target))) queue.push(target);
      } else if (!spec.startsWith("node:") && !packages.has(spec)) {
        packages.set(spec, file);
      }
    }
  }
  return packages;
}

const importsMatching = (entry: string, wanted: (spec: string) => boolean) =>
  [...packagesLoadedBy(entry)].filter(([spec]) => wanted(spec)).map(([spec, by]) => `${by} imports ${spec}`);
const sdkImports = (entry: string) => importsMatching(entry, (spec) => PLATFORM_SDK.test(spec));
const heavyImports = (entry: string) => importsMatching(entry, (spec) => HEAVY.includes(spec));

describe("platform SDKs load only when configured", () => {
  it("GIVEN src/main.ts THEN nothing it imports statically loads Bolt or discord.js", () => {
    expect(sdkImports("src/main.ts")).toEqual([]);
  });

  it("GIVEN src/cli.ts THEN no CLI command loads Bolt or discord.js before it runs", () => {
    expect(sdkImports("src/cli.ts")).toEqual([]);
  });

  it("GIVEN the adapters THEN the checker does see their SDKs (so it cannot pass by reading nothing)", () => {
    expect(sdkImports("adapters/slack/index.ts").join("\n")).toContain("@slack/bolt");
    expect(sdkImports("adapters/discord/index.ts").join("\n")).toContain("discord.js");
    expect(packagesLoadedBy("src/main.ts").has("zod")).toBe(true);
  });
});

describe("heavy packages load only when first needed", () => {
  it("GIVEN src/main.ts THEN nothing it imports statically loads compromise, linkedom, the feed parser, pg or the canvas", () => {
    expect(heavyImports("src/main.ts")).toEqual([]);
  });

  it("GIVEN src/cli.ts THEN a command that needs none of them (`facts list`) does not load them", () => {
    expect(heavyImports("src/cli.ts")).toEqual([]);
  });

  it("GIVEN a platform's adapter, loaded at start-up when configured THEN it loads none of them either", () => {
    expect(heavyImports("adapters/slack/index.ts")).toEqual([]);
    expect(heavyImports("adapters/discord/index.ts")).toEqual([]);
    expect(heavyImports("adapters/console/index.ts")).toEqual([]);
  });

  it("GIVEN the modules that do use them THEN the checker sees each (so it cannot pass by reading nothing)", () => {
    // Extraction and page reading happen in the worker thread, which does load the tagger and reader.
    const worker = heavyImports("src/sources/extraction-worker.ts").join("\n");
    expect(worker).toContain("compromise");
    expect(worker).toContain("linkedom");
    expect(heavyImports("src/sources/poller.ts").join("\n")).toContain("fast-xml-parser");
    expect(heavyImports("src/ingest/extract.ts").join("\n")).toContain("compromise");
    expect(heavyImports("src/charts/render-png.ts").join("\n")).toContain("@napi-rs/canvas");
  });
});
