/**
 * Every surface offers the same commands, said the same way: Discord's `/gd` tree and `help`
 * are both built from the declarations in `COMMANDS`, and this suite fails if one of them
 * loses, adds or rewords a command, or if a declared private answer comes back public.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slashCommandDefinitions, subcommandToCommand } from "../../../adapters/discord/commands.js";
import { COMMANDS } from "../../../commands/index.js";
import { isPrivate, usageLines } from "../../../src/core/command.js";
import type { Reply } from "../../../src/core/reply.js";
import { createTestBot, type TestBot } from "../../support/bot.js";

type Node = { name: string; type: number; description: string; options?: Node[] };
const SUBCOMMAND = 1;
const SUBCOMMAND_GROUP = 2;

const tree = (slashCommandDefinitions(COMMANDS)[0]?.options ?? []) as Node[];
const textOf = (reply: Reply) => reply.blocks.map((b) => ("text" in b ? b.text : "")).join("\n");

let t: TestBot;
let help: string;
beforeAll(async () => {
  t = await createTestBot({ bundled: false });
  help = textOf(await t.ask("help"));
}, 60_000);
afterAll(async () => t.close());

describe("one declaration, every surface", () => {
  it("GIVEN COMMANDS THEN Discord's /gd has exactly those commands, in order, with the same descriptions", () => {
    expect(tree.map((n) => [n.name, n.description])).toEqual(COMMANDS.map((c) => [c.name, c.description]));
  });

  it("GIVEN a command with subcommands THEN Discord has a group of exactly those, with the same descriptions", () => {
    for (const command of COMMANDS) {
      const node = tree.find((n) => n.name === command.name);
      if (!command.subcommands?.length) {
        expect(node?.type, command.name).toBe(SUBCOMMAND);
        expect(
          (node?.options ?? []).map((o) => [o.name, o.description]),
          command.name,
        ).toEqual((command.options ?? []).map((o) => [o.name, o.description]));
        continue;
      }
      expect(node?.type, command.name).toBe(SUBCOMMAND_GROUP);
      expect(node?.options?.map((o) => [o.name, o.description])).toEqual(
        command.subcommands.map((s) => [s.name, s.description]),
      );
    }
  });

  it("GIVEN COMMANDS THEN help lists each with its description and its usage", () => {
    for (const command of COMMANDS) {
      expect(help, command.name).toContain(`• ${command.name}`);
      expect(help, command.name).toContain(`: ${command.description}\n`);
      for (const usage of usageLines(command)) expect(help, command.name).toContain(usage);
    }
    expect(help.match(/^• /gm)).toHaveLength(COMMANDS.length);
  });

  it("GIVEN every declared subcommand and option THEN the text Discord sends parses with the command's own schema", () => {
    for (const command of COMMANDS) {
      const forms = command.subcommands?.length
        ? command.subcommands.map((s) => ({
            group: command.name,
            subcommand: s.name,
            options: s.options ?? [],
          }))
        : [{ group: null, subcommand: command.name, options: command.options ?? [] }];
      for (const form of forms) {
        const values = Object.fromEntries(
          form.options.map((o) => [o.name, o.type === "choice" ? (o.choices[0] ?? "") : "zhaoqing"]),
        );
        const { command: name, text } = subcommandToCommand(COMMANDS, { ...form, options: values });
        expect(name).toBe(command.name);
        expect(command.args.safeParse({ text }).success, `${name} ${text}`).toBe(true);
      }
    }
  });

  it("GIVEN a command or subcommand declared private THEN its answer is private; declared public THEN not forced private", async () => {
    const admin = { user: { id: "U-TEST", canManageChannel: true } };
    for (const command of COMMANDS) {
      const subs = command.subcommands?.map((s) => s.name) ?? [undefined];
      for (const sub of subs) {
        if (!isPrivate(command, sub)) continue;
        const reply = await t.ask([command.name, sub].filter(Boolean).join(" "), admin);
        expect(reply.visibility, `${command.name} ${sub ?? ""}`).toBe("ephemeral");
      }
    }
    // Guards the check above against passing because nothing is declared private.
    expect(
      COMMANDS.filter((c) => isPrivate(c) || c.subcommands?.some((s) => s.private)).length,
    ).toBeGreaterThan(1);
  });
});
