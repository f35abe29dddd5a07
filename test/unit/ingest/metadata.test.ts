import { describe, expect, it } from "vitest";
import { contentHash, dateFromUrl, parseDate, parseLayout } from "../../../src/ingest/metadata.js";
import { resolveProvenance } from "../../../src/ingest/provenance.js";
import { publisherFromUrl, registrableDomain } from "../../../src/ingest/publishers.js";

describe("parseLayout", () => {
  it("GIVEN a ' date' line and a PR-wire dateline WHEN read THEN date and publisher are found and the dateline is cut", () => {
    const text =
      " date 2024-03-31 \n\nGUANGZHOU, China, March 30, 2024 /PRNewswire/ — GDToday reports: GDP rose.";
    const { meta, bodyLines, fromText } = parseLayout(text);
    expect(meta.published).toBe("2024-03-31");
    // The dateline's date is the body's, kept apart from the header's.
    expect(fromText.published).toBe("2024-03-30");
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

describe("what the body implies when the header is silent", () => {
  const textOf = (body: string, header = "Title: Port volumes climb\n") =>
    parseLayout(`${header}\n${body}`).fromText;

  it("GIVEN a wire dateline with a date and no year WHEN read THEN the agency is the publisher and the year is the link's", () => {
    const found = parseLayout(
      "Title: Port volumes climb\nURL: https://example.test/world/2023/port.html\n\nSHANTOU, Feb. 1 (Harbour Wire) -- The port handled 9 million tonnes in January.",
    ).fromText;
    expect(found).toEqual({ publisher: "Harbour Wire", published: "2023-02-01" });
  });

  it("GIVEN a wire dateline with its year WHEN read THEN the whole date is found", () => {
    expect(textOf("SHANTOU, Sept. 9, 2022 (Harbour Wire) - Output rose 4 percent.")).toEqual({
      publisher: "Harbour Wire",
      published: "2022-09-09",
    });
  });

  it("GIVEN a year-less dateline and no year anywhere WHEN read THEN the agency is found and no date is made up", () => {
    expect(textOf("SHANTOU, Feb. 1 (Harbour Wire) -- Output rose 4 percent.")).toEqual({
      publisher: "Harbour Wire",
      published: null,
    });
  });

  it("GIVEN a city and agency without a date, or the agency first WHEN read THEN the agency is the publisher", () => {
    expect(textOf("SHANTOU (Harbour Wire) - Output rose 4 percent.").publisher).toBe("Harbour Wire");
    expect(textOf("(Harbour Wire) Mar. 3, 2021 -- Output rose 4 percent.")).toEqual({
      publisher: "Harbour Wire",
      published: "2021-03-03",
    });
  });

  it("GIVEN an 'Updated:' stamp inside a body line WHEN read THEN its date is found", () => {
    // A bare byline with a stamp ("Li Na | Updated: …") is header; one inside prose is body.
    expect(textOf("Editor: Li Na. Updated: 2024-02-01 09:30. Share this page.\nOutput rose.").published).toBe(
      "2024-02-01",
    );
  });

  it("GIVEN a body line opening with a written date WHEN read THEN that date is found", () => {
    expect(textOf("February 1, 2024 — Output at the port rose 4 percent.").published).toBe("2024-02-01");
    expect(textOf("1 February 2024: output at the port rose 4 percent.").published).toBe("2024-02-01");
  });

  it("GIVEN a date deep in the body WHEN read THEN it is not taken for the publication date", () => {
    const body = "Output rose.\nExports rose.\nImports rose.\nFebruary 1, 2024 — a later paragraph.";
    expect(textOf(body).published).toBe(null);
  });

  it("GIVEN a header date WHEN read THEN it is the header's, and the body's dateline stays apart", () => {
    const { meta, fromText } = parseLayout(
      "Date: 2024-02-03\n\nSHANTOU, Feb. 1, 2024 (Harbour Wire) -- Output rose 4 percent.",
    );
    expect(meta.published).toBe("2024-02-03");
    expect(fromText.published).toBe("2024-02-01");
  });

  it("GIVEN a 'Source: unknown' placeholder WHEN read THEN no publisher is stated", () => {
    expect(parseLayout("Title: T\nSource: unknown\n\nOutput rose.").meta.publisher).toBe(null);
  });
});

describe("dateFromUrl", () => {
  it("GIVEN each path style WHEN read THEN the date is found", () => {
    expect(dateFromUrl("https://example.test/news/2024/02/01/port.html")).toBe("2024-02-01");
    expect(dateFromUrl("https://example.test/content/2024-02/01/c_77.htm")).toBe("2024-02-01");
    expect(dateFromUrl("https://example.test/n3/2024/0201/c90000-123.html")).toBe("2024-02-01");
    expect(dateFromUrl("https://example.test/gk/202402/t20240201_4455.html")).toBe("2024-02-01");
  });

  it("GIVEN a path with no whole date, a long number or a date only in the host WHEN read THEN nothing", () => {
    expect(dateFromUrl("https://example.test/news/2024/port.html")).toBe(null);
    expect(dateFromUrl("https://example.test/a/c90000-20371642.html")).toBe(null);
    expect(dateFromUrl("https://a20240201.example.test/port.html")).toBe(null);
    expect(dateFromUrl("https://example.test/news/2024/02/30/port.html")).toBe(null);
  });
});

describe("publisherFromUrl", () => {
  it("GIVEN a well-known host or a subdomain of one WHEN read THEN the table's name", () => {
    expect(publisherFromUrl("http://www.xinhuanet.com/english/2024-02/01/c_1.htm")).toBe("Xinhua");
    expect(publisherFromUrl("https://english.news.cn/20240201/abc/c.html")).toBe("Xinhua");
    expect(publisherFromUrl("http://guangdong.chinadaily.com.cn/2024-02/01/c_1.htm")).toBe("China Daily");
    expect(publisherFromUrl("https://www.stats.gov.cn/english/PressRelease/")).toBe(
      "National Bureau of Statistics",
    );
  });

  it("GIVEN any other host WHEN read THEN its registrable domain", () => {
    expect(publisherFromUrl("https://news.example.org/a.html")).toBe("example.org");
    expect(publisherFromUrl("http://english.harbourcity.gov.cn/a.htm")).toBe("harbourcity.gov.cn");
    expect(registrableDomain("www.example.co.uk")).toBe("example.co.uk");
  });

  it("GIVEN no site (an address, a file, junk) WHEN read THEN null", () => {
    expect(publisherFromUrl("http://127.0.0.1:8080/a")).toBe(null);
    expect(publisherFromUrl("file:///tmp/a.txt")).toBe(null);
    expect(publisherFromUrl("not a link")).toBe(null);
    expect(publisherFromUrl(null)).toBe(null);
  });
});

describe("resolveProvenance", () => {
  const none = { publisher: null, published: null };

  it("GIVEN a stated publisher and date WHEN resolved THEN they stand, unmarked", () => {
    const stated = {
      url: "https://www.xinhuanet.com/2024/02/01/a.htm",
      publisher: "Harbour Wire",
      published: "2024-02-03",
    };
    expect(resolveProvenance(stated, { publisher: "Other", published: "2024-01-01" })).toEqual({
      publisher: "Harbour Wire",
      published: "2024-02-03",
    });
  });

  it("GIVEN only a link WHEN resolved THEN publisher and date come from it, marked 'link'", () => {
    expect(
      resolveProvenance(
        { url: "https://www.xinhuanet.com/2024/02/01/a.htm", publisher: null, published: null },
        none,
      ),
    ).toEqual({
      publisher: "Xinhua",
      published: "2024-02-01",
      inferred: { publisher: "link", published: "link" },
    });
  });

  it("GIVEN a dateline and a link WHEN resolved THEN the text comes before the link", () => {
    const url = "https://news.example.org/2024/02/02/a.htm";
    expect(
      resolveProvenance(
        { url, publisher: null, published: null },
        { publisher: "Harbour Wire", published: "2024-02-01" },
      ),
    ).toEqual({
      publisher: "Harbour Wire",
      published: "2024-02-01",
      inferred: { publisher: "text", published: "text" },
    });
  });

  it("GIVEN nothing at all WHEN resolved THEN both stay unknown, with no marker", () => {
    expect(resolveProvenance({ url: null, publisher: null, published: null }, none)).toEqual({
      publisher: null,
      published: null,
    });
  });
});
