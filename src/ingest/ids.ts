/**
 * Readable, stable fact ids: `region.metric-slug.period`, e.g. `zhaoqing.gdp.2023`, with the
 * unit appended when it is not the metric's natural one (`guangdong.gdp.2024.usd`). The same
 * figure read from two articles gets the same id, which is what lets the store merge them.
 */

/** Lower-case slug of letters and digits joined by single hyphens (`r&d` → `r-and-d`). */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9\u4e00-\u9fff]+/g, "-")
    .replace(/[\u4e00-\u9fff]+/g, (han) => `u${[...han].map((c) => c.codePointAt(0)?.toString(16)).join("")}`)
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
