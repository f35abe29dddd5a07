import { describe, expect, it } from "vitest";
import { contentHash, parseDate, parseLayout } from "../../../src/ingest/metadata.js";

describe("parseLayout", () => {
  it("GIVEN a ' date' line and a PR-wire dateline WHEN read THEN date and publisher are found and the dateline is cut", () => {
    const text =
      " date 2024-03-31 \n\nGUANGZHOU, China, March 30, 2024 /PRNewswire/ — GDToday reports: GDP rose.";
    const { meta, bodyLines } = parseLayout(text);
    expect(meta.published).toBe("2024-03-31");
    expect(meta.publisher).toBe("PR Newswire");
    expect(bodyLines.map((l) => l.text).filter((t) => t)).toEqual(["GDToday reports: GDP rose."]);
  });

  it("GIVEN a Title/Date/URL block with BY and UPDATED stamps WHEN read THEN all fields are found", () => {
    const text =
      "Title: New forces\nDate: None\nURL: https://x.test/a\n\nNEW\n· NEWS\nBY :China Daily\nUPDATED :2025-01-16\nGDP rose 5% last year.";
    const { meta, bodyLines } = parseLayout(text);
    expect(meta).toEqual({
      title: "New forces",
      url: "https://x.test/a",
      publisher: "China Daily",
      published: "2025-01-16",
    });
    expect(bodyLines.map((l) => l.text).filter((t) => t)).toEqual(["GDP rose 5% last year."]);
  });

  it("GIVEN a repost byline WHEN read THEN the title, publisher and release time are found", () => {
    const text =
      " date 2023-01-31 [Kicker]Guangdong works hard\n\nHangzhou Net Release time: 2023-01-31 11:07\n\nBody text here.";
    const { meta } = parseLayout(text);
    expect(meta).toMatchObject({
      title: "[Kicker]Guangdong works hard",
      publisher: "Hangzhou Net",
      published: "2023-01-31",
    });
  });

  it("GIVEN a blog date line, headline and footer WHEN read THEN the footer is not body", () => {
    const text =
      "Friday, February 2, 2024\n\nGDP target growth is 5%! Zhaoqing plans\n\nInvest in Zhaoqing 2024-02-02 22:34 Published in Guangdong\n\nBody 5%.\n\nTel: +86 758 2899202\n\nNo comments:\n\nRelated 100 billion yuan.";
    const { meta, bodyLines } = parseLayout(text);
    expect(meta).toMatchObject({
      title: "GDP target growth is 5%! Zhaoqing plans",
      publisher: "Invest in Zhaoqing",
      published: "2024-02-02",
    });
    expect(bodyLines.map((l) => l.text).filter((t) => t)).toEqual(["Body 5%."]);
  });

  it("GIVEN each line span WHEN sliced from the text THEN it is the exact line", () => {
    const text = "Title: T\n\nOne line.\nTwo line.";
    for (const line of parseLayout(text).bodyLines) expect(text.slice(line.start, line.end)).toBe(line.text);
  });
});

describe("parseDate and contentHash", () => {
  it("GIVEN dates in several styles WHEN parsed THEN they become ISO", () => {
    expect(parseDate("Friday, February 2, 2024")).toBe("2024-02-02");
    expect(parseDate("8 March 2024")).toBe("2024-03-08");
    expect(parseDate("2024年3月8日")).toBe("2024-03-08");
    expect(parseDate("2024-02-30")).toBe(null);
  });

  it("GIVEN a text WHEN hashed THEN the sha256 hex digest is stable", () => {
    expect(contentHash("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
