import { describe, expect, it } from "vitest";
import { extractArticle } from "../../../src/ingest/extract.js";
import { findFigures } from "../../../src/ingest/figures.js";
import { pairParenthesized, pairRespectively } from "../../../src/ingest/respectively.js";

const HEADER = "Title: T\nDate: 2024-07-20\n\n";

function facts(body: string) {
  return extractArticle({ text: `${HEADER}${body}\n` }).facts.map((f) => [
    f.region,
    f.metric,
    f.period,
    f.value,
    f.unit,
  ]);
}

/** The list item each figure of `text` is paired with, as [figure value, item]. */
function pairs(text: string): Array<[number, string]> {
  const figures = findFigures(text);
  return [...pairRespectively(text, figures).entries()].map(([i, item]) => [
    figures[i]?.value ?? NaN,
    item.item,
  ]);
}

describe("'respectively' lists", () => {
  describe("through extractArticle", () => {
    it("GIVEN 'the output of A, B and C increased by x percent, y percent and z percent respectively' WHEN extracted THEN each item gets its own growth figure", () => {
      const out = facts(
        "In the first half of 2024, the output of new energy vehicles, industrial robots and integrated circuits in Dongguan increased by 41.2 percent, 18.5 percent and 9.7 percent respectively.",
      );
      expect(out).toHaveLength(3);
      expect(out.map((f) => [f[0], f[2], f[3], f[4]])).toEqual([
        ["Dongguan", "2024-H1", 41.2, "percent"],
        ["Dongguan", "2024-H1", 18.5, "percent"],
        ["Dongguan", "2024-H1", 9.7, "percent"],
      ]);
      const metrics = out.map((f) => String(f[1]));
      expect(metrics[0]).toContain("new energy vehicles");
      expect(metrics[1]).toContain("industrial robots");
      expect(metrics[2]).toContain("integrated circuits");
      for (const m of metrics) expect(m).toMatch(/ growth$/);
      expect(new Set(metrics).size).toBe(3);
    });

    it("GIVEN a paired list WHEN extracted THEN each fact's reasons say it was paired by position", () => {
      const out = extractArticle({
        text: `${HEADER}In the first half of 2024, the output of steel, cement and glass in Shaoguan grew 4.1 percent, 2.2 percent and 1.5 percent respectively.\n`,
      }).facts;
      expect(out).toHaveLength(3);
      for (const f of out) expect(f.reasons).toContain("paired with its own item in a list");
    });

    it("GIVEN 'increased by x, y and z percent respectively' (the unit written once) WHEN extracted THEN three growth facts, one per item", () => {
      const out = facts(
        "In the first half of 2024, the output of new energy vehicles, industrial robots and integrated circuits in Dongguan increased by 41.2, 18.5 and 9.7 percent respectively.",
      );
      expect(out.map((f) => f[3])).toEqual([41.2, 18.5, 9.7]);
      const metrics = out.map((f) => String(f[1]));
      expect(metrics[0]).toContain("new energy vehicles");
      expect(metrics[1]).toContain("industrial robots");
      expect(metrics[2]).toContain("integrated circuits");
      for (const m of metrics) expect(m).toMatch(/ growth$/);
    });

    it("GIVEN a list of cities with a percent per figure WHEN extracted THEN each city owns its own figure", () => {
      const out = facts(
        "In the first half of 2024, Foshan, Zhuhai and Jiangmen saw GDP growth of 5.1 percent, 4.2 percent and 3.3 percent respectively.",
      );
      expect(out.map((f) => [f[0], f[2], f[3], f[4]])).toEqual([
        ["Foshan", "2024-H1", 5.1, "percent"],
        ["Zhuhai", "2024-H1", 4.2, "percent"],
        ["Jiangmen", "2024-H1", 3.3, "percent"],
      ]);
    });

    it("GIVEN a list of cities with 'GDP growth of' WHEN extracted THEN every city's figure is GDP growth, not a GDP level in percent", () => {
      const out = facts(
        "In the first half of 2024, Foshan, Zhuhai and Jiangmen saw GDP growth of 5.1 percent, 4.2 percent and 3.3 percent respectively.",
      );
      expect(out).toEqual([
        ["Foshan", "gdp growth", "2024-H1", 5.1, "percent"],
        ["Zhuhai", "gdp growth", "2024-H1", 4.2, "percent"],
        ["Jiangmen", "gdp growth", "2024-H1", 3.3, "percent"],
      ]);
    });

    it("GIVEN 'Foshan, Zhuhai and Jiangmen saw GDP growth of 5.1, 4.2 and 3.3 percent respectively' WHEN extracted THEN each city gets its own GDP growth", () => {
      const out = facts(
        "In the first half of 2024, Foshan, Zhuhai and Jiangmen saw GDP growth of 5.1, 4.2 and 3.3 percent respectively.",
      );
      expect(out).toEqual([
        ["Foshan", "gdp growth", "2024-H1", 5.1, "percent"],
        ["Zhuhai", "gdp growth", "2024-H1", 4.2, "percent"],
        ["Jiangmen", "gdp growth", "2024-H1", 3.3, "percent"],
      ]);
    });

    it("GIVEN 'the GDP of Foshan, Zhuhai and Jiangmen grew x, y and z percent respectively' WHEN extracted THEN each city gets its own GDP growth", () => {
      const out = facts(
        "In the first half of 2024, the GDP of Foshan, Zhuhai and Jiangmen grew 5.1 percent, 4.2 percent and 3.3 percent respectively.",
      );
      expect(out).toEqual([
        ["Foshan", "gdp growth", "2024-H1", 5.1, "percent"],
        ["Zhuhai", "gdp growth", "2024-H1", 4.2, "percent"],
        ["Jiangmen", "gdp growth", "2024-H1", 3.3, "percent"],
      ]);
    });

    it("GIVEN a list of two items and three figures WHEN extracted THEN no fact is paired with an item", () => {
      const out = extractArticle({
        text: `${HEADER}In the first half of 2024, exports and imports of Shantou grew 5.1 percent, 4.2 percent and 3.3 percent respectively.\n`,
      }).facts;
      for (const f of out) expect(f.reasons).not.toContain("paired with its own item in a list");
    });
  });

  describe("pairRespectively with findFigures", () => {
    it("GIVEN three items and three percentages WHEN paired THEN figure k gets item k, with the shared head noun", () => {
      const text =
        "the output of steel, cement and glass grew 4.1 percent, 2.2 percent and 1.5 percent respectively";
      const figures = findFigures(text);
      const paired = pairRespectively(text, figures);
      expect([...paired.entries()]).toEqual([
        [0, { item: "steel", head: "output" }],
        [1, { item: "cement", head: "output" }],
        [2, { item: "glass", head: "output" }],
      ]);
    });

    it("GIVEN two items joined by 'and' WHEN paired THEN each of the two figures gets its item", () => {
      expect(pairs("Exports of toys and furniture grew 6.4 percent and 2.9 percent respectively")).toEqual([
        [6.4, "toys"],
        [2.9, "furniture"],
      ]);
    });

    it("GIVEN city names as the items WHEN paired THEN the cities come back in order", () => {
      expect(
        pairs(
          "the GDP of Foshan, Zhuhai and Jiangmen grew 5.1 percent, 4.2 percent and 3.3 percent respectively",
        ),
      ).toEqual([
        [5.1, "Foshan"],
        [4.2, "Zhuhai"],
        [3.3, "Jiangmen"],
      ]);
    });

    it("GIVEN amounts in a list WHEN paired THEN the amounts are paired like percentages", () => {
      expect(
        pairs(
          "the revenue of tourism, catering and logistics reached 12.5 billion yuan, 8.4 billion yuan and 6.1 billion yuan respectively",
        ),
      ).toEqual([
        [12.5e9, "tourism"],
        [8.4e9, "catering"],
        [6.1e9, "logistics"],
      ]);
    });

    it("GIVEN no 'respectively' WHEN paired THEN nothing is paired", () => {
      const text = "the output of steel, cement and glass grew 4.1 percent, 2.2 percent and 1.5 percent";
      expect(pairRespectively(text, findFigures(text)).size).toBe(0);
    });

    it("GIVEN two items but three figures WHEN paired THEN nothing is paired", () => {
      expect(
        pairs("exports and imports of Shantou grew 5.1 percent, 4.2 percent and 3.3 percent respectively"),
      ).toEqual([]);
    });

    it.fails("GIVEN four items but three figures WHEN paired THEN nothing is paired", () => {
      // Today the last three items are paired: "cement" → 4.1, "glass" → 2.2, "paper" → 1.5.
      expect(
        pairs(
          "the output of steel, cement, glass and paper grew 4.1 percent, 2.2 percent and 1.5 percent respectively",
        ),
      ).toEqual([]);
    });

    it.fails("GIVEN three items but two figures WHEN paired THEN nothing is paired", () => {
      // Today the last two items are paired with the two figures: "cement" → 4.1, "glass" → 2.2.
      expect(pairs("steel, cement and glass grew 4.1 percent and 2.2 percent respectively")).toEqual([]);
    });

    it("GIVEN three items and 'x, y and z percent' (the unit written once) WHEN paired THEN all three figures are paired, never a shifted subset", () => {
      // Today findFigures reads 41.2 and 18.5 as bare numbers, and the two of them are paired
      // with the list's LAST two items ("industrial robots", "integrated circuits").
      expect(
        pairs(
          "the output of new energy vehicles, industrial robots and integrated circuits increased by 41.2, 18.5 and 9.7 percent respectively",
        ),
      ).toEqual([
        [41.2, "new energy vehicles"],
        [18.5, "industrial robots"],
        [9.7, "integrated circuits"],
      ]);
    });
  });
});

