/**
 * Test facts: the answer key in `test/fixtures/gold/*.json` turned into StoredFacts (ids like
 * the extractor's `region.metric-slug.period`, one hand-made SourceRef per article), plus a few
 * clearly SYNTHETIC facts for other cities and years so ranking has something to rank against.
 * The synthetic figures are invented; their source says so.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import {
  type ExtractedFact,
  ExtractedFactSchema,
  type SourceRef,
  type StoredFact,
  StoredFactSchema,
} from "../../src/facts/fact.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const GOLD_DIR = `${ROOT}test/fixtures/gold/`;
const ARTICLES_DIR = `${ROOT}data/articles/`;

const GoldEntrySchema = z.object({
  region: z.string(),
  metric: z.string(),
  period: z.string().nullable(),
  value: z.number(),
  unit: z.string(),
  qualifier: ExtractedFactSchema.shape.qualifier,
  core: z.boolean(),
  quote: z.string(),
});

/** What each article's header says, read by hand (title, link, date). */
const ARTICLE_HEADERS: Record<string, Omit<SourceRef, "hash">> = {
  "000_89dfd577cdb2ab47": {
    title: "Guangdong to play a leading role in contributing to China's stable growth",
    url: null,
    publisher: "PRNewswire / GDToday",
    published: "2024-03-31",
  },
  "001_8f005e191d5a6f7f": {
    title: "New productive forces fuel growth in Guangdong",
    url: "https://www.lifeofguangzhou.com/content/202501/16/170602_54776028.htm",
    publisher: "Life of Guangzhou",
    published: null,
  },
  "002_5209baac713e10c0": {
    title: "Guangdong Provincial Delegation holds plenary meeting at the 14th NPC second session",
    url: null,
    publisher: "PRNewswire",
    published: "2024-03-08",
  },
  "003_846c86ca840969d5": {
    title: "Guangdong will work hard to promote high-quality development",
    url: null,
    publisher: "Hangzhou Net",
    published: "2023-01-31",
  },
  "004_2d092d3b8f9d1fb1": {
    title: "GDP target growth is 5%! This is how Zhaoqing will fight for the economy this year 2024",
    url: null,
    publisher: "Invest in Zhaoqing",
    published: "2024-02-02",
  },
};

const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/** The extractor's id shape: `region.metric-slug.period` (period left out when there is none). */
export function factId(region: string, metric: string, period: string | null): string {
  return [slug(region), slug(metric), ...(period === null ? [] : [period.toLowerCase()])].join(".");
}

type FactSpec = Pick<
  ExtractedFact,
  "region" | "metric" | "period" | "value" | "unit" | "qualifier" | "quote"
>;

function toStored(spec: FactSpec, source: SourceRef, firstSeenAt: string, taken: Set<string>): StoredFact {
  let id = factId(spec.region, spec.metric, spec.period);
  // Two figures for one region, metric and period (yuan and dollars) need distinct ids.
  for (let n = 2; taken.has(id); n++) id = `${factId(spec.region, spec.metric, spec.period)}~${n}`;
  taken.add(id);
  return StoredFactSchema.parse({
    id,
    ...spec,
    source,
    confidence: 0.9,
    citations: [{ source, quote: spec.quote }],
    firstSeenAt,
    retracted: null,
  });
}

