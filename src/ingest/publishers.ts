/**
 * Who published a document, judged from its link when the header names nobody: a table of
 * well-known hosts (`data/publishers.json`), else the site's registrable domain ("example.org"),
 * which says more than "unknown" and never claims a name the link does not show.
 */
import { z } from "zod";
import { loadJson } from "../facts/reference.js";

const HostSchema = z
  .string()
  .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, "a host must be a lower-case domain such as example.org");

const PUBLISHERS: ReadonlyMap<string, string> = new Map(
  Object.entries(
    loadJson(
      "publishers.json",
      z.object({ comment: z.string().optional(), publishers: z.record(HostSchema, z.string().min(1)) }),
    ).publishers,
  ),
);

// Second-level labels under which each name is its own site ("foshan.gov.cn", "example.co.uk").
const SHARED_SECOND_LEVEL = new Set([
  "com.cn",
  "net.cn",
  "org.cn",
  "gov.cn",
  "edu.cn",
  "ac.cn",
  "com.hk",
  "org.hk",
  "gov.hk",
  "edu.hk",
  "com.mo",
  "gov.mo",
  "com.tw",
  "gov.tw",
  "com.sg",
  "gov.sg",
  "co.uk",
  "org.uk",
  "gov.uk",
  "ac.uk",
  "co.jp",
  "com.au",
  "gov.au",
  "co.nz",
  "org.nz",
]);

/** The host of an http(s) link, lower-case and without `www.`; null for anything else. */
export function hostOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
  const host = parsed.hostname.toLowerCase().replace(/\.$/, "");
  // An address or a one-label name ("localhost") names no site.
  if (!host.includes(".") || /^[\d.]+$/.test(host) || host.startsWith("[")) return null;
  return host.replace(/^www\d*\./, "");
}

/** `news.example.org` → `example.org`; `gd.example.gov.cn` → `example.gov.cn`. */
export function registrableDomain(host: string): string {
  const labels = host.split(".");
  const lastTwo = labels.slice(-2).join(".");
  const keep = SHARED_SECOND_LEVEL.has(lastTwo) ? 3 : 2;
  return labels.slice(-keep).join(".");
}

/**
 * The publisher a link implies: a listed host (or a subdomain of one, the longest listed match
 * winning), else the registrable domain; null when the link names no site.
 * @example publisherFromUrl("https://english.news.cn/2024/x.htm") === "Xinhua"
 */
export function publisherFromUrl(url: string | null): string | null {
  const host = url ? hostOf(url) : null;
  if (!host) return null;
  const labels = host.split(".");
  for (let i = 0; i < labels.length - 1; i++) {
    const known = PUBLISHERS.get(labels.slice(i).join("."));
    if (known) return known;
  }
  return registrableDomain(host);
}