describe("lists without 'respectively'", () => {
  it("GIVEN 'A and B increased by x% and y%' WHEN extracted THEN each item keeps its own figure", () => {
    const out = extractArticle({
      text: "Title: Shanwei retail\nDate: 2024-05-20\n\nIn the first four months, the retail sales of tea above designated size and furniture increased by 12.5% and 7.5% year-on-year.\n",
    }).facts.map((f) => [f.metric, f.value]);
    expect(out).toHaveLength(2);
    expect(String(out[0]?.[0])).toMatch(/tea/);
    expect(String(out[1]?.[0])).toMatch(/furniture/);
  });

  it("GIVEN amounts split by 'by the second … and … by the tertiary industry' WHEN extracted THEN each amount has its own sector", () => {
    const out = extractArticle({
      text: "Title: Yunfu economy\nDate: 2018-02-01\n\nIn 2017, Yunfu's GDP reached 85.0 billion yuan, of which 16.1 billion yuan was taken by the primary industry, 35.2 billion yuan by the secondary industry and 33.7 billion yuan by the tertiary industry.\n",
    }).facts.map((f) => [f.metric, f.value]);
    expect(out).toContainEqual(["primary industry added value", 16_100_000_000]);
    expect(out).toContainEqual(["secondary industry added value", 35_200_000_000]);
    expect(out).toContainEqual(["tertiary industry added value", 33_700_000_000]);
  });
});

