/**
 * The CLI's small gaps, closed: a closed pipe is a quiet success, `extract` takes folders as
 * `ingest` does, a document with no figures is reported and not stored (unless `--keep-empty`),
 * and `documents list` shows what was ingested.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runExtract } from "../../../src/cli/extract.js";
import { DocumentsJsonSchema, JSON_FORMAT_VERSION } from "../../../src/cli/json-schema.js";
import { ExtractedFactSchema } from "../../../src/facts/fact.js";
import { cli, ROOT } from "../../support/cli.js";

const work = mkdtempSync(path.join(tmpdir(), "gd-cli-gaps-"));
const dataDir = path.join(work, "data");
const folder = path.join(work, "articles");
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Invented articles: two with a figure each, one with none.
const WITH_FIGURES = {
  "shanwei.txt":
    "Title: Shanwei output rises\nURL: https://news.example.org/2024/01/20/shanwei.html\nDate: 2024-01-20\n\nShanwei's GDP reached 142.37 billion yuan in 2023, the city statistics bureau said.\n",
  "meizhou.txt":
    "Title: Meizhou trade report\nDate: 2024-02-11\n\nIn 2023 the import and export volume of Meizhou was 21.56 billion yuan.\n",
};
const NO_FIGURES =
  "Title: A quiet week at the harbour\nDate: 2024-03-05\n\nFishing boats stayed in port as the weather turned, and the market square was calm.\n";

beforeAll(() => {
  mkdirSync(folder);
  for (const [name, text] of Object.entries(WITH_FIGURES)) writeFileSync(path.join(folder, name), text);
  writeFileSync(path.join(folder, "harbour.txt"), NO_FIGURES);
});

/** Runs the CLI with stdout on a pipe that `onStdout` may close; resolves with the exit code and stderr. */
function runPiped(
  args: string[],
  onStdout: (stream: NodeJS.ReadableStream & { destroy(): void }) => void,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    onStdout(child.stdout);
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("CLI gaps", () => {
  it("GIVEN a folder WHEN `extract --json` reads it THEN every article inside is read, as `ingest` would", async () => {
    let out = "";
    const code = await runExtract([folder], { json: true }, { out: (t) => (out += t), err: () => {} });

    expect(code).toBe(0);
    const facts = ExtractedFactSchema.array().parse(JSON.parse(out));
    expect(facts.map((f) => f.region).sort()).toEqual(["Meizhou", "Shanwei"]);
  });

  it("GIVEN a folder holding a text with no figures WHEN ingested THEN that text is reported and not stored; the others are", () => {
    const run = cli(dataDir, "ingest", folder);

    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^empty .*harbour\.txt .*no figures found, not stored/m);
    expect(run.stdout).toContain("3 document(s): 2 stored, 0 duplicate, 0 failed, 1 without figures");
    const listed = DocumentsJsonSchema.strict().parse(
      JSON.parse(cli(dataDir, "documents", "list", "--json").stdout),
    );
    expect(listed.version).toBe(JSON_FORMAT_VERSION);
    expect(listed.documents.map((d) => d.title)).not.toContain("A quiet week at the harbour");
    const shanwei = listed.documents.find((d) => d.title === "Shanwei output rises");
    expect(shanwei).toMatchObject({
      published: "2024-01-20",
      url: "https://news.example.org/2024/01/20/shanwei.html",
      facts: { served: 1, held: 0 },
    });
  });

  it("GIVEN --keep-empty THEN the text with no figures is stored, and `documents list` shows it with 0 facts", () => {
    const run = cli(dataDir, "ingest", "--keep-empty", path.join(folder, "harbour.txt"));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^stored .*harbour\.txt/m);

    const list = cli(dataDir, "documents", "list");
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(
      /^2024-03-05 {2}publisher unknown {2}0 fact\(s\) {2}"A quiet week at the harbour"$/m,
    );
    expect(list.stdout).toMatch(
      /^2024-01-20 .* 1 fact\(s\) {2}"Shanwei output rises" {2}https:\/\/news\.example\.org/m,
    );
    expect(list.stdout).toContain("3 document(s).");
  });

  it("GIVEN a text with no figures kept earlier WHEN ingested again THEN it is a duplicate, not 'not stored'", () => {
    const again = cli(dataDir, "ingest", path.join(folder, "harbour.txt"));
    expect(again.stdout).toMatch(/^duplicate .*harbour\.txt/m);
  });

  it("GIVEN stdout closed before the CLI writes WHEN `facts list` runs THEN it exits 0 with nothing on stderr", async () => {
    // Closing our end at once makes the CLI's first write meet a closed pipe (EPIPE), every time.
    const run = await runPiped(["facts", "list"], (stdout) => stdout.destroy());

    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
  });

  it("GIVEN a reader that closes after one line WHEN `facts list` runs THEN it exits 0 with no stack trace", async () => {
    let first = "";
    const run = await runPiped(["facts", "list"], (stdout) => {
      stdout.setEncoding("utf8");
      stdout.on("data", (chunk: string) => {
        first += chunk;
        if (first.includes("\n")) stdout.destroy();
      });
    });

    expect(first.split("\n")[0]).toMatch(/^\S+\.\S+/);
    expect(run.stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(run.code).toBe(0);
  });
});
