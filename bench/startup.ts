/**
 * `npm run bench:startup`: how fast the bot starts and how much memory it holds, on this machine.
 * For each way of starting it (compiled `node dist/…`, `tsx` on the sources, and `npm start`'s
 * whole process tree) it measures: time from spawn to the first 200 from `GET /healthz` in Slack
 * HTTP mode (against a fake Slack on 127.0.0.1, which answers `auth.test`), the resident memory
 * once idle (VmRSS from /proc, of the bot's process and of its whole tree), the time to answer one
 * piped question in the console, and the time of `cli facts list`. The floor it is judged against:
 * bare node, and node importing only @slack/bolt and discord.js.
 *
 * Usage: npm run bench:startup [-- --runs N] [--only compiled,tsx,npm] [--root DIR]. `--root`
 * measures another checkout (e.g. an older commit, with node_modules beside it) from here.
 * Prints a table per figure (median, min–max over the runs), then one JSON line.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { FakeSlack } from "../test/support/fake-slack.js";

const IDLE_SETTLE_MS = 3_000;
const DEADLINE_MS = 120_000;

const ArgsSchema = z.object({
  runs: z.coerce.number().int().min(1).max(20),
  root: z.string().min(1),
  only: z.array(z.enum(["compiled", "tsx", "npm"])).min(1),
});

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    only: { type: "string", default: "compiled,tsx,npm" },
    root: { type: "string", default: path.resolve(import.meta.dirname, "..") },
  },
});
const parsedArgs = ArgsSchema.safeParse({
  runs: values.runs,
  only: values.only.split(","),
  root: values.root,
});
if (!parsedArgs.success) {
  process.stderr.write(`bench:startup: ${z.prettifyError(parsedArgs.error)}\n`);
  process.exit(2);
}
const { runs, only } = parsedArgs.data;
const ROOT = path.resolve(parsedArgs.data.root);

type Variant = "compiled" | "tsx" | "npm";
const SDKS = ["@slack/bolt", "discord.js"];
/** How each variant starts an entry point (`main` or `cli`). */
const COMMANDS: Record<Variant, (entry: "main" | "cli", args: string[]) => [string, string[]]> = {
  compiled: (entry, args) => [process.execPath, [`dist/src/${entry}.js`, ...args]],
  tsx: (entry, args) => [process.execPath, ["--import", "tsx", `src/${entry}.ts`, ...args]],
  npm: (entry, args) => [
    "npm",
    entry === "main" ? ["start", "--silent"] : ["run", "--silent", "cli", "--", ...args],
  ],
};

if (only.includes("compiled") && !existsSync(path.join(ROOT, "dist/src/main.js"))) {
  process.stderr.write("bench:startup: dist/src/main.js is missing; run `npm run build` first.\n");
  process.exit(2);
}

function baseEnv(dataDir: string): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(SLACK_|DISCORD_|DATABASE_URL|LOG_LEVEL|PORT)/.test(k)),
  );
  return {
    ...clean,
    DATA_DIR: dataDir,
    SOURCES_FILE: path.join(dataDir, "no-sources.json"),
    LOG_LEVEL: "silent",
  };
}

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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** VmRSS of one process in MB, or 0 if it is gone. */
function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** The process and all its descendants, found through each process's parent id in /proc. */
function tree(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // The command name may hold spaces and parentheses; the fields after its last ")" do not.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(name)]);
    } catch {
      // The process ended while we read.
    }
  }
  const found = [root];
  for (let i = 0; i < found.length; i++) found.push(...(parents.get(found[i] ?? -1) ?? []));
  return found;
}

/** The node process that runs the bot: the deepest one in the tree whose command is node. */
function botProcess(root: number): number {
  const nodes = tree(root).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "node";
    } catch {
      return false;
    }
  });
  return nodes.at(-1) ?? root;
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

