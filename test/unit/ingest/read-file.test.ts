import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readArticleFile } from "../../../src/ingest/read-file.js";

const dir = mkdtempSync(join(tmpdir(), "read-file-"));

describe("readArticleFile", () => {
  it("GIVEN a text file WHEN read THEN its text comes back", async () => {
    const path = join(dir, "ok.txt");
    writeFileSync(path, "Title: T\n\nGDP rose 5%.");
    expect(await readArticleFile(path)).toEqual({ ok: true, path, text: "Title: T\n\nGDP rose 5%." });
  });

  it("GIVEN a missing file WHEN read THEN a one-line error names it", async () => {
    const result = await readArticleFile(join(dir, "missing.txt"));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toBe(`${join(dir, "missing.txt")}: no such file`);
  });

  it("GIVEN empty, whitespace-only, binary and non-UTF-8 files WHEN read THEN each is a clear failure", async () => {
    const cases: Array<[string, Buffer, RegExp]> = [
      ["empty.txt", Buffer.alloc(0), /is empty/],
      ["blank.txt", Buffer.from("  \n\t\n"), /is empty/],
      ["binary.dat", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), /binary/],
      ["latin1.txt", Buffer.from([0x47, 0x44, 0x50, 0xe9, 0x20]), /not UTF-8/],
    ];
    for (const [name, bytes, message] of cases) {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      const result = await readArticleFile(path);
      expect(result.ok, name).toBe(false);
      if (!result.ok) {
        expect(result.error).toMatch(message);
        expect(result.error.startsWith(path)).toBe(true);
        expect(result.error).not.toContain("\n");
      }
    }
  });

  it("GIVEN a directory WHEN read THEN it is reported as not a file", async () => {
    const result = await readArticleFile(dir);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/directory/);
  });
});
