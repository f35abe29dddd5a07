/**
 * `eval` as a user runs it: in-process with a stand-in extractor for exact numbers (floors, bad
 * keys, dumps), and once end to end through `npm run eval` on two small articles written for
 * this test, with the real extractor.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type EvalOptions, parseFloor, runEval } from "../../src/cli/eval.js";
import type { Extract } from "../../src/eval/corpus.js";
import type { EvalFact } from "../../src/eval/evaluate.js";
import type { GoldFact } from "../../src/eval/gold.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

const HEYUAN = `Title: Heyuan economy in 2021
Date: 2022-02-10

Heyuan's GDP reached 128.5 billion yuan in 2021, up 7.2 percent year on year. Retail sales of consumer goods grew 9.1 percent to 54.3 billion yuan.
`;
const YUNFU = `Title: Yunfu trade, first half of 2023
Date: 2023-07-20

In the first half of 2023, Yunfu's foreign trade totalled 6.4 billion yuan, down 3.5 percent. Exports were 4.1 billion yuan.
`;

const g = (over: Partial<GoldFact> & Pick<GoldFact, "region" | "metric" | "value">): GoldFact => ({
  period: "2021",
  unit: "CNY",
  qualifier: "exact",
  quote: "a span",
  core: true,
  ...over,
});

const HEYUAN_GOLD: GoldFact[] = [
  g({ region: "Heyuan", metric: "gdp", value: 128_500_000_000 }),
  g({ region: "Heyuan", metric: "gdp growth", value: 7.2, unit: "percent" }),
  g({ region: "Heyuan", metric: "retail sales of consumer goods", value: 54_300_000_000 }),
  // Not in the text at all, so recall can never reach 1.
  g({ region: "Heyuan", metric: "population", value: 2_840_000, unit: "people", core: false }),
];
const YUNFU_GOLD: GoldFact[] = [
  g({ region: "Yunfu", metric: "import and export volume", period: "2023-H1", value: 6_400_000_000 }),
  g({ region: "Yunfu", metric: "exports", period: "2023-H1", value: 4_100_000_000 }),
];

function corpus(files: Record<string, { text: string; gold: unknown }>): { articles: string; gold: string } {
  const dir = mkdtempSync(join(tmpdir(), "eval-"));
  const articles = join(dir, "articles");
  const gold = join(dir, "gold");
  mkdirSync(articles);
  mkdirSync(gold);
  for (const [name, { text, gold: key }] of Object.entries(files)) {
    writeFileSync(join(articles, `${name}.txt`), text);
    writeFileSync(join(gold, `${name}.json`), typeof key === "string" ? key : JSON.stringify(key));
  }
  return { articles, gold };
}

// A stand-in extractor: every article yields the same two facts, one right and one wrong.
const FACTS: EvalFact[] = [
  {
    region: "Heyuan",
    metric: "gdp",
    period: "2021",
    value: 128.5e9,
    unit: "CNY",
    quote: "q",
    confidence: 0.9,
  },
  {
    region: "Heyuan",
    metric: "gdp",
    period: "2020",
    value: 7.2,
    unit: "percent",
    quote: "q",
    confidence: 0.5,
  },
];
const fake: Extract = () => ({ facts: FACTS });

async function run(dirs: { articles: string; gold: string }, options: Partial<EvalOptions> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runEval(
    dirs.articles,
    dirs.gold,
    { json: false, ...options },
    { out: (t) => out.push(t), err: (t) => err.push(t) },
    fake,
  );
  return { code, out: out.join(""), err: err.join("") };
}

describe("eval command", () => {
  const dirs = corpus({ heyuan: { text: HEYUAN, gold: HEYUAN_GOLD } });

  it("GIVEN floors WHEN the totals are below one THEN the exit code is 1 with one line naming it", async () => {
    // Strict recall is 1/4 and strict served precision 1/2.
    const short = await run(dirs, { floorRecall: 0.3, floorPrecision: 0.5 });
    expect(short.code).toBe(1);
    expect(short.err).toBe("eval: below the floor: strict recall 0.250 < floor 0.3\n");
    const held = await run(dirs, { floorRecall: 0.25, floorPrecision: 0.5 });
    expect(held.code).toBe(0);
    expect(held.err).toContain("eval: floors hold:");
    expect((await run(dirs, { floorPrecision: 0.51 })).code).toBe(1);
    expect((await run(dirs)).code).toBe(0);
  });

  it("GIVEN a floor argument WHEN parsed THEN only a number from 0 to 1 is accepted", () => {
    expect(parseFloor("0.47")).toBe(0.47);
    for (const bad of ["40", "-0.1", "", "abc"])
      expect(() => parseFloor(bad), bad).toThrow("expected a number from 0 to 1");
  });

  it("GIVEN a run WHEN printed as text THEN it has the article row, the total, the curve and the failure classes", async () => {
    const { out } = await run(dirs);
    expect(out).toMatch(/^heyuan\s+4\s+2\s+0\s+0\.250 0\.333 0\.500/m);
    expect(out).toContain("total: strict recall 0.250 (core 0.333) precision 0.500;");
    expect(out.match(/^ {2}\d\.\d\d /gm)).toHaveLength(21);
    expect(out).toMatch(/^ {2}0\.55 +1 +1 +1\.000 +0\.250$/m);
    expect(out).toContain(
      "strict misses (3 of 4 gold): missed 2, sign 0, region 0, period 1, metric family 0, kind 0, taken by",
    );
    expect(out).toContain("wrong served facts (1 of 2 counted): spurious 0, sign 0, region 0, period 1");
  });

  it("GIVEN --json WHEN run THEN stdout is one JSON object with articles, total, curve and failures", async () => {
    const { out } = await run(dirs, { json: true, floorRecall: 0.1 });
    const report = JSON.parse(out);
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining(["articles", "total", "curve", "failures", "floors", "unkeyed"]),
    );
    expect(report.total.strict.hit).toBe(1);
    expect(report.curve).toHaveLength(21);
    expect(report.failures.misses.missed).toBe(2);
    expect(report.floors).toMatchObject({ recall: 0.1, precision: null, ok: true });
  });

  it("GIVEN --dump WHEN run THEN each article gets its misses and wrong facts with their class", async () => {
    const dump = join(mkdtempSync(join(tmpdir(), "eval-dump-")), "out");
    await run(dirs, { dump });
    expect(readdirSync(dump)).toEqual(["heyuan.txt"]);
    const text = readFileSync(join(dump, "heyuan.txt"), "utf8");
    expect(text).toContain("MISSED: in the key, not matched strictly (3)");
    expect(text).toContain("[missed] Heyuan | population | 2021 | 2840000 people exact");
    expect(text).toContain("[period] Heyuan | gdp | 2020 | 7.2 percent");
  });

  it("GIVEN a bad answer key WHEN run THEN nothing is measured and the file and fact are named", async () => {
    const bad = corpus({
      heyuan: { text: HEYUAN, gold: [{ ...HEYUAN_GOLD[0], value: "128.5 billion" }] },
      yunfu: { text: YUNFU, gold: "[{" },
    });
    const { code, out, err } = await run(bad);
    expect(code).toBe(2);
    expect(out).toBe("");
    const lines = err.trim().split("\n");
    expect(lines[0]).toMatch(/^eval: .*heyuan\.json: fact 0, value: .*expected number/);
    expect(lines[1]).toMatch(/^eval: .*yunfu\.json: not valid JSON/);
  });

  it("GIVEN a key without its article WHEN run THEN the article counts as found nothing and the exit code is 1", async () => {
    const d = corpus({ heyuan: { text: HEYUAN, gold: HEYUAN_GOLD } });
    writeFileSync(join(d.gold, "lost.json"), JSON.stringify(YUNFU_GOLD));
    const { code, out, err } = await run(d);
    expect(code).toBe(1);
    expect(out).toMatch(/^lost .*FAILED: .*lost\.txt: no such file/m);
    expect(out).toContain("over 6 gold");
    expect(err).toContain("1 article(s) could not be read or extracted");
  });

  it("GIVEN two articles WHEN run with npm run eval and the real extractor THEN it measures both and applies the floors", () => {
    const real = corpus({
      heyuan: { text: HEYUAN, gold: HEYUAN_GOLD },
      yunfu: { text: YUNFU, gold: YUNFU_GOLD },
    });
    const npm = (...args: string[]) =>
      spawnSync("npm", ["run", "--silent", "eval", "--", real.articles, real.gold, ...args], {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, NO_COLOR: "1" },
      });
    const json = npm("--json");
    expect(json.status, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.articles.map((a: { name: string }) => a.name)).toEqual(["heyuan", "yunfu"]);
    expect(report.total).toMatchObject({ articles: 2, gold: 6, failed: 0 });
    // The GDP level is as plain as a figure gets; the population is not in the text.
    expect(report.total.strict.hit).toBeGreaterThan(0);
    expect(report.total.strict.hit).toBeLessThan(6);

    const floored = npm("--floor-recall", "1", "--floor-precision", "0");
    expect(floored.status).toBe(1);
    expect(floored.stderr).toMatch(/^eval: below the floor: strict recall 0\.\d{3} < floor 1$/m);
    expect(floored.stdout).toContain("served-precision curve");
  }, 180_000);
});
