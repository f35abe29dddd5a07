/**
 * `echo "…" | npm start`: the real entry point with no platform tokens answers each piped line
 * through the console adapter and exits 0 when input ends.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CHART_WIDTH } from "../../src/charts/render-png.js";
import { decodePng, pngHeader } from "../support/png.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const dataDir = mkdtempSync(path.join(tmpdir(), "gd-console-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** This machine's environment without platform settings, with a temporary store and no watched sources. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(SLACK_|DISCORD_|DATABASE_URL|LOG_LEVEL)/.test(k)),
  );
  return { ...clean, DATA_DIR: dataDir, SOURCES_FILE: path.join(dataDir, "no-sources.json"), ...extra };
}

function start(input: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    input,
    encoding: "utf8",
    timeout: 150_000,
    env: childEnv(env),
  });
}

describe("npm start with piped input", () => {
  it("GIVEN a question on stdin THEN the figure with its source on stdout, and exit 0", () => {
    const run = start("zhaoqing gdp 2023\n");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("279.25 billion yuan (2,792.5亿元)");
    expect(run.stdout).toContain(
      "Source: GDP target growth is 5%! This is how Zhaoqing will fight for the economy",
    );
    expect(run.stdout).toContain("2024-02-02");
  });

  it("GIVEN several lines THEN each is echoed and answered in order, so answers match their questions", () => {
    const run = start("help\ncompare guangdong gdp 2023 vs 2024\n");
    expect(run.status).toBe(0);
    const askedHelp = run.stdout.indexOf("> help\n");
    const help = run.stdout.indexOf("commands");
    const askedCompare = run.stdout.indexOf("> compare guangdong gdp 2023 vs 2024\n");
    const compare = run.stdout.indexOf("Comparison");
    expect(askedHelp).toBe(0);
    expect(help).toBeGreaterThan(askedHelp);
    expect(askedCompare).toBeGreaterThan(help);
    expect(compare).toBeGreaterThan(askedCompare);
    expect(run.stdout).toContain("13.57 trillion yuan");
    expect(run.stdout).toContain("14 trillion yuan");
  });

  it("GIVEN a comparison THEN the path of its chart is printed, under DATA_DIR/charts, and it is a PNG", () => {
    const run = start("compare guangdong gdp 2023 vs 2024\n");
    expect(run.status).toBe(0);
    const file = /^Chart: (.+\.png)$/m.exec(run.stdout)?.[1] ?? "";
    expect(path.dirname(file)).toBe(path.join(dataDir, "charts"));
    const bytes = readFileSync(file);
    expect(pngHeader(bytes).width).toBe(CHART_WIDTH);
    expect(decodePng(bytes).height).toBe(pngHeader(bytes).height);
  });

  it("GIVEN a half-configured platform THEN a clear start-up error naming the variable, exit 1", () => {
    const run = start("", { SLACK_BOT_TOKEN: "xoxb-half-configured-token" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("SLACK_SIGNING_SECRET");
    expect(run.stderr + run.stdout).not.toContain("xoxb-half-configured-token");
  });

  it("GIVEN a running bot with input still open WHEN SIGTERM arrives THEN it finishes and exits 0", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: ROOT,
      env: childEnv(),
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    const answered = new Promise<void>((resolve) => {
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes("279.25 billion yuan")) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.stdin.write("zhaoqing gdp 2023\n");
    await answered;
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
