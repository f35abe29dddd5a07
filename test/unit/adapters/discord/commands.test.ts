import { describe, expect, it } from "vitest";
import {
  autocompleteFieldFor,
  isPrivateSubcommand,
  slashCommandDefinitions,
  subcommandToCommand,
  toChoices,
} from "../../../../adapters/discord/commands.js";
import { chosenSubcommand, stripBotMention } from "../../../../adapters/discord/parse.js";
import { COMMANDS } from "../../../../commands/index.js";
import type { CommandSurface } from "../../../../src/core/command.js";

type Option = {
  name: string;
  type: number;
  description?: string;
  autocomplete?: boolean;
  required?: boolean;
  max_length?: number;
  min_value?: number;
  max_value?: number;
  choices?: { name: string; value: string }[];
  options?: Option[];
};

/** Invented commands: the adapter must build their tree with no knowledge of them. */
const DECLARED: CommandSurface[] = [
  {
    name: "lookup",
    description: "Look a place up",
    options: [
      {
        name: "place",
        description: "Where",
        type: "string",
        required: true,
        suggest: "region",
        maxLength: 80,
      },
      {
        name: "unit",
        description: "Which unit",
        type: "choice",
        required: false,
        choices: ["yuan", "dollar"],
      },
    ],
  },
  {
    name: "pair",
    description: "Two things",
    options: [
      { name: "left", description: "First", type: "string", required: true },
      { name: "right", description: "Second", type: "string", required: true, joinWord: "and" },
    ],
  },
  {
    name: "count",
    description: "A number of things",
    private: true,
    options: [{ name: "n", description: "How many", type: "integer", required: false, min: 1, max: 9 }],
  },
  {
    name: "watch",
    description: "Watch something",
    subcommands: [
      {
        name: "start",
        description: "Start watching",
        options: [
          { name: "what", description: "What to watch", type: "string", required: false, suggest: "metric" },
        ],
      },
      { name: "peek", description: "Look without starting", private: true },
    ],
  },
];

describe("slashCommandDefinitions from declarations", () => {
  const [gd] = slashCommandDefinitions(DECLARED);
  const options = (gd?.options ?? []) as Option[];
  const sub = (name: string) => options.find((o) => o.name === name);

  it("GIVEN declarations THEN one /gd with a subcommand each, and a group for a command with subcommands", () => {
    expect(slashCommandDefinitions(DECLARED)).toHaveLength(1);
    expect(gd?.name).toBe("gd");
    expect(options.map((o) => [o.name, o.type, o.description])).toEqual([
      ["lookup", 1, "Look a place up"],
      ["pair", 1, "Two things"],
      ["count", 1, "A number of things"],
      ["watch", 2, "Watch something"],
    ]);
    expect(sub("watch")?.options?.map((o) => [o.name, o.type, o.description])).toEqual([
      ["start", 1, "Start watching"],
      ["peek", 1, "Look without starting"],
    ]);
  });

  it("GIVEN each option type THEN string, integer and choice options with their limits", () => {
    expect(sub("lookup")?.options).toMatchObject([
      { name: "place", type: 3, required: true, autocomplete: true, max_length: 80 },
      {
        name: "unit",
        type: 3,
        required: false,
        choices: [
          { name: "yuan", value: "yuan" },
          { name: "dollar", value: "dollar" },
        ],
      },
    ]);
    expect(sub("lookup")?.options?.[1]?.autocomplete).toBeUndefined();
    expect(sub("count")?.options?.[0]).toMatchObject({
      name: "n",
      type: 4,
      required: false,
      min_value: 1,
      max_value: 9,
    });
  });

  it("GIVEN no declarations THEN an empty /gd, nothing made up", () => {
    expect(slashCommandDefinitions([])[0]?.options ?? []).toEqual([]);
  });
});

describe("subcommandToCommand from declarations", () => {
  it.each([
    [
      { group: null, subcommand: "lookup", options: { unit: "yuan", place: " Zhuhai " } },
      { command: "lookup", text: "Zhuhai yuan" },
    ],
    [
      { group: null, subcommand: "lookup", options: { place: "Zhuhai" } },
      { command: "lookup", text: "Zhuhai" },
    ],
    [
      { group: null, subcommand: "pair", options: { right: "b side", left: "a side" } },
      { command: "pair", text: "a side and b side" },
    ],
    [
      { group: null, subcommand: "count", options: { n: "3" } },
      { command: "count", text: "3" },
    ],
    [
      { group: "watch", subcommand: "start", options: { what: "exports" } },
      { command: "watch", text: "start exports" },
    ],
    [
      { group: "watch", subcommand: "peek", options: {} },
      { command: "watch", text: "peek" },
    ],
    // Registered earlier, removed since: the core says there is no such command.
    [
      { group: null, subcommand: "gone", options: { x: "y" } },
      { command: "gone", text: "" },
    ],
  ])("GIVEN %o THEN %o", (chosen, expected) => {
    expect(subcommandToCommand(DECLARED, chosen)).toEqual(expected);
  });
});

