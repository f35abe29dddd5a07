/**
 * A curator retracts a wrong figure with the CLI while the bot is running: the running bot stops
 * showing it (within FRESHNESS_CHECK_MS) without a restart. The CLI is another process with its
 * own connection; a second store opened on the bot's data folder plays that part.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FRESHNESS_CHECK_MS } from "../../src/facts/service.js";
import { openStore } from "../../src/store/open-store.js";
import { createTestBot, type TestBot } from "../support/bot.js";

let t: TestBot;
beforeAll(async () => {
  t = await createTestBot();
});
afterAll(async () => t.close());

const answerIds = async (text: string) =>
  (await t.ask(text)).blocks.flatMap((b) => (b.type === "fact" ? [b.card.id] : []));

describe("a retraction made by another process", () => {
  it("GIVEN the bot answers a figure WHEN the CLI retracts it THEN the bot stops showing it", async () => {
    expect(await answerIds("zhaoqing gdp 2023")).toEqual(["zhaoqing.gdp.2023"]);

    const cli = await openStore({ dataDir: t.dataDir });
    await cli.retract("zhaoqing.gdp.2023", "curator: checked against the bulletin");
    await cli.close();
    await sleep(FRESHNESS_CHECK_MS + 100);

    expect(await answerIds("zhaoqing gdp 2023")).not.toContain("zhaoqing.gdp.2023");
  });
});
