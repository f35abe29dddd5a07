/**
 * The reference tables in `data/`: Guangdong's regions and the metric vocabulary. Loaded once,
 * validated with zod, shared by extraction and query understanding so both speak one language.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { packageRoot } from "../core/package-root.js";

/** Absolute path of the project's `data/` folder, ending in a separator. */
export const BUNDLED_DATA_DIR = path.join(packageRoot(import.meta.url), "data", path.sep);

const RegionSchema = z.object({
  name: z.string(),
  kind: z.enum(["province", "city", "area", "country"]),
  zh: z.array(z.string()),
  aliases: z.array(z.string()),
  gba: z.boolean().optional(),
});
export type Region = z.infer<typeof RegionSchema>;

const MetricSchema = z.object({
  name: z.string(),
  synonyms: z.array(z.string()),
  zh: z.array(z.string()),
  /** How people ask for the metric in questions ("how many people live in"): queries only, never extraction. */
  paraphrases: z.array(z.string()).optional(),
  kind: z.enum(["money", "count", "percent", "people", "length"]),
});
export type Metric = z.infer<typeof MetricSchema>;

const VariantSchema = z.object({
  suffix: z.string().optional(),
  prefix: z.string().optional(),
  synonyms: z.array(z.string()),
  zh: z.array(z.string()),
});
export type MetricVariant = z.infer<typeof VariantSchema>;

/** Reads and validates one table of `data/`; a bad table stops start-up, naming the file. */
export function loadJson<T>(file: string, schema: z.ZodType<T>): T {
  const location = `${BUNDLED_DATA_DIR}${file}`;
  const parsed = schema.safeParse(JSON.parse(readFileSync(location, "utf8")));
  if (!parsed.success)
    throw new Error(`${location} is not a valid reference table:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Guangdong, its 21 prefecture-level cities, the Greater Bay Area and China. */
export const REGIONS: readonly Region[] = loadJson(
  "regions.json",
  z.object({ regions: z.array(RegionSchema) }),
).regions;

const metricsFile = loadJson(
  "metrics.json",
  z.object({ metrics: z.array(MetricSchema), variants: z.array(VariantSchema) }),
);
/** Canonical metrics with their English and Chinese synonyms. */
export const METRICS: readonly Metric[] = metricsFile.metrics;
/** Growth, target and share-of variants that combine with any metric (`gdp growth target`). */
export const METRIC_VARIANTS: readonly MetricVariant[] = metricsFile.variants;

const OutsidePlaceSchema = z.object({
  name: z.string(),
  kind: z.enum(["sar", "province", "city", "country"]),
  aliases: z.array(z.string()),
  zh: z.array(z.string()),
});
export type OutsidePlace = z.infer<typeof OutsidePlaceSchema>;

/**
 * Places the bot does not cover (Hong Kong, Macao, other provinces, countries). Recognising
 * them keeps "macau gdp" from being answered with Guangdong's figure, and keeps a figure an
 * article gives for Jiangsu from being filed under a Guangdong region.
 */
export const OUTSIDE_PLACES: readonly OutsidePlace[] = loadJson(
  "outside-places.json",
  z.object({ places: z.array(OutsidePlaceSchema) }),
).places;

/** The canonical region with this exact name, if any. */
export function regionByName(name: string): Region | undefined {
  const lower = name.toLowerCase();
  return REGIONS.find((r) => r.name.toLowerCase() === lower);
}
