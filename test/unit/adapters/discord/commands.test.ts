import { describe, expect, it } from "vitest";
import {
  autocompleteFieldFor,
  slashCommandDefinitions,
  subcommandToCommand,
  toChoices,
} from "../../../../adapters/discord/commands.js";
import { chosenSubcommand, stripBotMention } from "../../../../adapters/discord/parse.js";

type Option = { name: string; type: number; autocomplete?: boolean; required?: boolean; options?: Option[] };

describe("slashCommandDefinitions", () => {
  const [gd] = slashCommandDefinitions();
  const options = (gd?.options ?? []) as Option[];
  const sub = (name: string) => options.find((o) => o.name === name);

  it("GIVEN the definitions THEN there is one /gd command with the core's subcommands and a digest group", () => {
    expect(slashCommandDefinitions()).toHaveLength(1);
    expect(gd?.name).toBe("gd");
    expect(options.map((o) => [o.name, o.type])).toEqual([
      ["ask", 1],
      ["compare", 1],
      ["trend", 1],
      ["latest", 1],
      ["sources", 1],
      ["about", 1],
      ["help", 1],
      ["digest", 2],
    ]);
    expect(sub("digest")?.options?.map((o) => o.name)).toEqual([
      "subscribe",
      "unsubscribe",
      "status",
      "preview",
    ]);
  });

  it("GIVEN the options THEN query, region and metric autocomplete and latest's region is optional", () => {
    expect(sub("ask")?.options?.[0]).toMatchObject({ name: "query", required: true, autocomplete: true });
    expect(sub("trend")?.options?.map((o) => [o.name, o.autocomplete])).toEqual([
      ["region", true],
      ["metric", true],
    ]);
    expect(sub("latest")?.options?.[0]).toMatchObject({
      name: "region",
      required: false,
      autocomplete: true,
    });
    expect(sub("compare")?.options?.map((o) => o.name)).toEqual(["a", "b"]);
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
});

describe("subcommandToCommand", () => {
  it.each([
    [
      { subcommand: "ask", options: { query: " zhaoqing gdp 2023 " } },
      { command: "ask", text: "zhaoqing gdp 2023" },
    ],
    [
      { subcommand: "compare", options: { a: "zhaoqing gdp", b: "foshan gdp" } },
      { command: "compare", text: "zhaoqing gdp vs foshan gdp" },
    ],
    [
      { subcommand: "trend", options: { region: "Zhaoqing", metric: "GDP" } },
      { command: "trend", text: "Zhaoqing GDP" },
    ],
    [
      { subcommand: "latest", options: {} },
      { command: "latest", text: "" },
    ],
    [
      { subcommand: "latest", options: { region: "Foshan" } },
      { command: "latest", text: "Foshan" },
    ],
    [
      { subcommand: "help", options: {} },
      { command: "help", text: "" },
    ],
  ])("GIVEN %o THEN %o", (chosen, expected) => {
    expect(subcommandToCommand({ group: null, ...chosen })).toEqual(expected);
  });

  it("GIVEN the digest group THEN the command is digest and the text is the subcommand and its frequency", () => {
    expect(
      subcommandToCommand({ group: "digest", subcommand: "subscribe", options: { frequency: "daily" } }),
    ).toEqual({
      command: "digest",
      text: "subscribe daily",
    });
    expect(subcommandToCommand({ group: "digest", subcommand: "status", options: {} })).toEqual({
      command: "digest",
      text: "status",
    });
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

describe("autocomplete", () => {
  it("GIVEN each autocompleted option THEN it maps to its vocabulary, others to none", () => {
    expect(autocompleteFieldFor("ask", "query")).toBe("query");
    expect(autocompleteFieldFor("trend", "region")).toBe("region");
    expect(autocompleteFieldFor("latest", "region")).toBe("region");
    expect(autocompleteFieldFor("trend", "metric")).toBe("metric");
    expect(autocompleteFieldFor("compare", "a")).toBeNull();
  });

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
