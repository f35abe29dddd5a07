import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { packageRoot } from "../../../src/core/package-root.js";

const tree = mkdtempSync(path.join(tmpdir(), "gd-root-"));
afterAll(() => rmSync(tree, { recursive: true, force: true }));

describe("packageRoot", () => {
  it("GIVEN a module in src/ and its compiled copy one level deeper in dist/src/ THEN both find the same root", () => {
    writeFileSync(path.join(tree, "package.json"), "{}");
    mkdirSync(path.join(tree, "src/facts"), { recursive: true });
    mkdirSync(path.join(tree, "dist/src/facts"), { recursive: true });
    expect(packageRoot(pathToFileURL(path.join(tree, "src/facts/reference.ts")))).toBe(tree);
    expect(packageRoot(pathToFileURL(path.join(tree, "dist/src/facts/reference.js")).href)).toBe(tree);
  });

  it("GIVEN this test file THEN the project's root, where package.json and data/ are", () => {
    expect(packageRoot(import.meta.url)).toBe(path.resolve(import.meta.dirname, "../../.."));
  });

  it("GIVEN no package.json above THEN a clear error naming where it looked", () => {
    expect(() => packageRoot("file:///no-such-project/src/x.js")).toThrow(/No package.json at or above/);
  });
});
