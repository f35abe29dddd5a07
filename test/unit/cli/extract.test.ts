/**
 * `extract` end to end: the real CLI entry point in a child process, so stdout purity and the
 * exit code are what a shell sees.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { runExtract } from "../../../src/cli/extract.js";
import { ExtractedFactSchema } from "../../../src/facts/fact.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const TSX = join(ROOT, "node_modules/.bin/tsx");
const SEED = join(ROOT, "data/articles/004_2d092d3b8f9d1fb1.txt");
const dir = mkdtempSync(join(tmpdir(), "cli-extract-"));
const EMPTY = join(dir, "empty.txt");
const BINARY = join(dir, "image.png");
const MISSING = join(dir, "missing.txt");
writeFileSync(EMPTY, "");
writeFileSync(BINARY, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));

function cli(...args: string[]) {
  return spawnSync(TSX, ["src/cli.ts", "extract", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
}

describe("cli extract", () => {
  it("GIVEN a good file among missing, empty and binary ones WHEN run THEN each bad one gets one stderr line, the good one is still printed, and the exit code is 1", () => {
    const run = cli("--json", MISSING, SEED, EMPTY, BINARY);
    expect(run.status).toBe(1);
    // stdout is exactly one JSON array of valid facts, nothing else.
    const facts = z.array(ExtractedFactSchema).parse(JSON.parse(run.stdout));
    expect(facts.map((f) => f.id)).toContain("zhaoqing.gdp.2023");
    const errors = run.stderr.split("\n").filter((l) => l.startsWith("extract:"));
    expect(errors).toEqual([
      `extract: ${MISSING}: no such file`,
      `extract: ${EMPTY}: is empty`,
      `extract: ${BINARY}: looks binary, not text`,
    ]);
  }, 120_000);

  it("GIVEN no --json WHEN run THEN a readable listing names the file and its figures", () => {
    const run = cli(SEED);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`${SEED}: `);
    expect(run.stdout).toContain("zhaoqing.gdp.2023");
    expect(run.stdout).toContain("279.25 billion");
  });

  it("GIVEN only a missing file WHEN run in-process THEN nothing but an empty array is on stdout", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runExtract(
      [MISSING],
      { json: true },
      { out: (t) => out.push(t), err: (t) => err.push(t) },
    );
    expect(code).toBe(1);
    expect(JSON.parse(out.join(""))).toEqual([]);
    expect(err).toEqual([`extract: ${MISSING}: no such file\n`]);
  });
});
