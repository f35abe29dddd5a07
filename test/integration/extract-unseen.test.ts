/**
 * Scores the extractor on articles written to resemble what it will meet in the wild (other
 * outlets, machine-translated reposts, Chinese bulletins, tables, currency and noise): each
 * `test/fixtures/unseen/<name>.txt` against the analyst's expectations in `<name>.json`, exactly
 * as the gold test scores the seeds. A wrong figure costs precision, a missed one recall.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { extractArticle } from "../../src/ingest/extract.js";
import { scoreCorpus } from "../support/extraction-score.js";

const DIR = fileURLToPath(new URL("../fixtures/unseen/", import.meta.url));
const score = scoreCorpus("unseen", DIR, DIR);

describe("extraction scored on unseen articles", () => {
  it("GIVEN the unseen fixtures WHEN listed THEN there are at least six, each with expectations", () => {
    expect(score.articles.length).toBeGreaterThanOrEqual(6);
    for (const a of score.articles) expect(a.expected.length, a.file).toBeGreaterThan(0);
  });

  it("GIVEN the analyst's expectations WHEN matched on region, unit, period and value THEN the bars hold", () => {
    console.log(score.report);
    expect(score.precision).toBeGreaterThanOrEqual(0.9);
    expect(score.recallAll).toBeGreaterThanOrEqual(0.85);
  });

  it("GIVEN any unseen article WHEN extracted THEN every quote is an exact span of it", () => {
    for (const { text } of score.articles) {
      for (const fact of extractArticle({ text }).facts)
        expect(text.includes(fact.quote), fact.id).toBe(true);
    }
  });
});
