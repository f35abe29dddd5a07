/**
 * The worker-thread runner: extraction off the event loop, a document over its time budget
 * ended with a clear error, and the next document still read; a bot keeps answering while a
 * heavy watched file is ingested. The pathological document takes many seconds to extract
 * (2 MB of figures in one line) and the budget is 3 s, so it is over budget on any machine.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/core/logger.js";
import { createExtractionRunner } from "../../src/sources/extraction-runner.js";
import { pollSources } from "../../src/sources/poller.js";
import { createTestBot } from "../support/bot.js";

function heavyText(chars: number): string {
  const parts: string[] = ["Title: Heavy\n\n"];
  let length = 0;
  for (let k = 0; length < chars; k++) {
    const part = `the output of workshop ${k % 9} grew ${(k % 80) / 10} percent to ${(k % 400) + 3} billion yuan in 2022 and `;
    parts.push(part);
    length += part.length;
  }
  return `${parts.join("")}\n`;
}

const ORDINARY =
  "Title: Port report\n\nPublished: 2024-02-01\n\nZhuhai's GDP in 2023 was 449.6 billion yuan.\n";

describe("extraction runner", () => {
  const runner = createExtractionRunner({ budgetMs: 3_000 });
  afterAll(() => runner.close());

  it("GIVEN an ordinary article THEN the worker extracts it as extraction in this thread would", async () => {
    const result = await runner.extract({ text: ORDINARY, fileName: "port.txt" });
    expect(result.facts.map((f) => f.id)).toEqual(["zhuhai.gdp.2023"]);
  });

  it("GIVEN a document over its budget THEN it fails with a clear error AND the next document is read", async () => {
    await expect(runner.extract({ text: heavyText(2_000_000), fileName: "heavy.txt" })).rejects.toThrow(
      /heavy\.txt: given up after 3 s \(the per-document time budget\)/,
    );
    const next = await runner.extract({ text: ORDINARY, fileName: "port.txt" });
    expect(next.facts.map((f) => f.id)).toEqual(["zhuhai.gdp.2023"]);
  });

  it("GIVEN a page nested 8,000 divs deep THEN it is read without Readability, promptly", async () => {
    const body =
      "<p>Shantou's retail sales in 2023 reached 189.2 billion yuan, the city said in a report on consumption and trade.</p>".repeat(
        3,
      );
    const html = `<html><head><title>Deep</title></head><body>${"<div>".repeat(8_000)}${body}${"</div>".repeat(8_000)}</body></html>`;
    const page = await runner.readPage(html, "http://127.0.0.1/deep");
    expect(page.text).toContain("189.2 billion yuan");
  });
});

describe("a running bot while a heavy file is ingested", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "gd-heavy-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("GIVEN a watched folder with a heavy file WHEN it is polled THEN commands are answered within 3 s meanwhile", async () => {
    writeFileSync(path.join(dir, "heavy.txt"), heavyText(1_000_000));
    const bot = await createTestBot({ bundled: false });
    try {
      let polling = true;
      const poll = pollSources({
        sources: [{ name: "Inbox", kind: "folder", path: dir, intervalMs: undefined, publisher: undefined }],
        facts: bot.bot.facts,
        db: bot.bot.store.db,
        logger: silentLogger(),
      }).finally(() => {
        polling = false;
      });
      const waits: number[] = [];
      while (polling && waits.length < 20) {
        const asked = Date.now();
        const reply = await bot.ask("help");
        waits.push(Date.now() - asked);
        expect(reply.blocks.length).toBeGreaterThan(0);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const report = await poll;
      // Asked while extraction was under way, and every answer came within Slack's 3 s.
      expect(waits.length).toBeGreaterThan(2);
      for (const wait of waits) expect(wait).toBeLessThan(3_000);
      expect(report.sources[0]?.documents).toBe(1);
      expect(report.sources[0]?.added).toBeGreaterThan(0);
    } finally {
      await bot.close();
    }
  });
});
