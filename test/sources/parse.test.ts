/** Feeds and pages to items and article text, from fixture files: no network. */
import { describe, expect, it } from "vitest";
import { SourceError } from "../../src/sources/errors.js";
import { parseFeed } from "../../src/sources/feeds.js";
import { htmlToArticle, htmlToText, isoDateOf } from "../../src/sources/html.js";
import { fixture } from "./server.js";

const BASE = "http://127.0.0.1:8080/feeds/x.xml";

describe("parseFeed", () => {
  it("GIVEN an RSS 2.0 feed THEN each item has its title, link, feed-local date and full content as paragraphs", () => {
    const feed = parseFeed(fixture("gd-news.rss.xml"), BASE);
    expect(feed).toMatchObject({ format: "rss", title: "Guangdong Provincial Government – News" });
    const [first] = feed.entries;
    expect(first?.ok && first.item).toMatchObject({
      title: "Guangdong's economy grows 3.4% in first three quarters",
      link: "https://www.gd.gov.cn/news/2024-10/25/gdp-q3.html",
      published: "2024-10-25",
    });
    const text = first?.ok ? first.item.text : "";
    // content:encoded wins over the one-line description, and its HTML becomes paragraphs.
    expect(text.split("\n\n")).toHaveLength(3);
    expect(text).toContain("domestic demand & stabilise");
  });

  it("GIVEN an Atom feed THEN relative links resolve against the feed URL and xhtml content is read", () => {
    const feed = parseFeed(fixture("gd-stats.atom.xml"), BASE);
    expect(feed.format).toBe("atom");
    const items = feed.entries.map((e) => (e.ok ? e.item : null));
    expect(items[0]).toMatchObject({
      link: "http://127.0.0.1:8080/pages/foshan-h1.html",
      published: "2024-08-20",
    });
    expect(items[0]?.text).toBe("Foshan releases its half-year figures.");
    expect(items[1]?.text).toMatch(/^Guangzhou's GDP in the first half of 2024 reached 1\.45 trillion yuan/);
    expect(items[1]?.text).toContain("560.2 billion yuan in the period & remained");
  });

  it("GIVEN an item without a link THEN it is an error entry naming the item", () => {
    const [entry] = parseFeed(fixture("no-link.rss.xml"), BASE).entries;
    expect(entry?.ok).toBe(false);
    expect(!entry?.ok && entry?.error.failure).toBe("missing-link");
  });

  it("GIVEN malformed XML THEN a SourceError gives the line and column", () => {
    expect(() => parseFeed(fixture("malformed.rss.xml"), BASE)).toThrow(
      /malformed XML at line 9, column \d+: Expected closing tag 'item'/,
    );
  });

  it("GIVEN well-formed XML that is not a feed THEN the error names the root element", () => {
    expect(() => parseFeed("<html><body/></html>", BASE)).toThrow(
      /not an RSS or Atom feed \(the document's root is <html>\)/,
    );
  });
});

describe("htmlToArticle", () => {
  it("GIVEN an article page THEN title, date and body come out without navigation, sidebar or footer", () => {
    const page = htmlToArticle(fixture("foshan-h1.html"), "http://x/p");
    expect(page).toMatchObject({
      title: "Foshan economy in the first half of 2024",
      published: "2024-08-20",
      siteName: "Guangdong Statistics",
    });
    expect(page.text).toMatch(/^Foshan's GDP in the first half of 2024 reached 640\.2 billion yuan/);
    expect(page.text).not.toMatch(/Copyright|Related|Home \|/);
  });

  it("GIVEN a listing page THEN it is a no-article SourceError", () => {
    const error = (() => {
      try {
        htmlToArticle(fixture("listing.html"), "http://x/l");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).failure).toBe("no-article");
  });
});

describe("htmlToText and isoDateOf", () => {
  it("GIVEN blocks, line breaks and scripts THEN paragraphs are kept and scripts dropped", () => {
    expect(htmlToText("<div><p>GDP  rose.</p><script>x()</script><p>Exports<br>fell.</p></div>")).toBe(
      "GDP rose.\n\nExports\nfell.",
    );
  });

  it("GIVEN dates as feeds and pages write them THEN the publisher's own calendar day is kept", () => {
    expect(isoDateOf("2024-08-20T23:30:00+08:00")).toBe("2024-08-20");
    expect(isoDateOf("Fri, 25 Oct 2024 10:30:00 +0800")).toBe("2024-10-25");
    expect(isoDateOf("2024年8月20日")).toBe("2024-08-20");
    expect(isoDateOf("yesterday")).toBeNull();
  });
});
