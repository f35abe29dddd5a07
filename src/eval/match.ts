/**
 * When an extracted figure counts as a gold figure. These rules mirror the shared scorer
 * (`../shared/tools/score-extract.mjs`) one for one, so that `npm run eval` and the scorer give
 * the same numbers. Keep them in step: if the scorer changes, change this module the same way.
 *
 * Loose: same region, unit and period (a gold period of null accepts any) and a value within
 * 0.5% of the gold one. Strict: also the same metric family where the gold metric names one, and
 * the same kind (level, growth, share). Each check is exported on its own so that a failed match
 * can be explained by the first check it fails.
 */

/** What the rules look at in a gold or an extracted figure. */
export interface Measured {
  region: string;
  metric: string;
  period: string | null;
  value: number;
  unit: string;
}

/** Relative tolerance on values: 0.5% of the gold value. */
export const VALUE_TOLERANCE = 0.005;

const UNIT_SYNONYMS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ["cny", ["cny", "rmb", "yuan", "renminbi"]],
  ["usd", ["usd", "us", "dollar", "dollars"]],
  ["percent", ["percent", "%", "pct"]],
  ["count", ["count", "people", "persons", "enterprises", "units", "number"]],
];

/**
 * The comparable form of a unit: lower case, letters and `%` only, synonyms folded.
 * @example unitOf("RMB") === "cny"; unitOf("people") === "count"; unitOf("percentage points") === "percentagepoints"
 */
export function unitOf(unit: string | null | undefined): string {
  const s = String(unit ?? "")
    .toLowerCase()
    .replace(/[^a-z%]/g, "");
  for (const [canonical, names] of UNIT_SYNONYMS) if (names.includes(s)) return canonical;
  return s;
}

/** The comparable form of a period: upper case, letters and digits only; null stays null. */
export function periodOf(period: string | null | undefined): string | null {
  return period == null
    ? null
    : String(period)
        .toUpperCase()
        .replace(/[^0-9A-Z]/g, "");
}

/** The comparable form of a region: lower-case letters only. */
export function regionOf(region: string | null | undefined): string {
  return String(region ?? "")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
}

/** True when `value` is within {@link VALUE_TOLERANCE} of `gold`, relative to the gold value. */
export function closeTo(value: number, gold: number): boolean {
  if (typeof value !== "number" || typeof gold !== "number") return false;
  if (gold === 0) return Math.abs(value) < 1e-9;
  return Math.abs(value - gold) / Math.abs(gold) <= VALUE_TOLERANCE;
}

/** A metric family: what is measured, independent of level, growth or share. */
export type Family =
  | "primary"
  | "secondary"
  | "tertiary"
  | "trade"
  | "exports"
  | "imports"
  | "retail"
  | "fai"
  | "industry"
  | "revenue"
  | "income"
  | "fdi"
  | "rnd"
  | "gdp"
  | "population";

// Order matters: the first pattern that matches names the family, so the sectors come before
// GDP and total trade comes before exports and imports.
const FAMILIES: ReadonlyArray<readonly [Family, RegExp]> = [
  ["primary", /primary (industry|sector)|第一产业/],
  ["secondary", /secondary (industry|sector)|第二产业/],
  ["tertiary", /tertiary (industry|sector)|service sector|第三产业/],
  ["trade", /import and export|imports and exports|foreign trade|total trade|external trade|进出口|外贸/],
  ["exports", /export|出口/],
  ["imports", /import|进口/],
  ["retail", /retail|消费品零售/],
  ["fai", /fixed[- ]asset|固定资产/],
  [
    "industry",
    /industrial (added value|output)|industries above designated size|above designated size|规上工业|工业增加值/,
  ],
  ["revenue", /budget revenue|fiscal revenue|财政收入|预算收入/],
  ["income", /disposable income|可支配收入/],
  ["fdi", /foreign capital|foreign direct investment|\bfdi\b|外资/],
  ["rnd", /r&d|research and development|研发/],
  ["gdp", /\bgdp\b|gross domestic product|economic output|地区生产总值|生产总值/],
  ["population", /population|permanent residents|常住人口/],
];

/**
 * The family a metric name belongs to, or null when it names none of them.
 * @example familyOf("foreign trade growth") === "trade"; familyOf("CPI") === null
 */
export function familyOf(metric: string | null | undefined): Family | null {
  const s = String(metric ?? "").toLowerCase();
  for (const [family, pattern] of FAMILIES) if (pattern.test(s)) return family;
  return null;
}

/** Whether a figure is a level, a growth rate, a share, or a level stated in percent. */
export type Kind = "share" | "growth" | "percent-level" | "level";