/** Every gold entry as a StoredFact, with the article it came from. First seen one day apart per article. */
export function goldFacts(): StoredFact[] {
  const taken = new Set<string>();
  const files = readdirSync(GOLD_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort();
  return files.flatMap((file, index) => {
    const base = file.replace(/\.json$/, "");
    const header = ARTICLE_HEADERS[base];
    if (!header) throw new Error(`test/support/gold-facts.ts has no header for ${base}; add one`);
    const text = readFileSync(`${ARTICLES_DIR}${base}.txt`, "utf8");
    const source: SourceRef = { ...header, hash: createHash("sha256").update(text).digest("hex") };
    const entries = z.array(GoldEntrySchema).parse(JSON.parse(readFileSync(`${GOLD_DIR}${file}`, "utf8")));
    const firstSeenAt = new Date(Date.UTC(2025, 0, 1 + index)).toISOString();
    return entries.map(({ core: _core, ...spec }) => toStored(spec, source, firstSeenAt, taken));
  });
}

function syntheticSource(published: string): SourceRef {
  return {
    title: `SYNTHETIC test source ${published} (invented figures)`,
    url: null,
    publisher: "synthetic test data",
    published,
    hash: createHash("sha256").update(`synthetic ${published}`).digest("hex"),
  };
}

/**
 * SYNTHETIC facts, invented for ranking tests: other cities, other years, sub-year periods.
 * Never real figures.
 */
export function syntheticFacts(): StoredFact[] {
  const taken = new Set<string>();
  const specs: [FactSpec, string][] = [
    [
      {
        region: "Shenzhen",
        metric: "gdp",
        period: "2023",
        value: 3.46e12,
        unit: "CNY",
        qualifier: "exact",
        quote: "Shenzhen's GDP reached 3.46 trillion yuan in 2023 (synthetic)",
      },
      "2024-01-20",
    ],
    [
      {
        region: "Shenzhen",
        metric: "gdp",
        period: "2024",
        value: 3.68e12,
        unit: "CNY",
        qualifier: "exact",
        quote: "Shenzhen's GDP reached 3.68 trillion yuan in 2024 (synthetic)",
      },
      "2025-01-20",
    ],
    [
      {
        region: "Shenzhen",
        metric: "gdp growth",
        period: "2024",
        value: 5.8,
        unit: "percent",
        qualifier: "exact",
        quote: "Shenzhen's economy grew 5.8% in 2024 (synthetic)",
      },
      "2025-01-20",
    ],
    [
      {
        region: "Guangzhou",
        metric: "gdp",
        period: "2023",
        value: 3.04e12,
        unit: "CNY",
        qualifier: "exact",
        quote: "Guangzhou's GDP was 3.04 trillion yuan in 2023 (synthetic)",
      },
      "2024-01-25",
    ],
    [
      {
        region: "Guangzhou",
        metric: "gdp",
        period: "2024",
        value: 3.1e12,
        unit: "CNY",
        qualifier: "exact",
        quote: "Guangzhou's GDP was 3.10 trillion yuan in 2024 (synthetic)",
      },
      "2025-01-25",
    ],
    [
      {
        region: "Guangzhou",
        metric: "gdp growth",
        period: "2024",
        value: 2.1,
        unit: "percent",
        qualifier: "exact",
        quote: "Guangzhou's GDP grew 2.1% year on year in 2024 (synthetic)",
      },
      "2025-01-25",
    ],
    [
      {
        region: "Zhaoqing",
        metric: "gdp",
        period: "2022",
        value: 2.7e11,
        unit: "CNY",
        qualifier: "exact",
        quote: "Zhaoqing's GDP was 270 billion yuan in 2022 (synthetic)",
      },
      "2023-02-01",
    ],
    [
      {
        region: "Guangdong",
        metric: "gdp",
        period: "2022",
        value: 1.29e13,
        unit: "CNY",
        qualifier: "exact",
        quote: "Guangdong's GDP was 12.9 trillion yuan in 2022 (synthetic)",
      },
      "2023-01-30",
    ],
    [
      {
        region: "Guangdong",
        metric: "gdp",
        period: "2024-H1",
        value: 6.6e12,
        unit: "CNY",
        qualifier: "exact",
        quote: "Guangdong's GDP in the first half of 2024 was 6.6 trillion yuan (synthetic)",
      },
      "2024-07-20",
    ],
    [
      {
        region: "Guangdong",
        metric: "import and export volume",
        period: "2023",
        value: 8.3e12,
        unit: "CNY",
        qualifier: "exact",
        quote: "Guangdong's foreign trade totalled 8.3 trillion yuan in 2023 (synthetic)",
      },
      "2024-01-18",
    ],
    [
      {
        region: "Guangdong",
        metric: "retail sales of consumer goods",
        period: "2024-01-to-09",
        value: 3.5e12,
        unit: "CNY",
        qualifier: "exact",
        quote: "Retail sales of consumer goods in January-September 2024 were 3.5 trillion yuan (synthetic)",
      },
      "2024-10-25",
    ],
    [
      {
        region: "Foshan",
        metric: "import and export volume",
        period: "2024",
        value: 7.5e11,
        unit: "CNY",
        qualifier: "exact",
        quote: "Foshan's imports and exports came to 750 billion yuan in 2024 (synthetic)",
      },
      "2025-01-28",
    ],
    [
      {
        region: "Shenzhen",
        metric: "high-tech enterprises",
        period: "2024",
        value: 25000,
        unit: "count",
        qualifier: "over",
        quote: "Shenzhen has more than 25,000 national high-tech enterprises (synthetic)",
      },
      "2025-02-10",
    ],
    [
      {
        region: "Shenzhen",
        metric: "exports",
        period: "2024-Q1",
        value: 5.2e11,
        unit: "CNY",
        qualifier: "exact",
        quote: "Shenzhen's exports in the first quarter of 2024 were 520 billion yuan (synthetic)",
      },
      "2024-04-20",
    ],
    [
      {
        region: "Dongguan",
        metric: "population",
        period: "2023",
        value: 10.48e6,
        unit: "people",
        qualifier: "exact",
        quote: "Dongguan's permanent population was 10.48 million at the end of 2023 (synthetic)",
      },
      "2024-03-01",
    ],
    [
      {
        region: "Foshan",
        metric: "per capita disposable income",
        period: "2023",
        value: 70000,
        unit: "CNY",
        qualifier: "approx",
        quote: "Per capita disposable income of Foshan residents was about 70,000 yuan (synthetic)",
      },
      "2024-02-15",
    ],
  ];
  return specs.map(([spec, published], index) =>
    toStored(spec, syntheticSource(published), new Date(Date.UTC(2025, 1, 1 + index)).toISOString(), taken),
  );
}