describe("autocomplete and privacy from declarations", () => {
  it("GIVEN each option THEN its declared vocabulary, or none", () => {
    expect(autocompleteFieldFor(DECLARED, { group: null, subcommand: "lookup" }, "place")).toBe("region");
    expect(autocompleteFieldFor(DECLARED, { group: null, subcommand: "lookup" }, "unit")).toBeNull();
    expect(autocompleteFieldFor(DECLARED, { group: "watch", subcommand: "start" }, "what")).toBe("metric");
    expect(autocompleteFieldFor(DECLARED, { group: null, subcommand: "start" }, "what")).toBeNull();
    expect(autocompleteFieldFor(DECLARED, { group: null, subcommand: "gone" }, "x")).toBeNull();
  });

  it("GIVEN private declarations THEN exactly those answers are private", () => {
    expect(isPrivateSubcommand(DECLARED, { group: null, subcommand: "count" })).toBe(true);
    expect(isPrivateSubcommand(DECLARED, { group: "watch", subcommand: "peek" })).toBe(true);
    expect(isPrivateSubcommand(DECLARED, { group: "watch", subcommand: "start" })).toBe(false);
    expect(isPrivateSubcommand(DECLARED, { group: null, subcommand: "lookup" })).toBe(false);
    expect(isPrivateSubcommand(DECLARED, { group: null, subcommand: "gone" })).toBe(false);
  });
});

describe("the bot's own /gd", () => {
  const options = (slashCommandDefinitions(COMMANDS)[0]?.options ?? []) as Option[];
  const sub = (name: string) => options.find((o) => o.name === name);

  it("GIVEN trend THEN a region alone is enough: metric is optional (a region alone means GDP)", () => {
    expect(sub("trend")?.options?.map((o) => [o.name, o.required, o.autocomplete])).toEqual([
      ["region", true, true],
      ["metric", false, true],
    ]);
  });

  it("GIVEN digest subscribe THEN frequency offers exactly weekly and daily", () => {
    const subscribe = sub("digest")?.options?.find((o) => o.name === "subscribe");
    expect(subscribe?.options?.[0]).toMatchObject({
      name: "frequency",
      required: false,
      choices: [
        { name: "weekly", value: "weekly" },
        { name: "daily", value: "daily" },
      ],
    });
  });

  it("GIVEN compare's two sides THEN they are joined with vs, as a user types them", () => {
    expect(
      subcommandToCommand(COMMANDS, {
        group: null,
        subcommand: "compare",
        options: { a: "zhaoqing gdp", b: "foshan" },
      }),
    ).toEqual({
      command: "compare",
      text: "zhaoqing gdp vs foshan",
    });
  });

  it("GIVEN help, about, digest status and preview THEN those answers are private, others not", () => {
    const priv = (group: string | null, subcommand: string) =>
      isPrivateSubcommand(COMMANDS, { group, subcommand });
    expect([
      priv(null, "help"),
      priv(null, "about"),
      priv("digest", "status"),
      priv("digest", "preview"),
    ]).toEqual([true, true, true, true]);
    expect([priv(null, "ask"), priv(null, "trend"), priv("digest", "subscribe")]).toEqual([
      false,
      false,
      false,
    ]);
  });
});

describe("chosenSubcommand", () => {
  it("GIVEN a plain subcommand option tree THEN its name and string values are read", () => {
    expect(
      chosenSubcommand([{ name: "trend", type: 1, options: [{ name: "region", type: 3, value: "Zhuhai" }] }]),
    ).toEqual({ group: null, subcommand: "trend", options: { region: "Zhuhai" } });
  });

  it("GIVEN a group THEN the group and its subcommand are read", () => {
    expect(
      chosenSubcommand([{ name: "digest", type: 2, options: [{ name: "subscribe", type: 1, options: [] }] }]),
    ).toEqual({ group: "digest", subcommand: "subscribe", options: {} });
  });

  it("GIVEN an option tree without a subcommand THEN it is refused", () => {
    expect(() => chosenSubcommand([{ name: "query", type: 3, value: "x" }])).toThrow(/no subcommand/);
    expect(() => chosenSubcommand("nonsense")).toThrow();
  });
});

describe("toChoices", () => {
  it("GIVEN 40 suggestions with duplicates, blanks and a long one THEN at most 25 unique choices of at most 100 characters", () => {
    const long = `guangdong ${"very ".repeat(40)}long`;
    const suggestions = [
      "Zhaoqing",
      "Zhaoqing",
      "  ",
      long,
      ...Array.from({ length: 40 }, (_, i) => `city ${i}`),
    ];

    const choices = toChoices(suggestions);

    expect(choices).toHaveLength(25);
    expect(new Set(choices.map((c) => c.value)).size).toBe(25);
    expect(choices[0]).toEqual({ name: "Zhaoqing", value: "Zhaoqing" });
    expect(choices[1]?.name).toHaveLength(100);
    expect(choices[1]?.name.endsWith("…")).toBe(true);
    expect(choices[1]?.value).toHaveLength(100);
  });
});

describe("stripBotMention", () => {
  it("GIVEN both mention forms anywhere THEN they are removed and spaces tidied", () => {
    expect(stripBotMention("<@111> zhaoqing gdp 2023", "111")).toBe("zhaoqing gdp 2023");
    expect(stripBotMention("zhaoqing <@!111>  gdp", "111")).toBe("zhaoqing gdp");
  });

  it("GIVEN another user's mention THEN it is kept", () => {
    expect(stripBotMention("<@111> ask <@222>", "111")).toBe("ask <@222>");
  });
});
