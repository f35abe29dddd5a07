/**
 * `facts review`, `facts approve` and `facts reject` in real CLI processes over a temporary
 * DATA_DIR, seeded in-process with hand-built documents (one served figure, two held ones) so the
 * test depends on the review rules, not on what the extractor happens to hold.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { StoredFactSchema } from "../../src/facts/fact.js";
import type { OpenedStore } from "../../src/store/open-store.js";
import { cli, withStoreAt } from "../support/cli.js";
import { extractionResult } from "../support/fact-builders.js";

const SERVED_ID = "guangdong.gdp.2023";
const FOSHAN_ID = "foshan.retail-sales.2024";
const ZHUHAI_ID = "zhuhai.exports.2024-h1";

describe("CLI facts review, approve, reject", () => {
  let dataDir: string;
  const withStore = <T>(read: (store: OpenedStore) => Promise<T>): Promise<T> => withStoreAt(dataDir, read);

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "gd-review-cli-"));
    const doc = extractionResult("Synthetic bulletin", [
      { region: "Guangdong", metric: "gdp", period: "2023", value: 13.57e12 },
      {
        region: "Foshan",
        metric: "retail sales",
        period: "2024",
        value: 412e9,
        confidence: 0.42,
        status: "held",
        quote: "retail sales reached 412 billion yuan",
      },
      {
        region: "Zhuhai",
        metric: "exports",
        period: "2024-H1",
        id: ZHUHAI_ID,
        value: 98e9,
        confidence: 0.3,
        status: "held",
      },
    ]);
    doc.facts[1]!.reasons = ["period from the publication date", "region from the headline"];
    await withStore((store) => store.ingest(doc));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it("GIVEN held facts THEN `facts review` lists each with figure, where, confidence, reasons and quote, and not the served one", () => {
    const run = cli(dataDir, "facts", "review");

    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`${FOSHAN_ID}  412000000000 CNY  Foshan · retail sales · 2024`);
    expect(run.stdout).toContain(
      "confidence 0.42; reasons: period from the publication date; region from the headline",
    );
    expect(run.stdout).toContain('quote: "retail sales reached 412 billion yuan"');
    expect(run.stdout).toContain(ZHUHAI_ID);
    expect(run.stdout).not.toContain(SERVED_ID);
    expect(run.stdout).toMatch(/2 fact\(s\) held for review/);
  });

  it("THEN `facts review --json` gives the held facts as stored facts", () => {
    const run = cli(dataDir, "facts", "review", "--json");

    expect(run.code, run.stderr).toBe(0);
    const held = z.array(StoredFactSchema).parse(JSON.parse(run.stdout));
    expect(held.map((f) => [f.id, f.status, f.confidence])).toEqual([
      [FOSHAN_ID, "held", 0.42],
      [ZHUHAI_ID, "held", 0.3],
    ]);
  });

  it("THEN `facts list --all` marks them [HELD] and counts them", () => {
    const all = cli(dataDir, "facts", "list", "--all");

    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toContain("3 fact(s) shown; 1 served, 2 held for review, 0 rejected, 0 retracted");
    const foshan = all.stdout.split("\n").find((line) => line.startsWith(FOSHAN_ID));
    expect(foshan).toMatch(/\[HELD\]$/);
    expect(all.stdout.split("\n").find((line) => line.startsWith(SERVED_ID))).not.toContain("[HELD]");
  });

  it("GIVEN `facts approve <id>` THEN it is served and leaves the review list", async () => {
    const run = cli(dataDir, "facts", "approve", FOSHAN_ID);

    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^approved  ${FOSHAN_ID.replace(/\./g, "\\.")}`));
    const served = await withStore((store) => store.listFacts());
    expect(served.map((f) => f.id)).toEqual([SERVED_ID, FOSHAN_ID].sort());
    expect((await withStore((store) => store.listHeld())).map((f) => f.id)).toEqual([ZHUHAI_ID]);
  });

  it("GIVEN `facts reject <id> --reason` THEN it stays out, marked [REJECTED …] with the reason", async () => {
    const run = cli(dataDir, "facts", "reject", ZHUHAI_ID, "--reason", "the figure is imports");

    expect(run.code, run.stderr).toBe(0);
    expect(await withStore((store) => store.listHeld())).toEqual([]);
    expect((await withStore((store) => store.getFact(ZHUHAI_ID)))?.review).toMatchObject({
      decision: "rejected",
      reason: "the figure is imports",
    });
    const all = cli(dataDir, "facts", "list", "--all");
    expect(all.stdout.split("\n").find((line) => line.startsWith(ZHUHAI_ID))).toMatch(
      /\[REJECTED [^\]]*: the figure is imports\]$/,
    );
  }, 180_000);

  it("GIVEN an unknown id THEN approve and reject exit non-zero and say how to find ids", () => {
    const approve = cli(dataDir, "facts", "approve", "no.such.fact");
    const reject = cli(dataDir, "facts", "reject", "no.such.fact", "--reason", "x");

    for (const run of [approve, reject]) {
      expect(run.code).not.toBe(0);
      expect(run.stderr).toMatch(/No fact has the id "no.such.fact".*facts review/);
    }
  }, 180_000);

  it("GIVEN reject without --reason or approve of a retracted fact THEN a clear error and a non-zero exit", async () => {
    const noReason = cli(dataDir, "facts", "reject", SERVED_ID);
    await withStore((store) => store.retract(SERVED_ID, "wrong unit"));
    const retracted = cli(dataDir, "facts", "approve", SERVED_ID);

    expect(noReason.code).not.toBe(0);
    expect(noReason.stderr).toMatch(/--reason/);
    expect(retracted.code).not.toBe(0);
    expect(retracted.stderr).toMatch(/retracted .*cannot be approved/);
  }, 180_000);
});
