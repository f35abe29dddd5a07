/**
 * Holds the layers of DESIGN.md ("Layers", ground floor first) by reading import lines: every
 * folder has a table of the folders it may import, so an arrow pointing up (a back-arrow) fails
 * here. Today's back-arrows are listed as named exceptions, each with its reason, and an
 * exception nothing needs any more fails too. Only `src/` and `commands/` are held to "no
 * platform SDK"; the composition roots (src/main.ts, src/cli.ts, src/cli/) may wire anything.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const PLATFORM_SDK = /^(@slack\/|discord\.js$|@discordjs\/|discord-api-types)/;

/** A composition root may import every layer and the platform SDKs. */
const ANYTHING = "*";

interface LayerRule {
  /** The other layers this one may import (its own files are always allowed). */
  may: readonly string[] | typeof ANYTHING;
  /** Whether it may import a platform SDK. */
  sdk?: boolean;
}

/**
 * Who may import whom, ground floor first. A layer is a folder under `src/` or `adapters/`,
 * `commands`, or a single top-level file such as `src/bot.ts`.
 */
const LAYERS: Readonly<Record<string, LayerRule>> = {
  "src/core": { may: [] },
  "src/facts": { may: ["src/core"] },
  "src/ingest": { may: ["src/facts", "src/core"] },
  "src/eval": { may: ["src/ingest", "src/facts", "src/core"] },
  // The store re-reads stored documents with the extractor, so it sits above ingest.
  "src/store": { may: ["src/ingest", "src/facts", "src/core"] },
  "src/charts": { may: ["src/facts", "src/core"] },
  "src/digest": { may: ["src/store", "src/facts", "src/core"] },
  "src/sources": { may: ["src/store", "src/ingest", "src/facts", "src/core"] },
  commands: { may: ["src/digest", "src/sources", "src/charts", "src/facts", "src/core"] },
  // Adapters know the core, and src/charts only to turn a chart into a PNG.
  "adapters/slack": { may: ["src/charts", "src/core"], sdk: true },
  "adapters/discord": { may: ["src/charts", "src/core"], sdk: true },
  "adapters/console": { may: ["src/charts", "src/core"] },
  "src/bot.ts": {
    may: [
      "commands",
      "src/digest",
      "src/sources",
      "src/store",
      "src/ingest",
      "src/facts",
      "src/charts",
      "src/core",
    ],
  },
  "src/main.ts": { may: ANYTHING, sdk: true },
  "src/cli.ts": { may: ANYTHING, sdk: true },
  "src/cli": { may: ANYTHING, sdk: true },
};

/** Today's back-arrows: one file, the layer it reaches up to, and why it is allowed for now. */
const EXCEPTIONS: readonly { file: string; to: string; why: string }[] = [
  {
    file: "src/facts/service.ts",
    to: "src/store",
    why: "the fact service is DESIGN's 'search / service' floor above the store; the rest of src/facts is the ground floor",
  },
  {
    file: "src/facts/service.ts",
    to: "src/ingest",
    why: "the fact service ingests extraction results (a type only), on the same floor as the store",
  },
  {
    file: "src/store/migrations.ts",
    to: "src/digest",
    why: "the one ordered migrations ledger lists the digest's tables",
  },
  {
    file: "src/store/migrations.ts",
    to: "src/sources",
    why: "the one ordered migrations ledger lists the watched sources' tables",
  },
];

interface ImportEdge {
  /** Repository-relative, with `/` separators, e.g. `src/store/fact-store.ts`. */
  file: string;
  /** The specifier as written, e.g. `../facts/fact.js` or `discord.js`. */
  spec: string;
}

function tsFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = `${dir}/${name}`;
    if (statSync(path.join(ROOT, rel)).isDirectory()) return tsFiles(rel);
    return name.endsWith(".ts") ? [rel] : [];
  });
}

