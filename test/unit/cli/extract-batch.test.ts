/** `extract` over several files: a bad or oversized file is reported and the others' output is kept. */
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { runExtract } from "../../../src/cli/extract.js";
import { ExtractedFactSchema } from "../../../src/facts/fact.js";

const dir = mkdtempSync(join(tmpdir(), "cli-extract-batch-"));
const FIRST = join(dir, "first.txt");
const HUGE = join(dir, "huge.txt");
const LAST = join(dir, "last.txt");
// A folder with no article in it: reported, and the files around it are still read.
const EMPTY = join(dir, "empty");
mkdirSync(EMPTY);
writeFileSync(
  FIRST,
  "Title: One\n\nPublished: 2024-05-01\n\nMaoming's GDP in 2023 was 392.5 billion yuan.\n",
);
writeFileSync(LAST, "Title: Two\n\nPublished: 2024-05-02\n\nYunfu's GDP in 2023 was 125.1 billion yuan.\n");
// 1 GB, sparse: refused from its size, never read (reading it would take a gigabyte of memory).
const fd = openSync(HUGE, "w");
ftruncateSync(fd, 1024 * 1024 * 1024);
closeSync(fd);

describe("extract over a batch", () => {
  it("GIVEN a 1 GB file and a folder with no articles between two articles THEN both articles' facts are printed AND the exit code is 1", async () => {
    let out = "";
    let err = "";
    const code = await runExtract(
      [FIRST, HUGE, EMPTY, LAST],
      { json: true },
      {
        out: (t) => {
          out += t;
        },
        err: (t) => {
          err += t;
        },
      },
    );
    expect(code).toBe(1);
    const facts = z.array(ExtractedFactSchema).parse(JSON.parse(out));
    expect(facts.map((f) => f.id)).toEqual(["maoming.gdp.2023", "yunfu.gdp.2023"]);
    expect(err).toContain(`${HUGE}: too large for an article (1,024 MB; the limit is 20 MB)`);
    expect(err).toContain(`no article files`);
    expect(err).toContain(EMPTY);
  });

  it("GIVEN no readable file THEN stdout is still one JSON array", async () => {
    let out = "";
    const code = await runExtract([HUGE], { json: true }, { out: (t) => (out += t), err: () => {} });
    expect(code).toBe(1);
    expect(JSON.parse(out)).toEqual([]);
  });
});
