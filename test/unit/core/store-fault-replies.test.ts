/** What a user sees when the store fails: what happened, an error id, and no driver detail. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createRegistry, defineCommand } from "../../../src/core/command.js";
import { dispatch } from "../../../src/core/dispatch.js";
import { StoreUnavailableError, StoreWriteRefusedError } from "../../../src/core/errors.js";
import { createLogger } from "../../../src/core/logger.js";
import { storeFault } from "../../../src/store/faults.js";

function runThrowing(error: unknown) {
  const lines: string[] = [];
  const logger = createLogger({ level: "info", write: (l) => lines.push(l) });
  const command = defineCommand<{ text: string }, object>({
    name: "write",
    description: "fails as the store would",
    examples: ["write"],
    args: z.object({ text: z.string() }),
    async run() {
      throw error;
    },
  });
  const reply = dispatch(
    { platform: "console", user: { id: "U1" }, channel: { id: "C1" }, text: "write" },
    { registry: createRegistry<object>([command]), services: {}, logger, defaultCommand: "write" },
  );
  return { reply, lines };
}

describe("store faults in replies", () => {
  it("GIVEN the store did not answer THEN 'unavailable, try again shortly' with an error id that is in the log", async () => {
    const { reply, lines } = runThrowing(new StoreUnavailableError("Query read timeout at 10.0.0.5"));
    const text = JSON.stringify((await reply).blocks);
    const id = /error id (E-[0-9A-F]{6})/.exec(text)?.[1];
    expect(text).toMatch(/The store is unavailable, try again shortly/);
    expect(text).not.toContain("10.0.0.5");
    expect(id).toBeDefined();
    expect(lines.join("\n")).toContain(id!);
  });

  it("GIVEN a read-only or full store THEN the reply says nothing was changed and answers still work", async () => {
    const readOnly = runThrowing(new StoreWriteRefusedError("ro", "FACT_STORE_READ_ONLY"));
    expect(JSON.stringify((await readOnly.reply).blocks)).toMatch(/read-only just now.*answers still work/);
    const full = runThrowing(new StoreWriteRefusedError("full", "FACT_STORE_FULL"));
    expect(JSON.stringify((await full.reply).blocks)).toMatch(/disk is full, so nothing was changed/);
  });
});

describe("storeFault", () => {
  it("GIVEN driver errors THEN each maps to its store fault, and other errors to none", () => {
    const coded = (code: string, message = code) => Object.assign(new Error(message), { code });
    expect(storeFault(new Error("Query read timeout"))).toBeInstanceOf(StoreUnavailableError);
    expect(storeFault(new Error("Connection terminated unexpectedly"))).toBeInstanceOf(StoreUnavailableError);
    expect(storeFault(coded("57014", "canceling statement due to statement timeout"))).toBeInstanceOf(
      StoreUnavailableError,
    );
    expect(storeFault(coded("ECONNREFUSED"))).toBeInstanceOf(StoreUnavailableError);
    expect(storeFault(coded("SQLITE_BUSY"))).toBeInstanceOf(StoreUnavailableError);
    expect(storeFault(coded("SQLITE_READONLY"))?.code).toBe("FACT_STORE_READ_ONLY");
    expect(storeFault(coded("SQLITE_FULL"))?.code).toBe("FACT_STORE_FULL");
    expect(storeFault(coded("53100"))?.code).toBe("FACT_STORE_FULL");
    expect(storeFault(coded("23505", "duplicate key"))).toBeUndefined();
    expect(storeFault(new Error("a bug"))).toBeUndefined();
  });
});
