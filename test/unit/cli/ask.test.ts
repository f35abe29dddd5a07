/**
 * `npm run cli -- ask`: one answer on stdout; `--json` prints only the published shape
 * (`AskJsonSchema`), carrying the answer's notices, each result's status and its sources.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AskJsonSchema, JSON_FORMAT_VERSION } from "../../../src/cli/json-schema.js";
import { decodePng } from "../../support/png.js";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const dataDir = mkdtempSync(path.join(tmpdir(), "gd-cli-ask-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function run(...args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 150_000,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "" },
  });
}
const cli = (...args: string[]) => run("ask", ...args);
/** Parses stdout strictly: a field the schema does not publish fails the test. */
const parseAnswer = (stdout: string) => AskJsonSchema.strict().parse(JSON.parse(stdout));

describe("cli ask", () => {
  it("GIVEN --json THEN stdout is exactly one versioned JSON object, the best fact first, served, with its sources", () => {
    const answer = cli("--json", "zhaoqing", "gdp", "2023");
    expect(answer.status, answer.stderr).toBe(0);
    const parsed = parseAnswer(answer.stdout);
    expect(parsed.version).toBe(JSON_FORMAT_VERSION);
    expect(parsed.query).toBe("zhaoqing gdp 2023");
    expect(parsed.notices).toEqual([]);
    expect(parsed.message).toBeNull();
    expect(parsed.results[0]).toMatchObject({
      id: "zhaoqing.gdp.2023",
      value: 279_250_000_000,
      unit: "CNY",
      status: "served",
      display: { value: "279.25 billion yuan (2,792.5亿元)", period: "2023" },
    });
    const sources = parsed.results[0]?.sources ?? [];
    expect(sources.length).toBeGreaterThan(0);
    expect(sources[0]?.quote).toContain("279.25 billion yuan");
  });

  it("GIVEN --json and a year nothing is stored for THEN the relaxation notice is in the JSON, as in the text answer", () => {
    const answer = cli("--json", "zhaoqing", "gdp", "2031");
    expect(answer.status, answer.stderr).toBe(0);
    const parsed = parseAnswer(answer.stdout);
    expect(parsed.notices.some((n) => n.includes("No 2031 figure"))).toBe(true);
    expect(parsed.results[0]?.period).not.toBe("2031");
  });

  it("GIVEN plain text THEN the card as the console shows it", () => {
    const answer = cli("广东", "gdp", "2023");
    expect(answer.status).toBe(0);
    expect(answer.stdout).toContain("13.57 trillion yuan (13.57万亿元)");
  });

  it("GIVEN a comparison THEN text and --json both give the path of its chart PNG", () => {
    const text = cli("compare", "guangdong", "gdp", "2023", "vs", "2024");
    expect(text.status).toBe(0);
    const printed = /^Chart: (.+\.png)$/m.exec(text.stdout)?.[1] ?? "";
    expect(existsSync(printed)).toBe(true);
    const json = AskJsonSchema.parse(
      JSON.parse(cli("--json", "compare", "guangdong", "gdp", "2023", "vs", "2024").stdout),
    );
    // Same chart, same bytes, same file.
    expect(json.chart).toBe(printed);
    expect(path.dirname(json.chart ?? "")).toBe(path.join(dataDir, "charts"));
    expect(decodePng(readFileSync(json.chart ?? "")).width).toBeGreaterThan(0);
  });

  it("GIVEN a question nothing matches THEN no results, the reason as message, and a non-zero exit", () => {
    const answer = cli("--json", "qwxzv", "plonk");
    expect(answer.status).toBe(1);
    const parsed = parseAnswer(answer.stdout);
    expect(parsed.results).toEqual([]);
    expect(parsed.message).toContain("qwxzv plonk");
  });

  it("GIVEN two documents that disagree on a figure THEN --json lists both as conflicting, with the notice and each one's source", () => {
    const dir = path.join(dataDir, "articles");
    mkdirSync(dir);
    // Invented articles: the same figure, two different values.
    writeFileSync(
      path.join(dir, "one.txt"),
      "Title: Yunfu shoppers spend more\nURL: https://news.example.org/2024/02/01/yunfu.html\nDate: 2024-02-01\n\nIn 2023 the total retail sales of consumer goods in Yunfu reached 48.21 billion yuan, the city said on Thursday.\n",
    );
    writeFileSync(
      path.join(dir, "two.txt"),
      "Title: Yunfu annual bulletin\nURL: https://bulletin.example.net/yunfu-2023\nDate: 2024-03-05\n\nIn 2023 the total retail sales of consumer goods in Yunfu reached 47.95 billion yuan, according to the annual bulletin.\n",
    );
    const ingest = run("ingest", dir);
    expect(ingest.status, ingest.stderr).toBe(0);

    const answer = cli("--json", "yunfu", "retail", "sales", "2023");
    expect(answer.status, answer.stderr).toBe(0);
    const parsed = parseAnswer(answer.stdout);
    expect(parsed.notices.some((n) => n.startsWith("Sources disagree"))).toBe(true);
    const conflicting = parsed.results.filter((r) => r.status === "conflicting");
    expect(conflicting.map((r) => r.value).sort()).toEqual([47_950_000_000, 48_210_000_000]);
    expect(conflicting.flatMap((r) => r.sources.map((s) => s.url)).sort()).toEqual([
      "https://bulletin.example.net/yunfu-2023",
      "https://news.example.org/2024/02/01/yunfu.html",
    ]);
    // Neither header names a publisher: each is the link's site, marked as inferred; the dates are stated.
    const provenance = conflicting.flatMap((r) => r.sources.map((s) => [s.publisher, s.inferred ?? null]));
    expect(provenance.sort()).toEqual([
      ["example.net", { publisher: "link" }],
      ["example.org", { publisher: "link" }],
    ]);
  });
});
