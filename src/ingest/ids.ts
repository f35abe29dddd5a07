/**
 * Readable, stable fact ids: `region.metric-slug.period`, e.g. `zhaoqing.gdp.2023`, with the
 * unit appended when it is not the metric's natural one (`guangdong.gdp.2024.usd`). The same
 * figure read from two articles gets the same id, which is what lets the store merge them.
 */
import { createHash } from "node:crypto";

/**
 * A short stable name for a Chinese phrase outside the vocabulary: `m-` and 8 hex digits of
 * its SHA-256, so `第一产业增加值` reads as one token in an id instead of a long code-point run.
 */
export function hanToken(han: string): string {
  return `m-${createHash("sha256").update(han, "utf8").digest("hex").slice(0, 8)}`;
}

/**
 * Lower-case slug of letters and digits joined by single hyphens (`r&d` → `r-and-d`); a run
 * of Chinese characters becomes one `m-<8 hex>` token.
 */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9\u3400-\u9fff]+/g, "-")
    .replace(/[\u3400-\u9fff]+/g, (han) => `-${hanToken(han)}-`)
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
}

// Units every metric may be stated in without saying so in the id.
const PLAIN_UNITS = new Set(["CNY", "percent", "count", "people", "km", "years", "rank"]);

/**
 * The id of a fact. `naturalUnit` is the metric's usual unit ("" when the metric is not in the
 * vocabulary). The unit is appended when it differs from that, or is not one of the plain units.
 * @example factId("Guangdong", "gdp", "2024", "USD", "CNY") === "guangdong.gdp.2024.usd"
 */
export function factId(
  region: string,
  metric: string,
  period: string | null,
  unit: string,
  naturalUnit: string,
): string {
  const parts = [
    slug(region) || "unknown",
    slug(metric) || "figure",
    period ? period.toLowerCase() : "undated",
  ];
  if (!PLAIN_UNITS.has(unit) || (naturalUnit !== "" && unit !== naturalUnit)) parts.push(slug(unit));
  return parts.join(".");
}
