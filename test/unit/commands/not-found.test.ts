/**
 * Questions whose answer is not in the bundled store (other metrics, other years, other cities,
 * words no metric fits, places outside Guangdong): each must say so and name what the store does
 * have, and none may show another metric's or another region's figure as its answer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Reply } from "../../../src/core/reply.js";
import { formatMetric } from "../../../src/facts/format.js";
import { parseQuery } from "../../../src/facts/query.js";
import { createTestBot, type TestBot } from "../../support/bot.js";

const NOW = new Date("2025-03-01T00:00:00Z");

/** Invented questions; none of their figures is in the five bundled articles. */
const ABSENT = [
  "zhaoqing population 2023",
  "guangdong unemployment rate 2023",
  "zhaoqing tourism revenue 2023",
  "guangdong cpi 2024",
  "zhaoqing retail sales 2023",
  "shenzhen gdp 2023",
  "guangzhou exports 2024",
  "foshan foreign trade 2023",
  "dongguan high-tech enterprises 2023",
  "zhuhai gdp growth 2023",
  "zhaoqing electricity consumption 2023",
  "guangdong r&d expenditure 2023",
  "guangdong fixed asset investment 2024",
  "zhaoqing container throughput 2023",
  "shantou gdp 2022",
  "huizhou retail sales 2023",
  "guangdong per capita disposable income 2024",
  "zhaoqing new jobs 2023",
  "guangdong patents 2023",
  "guangdong foreign investment 2024",
  "jiangmen population",
  "guangdong gdp growth 2024",
  "zhaoqing imports 2023",
  "zhaoqing tourist arrivals 2023",
  "zhaoqing hotel occupancy 2023",
  "zhaoqing gdp 2021",
  "guangdong foreign trade 2022",
  "shenzhen exports 2023",
  "how many people live in zhaoqing",
  "what is the unemployment rate in guangdong",
  "unemployment rate 2023",
  "macau gdp",
  "hong kong exports 2023",
  "jiangsu gdp 2023",
  "japan gdp",
  "huizhou",
];

let t: TestBot;
beforeAll(async () => {
  t = await createTestBot({ bundled: true, now: () => NOW });
}, 180_000);
afterAll(async () => t.close());

const text = (reply: Reply): string => reply.blocks.map((b) => ("text" in b ? b.text : "")).join("\n");
const saysNotFound = (reply: Reply): boolean =>
  reply.blocks[0]?.type === "notice" &&
  /^(Not found: |No .+ figure|I only know Guangdong)/.test(reply.blocks[0].text);
const namesWhatItHas = (reply: Reply): boolean =>
  /What I have for|is on record for|the latest is|[Rr]egions on record|I only know Guangdong, its 21 cities and the Greater Bay Area/.test(
    text(reply),
  );

describe("questions the bundled store cannot answer", () => {
  it("GIVEN at least 20 such questions THEN at least 95% say 'not found' and name what is on record", async () => {
    expect(ABSENT.length).toBeGreaterThanOrEqual(20);
    const failures: string[] = [];
    for (const question of ABSENT) {
      const reply = await t.ask(question);
      if (!saysNotFound(reply) || !namesWhatItHas(reply))
        failures.push(`${question}: ${text(reply).slice(0, 120)}`);
    }
    expect(failures.length / ABSENT.length, failures.join("\n")).toBeLessThanOrEqual(0.05);
  });

  it("GIVEN any of them THEN no card is another metric's or another region's figure", async () => {
    for (const question of ABSENT) {
      const reply = await t.ask(question);
      const query = parseQuery(question, { now: NOW });
      for (const block of reply.blocks) {
        if (block.type !== "fact") continue;
        // Only another period of the very figure asked for may be shown, under its note.
        expect(block.card.title, question).toBe(`${formatMetric(query.metric ?? "")} · ${query.regions[0]}`);
        expect(saysNotFound(reply), question).toBe(true);
      }
    }
  });
});
