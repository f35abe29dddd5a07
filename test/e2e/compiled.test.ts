/**
 * The compiled entry points (`npm run build` → `dist/`), run with plain node as `npm start`, the
 * Procfile and `npm run cli` run them: they must find `data/` and package.json from `dist/src/`,
 * ingest the bundled articles and answer, and the Slack entry must serve `/healthz`.
 *
 * `npm install` / `npm ci` build `dist/` (the `prepare` script), so it exists in CI; there a
 * missing build is a failure. Elsewhere these tests are skipped with a warning. They test what
 * was last built: after changing the code, `npm run build` before reading a failure here.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeSlack } from "../support/fake-slack.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const MAIN = path.join(ROOT, "dist/src/main.js");
const CLI = path.join(ROOT, "dist/src/cli.js");
const built = existsSync(MAIN) && existsSync(CLI);
const required = process.env.CI === "true";
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string })
  .version;

if (!built && !required) {
  console.warn(
    "[compiled tests] dist/ is missing; they are SKIPPED. Run `npm run build` (or set CI=true to fail).",
  );
}

const dataDir = mkdtempSync(path.join(tmpdir(), "gd-compiled-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** This machine's environment without platform settings, with a temporary store and no watched sources. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(SLACK_|DISCORD_|DATABASE_URL|LOG_LEVEL|PORT)/.test(k)),
  );
  return {
    ...clean,
    DATA_DIR: dataDir,
    SOURCES_FILE: path.join(dataDir, "no-sources.json"),
    LOG_LEVEL: "silent",
    ...extra,
  };
}

/** Runs a compiled entry from a folder other than the project, so only its own URL can find `data/`. */
function runCompiled(entry: string, args: string[], input = "") {
  return spawnSync(process.execPath, [entry, ...args], {
    cwd: dataDir,
    input,
    encoding: "utf8",
    timeout: 60_000,
    env: childEnv(),
  });
}

/** A port nothing listens on now (the bot binds it a moment later). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

describe.runIf(built || required)("the compiled entry points", () => {
  it("GIVEN dist/ THEN it was built (npm install runs the build)", () => {
    expect(built, "dist/src/main.js and dist/src/cli.js are missing: run `npm run build`").toBe(true);
  });

  it("GIVEN node dist/src/cli.js ask THEN the bundled figure with its source, and exit 0", () => {
    const run = runCompiled(CLI, ["ask", "zhaoqing", "gdp", "2023"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("279.25 billion yuan");
    expect(run.stdout).toContain("Source: ");
  });

  it("GIVEN node dist/src/main.js with piped input THEN the console answers and reports package.json's version", () => {
    const run = runCompiled(MAIN, [], "about\nzhaoqing gdp 2023\n");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(VERSION);
    expect(run.stdout).toContain("279.25 billion yuan");
  });

  describe("in Slack HTTP mode", () => {
    let slack: FakeSlack;
    let bot: ChildProcess | undefined;
    beforeAll(async () => {
      slack = await new FakeSlack().start();
    });
    afterAll(async () => {
      if (bot?.exitCode === null) bot.kill("SIGKILL");
      await slack.stop();
    });

    it("GIVEN Slack settings THEN /healthz answers 200, auth.test was called, and SIGTERM exits 0", async () => {
      const port = await freePort();
      const child = spawn(process.execPath, [MAIN], {
        cwd: dataDir,
        stdio: ["ignore", "ignore", "pipe"],
        env: childEnv({
          PORT: String(port),
          CONSOLE: "off",
          SLACK_BOT_TOKEN: "xoxb-compiled-test-token",
          SLACK_SIGNING_SECRET: "compiled-test-secret",
          SLACK_API_URL: slack.apiUrl,
        }),
      });
      bot = child;
      let stderr = "";
      child.stderr?.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      let status = 0;
      for (let tries = 0; tries < 600 && child.exitCode === null; tries++) {
        status = await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.status,
          () => 0,
        );
        if (status === 200) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(stderr).toBe("");
      expect(status).toBe(200);
      expect(slack.calls.map((c) => c.method)).toContain("auth.test");
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    });
  });
});
