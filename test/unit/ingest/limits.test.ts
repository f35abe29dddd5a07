/**
 * Pathological documents finish, on the documented limits (README "Limits"), and say what was
 * left unread. The bounds are generous deadlines for a loaded machine, not speed claims: before
 * the limits, a 1 MB line took minutes and 200,000 sentences did not finish.
 */
import { describe, expect, it } from "vitest";
import { extractArticle } from "../../../src/ingest/extract.js";
import { LIMITS, limitSentences, quoteWindow } from "../../../src/ingest/limits.js";

/** A line of `chars` characters with no sentence end, a figure every clause. */
function oneLongLine(chars: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let k = 0; length < chars; k++) {
    const part = `the output of workshop ${k % 9} grew ${(k % 80) / 10} percent to ${(k % 400) + 3} billion yuan in 2022 and `;
    parts.push(part);
    length += part.length;
  }
  return parts.join("");
}

describe("extraction limits", () => {
  it("GIVEN a 1 MB line with no sentence end THEN it is read in bounded pieces, with a warning and short quotes", () => {
    const started = Date.now();
    const result = extractArticle({ text: `Title: Workshop output\n\n${oneLongLine(1_000_000)}\n` });
    expect(Date.now() - started).toBeLessThan(120_000);
    expect(
      result.warnings.some((w) => /over-long sentence was cut into pieces of at most 2,000/.test(w)),
    ).toBe(true);
    expect(result.facts.length).toBeGreaterThan(0);
    for (const fact of result.facts) expect(fact.quote.length).toBeLessThanOrEqual(LIMITS.quoteChars + 2);
    // The document is kept whole, so a later extractor can read it again.
    expect(result.text.length).toBeGreaterThan(1_000_000);
  });

  it("GIVEN 200,000 one-figure sentences THEN the first 3,000 are read and the warning says so", () => {
    const sentence = "Output rose 5.1 percent to 12 billion yuan in 2023.";
    const text = `Title: Many sentences\n\n${Array.from({ length: 200_000 }, () => sentence).join(" ")}\n`;
    const started = Date.now();
    const result = extractArticle({ text });
    expect(Date.now() - started).toBeLessThan(120_000);
    expect(
      result.warnings.some((w) =>
        /^document too long: only its first [\d,]+ of [\d,]+ characters were read/.test(w),
      ),
    ).toBe(true);
    expect(
      result.warnings.some((w) => /^too many sentences: only the first 3,000 of [\d,]+ were read$/.test(w)),
    ).toBe(true);
    expect(result.facts.map((f) => f.value).sort()).toEqual([5.1, 12_000_000_000].sort());
  });

  it("GIVEN ordinary sentences THEN nothing is cut and no warning is added", () => {
    const text = "Title: Short\n\nPublished: 2024-03-01\n\nFoshan's GDP in 2023 was 1.33 trillion yuan.\n";
    const result = extractArticle({ text });
    expect(result.warnings).toEqual([]);
    expect(result.facts[0]?.quote).toBe("Foshan's GDP in 2023 was 1.33 trillion yuan.");
  });

  it("GIVEN a long sentence THEN its pieces are exact spans of the text, cut between words", () => {
    const source = `${"word ".repeat(1_000)}end`;
    const { sentences, warnings } = limitSentences(source, [
      { start: 0, end: source.length, text: source, paragraph: 0 },
    ]);
    expect(sentences.length).toBe(3);
    for (const s of sentences) {
      expect(s.text).toBe(source.slice(s.start, s.end));
      expect(s.text.length).toBeLessThanOrEqual(LIMITS.sentenceChars);
      expect(s.text.startsWith("word") || s.text === "end").toBe(true);
    }
    expect(warnings).toHaveLength(1);
  });

  it("GIVEN a long clause THEN the quote is a window around the figure with ellipses", () => {
    const text = `${"filler words here ".repeat(60)}exports reached 42.5 billion yuan${" and more filler".repeat(60)}`;
    const at = text.indexOf("42.5");
    const quote = quoteWindow(text, 0, text.length, at, at + "42.5 billion yuan".length);
    expect(quote.length).toBeLessThanOrEqual(LIMITS.quoteChars + 2);
    expect(quote).toContain("exports reached 42.5 billion yuan");
    expect(quote.startsWith("…")).toBe(true);
    expect(quote.endsWith("…")).toBe(true);
  });
});