/** The specifiers a source imports or re-exports, static or dynamic, types included. */
function importsOf(source: string): string[] {
  return [
    ...source.matchAll(
      /^\s*(?:import|export)[^'"]*?from\s+["']([^"']+)["']|^\s*import\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/gm,
    ),
  ]
    .map((m) => m[1] ?? m[2] ?? m[3] ?? "")
    .filter(Boolean);
}

/** The layer a repository-relative path belongs to: `src/core`, `commands`, `src/bot.ts`, … */
function layerOf(rel: string): string {
  const parts = rel.split("/");
  if ((parts[0] === "src" || parts[0] === "adapters") && parts.length > 2) return parts.slice(0, 2).join("/");
  if (parts[0] === "src") return rel.replace(/\.js$/, ".ts");
  return parts[0] ?? rel;
}

/** Where a relative specifier lands, as a repository-relative path (null for a package). */
function resolve(file: string, spec: string): string | null {
  if (!spec.startsWith(".")) return null;
  return path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
}

/** Every edge that breaks the table, as `file imports spec (from → to)` lines; empty when all hold. */
function violations(
  edges: readonly ImportEdge[],
  layers: Readonly<Record<string, LayerRule>> = LAYERS,
  exceptions: readonly { file: string; to: string }[] = EXCEPTIONS,
): string[] {
  const out: string[] = [];
  for (const { file, spec } of edges) {
    const from = layerOf(file);
    const rule = layers[from];
    if (!rule) {
      out.push(`${file}: layer "${from}" has no rule; add it to LAYERS`);
      continue;
    }
    const target = resolve(file, spec);
    if (target === null) {
      if (PLATFORM_SDK.test(spec) && !rule.sdk) out.push(`${file} imports ${spec} (a platform SDK)`);
      continue;
    }
    const to = layerOf(target);
    if (to === from || rule.may === ANYTHING || rule.may.includes(to)) continue;
    if (exceptions.some((e) => e.file === file && e.to === to)) continue;
    out.push(`${file} imports ${spec} (${from} → ${to})`);
  }
  return out;
}

/** Every import of `src/`, `commands/` and `adapters/` as it is on disk. */
function repositoryEdges(): ImportEdge[] {
  return ["src", "commands", "adapters"]
    .flatMap(tsFiles)
    .flatMap((file) =>
      importsOf(readFileSync(path.join(ROOT, file), "utf8")).map((spec) => ({ file, spec })),
    );
}

describe("import boundaries", () => {
  const edges = repositoryEdges();

  it("GIVEN every folder's imports THEN each points only down its table (named exceptions aside)", () => {
    expect(violations(edges)).toEqual([]);
  });

  it("GIVEN the named exceptions THEN each is still needed, so a fixed back-arrow cannot come back unseen", () => {
    const used = EXCEPTIONS.filter((e) =>
      edges.some((edge) => {
        const target = resolve(edge.file, edge.spec);
        return edge.file === e.file && target !== null && layerOf(target) === e.to;
      }),
    );
    expect(used).toEqual(EXCEPTIONS);
  });

  it.each([
    ["src/core/config.ts", "../facts/fact.js", "src/core → src/facts"],
    ["src/facts/period.ts", "../../commands/index.js", "src/facts → commands"],
    ["src/ingest/extract.ts", "../store/database.js", "src/ingest → src/store"],
    ["src/store/fact-store.ts", "../digest/records.js", "src/store → src/digest"],
    ["src/digest/build.ts", "../sources/status.js", "src/digest → src/sources"],
    ["commands/ask.ts", "../src/store/database.js", "commands → src/store"],
    ["commands/ask.ts", "../adapters/slack/index.js", "commands → adapters/slack"],
    ["adapters/slack/render.ts", "../discord/render.js", "adapters/slack → adapters/discord"],
    ["adapters/discord/index.ts", "../../commands/index.js", "adapters/discord → commands"],
    ["src/bot.ts", "../adapters/console/index.js", "src/bot.ts → adapters/console"],
  ])("GIVEN a fake back-arrow %s → %s THEN the checker names it", (file, spec, arrow) => {
    expect(violations([...edges, { file, spec }])).toEqual([`${file} imports ${spec} (${arrow})`]);
  });

  it("GIVEN a platform SDK in src or commands, or a folder with no rule THEN the checker names it", () => {
    expect(violations([{ file: "src/facts/cards.ts", spec: "discord.js" }])).toEqual([
      "src/facts/cards.ts imports discord.js (a platform SDK)",
    ]);
    expect(violations([{ file: "commands/help.ts", spec: "@slack/bolt" }])).toHaveLength(1);
    expect(violations([{ file: "src/maps/tiles.ts", spec: "../core/errors.js" }])).toEqual([
      'src/maps/tiles.ts: layer "src/maps" has no rule; add it to LAYERS',
    ]);
  });

  it("GIVEN arrows that point down, composition roots and SDKs in adapters THEN the checker lets them be", () => {
    expect(
      violations([
        { file: "src/store/fact-store.ts", spec: "../facts/fact.js" },
        { file: "commands/digest.ts", spec: "../src/digest/schedule.js" },
        { file: "src/main.ts", spec: "../adapters/slack/index.js" },
        { file: "src/cli/discord.ts", spec: "discord.js" },
        { file: "adapters/discord/index.ts", spec: "discord.js" },
        { file: "src/core/reply.ts", spec: "zod" },
      ]),
    ).toEqual([]);
  });

  it("GIVEN the real files THEN the reader sees their imports (so it cannot pass by reading nothing)", () => {
    expect(edges.length).toBeGreaterThan(200);
    expect(edges).toContainEqual({ file: "src/core/dispatch.ts", spec: "./command.js" });
    expect(edges).toContainEqual({ file: "src/cli/discord.ts", spec: "../../commands/index.js" });
    expect(
      importsOf('import "./side-effect.js";\nexport * from "./all.js";\nawait import("./lazy.js");'),
    ).toEqual(["./side-effect.js", "./all.js", "./lazy.js"]);
    expect(layerOf("src/bot.js")).toBe("src/bot.ts");
  });
});