describe("the change word after a list", () => {
  it("GIVEN 'registered a 12.0 percent and 18.5 percent year-on-year increase' WHEN extracted THEN both are growth", () => {
    const out = extractArticle({
      text: "Title: Maoming investment\nDate: 2024-03-27\n\nIn the first quarter, Maoming's investment in robotics and new energy registered a 12.0 percent and 18.5 percent year-on-year increase.\n",
    }).facts;
    expect(out.map((f) => f.value)).toEqual([12, 18.5]);
    for (const f of out) expect(f.metric).toMatch(/growth$/);
  });
});

/** The item each parenthesised figure of `text` is paired with, as [value, item, variant]. */
function parenPairs(text: string): Array<[number, string, string | undefined]> {
  const figures = findFigures(text);
  return [...pairParenthesized(text, figures).entries()].map(([i, item]) => [
    figures[i]?.value ?? NaN,
    item.item,
    item.variant,
  ]);
}

describe("parenthesised lists", () => {
  it("GIVEN 'grew: A (x%), B (y%) and C (z%)' WHEN paired THEN each figure takes the item before it, as growth", () => {
    expect(
      parenPairs(
        "Several categories grew fast, such as toys (31.2%), home appliances (12.0%) and printed books (9.4%).",
      ),
    ).toEqual([
      [31.2, "toys", " growth"],
      [12, "home appliances", " growth"],
      [9.4, "printed books", " growth"],
    ]);
  });

  it("GIVEN an item that itself holds 'and' WHEN paired THEN the item stays whole", () => {
    expect(
      parenPairs("Sales rose for instance, tea and coffee (8.5%), shoes and hats (4.1%).").map((p) => p[1]),
    ).toEqual(["tea and coffee", "shoes and hats"]);
  });

  it("GIVEN a money amount with its dollar conversion in parentheses WHEN paired THEN nothing is paired", () => {
    expect(
      parenPairs("Exports reached 12 billion yuan ($1.7 billion) and imports 8 billion yuan ($1.1 billion)."),
    ).toEqual([]);
  });

  it("GIVEN a single parenthesised figure WHEN paired THEN nothing is paired", () => {
    expect(parenPairs("Trade with Japan grew fast (5.1 percent) in 2024.")).toEqual([]);
  });

  it("GIVEN a list of declines WHEN paired THEN it is left unpaired, since each sign would be lost", () => {
    expect(parenPairs("Output fell in textiles (3.2%) and furniture (1.9%).")).toEqual([]);
  });

  it("GIVEN a parenthesised list of cities WHEN extracted THEN each city gets its own figure", () => {
    const out = facts(
      "In the first half of 2024, GDP grew fastest in Zhuhai (6.1 percent) and Jiangmen (5.4 percent).",
    );
    expect(out).toContainEqual(["Zhuhai", "gdp growth", "2024-H1", 6.1, "percent"]);
    expect(out).toContainEqual(["Jiangmen", "gdp growth", "2024-H1", 5.4, "percent"]);
  });

  it("GIVEN parenthesised categories WHEN extracted THEN each fact names its own category", () => {
    const metrics = facts(
      "In 2024, Foshan's retail sales of some categories grew fast, such as toys (31.2%), home appliances (12.0%) and printed books (9.4%).",
    ).map((f) => f[1]);
    expect(metrics.some((m) => String(m).startsWith("toys"))).toBe(true);
    expect(metrics.some((m) => String(m).startsWith("home appliances"))).toBe(true);
    expect(metrics.some((m) => String(m).startsWith("printed books"))).toBe(true);
  });
});

describe("clauses that continue the sentence's subject", () => {
  it("GIVEN 'A and B increased, respectively, by x percent and y percent' WHEN extracted THEN each item gets its own growth", () => {
    expect(
      facts(
        "In 2022, Yunfu's industrial investment and infrastructure investment rose, respectively, by 9.4 percent and 17.1 percent.",
      ),
    ).toEqual([
      ["Yunfu", "industrial investment growth", "2022", 9.4, "percent"],
      ["Yunfu", "infrastructure investment growth", "2022", 17.1, "percent"],
    ]);
  });

  it("GIVEN 'X climbed again, with an increase of n%' WHEN extracted THEN the figure is X's growth, without the region's name", () => {
    expect(facts("In 2023, Huizhou's tea production climbed again, with an increase of 3.1%.")).toEqual([
      ["Huizhou", "tea production growth", "2023", 3.1, "percent"],
    ]);
  });
});