/** The kind of a figure, from its metric name and unit. */
export function kindOf(metric: string | null | undefined, unit: string | null | undefined): Kind {
  const s = String(metric ?? "").toLowerCase();
  if (/share|proportion|accounting|ratio|占/.test(s)) return "share";
  if (/growth|increase|change|rise|decline|grew|增长|增速/.test(s)) return "growth";
  return unitOf(unit) === "percent" ? "percent-level" : "level";
}

/** Same region once normalised. */
export function sameRegion(x: Measured, gold: Measured): boolean {
  return regionOf(x.region) === regionOf(gold.region);
}

/** Same unit once normalised. */
export function sameUnit(x: Measured, gold: Measured): boolean {
  return unitOf(x.unit) === unitOf(gold.unit);
}

/** Value within tolerance of the gold value. */
export function sameValue(x: Measured, gold: Measured): boolean {
  return closeTo(Number(x.value), gold.value);
}

/** Same period once normalised; a gold figure without a period accepts any. */
export function samePeriod(x: Measured, gold: Measured): boolean {
  return gold.period == null || periodOf(x.period) === periodOf(gold.period);
}

/** Same family, where the gold metric names one. */
export function sameFamily(x: Measured, gold: Measured): boolean {
  const goldFamily = familyOf(gold.metric);
  return goldFamily === null || familyOf(x.metric) === goldFamily;
}

/**
 * Same kind. One exception: a gold target stated in percent ("growth target of 5%") has no
 * growth word of its own, so an extracted growth figure is accepted for it. The test for
 * "target" is on the gold metric as written (case-sensitive), exactly as in the shared scorer.
 */
export function sameKind(x: Measured, gold: Measured): boolean {
  const goldKind = kindOf(gold.metric, gold.unit);
  const kind = kindOf(x.metric, x.unit);
  return (
    goldKind === kind ||
    (goldKind === "percent-level" && kind === "growth" && /target/.test(String(gold.metric)))
  );
}

/** Loose match: region, unit, value and period agree. */
export function matchesLoose(x: Measured, gold: Measured): boolean {
  return sameRegion(x, gold) && sameUnit(x, gold) && sameValue(x, gold) && samePeriod(x, gold);
}

/** Strict match: a loose match that also measures the same thing (family and kind). */
export function matchesStrict(x: Measured, gold: Measured): boolean {
  return matchesLoose(x, gold) && sameFamily(x, gold) && sameKind(x, gold);
}

/** A way of deciding whether an extracted figure is a given gold figure. */
export type Matcher = (x: Measured, gold: Measured) => boolean;

// Units the answer key does not label by convention (ranks, streaks, multiples,
// percentage-point gaps), in their normalised form.
const UNLABELLED_UNITS = new Set(["years", "rank", "other", "ranking", "times", "percentagepoints", "pp"]);

/** True for figures never counted against precision, because the key does not label their kind. */
export function ignoredForPrecision(x: Pick<Measured, "unit">): boolean {
  return UNLABELLED_UNITS.has(unitOf(x.unit));
}

/** Hits and precision counts of one set of facts against one article's gold. */
export interface MatchCounts {
  /** Gold figures matched (each by a different fact). */
  hit: number;
  /** Core gold figures matched. */
  coreHit: number;
  /** Facts counted for precision (not {@link ignoredForPrecision}). */
  counted: number;
  /** Counted facts that match some gold figure (not necessarily one of their own). */
  correct: number;
  /** For each gold figure, the index of the fact that took it, or -1. */
  takenBy: number[];
}

/**
 * Scores `facts` against `gold`. Recall is a greedy one-to-one matching: each gold figure, in
 * order, takes the first fact not yet taken that matches it. Precision is not one-to-one: a
 * counted fact is correct when it matches any gold figure.
 */
export function scoreFacts(
  facts: readonly Measured[],
  gold: readonly (Measured & { core: boolean })[],
  match: Matcher,
): MatchCounts {
  const used = new Set<number>();
  let hit = 0;
  let coreHit = 0;
  const takenBy = gold.map((g) => {
    const i = facts.findIndex((x, k) => !used.has(k) && match(x, g));
    if (i < 0) return -1;
    used.add(i);
    hit++;
    if (g.core !== false) coreHit++;
    return i;
  });
  const counted = facts.filter((x) => !ignoredForPrecision(x));
  const correct = counted.filter((x) => gold.some((g) => match(x, g))).length;
  return { hit, coreHit, counted: counted.length, correct, takenBy };
}
