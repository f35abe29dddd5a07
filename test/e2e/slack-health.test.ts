/** `/healthz` with the store's reason: 503 and why while the store does not answer, 200 after. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SlackAdapter } from "../../adapters/slack/index.js";
import { FakeSlack } from "../support/fake-slack.js";
import { slackAdapterFor } from "../support/slack-adapter.js";

let fake: FakeSlack;
let adapter: SlackAdapter;
let health: { ok: boolean; reason?: string } = { ok: true };

beforeAll(async () => {
  fake = await new FakeSlack().start();
  adapter = slackAdapterFor(fake, { isHealthy: () => health });
  await adapter.start();
});
afterAll(async () => {
  await adapter?.stop();
  await fake?.stop();
});

describe("GET /healthz", () => {
  it("GIVEN the store does not answer THEN 503 with the reason; WHEN it answers again THEN 200", async () => {
    const url = `http://127.0.0.1:${adapter.address()?.port}/healthz`;
    health = { ok: false, reason: "the fact store did not answer within 2000 ms" };
    const down = await fetch(url);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual(health);

    health = { ok: true };
    const up = await fetch(url);
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ ok: true });
  });
});