/** Ends a child and everything it started (npm starts sh, which starts node). */
async function stopTree(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;
  for (const pid of tree(child.pid).reverse()) {
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      // Already gone.
    }
  }
  await Promise.race([exited(child), sleep(10_000)]);
}

interface SlackRun {
  healthzMs: number;
  botRssMb: number;
  treeRssMb: number;
  processes: number;
}

async function slackRun(variant: Variant, dataDir: string, apiUrl: string): Promise<SlackRun> {
  const port = await freePort();
  const [command, args] = COMMANDS[variant]("main", []);
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "pipe"],
    env: {
      ...baseEnv(dataDir),
      PORT: String(port),
      CONSOLE: "off",
      SLACK_BOT_TOKEN: "xoxb-bench-not-a-real-token",
      SLACK_SIGNING_SECRET: "bench-not-a-real-secret",
      SLACK_API_URL: apiUrl,
    },
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  try {
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`${variant} exited ${child.exitCode} before /healthz: ${stderr}`);
      if (performance.now() - started > DEADLINE_MS)
        throw new Error(`${variant}: no /healthz in ${DEADLINE_MS} ms`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await sleep(20);
    }
    const healthzMs = performance.now() - started;
    await sleep(IDLE_SETTLE_MS);
    const pids = tree(child.pid ?? -1);
    return {
      healthzMs,
      botRssMb: rssMb(botProcess(child.pid ?? -1)),
      treeRssMb: pids.reduce((sum, pid) => sum + rssMb(pid), 0),
      processes: pids.length,
    };
  } finally {
    await stopTree(child);
  }
}

/** Milliseconds from spawn to exit; fails if the command fails or prints nothing. */
async function timedRun(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  input?: string,
): Promise<number> {
  const started = performance.now();
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdin.end(input ?? "");
  const code = await exited(child);
  const ms = performance.now() - started;
  if (code !== 0 || stdout.trim() === "")
    throw new Error(`${command} ${args.join(" ")} exited ${code}: ${stderr}`);
  return ms;
}

/** The floor: node importing the platform SDKs and nothing else; its time to exit and its RSS. */
async function floorRun(imports: string[]): Promise<{ ms: number; rssMb: number }> {
  const script = `${imports.map((m) => `await import(${JSON.stringify(m)});`).join("")}
process.stdout.write(String(process.memoryUsage().rss));`;
  const started = performance.now();
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT });
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  const code = await exited(child);
  if (code !== 0) throw new Error(`floor (${imports.join(", ") || "bare node"}) exited ${code}`);
  return { ms: performance.now() - started, rssMb: Number(stdout) / 1024 / 1024 };
}

function summary(samples: number[]): { median: number; min: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    median: sorted[Math.floor(sorted.length / 2)] ?? 0,
    min: sorted[0] ?? 0,
    max: sorted.at(-1) ?? 0,
  };
}

function line(label: string, samples: number[], unit: string, digits = 0): string {
  const s = summary(samples);
  const f = (n: number) => (unit === "s" ? (n / 1000).toFixed(2) : n.toFixed(digits));
  return `  ${label.padEnd(40)} ${f(s.median).padStart(7)} ${unit}   (${f(s.min)}–${f(s.max)})`;
}

