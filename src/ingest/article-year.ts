/**
 * The year an article is "about" when its header gives no publication date: read from the
 * title, then the URL, then the body's first stated year. Relative periods ("this year",
 * "last year") and bare sub-periods ("the first quarter") of an undated article resolve
 * against it, and every fact whose year came this way says so in its reasons.
 */
import { findPeriods, yearOnYearBaseYears } from "./periods.js";

/** Where an undated article's year came from. */
export type ArticleYearSource = "title" | "url" | "body";

export interface ArticleYear {
  year: number;
  from: ArticleYearSource;
}

// A year in a URL path: "/2023-05/12/", "/202106/t2021…", "/n3/2024/0311/", "/html/2019/".
const URL_YEAR = /\/(?:[a-z]?)(19[89]\d|20[0-4]\d)(?:[-_]?(?:0[1-9]|1[0-2]))?(?=[/_.-]|$)/i;

/** The year a URL's path names, if any. */
export function yearFromUrl(url: string | null | undefined): number | undefined {
  if (!url) return undefined;
  const path = url.replace(/^[a-z]+:\/\/[^/]+/i, "");
  const m = URL_YEAR.exec(path);
  return m ? Number(m[1]) : undefined;
}

function firstExplicitYear(text: string): number | undefined {
  return findPeriods(text).find((m) => m.year !== undefined)?.year;
}

/**
 * The undated article's year, or undefined when nothing names one.
 * @example articleYear({ title: "Exports in 2023", url: null, body: "" }) is { year: 2023, from: "title" }
 */
export function articleYear(input: {
  title: string | null;
  url: string | null;
  body: string;
}): ArticleYear | undefined {
  const fromTitle = input.title ? firstExplicitYear(input.title) : undefined;
  if (fromTitle !== undefined) return { year: fromTitle, from: "title" };
  const fromUrl = yearFromUrl(input.url);
  if (fromUrl !== undefined) return { year: fromUrl, from: "url" };
  // "up 7 percent from the same period in 2021": the article reports the year after its base.
  const bases = yearOnYearBaseYears(input.body);
  if (bases.length > 0) return { year: Math.max(...bases) + 1, from: "body" };
  const fromBody = firstExplicitYear(input.body);
  return fromBody === undefined ? undefined : { year: fromBody, from: "body" };
}
