import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createRegistry, defineCommand, usageLines } from "../../../src/core/command.js";
import { cleanText, dispatch, MAX_QUERY_LENGTH } from "../../../src/core/dispatch.js";
import { UserError } from "../../../src/core/errors.js";
import type { Invocation } from "../../../src/core/invocation.js";
import { createLogger } from "../../../src/core/logger.js";
import { replySummary } from "../../../src/core/reply.js";

type Services = { calls: string[] };

const echo = defineCommand<{ text: string }, Services>({
  name: "echo",
  aliases: ["say"],
  description: "Echo the text",
  examples: ["echo hello"],
  args: z.object({ text: z.string() }),
  async run({ args, services }) {
    services.calls.push(`echo:${args.text}`);
    return { blocks: [{ type: "text", text: `echo ${args.text}` }], visibility: "public" };
  },
});

const strict = defineCommand<{ n: number }, Services>({
  name: "count",
  description: "Needs a number",
  examples: ["count 3"],
  args: z.object({ text: z.string() }).transform((v, ctx) => {
    const n = Number(v.text);
    if (!Number.isInteger(n))
      ctx.addIssue({ code: "custom", message: "Give a whole number, e.g. `count 3`." });
    return { n };
  }),
  async run({ args }) {
    return { blocks: [{ type: "text", text: String(args.n) }], visibility: "public" };
  },
});

const failing = defineCommand<{ text: string }, Services>({
  name: "boom",
  description: "Throws",
  examples: ["boom"],
  args: z.object({ text: z.string() }),
  async run({ args }) {
    if (args.text === "user") throw new UserError("Nothing found for that.", "NOT_FOUND");
    throw new Error("database exploded with token xoxb-1234567890-secret");
  },
});

function setup() {
  const lines: string[] = [];
  const logger = createLogger({ level: "info", write: (l) => lines.push(l) });
  const services: Services = { calls: [] };
  const registry = createRegistry<Services>([echo, strict, failing]);
  const run = (text: string, extra: Partial<Invocation> = {}) =>
    dispatch<Services>(
      { platform: "console", user: { id: "U1" }, channel: { id: "C1" }, text, ...extra },
      { registry, services, logger, defaultCommand: "echo" },
    );
  return { run, lines, services };
}

describe("dispatch", () => {
  it("GIVEN a first word naming a command THEN that command runs with the rest", async () => {
    const { run } = setup();
    expect(replySummary(await run("say hi there"))).toBe("echo hi there");
  });

  it("GIVEN free text THEN the default command gets all of it", async () => {
    const { run } = setup();
    expect(replySummary(await run("zhaoqing gdp 2023"))).toBe("echo zhaoqing gdp 2023");
  });

  it("GIVEN an explicit command THEN the text is not searched for a name", async () => {
    const { run } = setup();
    expect(replySummary(await run("count", { command: "echo" }))).toBe("echo count");
  });

  it("GIVEN an unknown explicit command THEN an ephemeral hint", async () => {
    const { run } = setup();
    const reply = await run("x", { command: "nope" });
    expect(reply.visibility).toBe("ephemeral");
    expect(replySummary(reply)).toContain('no command called "nope"');
  });

  it("GIVEN arguments the schema rejects THEN the schema's message and an example, ephemeral", async () => {
    const { run } = setup();
    const reply = await run("count three");
    expect(reply.visibility).toBe("ephemeral");
    expect(replySummary(reply)).toContain("Give a whole number");
    expect(replySummary(reply)).toContain("count 3");
  });

  it("GIVEN a UserError THEN its message is the reply and nothing is logged as an error", async () => {
    const { run, lines } = setup();
    const reply = await run("boom user");
    expect(replySummary(reply)).toBe("Nothing found for that.");
    expect(lines.filter((l) => l.includes('"level":50'))).toHaveLength(0);
  });

  it("GIVEN a bug THEN an apology with an error id that is also logged, and no secret anywhere", async () => {
    const { run, lines } = setup();
    const reply = await run("boom");
    const summary = replySummary(reply);
    const id = summary.match(/E-[0-9A-F]{6}/)?.[0];
    expect(id).toBeDefined();
    expect(summary).not.toContain("exploded");
    const logged = lines.join("\n");
    expect(logged).toContain(id);
    expect(logged).toContain('"command":"boom"');
    expect(logged).not.toContain("xoxb-1234567890-secret");
  });

  it("GIVEN text over the limit THEN a clear refusal and the command never runs", async () => {
    const { run, services } = setup();
    const reply = await run("a".repeat(MAX_QUERY_LENGTH + 1));
    expect(replySummary(reply)).toContain("too long");
    expect(services.calls).toEqual([]);
  });

  it("GIVEN control characters THEN they are stripped before the command sees the text", async () => {
    const { run, services } = setup();
    await run("zhao\u0000qing\u0007 gdp\u202E");
    expect(services.calls).toEqual(["echo:zhaoqing gdp"]);
    expect(cleanText(" a \n\t b ")).toBe("a b");
  });
});

describe("createRegistry", () => {
  it("GIVEN two commands sharing a name or alias THEN it throws at start-up", () => {
    expect(() => createRegistry([echo, { ...strict, aliases: ["say"] }])).toThrow(/"say" is used by both/);
  });
  it("GIVEN a name a platform cannot register THEN it throws", () => {
    expect(() => createRegistry([{ ...echo, name: "Bad Name" }])).toThrow(/lower-case/);
  });
  it("GIVEN a declaration no surface could offer THEN it throws, naming the command and what is wrong", () => {
    const opt = { name: "what", description: "What", type: "string", required: true } as const;
    const cases: [Partial<typeof echo>, RegExp][] = [
      [{ description: "x".repeat(101) }, /"echo"'s description is over 100/],
      [{ options: [{ ...opt, name: "Bad" }] }, /option name "Bad"/],
      [{ options: [opt, opt] }, /"what" is declared twice/],
      [
        {
          options: [
            { ...opt, required: false },
            { ...opt, name: "then" },
          ],
        },
        /"then" is required but follows/,
      ],
      [
        { options: [{ name: "kind", description: "Kind", type: "choice", required: false, choices: [] }] },
        /no choices/,
      ],
      [{ options: [opt], subcommands: [{ name: "a", description: "A" }] }, /both options and subcommands/],
      [
        {
          subcommands: [
            { name: "a", description: "A" },
            { name: "a", description: "B" },
          ],
        },
        /subcommand "a" is declared twice/,
      ],
      [{ subcommands: [{ name: "a", description: "" }] }, /subcommand "a" needs a description/],
    ];
    for (const [change, message] of cases) {
      expect(() => createRegistry([{ ...echo, ...change }]), String(message)).toThrow(message);
    }
  });
  it("GIVEN good declarations THEN usage is read from them", () => {
    expect(
      usageLines({
        name: "find",
        description: "Find",
        options: [
          { name: "place", description: "Where", type: "string", required: true },
          { name: "other", description: "Versus", type: "string", required: false, joinWord: "vs" },
          { name: "unit", description: "Unit", type: "choice", required: false, choices: ["a", "b"] },
        ],
      }),
    ).toEqual(["find <place> [vs other] [a|b]"]);
    expect(
      usageLines({
        name: "watch",
        description: "Watch",
        subcommands: [{ name: "start", description: "Start" }],
      }),
    ).toEqual(["watch start"]);
  });
});
