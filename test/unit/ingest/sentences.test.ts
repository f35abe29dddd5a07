import { describe, expect, it } from "vitest";
import { clauseCuts, paragraphsOf, splitSentences } from "../../../src/ingest/sentences.js";

function sentencesOf(text: string): string[] {
  return splitSentences(text, { start: 0, end: text.length, text }, 0).map((s) => s.text);
}

describe("sentences", () => {
  it("GIVEN decimals and abbreviations WHEN split THEN they do not end a sentence", () => {
    expect(sentencesOf("Mr. Wang said GDP rose 4.8%. Exports fell.")).toEqual([
      "Mr. Wang said GDP rose 4.8%.",
      "Exports fell.",
    ]);
  });

  it("GIVEN Chinese punctuation and semicolons WHEN split THEN each piece is a sentence", () => {
    expect(sentencesOf("广州增长2.1%；深圳增长5.8%。全省下降。")).toEqual([
      "广州增长2.1%；",
      "深圳增长5.8%。",
      "全省下降。",
    ]);
  });

  it("GIVEN a sentence WHEN split THEN offsets point at the exact text", () => {
    const text = "  First one. Second one.";
    for (const s of splitSentences(text, { start: 0, end: text.length, text }, 0))
      expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it("GIVEN thousands separators WHEN cut into clauses THEN the number stays whole", () => {
    const text = "there will be 1,520 enterprises, and 809 more";
    expect(clauseCuts(text)).toEqual([0, text.indexOf(" and"), text.length]);
  });

  it("GIVEN hard-wrapped lines WHEN grouped THEN they join one paragraph", () => {
    const text = "GDP grew\nfaster than expected.\n\nNext one.";
    const lines = [
      { start: 0, end: 8, text: "GDP grew" },
      { start: 9, end: 30, text: "faster than expected." },
      { start: 31, end: 31, text: "" },
      { start: 32, end: 41, text: "Next one." },
    ];
    expect(paragraphsOf(text, lines).map((p) => p.text)).toEqual([
      "GDP grew\nfaster than expected.",
      "Next one.",
    ]);
  });
});
