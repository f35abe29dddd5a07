import { describe, expect, it } from "vitest";
import { extractArticle } from "../../../src/ingest/extract.js";
import { outsideOwners } from "../../../src/ingest/outside.js";

function facts(body: string) {
  return extractArticle({ text: `Title: T\nDate: 2024-07-20\n\n${body}\n` }).facts.map((f) => [
    f.region,
    f.metric,
    f.value,
  ]);
}

describe("places outside Guangdong", () => {
  it("GIVEN another province owning a figure WHEN extracted THEN the figure is left out, and Guangdong's stays", () => {
    expect(
      facts(
        "In the first half of 2024, Guangdong's GDP grew 3.9 percent. The other is Jiangsu province, whose GDP hit 6.2 trillion yuan, up 5.8 percent.",
      ),
    ).toEqual([["Guangdong", "gdp growth", 3.9]]);
  });

  it("GIVEN Hong Kong's figure beside Shenzhen's in one sentence WHEN extracted THEN only Shenzhen's is kept", () => {
    expect(
      facts("In 2023, Hong Kong's exports rose 3 percent while Shenzhen's exports grew 4.1 percent."),
    ).toEqual([["Shenzhen", "exports growth", 4.1]]);
  });

  it("GIVEN places named as trading partners WHEN extracted THEN they own nothing and stay in the metric", () => {
    expect(
      facts("In 2023, Shenzhen's trade with Japan rose 3 percent and exports to Hong Kong grew 2.2 percent."),
    ).toEqual([
      ["Shenzhen", "import and export volume with japan growth", 3],
      ["Shenzhen", "exports to hong kong growth", 2.2],
    ]);
  });

  it("GIVEN the Bay Area's full name WHEN read THEN Hong Kong and Macao in it own nothing", () => {
    expect(
      outsideOwners(
        "In 2022 the Guangdong-Hong Kong-Macao Greater Bay Area's output was put at 13 trillion yuan.",
      ),
    ).toEqual([]);
  });

  it("GIVEN an owner written as a possessive, a province noun or a result verb WHEN read THEN each is found", () => {
    expect(outsideOwners("Macao's GDP").map((o) => o.place)).toEqual(["Macao"]);
    expect(outsideOwners("Zhejiang province posted").map((o) => o.place)).toEqual(["Zhejiang"]);
    expect(outsideOwners("Japan recorded a surplus").map((o) => o.place)).toEqual(["Japan"]);
    expect(outsideOwners("more than in Shanghai")).toEqual([]);
  });
});
