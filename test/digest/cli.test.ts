/**
 * `npm run cli -- digest run` as an external scheduler would call it: a child process with its
 * environment pointing at a fake Slack and a temporary DATA_DIR. Run twice, it posts once.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DigestRecords } from "../../src/digest/records.js";
import { DEFAULT_DIGEST_CONFIG, DigestService } from "../../src/digest/service.js";
import { openStore } from "../../src/store/open-store.js";
import { extractionResult } from "../support/fact-builders.js";
import { FakeSlack } from "../support/fake-slack.js";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
const CHANNEL = "C0CLIDIGEST";

let fake: FakeSlack;
let dataDir: string;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  dataDir = await mkdtemp(path.join(tmpdir(), "gd-digest-cli-"));
  const store = await openStore({ dataDir });
  try {
    await new DigestService(store.db, store, DEFAULT_DIGEST_CONFIG).subscribe({
      platform: "slack",
      workspace: null,
      channelId: CHANNEL,
      userId: "U-ADMIN",
      frequency: "weekly",
      now: new Date("2026-11-18T04:00:00Z"),
    });
    await store.ingest(
      extractionResult("Zhaoqing bulletin", [{ region: "Zhaoqing", metric: "gdp", value: 279.25e9 }]),
      { now: new Date("2026-11-19T02:00:00Z") },
    );
  } finally {
    await store.close();
  }
});

afterAll(async () => {
  await fake?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function digestCli(args: string[]): Promise<{ stdout: string; code: number }> {
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: "",
    SLACK_BOT_TOKEN: "xoxb-fake-cli-token",
    SLACK_SIGNING_SECRET: "fake-signing-secret",
    SLACK_APP_TOKEN: "",
    SLACK_API_URL: fake.apiUrl,
    DISCORD_TOKEN: "",
    DISCORD_APPLICATION_ID: "",
    DIGEST_CRON: "0 9 * * 1",
    DIGEST_TZ: "Asia/Shanghai",
    LOG_LEVEL: "silent",
  };
  try {
    const { stdout } = await run(process.execPath, ["--import", "tsx", "src/cli.ts", "digest", ...args], {
      cwd: ROOT,
      env,
      timeout: 120_000,
    });
    return { stdout, code: 0 };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; code?: number };
    return { stdout: `${failed.stdout ?? ""}${failed.stderr ?? ""}`, code: failed.code ?? 1 };
  }
}

const digestRun = () => digestCli(["run", "--at", "2026-11-23T09:05:00+08:00"]);

describe("npm run cli -- digest run", () => {
  it("GIVEN a due digest WHEN the command runs twice THEN the first posts it and the second delivers nothing", async () => {
    const first = await digestRun();
    const second = await digestRun();

    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^sent\s+slack:C0CLIDIGEST\s+window 2026-11-23T01:00:00.000Z\s+1 figure/m);
    expect(first.stdout).toContain("1 digest(s) delivered");
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("0 digest(s) delivered, 0 other outcome(s), 0 skipped.");
    expect(fake.messagesIn(CHANNEL)).toHaveLength(1);
  }, 180_000);

  it("GIVEN a held digest WHEN `digest release slack <channel> --posted` runs THEN it is recorded as posted; a bad platform is refused", async () => {
    const store = await openStore({ dataDir });
    const window = new Date("2026-11-23T01:00:00Z");
    let subscriptionId = "";
    try {
      const { subscription } = await new DigestService(store.db, store, DEFAULT_DIGEST_CONFIG).subscribe({
        platform: "slack",
        workspace: null,
        channelId: "C0CLIHELD",
        userId: "U-ADMIN",
        frequency: "weekly",
        now: new Date("2026-11-18T04:00:00Z"),
      });
      subscriptionId = subscription.id;
      const records = new DigestRecords(store.db);
      const claim = await records.claim({
        subscriptionId,
        window,
        from: subscription.createdAt,
        claimedBy: "bot-1",
        now: window,
      });
      if (!claim) throw new Error("the test's claim was not made");
      await records.hold(claim, "cannot tell whether it was posted: search_incomplete");
    } finally {
      await store.close();
    }

    const bad = await digestCli(["release", "teams", "C0CLIHELD"]);
    const released = await digestCli(["release", "slack", "C0CLIHELD", "--posted"]);
    const nothing = await digestCli(["release", "slack", "C0CLIHELD"]);

    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toMatch(/slack or discord/);
    expect(released.code).toBe(0);
    expect(released.stdout).toMatch(
      /released\s+slack:C0CLIHELD\s+window 2026-11-23T01:00:00.000Z\s+recorded as posted/,
    );
    expect(nothing.stdout).toContain("No held digest in slack:C0CLIHELD.");
    const reopened = await openStore({ dataDir });
    try {
      expect(await new DigestRecords(reopened.db).delivery(subscriptionId, window)).toMatchObject({
        status: "sent",
        messageId: null,
      });
    } finally {
      await reopened.close();
    }
  }, 180_000);
});
