/**
 * Every example the README and `help` show, run against the bundled articles through the real
 * bot: each must give a real figure for what it asks (its region, its metric), never "found
 * nothing", never a relaxation note, never another region's figure.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyToText } from "../../../adapters/console/render.js";
import { ASK_EXAMPLES } from "../../../commands/ask.js";
import type { Reply } from "../../../src/core/reply.js";
import { formatMetric } from "../../../src/facts/format.js";
import { parseComparison, parseQuery } from "../../../src/facts/query.js";
import { createTestBot, type TestBot } from "../../support/bot.js";

const NOW = new Date("2025-03-01T00:00:00Z");
const README = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");

/** The `/gd …` lines of the README's first code block, the Commands table's examples and its "More that work". */
function readmeExamples(): string[] {
  const out: string[] = [];
  const firstBlock = /```\n([\s\S]*?)```/.exec(README)?.[1] ?? "";
  for (const line of firstBlock.split("\n")) if (line.startsWith("/gd ")) out.push(line.slice(4).trim());
  const commands = README.slice(README.indexOf("## Commands"), README.indexOf("## Configuration"));
  for (const line of commands.split("\n")) {
    const cells = line.split(/(?<!\\)\|/).map((c) => c.trim());
    const example = /^`([^`]+)`$/.exec(cells.at(-2) ?? "")?.[1];
    if (line.startsWith("|") && example && example !== "example") out.push(example);
  }
  const more = /More that work:([\s\S]*?)\n\n/.exec(commands)?.[1] ?? "";
  for (const match of more.matchAll(/`([^`]+)`/g)) out.push(match[1]!);
  return out;
}

/** Every `e.g. \`…\`` in the help reply. */
function helpExamples(reply: Reply): string[] {
  const text = reply.blocks.map((b) => ("text" in b ? b.text : "")).join("\n");
  return [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!).filter((e) => e !== "help");
}

let t: TestBot;
let examples: string[];
beforeAll(async () => {
  t = await createTestBot({ bundled: true, now: () => NOW });
  examples = [...new Set([...readmeExamples(), ...helpExamples(await t.ask("help")), ...ASK_EXAMPLES])];
}, 180_000);
afterAll(async () => t.close());

const notices = (reply: Reply): string[] =>
  reply.blocks.flatMap((b) => (b.type === "notice" ? [b.text] : []));
const FIGURE_COMMANDS = /^(compare|vs|trend|history)\b/i;
const OTHER_COMMANDS = /^(latest|sources|about|help|digest)\b/i;

describe("README and help examples on the bundled articles", () => {
  it("GIVEN the README and help THEN there are examples of every kind to run", () => {
    expect(examples.length).toBeGreaterThanOrEqual(12);
    expect(examples.some((e) => /^compare /.test(e))).toBe(true);
    expect(examples.some((e) => /^trend /.test(e))).toBe(true);
    expect(examples.some((e) => /[\u4e00-\u9fff]/.test(e))).toBe(true);
  });

  it("GIVEN each question example THEN a real figure for its own region and metric, with no relaxation", async () => {
    for (const example of examples.filter((e) => !FIGURE_COMMANDS.test(e) && !OTHER_COMMANDS.test(e))) {
      const reply = await t.ask(example);
      const query = parseQuery(example.replace(/^(ask|q|find)\s+/i, ""), { now: NOW });
      const card = reply.blocks.find((b) => b.type === "fact");
      expect(notices(reply), example).toEqual([]);
      expect(card?.type === "fact" && card.card.title, example).toBe(
        `${formatMetric(query.metric ?? "")} · ${query.regions[0]}`,
      );
      if (query.period !== null)
        expect(card?.type === "fact" && card.card.period, example).toBe(query.period);
    }
  });

  it("GIVEN each compare example THEN both sides found, each with its own region", async () => {
    for (const example of examples.filter((e) => /^(compare|vs)\b/.test(e))) {
      const reply = await t.ask(example);
      const sides = parseComparison(example, { now: NOW });
      expect(notices(reply), example).toEqual([]);
      expect(reply.visibility, example).toBe("public");
      const lines = reply.blocks.flatMap((b) => (b.type === "context" ? [b.text] : []));
      expect(lines, example).toHaveLength(2);
      expect(lines[0], example).toContain(`· ${sides?.left.regions[0]},`);
      expect(lines[1], example).toContain(`· ${sides?.right.regions[0]},`);
      expect(JSON.stringify(reply.blocks), example).toMatch(/Difference/);
      // The bundled sources have long titles: the table must still fit a terminal.
      const tableOnly = { ...reply, blocks: reply.blocks.filter((b) => b.type === "table") };
      for (const line of replyToText(tableOnly).split("\n"))
        expect(line.length, line).toBeLessThanOrEqual(80);
    }
  });

  it("GIVEN each trend example THEN a series for its region", async () => {
    for (const example of examples.filter((e) => /^(trend|history)\b/.test(e))) {
      const reply = await t.ask(example);
      const region = parseQuery(example, { now: NOW }).regions[0] ?? "";
      expect(notices(reply), example).toEqual([]);
      const heading = reply.blocks.find((b) => b.type === "heading");
      expect(heading?.type === "heading" && heading.text, example).toContain(`· ${region}`);
      const table = reply.blocks.find((b) => b.type === "table");
      expect(table?.type === "table" && table.rows.length, example).toBeGreaterThan(0);
    }
  });

  it("GIVEN each other command's example THEN an answer, not an error or a not-found", async () => {
    for (const example of examples.filter((e) => OTHER_COMMANDS.test(e))) {
      const reply = await t.ask(example, { channel: { id: `C-${example.replace(/\W+/g, "-")}` } });
      const text = JSON.stringify(reply.blocks);
      expect(text, example).not.toMatch(/found no|no figure|not found|went wrong|error id/i);
    }
  });
});
