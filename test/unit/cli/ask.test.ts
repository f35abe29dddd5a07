/** `npm run cli -- ask`: one answer on stdout; `--json` prints only `{query, results}`. */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { StoredFactSchema } from "../../../src/facts/fact.js";
import { decodePng } from "../../support/png.js";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const dataDir = mkdtempSync(path.join(tmpdir(), "gd-cli-ask-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function cli(...args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", "src/cli.ts", "ask", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "" },
  });
}

describe("cli ask", () => {
  it("GIVEN --json THEN stdout is exactly one JSON object with the best fact first", () => {
    const run = cli("--json", "zhaoqing", "gdp", "2023");
    expect(run.status).toBe(0);
    const parsed = z
      .object({ query: z.string(), results: z.array(StoredFactSchema) })
      .strict()
      .parse(JSON.parse(run.stdout));
    expect(parsed.query).toBe("zhaoqing gdp 2023");
    expect(parsed.results[0]).toMatchObject({ id: "zhaoqing.gdp.2023", value: 279_250_000_000, unit: "CNY" });
  });

  it("GIVEN plain text THEN the card as the console shows it", () => {
    const run = cli("广东", "gdp", "2023");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("13.57 trillion yuan (13.57万亿元)");
  });

  it("GIVEN a comparison THEN text and --json both give the path of its chart PNG", () => {
    const text = cli("compare", "guangdong", "gdp", "2023", "vs", "2024");
    expect(text.status).toBe(0);
    const printed = /^Chart: (.+\.png)$/m.exec(text.stdout)?.[1] ?? "";
    expect(existsSync(printed)).toBe(true);
    const json = z
      .object({ query: z.string(), results: z.array(StoredFactSchema), chart: z.string() })
      .parse(JSON.parse(cli("--json", "compare", "guangdong", "gdp", "2023", "vs", "2024").stdout));
    // Same chart, same bytes, same file.
    expect(json.chart).toBe(printed);
    expect(path.dirname(json.chart)).toBe(path.join(dataDir, "charts"));
    expect(decodePng(readFileSync(json.chart)).width).toBeGreaterThan(0);
  });

  it("GIVEN a question nothing matches THEN a not-found message and a non-zero exit", () => {
    const run = cli("--json", "qwxzv", "plonk");
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({ query: "qwxzv plonk", results: [] });
  });
});