const dataDir = mkdtempSync(path.join(tmpdir(), "gd-bench-startup-"));
const slack = await new FakeSlack().start();
const results: Record<string, unknown> = {};
try {
  // The first start ingests the bundled articles; every run after it finds them stored.
  await timedRun(...COMMANDS.tsx("cli", ["facts", "list"]), baseEnv(dataDir));

  // The SDK floor is the issue's yardstick; "every runtime dependency" is what the bot cannot
  // start without loading unless it defers some of them too.
  const dependencies = Object.keys(
    z
      .object({ dependencies: z.record(z.string(), z.string()) })
      .parse(JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"))).dependencies,
    // Font packages hold only font files and CSS: there is no code to import.
  ).filter((name) => name !== "tsx" && !name.startsWith("@fontsource/"));
  const floors = {
    "bare node": [] as string[],
    "import bolt + discord.js": SDKS,
    "import every runtime dependency": dependencies,
  };
  process.stdout.write(`Floor (${runs} runs; median, min–max)\n`);
  const floorResults: Record<string, { ms: number; rss_mb: number }> = {};
  for (const [label, imports] of Object.entries(floors)) {
    const ms: number[] = [];
    const rss: number[] = [];
    for (let i = 0; i < runs; i++) {
      const run = await floorRun(imports);
      ms.push(run.ms);
      rss.push(run.rssMb);
    }
    process.stdout.write(`${line(`${label}: time`, ms, "s")}\n${line(`${label}: RSS`, rss, "MB")}\n`);
    floorResults[label] = { ms: summary(ms).median, rss_mb: summary(rss).median };
  }
  results.floor = floorResults;

  for (const variant of only) {
    const slackRuns: SlackRun[] = [];
    const consoleMs: number[] = [];
    const cliMs: number[] = [];
    // The machine's load drifts between runs, so each start is also compared with an SDK floor
    // measured just before it: the goal is stated as a ratio of time and a margin of memory.
    const timeRatio: number[] = [];
    const rssOverFloor: number[] = [];
    for (let i = 0; i < runs; i++) {
      const floor = await floorRun(SDKS);
      const run = await slackRun(variant, dataDir, slack.apiUrl);
      slackRuns.push(run);
      timeRatio.push(run.healthzMs / floor.ms);
      rssOverFloor.push(run.botRssMb - floor.rssMb);
      consoleMs.push(
        await timedRun(...COMMANDS[variant]("main", []), baseEnv(dataDir), "zhaoqing gdp 2023\n"),
      );
      cliMs.push(await timedRun(...COMMANDS[variant]("cli", ["facts", "list"]), baseEnv(dataDir)));
    }
    const label = { compiled: "node dist/src/main.js", tsx: "tsx src/main.ts", npm: "npm start" }[variant];
    process.stdout.write(`\n${label}\n`);
    process.stdout.write(
      `${line(
        "Slack HTTP: spawn to /healthz 200",
        slackRuns.map((r) => r.healthzMs),
        "s",
      )}\n`,
    );
    process.stdout.write(
      `${line(
        "idle RSS, the bot's node process",
        slackRuns.map((r) => r.botRssMb),
        "MB",
      )}\n`,
    );
    process.stdout.write(
      `${line(
        "idle RSS, the whole process tree",
        slackRuns.map((r) => r.treeRssMb),
        "MB",
      )}\n`,
    );
    process.stdout.write(`${line("/healthz time ÷ SDK floor time (paired)", timeRatio, "×", 2)}\n`);
    process.stdout.write(`${line("bot RSS − SDK floor RSS (paired)", rssOverFloor, "MB")}\n`);
    process.stdout.write(
      `${line(
        "processes in the tree",
        slackRuns.map((r) => r.processes),
        "",
      )}\n`,
    );
    process.stdout.write(`${line("console: one piped answer, exit", consoleMs, "s")}\n`);
    process.stdout.write(`${line("cli facts list", cliMs, "s")}\n`);
    results[variant] = {
      healthz_ms: summary(slackRuns.map((r) => r.healthzMs)).median,
      bot_rss_mb: summary(slackRuns.map((r) => r.botRssMb)).median,
      tree_rss_mb: summary(slackRuns.map((r) => r.treeRssMb)).median,
      processes: summary(slackRuns.map((r) => r.processes)).median,
      healthz_over_sdk_floor: summary(timeRatio).median,
      rss_over_sdk_floor_mb: summary(rssOverFloor).median,
      console_ms: summary(consoleMs).median,
      cli_facts_list_ms: summary(cliMs).median,
    };
  }
  process.stdout.write(`\n${JSON.stringify(results)}\n`);
} finally {
  await slack.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
