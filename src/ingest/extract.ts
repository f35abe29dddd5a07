/**
 * The extraction pipeline for one article: layout and metadata, sentences, figure candidates,
 * then for each figure its region, period, metric, qualifier and sign, read from the sentence
 * first and from the paragraph and article around it when the sentence does not say.
 * Deterministic and pure: the same text always gives the same facts.
 *
 * Context rules, and why:
 * - Region: the nearest owner in the figure's clause, else one named after it in the clause
 *   ("in the province"), else the nearest before it in the sentence, else the last one named
 *   earlier in the paragraph, else the article's subject.
 * - Period: the nearest period in the clause, else in the sentence, else the last period
 *   named earlier in the paragraph. Past the paragraph, a report of results inherits the last
 *   results period of the article; a plan inherits only the previous paragraph's plan period,
 *   because plans without a year rarely refer back further.
 */
import {
  type ExtractedFact,
  ExtractedFactSchema,
  IsoDateSchema,
  type Qualifier,
  type SourceRef,
} from "../facts/fact.js";
import { figureKey } from "../facts/merge.js";
import { REGIONS } from "../facts/reference.js";
import { articleYear } from "./article-year.js";
import {
  assess,
  hasKindMismatch,
  isFragment,
  isImplausibleAmount,
  namesSingleEntity,
  type PeriodEvidence,
  SERVING_THRESHOLD,
} from "./confidence.js";
import { type Figure, findFigures } from "./figures.js";
import { gluedTableFigures } from "./glued-table.js";
import { factId } from "./ids.js";
import { limitDocument, limitSentences, quoteWindow } from "./limits.js";
import { contentHash, parseLayout } from "./metadata.js";
import {
  canonicalPhrase,
  findMetricMentions,
  isGenericPhrase,
  type MetricMention,
  metricByName,
  naturalUnit,
  nearestBefore,
  ownPhraseBefore,
  phraseAfter,
  stripRegionNames,
  subjectBeforeVerb,
} from "./metrics.js";
import { dateSpans } from "./noise.js";
import { leadingNounPhrase } from "./noun-phrase.js";
import { outsideOwners } from "./outside.js";
import { findPeriods, resolveMention, type YearSource, yearOnYearBaseYears } from "./periods.js";
import { resolveProvenance } from "./provenance.js";
import { directionOf, isChange, isForwardLooking, qualifierOf, setsTarget } from "./qualifiers.js";
import {
  appositiveSpans,
  canOwnFigure,
  datelineSpan,
  findRegionMentions,
  type RegionMention,
  sentenceSubject,
  subjectRegion,
} from "./regions.js";
import { type ListItem, pairParenthesized, pairRespectively } from "./respectively.js";
import {
  clauseAt,
  clauseCuts,
  paragraphsOf,
  quotedSpans,
  type Sentence,
  splitSentences,
} from "./sentences.js";
import { partAfter, partBefore } from "./subpopulation.js";
import { tableFigures } from "./table-facts.js";
import type { ArticleInput, ExtractionResult } from "./types.js";
import { EXTRACTOR_VERSION } from "./version.js";

interface ResolvedPeriod {
  start: number;
  end: number;
  period: string;
  /** How the year was fixed; "inferred" for an undated article's guessed year. */
  year: YearSource;
  /** `the same period last year`: takes the quarter or months of the period in context. */
  samePeriod?: boolean;
}

/** Everything read from one sentence before its figures are resolved. */
interface SentenceInfo {
  sentence: Sentence;
  cuts: number[];
  regions: RegionMention[];
  /** The region opening the sentence as its subject, which `its` and `the city's` refer to. */
  subject: RegionMention | undefined;
  periods: ResolvedPeriod[];
  metrics: MetricMention[];
  figures: Figure[];
  forward: boolean;
}

/** A figure resolved so far, for the next figure in the same sentence to lean on. */
interface Resolved {
  figure: Figure;
  base: string;
  name: string;
  qualifier: Qualifier;
  /** How the metric was found, so a name carried on is trusted as much as where it came from. */
  how: "vocabulary" | "inherited" | "phrase";
}

const TITLE_MAX = 120;
// Sentences longer than this are quoted by their clauses around the figure, at least QUOTE_MIN long.
const QUOTE_MAX = 220;
const QUOTE_MIN = 90;
// Region names removed from a metric phrase ("Zhaoqing's GDP" measures GDP), longest first.
const REGION_NAMES_FOR_PHRASES = REGIONS.flatMap((r) => [r.name, ...r.zh.filter((z) => z.length >= 2)]).sort(
  (a, b) => b.length - a.length,
);
// A sentence opening a breakdown ("Among them, Guangzhou ..."): its region is a part, and the
// sentences after the breakdown return to the whole.
const BREAKDOWN = /^(其中|among them|of which|of these|of this|specifically|in particular)/i;

function isCity(region: string): boolean {
  return REGIONS.find((r) => r.name === region)?.kind === "city";
}

function yearOf(period: string | null): number | undefined {
  return period ? Number(period.slice(0, 4)) : undefined;
}

/** Years a sentence's periods may borrow: its paragraph's, and an undated article's own. */
interface YearContext {
  paragraph?: number;
  current?: number;
}

function analyseSentence(sentence: Sentence, published: string | null, years: YearContext): SentenceInfo {
  const text = sentence.text;
  const quotes = quotedSpans(text);
  const ignore = [...quotes, ...dateSpans(text)];
  const mentions = findPeriods(text, ignore);
  // A bare "first quarter" takes the year named in its sentence, else (without a publication
  // date) the one its paragraph named.
  // Undated, "this year ... up 7 percent from the same period in 2021" is 2022.
  const baseYears = published ? [] : yearOnYearBaseYears(text);
  const afterBase = baseYears.length > 0 ? Math.max(...baseYears) + 1 : undefined;
  const contextYear =
    mentions.find((m) => m.year !== undefined)?.year ??
    (published ? undefined : (afterBase ?? years.paragraph));
  const periods: ResolvedPeriod[] = [];
  for (const m of mentions) {
    const resolved =
      m.wholeYear && years.paragraph !== undefined
        ? { period: String(years.paragraph), year: "context" as const }
        : resolveMention(m, published, contextYear, afterBase ?? years.current);
    if (resolved)
      periods.push({
        start: m.start,
        end: m.end,
        period: resolved.period,
        year: resolved.year,
        ...(m.samePeriod ? { samePeriod: true } : {}),
      });
  }
  const pubYear = published ? Number(published.slice(0, 4)) : undefined;
  // Machine translations put past results in the future tense ("GDP in 2023 will reach"):
  // a sentence that names a year before publication reports results.
  const namesPast = pubYear !== undefined && periods.some((p) => (yearOf(p.period) ?? pubYear) < pubYear);
  // "Shenzhen, the province's tech hub, saw its GDP ...": names in an appositive own nothing.
  // A wire dateline ("ZHUHAI, March 3 (Xinhua) --") says where the story was filed.
  const dateline = datelineSpan(text);
  const found = findRegionMentions(text, dateline ? [...quotes, dateline] : quotes);
  const appositives = appositiveSpans(text, found);
  const regions = found.filter((m) => !appositives.some((a) => m.start >= a.start && m.end <= a.end));
  return {
    sentence,
    cuts: clauseCuts(text),
    regions,
    subject: sentenceSubject(text, regions),
    periods,
    metrics: findMetricMentions(text),
    figures: findFigures(text),
    forward: isForwardLooking(text) && !namesPast,
  };
}

/** The region of a figure and how it was found (named in the clause ... inferred from the article). */
function regionFor(
  info: SentenceInfo,
  figure: Figure,
  carried: string | undefined,
  subject: string | undefined,
  subjectCity: string | undefined,
): { region: string; how: "clause" | "sentence" | "paragraph" | "article" | "default" } {
  const clause = clauseAt(info.cuts, figure.numberStart);
  const subjectIsCity = info.subject !== undefined && isCity(info.subject.region);
  // "the city's" refers to the city opening the sentence, else to the article's main city.
  const named = (m: RegionMention): string | undefined =>
    m.anaphor && m.region === ""
      ? subjectIsCity && info.subject && info.subject.start < m.start
        ? info.subject.region
        : subjectCity
      : m.region;
  const usable = info.regions.filter((m) => named(m) !== undefined);
  let pick: RegionMention | undefined;
  for (const m of usable) if (m.end <= figure.start && m.start >= clause.start && canOwnFigure(m)) pick = m;
  if (pick) return { region: named(pick) ?? "", how: "clause" };
  // After the figure only "in the province", "in Shenzhen" name its owner; "of the province's
  // total" names the whole it is a share of.
  pick = usable.find(
    (m) =>
      m.start >= figure.end &&
      m.end <= clause.end &&
      m.region !== "China" &&
      /\b(in|across|within|at)\s+(the\s+)?$/i.test(
        info.sentence.text.slice(Math.max(0, m.start - 12), m.start),
      ),
  );
  if (pick) return { region: named(pick) ?? "", how: "clause" };
  // "Shenzhen beat Guangzhou, with its GDP at ...": "its" is the sentence's subject, not the nearest name.
  const s = info.subject;
  if (
    s &&
    s.end <= figure.start &&
    /\b(its|their)\b/i.test(info.sentence.text.slice(clause.start, figure.start))
  )
    return { region: s.region, how: "sentence" };
  for (const m of usable) if (m.end <= figure.start && canOwnFigure(m)) pick = m;
  if (pick) return { region: named(pick) ?? "", how: "sentence" };
  if (carried) return { region: carried, how: "paragraph" };
  if (subject) return { region: subject, how: "article" };
  return { region: "Guangdong", how: "default" };
}

/** The period named for a figure in its own sentence, nearest in its clause first. */
function periodInSentence(info: SentenceInfo, figure: Figure): string | undefined {
  const clause = clauseAt(info.cuts, figure.numberStart);
  const distance = (p: ResolvedPeriod): number =>
    p.end <= figure.start ? figure.start - p.end : p.start - figure.end;
  const inClause = info.periods.filter((p) => p.start >= clause.start && p.end <= clause.end);
  const byDistance = (list: ResolvedPeriod[]) => [...list].sort((a, b) => distance(a) - distance(b))[0];
  const before = info.periods.filter((p) => p.end <= figure.start);
  return (byDistance(inClause) ?? before[before.length - 1] ?? byDistance(info.periods))?.period;
}

// The opening of a currency conversion in brackets: "(US$ 1.9 trillion)", "(about US$428 billion)".
const CONVERSION =
  /^\s*[(（]\s*(about|around|approximately|roughly|nearly|some|or|i\.e\.|equivalent to)?\s*$/i;
// "grew by 12.4 percent from the same period last year to 31.05 billion yuan", "grow 3.1
// percent year on year to hit 2.64 trillion": the level the change arrived at.
const LEVEL_AFTER_CHANGE =
  /^\s*((year[- ]on[- ]year|yoy|y-o-y|from a year (earlier|ago)|from (the )?(previous|last) year|(from|over|compared (with|to)) the same period (of |in )?(last|the previous) year|annually)\s*)?,?\s*(to|reaching|at|hitting|to hit|totall?ing|and reached|to reach|to stand at|standing at|to a total of|to total|after totall?ing|after reaching|after hitting)(\s+(more than|over|about|around|nearly|almost|approximately|roughly|some|just over|less than|an estimated))?\s*$/i;
// "up 11.2%, ... accounting for 48.3% of": a share, whatever follows.
const SHARE_BEFORE =
  /\b(accounting for|accounted for|accounts for|account for|making up( for)?|made up( for)?|makes up( for)?|took up|takes up|taking up|constituting|constituted|representing|represented|comprising|share of|proportion of|ratio of)\s*(about|around|approximately|nearly|almost|over|more than|roughly|some|just over|less than)?\s*$/i;
// "42.10 billion dollars in export value", "98 billion yuan was invested in the fixed assets",
// "12.40 billion was taken by the primary industry": the metric written after the amount.
const IN_METRIC_AFTER =
  /^\s*(?:(?:was|were|had been|has been)\s+)?(?:(?:invested|spent|generated|created|contributed|taken|earned|realized|achieved)\s+)?(?:in|of|worth of|by|on)\s+([a-z][a-z\s-]{2,50}?)(?=\s*[,;.()]|\s+(?:and|up|down|while|which|in|with)\b|$)/i;
// "a 21.0 percent and 33.5 percent year-on-year increase": the change word may follow the list.
const CHANGE_AFTER =
  /^\s*((,|and|, and)\s*[\d.]+\s*(percent|%|per cent)\s*)*(year-on-year\s+|yoy\s+|y-o-y\s+)?(growth|increase|rise|decline|decrease|drop|jump|gain|up|down|higher|lower)\b/i;
const CONTRIBUTION_TO =
  /\bcontribution(?:\s+rate)?\s+(?:to|of)\s+([a-z][a-z\s]{1,40}?)\s+(?:was|is|stood at|reached|hit|of|at)\s*$/i;
const CONTRIBUTION = /\bcontribut(e|es|ed|ing)\s*$|\bcontribution (rate )?of\s*$/i;
const NATIONAL = /^(the\s+)?(nation|country|china|national|whole country|全国)(['’]s)?\b/i;
const SHARE_OF = /^\s*of\s+/i;
// "lower than the national average of 5.3 percent": the figure is the nation's, a yardstick.
const NATIONAL_BENCHMARK =
  /\b(the\s+)?(national|nationwide|country['’]s|nation['’]s|china['’]s)\s+((average|overall)\s+)?(average|level|figure|rate|growth( rate)?|gdp growth( rate)?|total)\s*(of|at|was|is|stood at)?\s*$|\bthan\s+(the\s+)?(national|nationwide|country['’]s|nation['’]s)\s*$|全国(平均水平?|水平)?$/i;
// "down from 5.1 percent", "up from 3 billion yuan a year earlier": the value before the change.
const EARLIER_VALUE =
  /\b(down|up|rising|falling|slowing|accelerating|increasing|decreasing|compared with|compared to)?\s*from\s+(a|an|the)?\s*$/i;

/** The same span a year earlier: `2023-Q1` → `2022-Q1`. */
function previousPeriod(period: string): string {
  return `${Number(period.slice(0, 4)) - 1}${period.slice(4)}`;
}

const THRESHOLD_BEFORE =
  /\b(with|having|whose|where)\s+(an?\s+|the\s+|their\s+|its\s+)?(annual\s+|yearly\s+)?([a-z-]+\s+){0,3}(sales|revenue|revenues|turnover|income|output(\s+value)?|gdp|economic output|investment|investments|assets|capital)\s+((of|is|are|was)\s+)?(over|above|exceeding|exceeds?|more than|at least|surpassing|surpass(es)?|not less than|no less than)\s*(rmb|us\$|hk\$|\$|¥|cny|usd)?\s*$|\b(annual|yearly)\s+([a-z-]+\s+){0,2}(sales|revenue|turnover|income)\s+(of\s+)?(over|above|exceeding|more than|at least|surpassing)\s*(rmb|us\$|\$|¥|cny)?\s*$/i;

const TIER_BEFORE =
  /\b(provinces|cities|regions|economies|countries|municipalities|places|members|club)\s+(whose|with|that have|having)\s+(an?\s+|the\s+|their\s+|its\s+)?([a-z-]+\s+){0,2}(gdp|economic output|output|economy|economies|economic aggregates?)\s+((of|is|are|was|were|has|have)\s+)?(over|above|exceed\w*|surpass\w*|topp\w*|pass\w*|more than|at least|reach\w*|crossed|crossing)\s*(the\s+)?(rmb|us\$|hk\$|\$|¥|cny|usd)?\s*$/i;

const ARRIVED_AT =
  /\b(rose|fell|dropped|increased|decreased|declined|climbed|grew|dipped|slid|jumped|edged (up|down)|went (up|down)|slowed|accelerated|narrowed|widened|rising|falling|dropping|up|down)\s+to\s+(about\s+|around\s+|nearly\s+)?$/i;
// Quantities that are themselves rates or ratios: "fell to 3.1%" leaves them at that level.
const RATE_LIKE =
  /\b(rate|ratio|coefficient|share|proportion|index|unemployment|cpi|ppi|inflation|utilization|occupancy)\b/i;
const GEOGRAPHY =
  /\b(area|land|sea|seas|coast|coastline|coastal|maritime|territory|territorial|stretch(es|ing)?|covers?|covering|border(s|ing)?|sea front|seafront|shoreline|distance|away from|radius|altitude|elevation|located)\b/i;
const GAP_AFTER =
  /^\s*(points?\s+)?(higher|lower|more|less|faster|slower|above|below)\s+than\s+(that|those|the)\b|^\s*(higher|lower|more|less|faster|slower)\s+than\b|^\s*(from|than)\s+(that|those)\s+(of|in)\b/i;
const GAP_BEFORE = /\b(narrow(ed|ing|s)?|widen(ed|ing|s)?)\s+(by\s+)?$/i;
const LABEL_COLON = /^[^:：,;.]{1,60}[:：]\s*$/;

const JOINED_SUBJECT =
  /^\s*,?\s*(?:and|while|whereas)\s+(?:the\s+|its\s+|their\s+)?([a-z][a-z'’ -]{2,40}?)\s+(?:increased|increase|grew|growth|rose|rise|fell|decreased|decrease|declined|decline|dropped|was up|was down|were up|were down|up|down)(?:\s+(?:of|by|at))?\s*$/i;
const REGION_POSSESSIVE = new RegExp(
  `^(?:the\\s+)?(?:${REGION_NAMES_FOR_PHRASES.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})(?:['’]s?)?\\s+`,
  "i",
);

/**
 * The subject of the clause just before `end`: "In 2023, Huizhou's fruit production steadily
 * increased" → `fruit production`. Undefined when that clause does not open with a noun phrase.
 */
function subjectBefore(text: string, end: number): string | undefined {
  const clause =
    text
      .slice(0, end)
      .replace(/[,;\s]+$/, "")
      .split(/[,;]/)
      .pop() ?? "";
  const phrase = leadingNounPhrase(clause.trim())?.phrase;
  const own = phrase?.replace(REGION_POSSESSIVE, "").trim().toLowerCase();
  return own && !isFragment(own) ? own : undefined;
}

// A clause that opens with the change itself ("…, up 2.4 percent", "…, respectively, by 12.5
// percent", "…, with an increase of 2.4%") continues the sentence's subject.
const CONTINUES_SUBJECT =
  /^\s*(?:respectively,?\s*)?(?:with\s+)?(?:(?:up|down|rising|falling|increasing|decreasing|growing|by)\b|an? (?:(?:year-on-year|annual)\s+)?(?:increase|decrease|rise|drop|decline|growth)\b)/i;
const RANGE_JOIN = /^\s*(-|–|—|~|～|to|至|到)\s*$/i;

function displayMetric(name: string): string {
  return name.replace(/\s+/g, " ").trim();
}

// "west Guangdong", "northern Guangdong's": a part of the province named by its direction.
const SUB_REGION_BEFORE =
  /\b((?:north|south)?-?(?:east|west)(?:ern)?|north(?:ern)?|south(?:ern)?)\s+guangdong(?:['’]s?)?\s*$/i;

// A sentence whose subject is such a part: "In 2023, eastern Guangdong's …", "West Guangdong saw …".
const SUB_REGION_SUBJECT =
  /^(?:(?:in|during|from|for)\b[^,]{0,60},\s*)?(?:the\s+)?((?:north|south)?-?(?:east|west)(?:ern)?|north(?:ern)?|south(?:ern)?)\s+guangdong\b/i;

/** "west" → `western guangdong`, "north-east" → `northeastern guangdong`. */
function subRegionName(direction: string): string {
  const d = direction.toLowerCase().replace("-", "");
  return `${d.endsWith("ern") ? d : `${d}ern`} guangdong`;
}

// A destination written as a name: capitalised words ("the United States", "ASEAN"), never a verb.
const EXPORTS_TO = /^\s+to\s+(?:the\s+)?((?:[A-Z][\w&'’-]*)(?:\s+(?:[A-Z][\w&'’-]*|and|of))*)/;

// Lower-case region names and aliases, which never restrict a metric to a part.
const REGION_WORDS: ReadonlySet<string> = new Set(
  REGIONS.flatMap((r) => [r.name, ...r.aliases]).flatMap((n) => [
    n.toLowerCase(),
    ...n.toLowerCase().split(/\s+/),
  ]),
);

/**
 * A vocabulary mention with the part of the whole it is restricted to, if any:
 * "private enterprises' trade" → `private enterprises import and export volume`,
 * "exports of mechanical and electrical products" → `mechanical and electrical products exports`,
 * "trade with ASEAN" → `import and export volume with asean`.
 */
function qualifiedMetric(text: string, mention: MetricMention, from: number): string {
  const before = text.slice(from, mention.start);
  const spelled = text.slice(mention.start, mention.end).toLowerCase();
  // "west Guangdong's GDP", "eastern Guangdong retail sales": a part of the province, never its total.
  const subRegion = SUB_REGION_BEFORE.exec(before)?.[1];
  if (subRegion) return `${subRegionName(subRegion)} ${mention.metric}`;
  // Words the metric's own name already has ("actual" before "utilized foreign capital") add nothing.
  const own = new Set(mention.metric.split(/\s+/));
  let part = partBefore(before, REGION_WORDS)
    ?.split(/\s+/)
    .filter((w) => !own.has(w))
    .join(" ");
  // "enterprises" alone restricts nothing ("industrial enterprises above designated size").
  if (part === "" || (part && /^(enterprises|companies|firms|businesses|units|industries)$/.test(part)))
    part = undefined;
  // "Private enterprises became … with their import-export value growing": "their" is the
  // sentence's subject, which is the part when it is an actor.
  if (!part && /\b(their|its)\s+$/i.test(before)) {
    const subject = SENTENCE_SUBJECT.exec(text)?.[1]?.trim().toLowerCase();
    if (subject && isActor(subject) && !REGION_WORDS.has(subject)) part = subject;
  }
  // "general trade", "processing trade": the kind of trade is the part, and "trade" stays in it.
  if (part && /^trades?$/.test(spelled) && !/['’]s?\s*$/.test(before)) part = `${part} trade`;
  // "exports to Hong Kong", "exports to the EU": the destination is a part of exports.
  const destination = /^exports?$/.test(spelled) ? EXPORTS_TO.exec(text.slice(mention.end))?.[1] : undefined;
  if (destination) return `${part ? `${part} ` : ""}${mention.metric} to ${destination.toLowerCase()}`;
  const after = partAfter(text.slice(mention.end), REGION_WORDS);
  if (after?.preposition === "with") return `${part ? `${part} ` : ""}${mention.metric} with ${after.part}`;
  const parts = [after?.part, part].filter((p): p is string => p !== undefined);
  return parts.length > 0 ? `${parts.join(" ")} ${mention.metric}` : mention.metric;
}

// Head nouns of the actors and goods a flow belongs to ("private enterprises", "household
// appliances"): such a phrase names a part, never a quantity.
const ACTOR_HEAD =
  /\b(enterprises|companies|firms|businesses|entities|products|goods|commodities|appliances|vehicles|equipment|devices|circuits|parts|components|materials|ships|containers|industries|sectors|partners|economies|countries|investors)$/i;

// The noun phrase opening a sentence, up to its verb.
const SENTENCE_SUBJECT =
  /^\s*(?:(?:in|during|meanwhile|also|moreover|furthermore)\b[^,]{0,40},\s*)?([A-Za-z][A-Za-z'’ -]{2,60}?)\s+(?:surpassed|became|saw|recorded|registered|reported|posted|achieved|accounted|grew|rose|increased|fell|were|was|had|have|has|continued|remained|made)\b/i;

function isActor(phrase: string): boolean {
  return ACTOR_HEAD.test(phrase.trim()) && phrase.split(/\s+/).length <= 5;
}

/** "the GDP of Foshan, Zhuhai and Jiangmen grew 5.1, 4.2 and 3.3 percent": the list head's metric. */
function headMetric(
  head: string,
  figure: Figure,
  localBefore: string,
  qualifier: Qualifier,
): { base: string; name: string; how: "vocabulary" } | undefined {
  const named = findMetricMentions(head)[0]?.metric;
  if (!named) return undefined;
  const growth = figure.kind === "percent" && (isChange(localBefore.slice(-40)) || qualifier === "target");
  const name = `${named}${growth && metricByName(named)?.kind !== "percent" ? " growth" : ""}${qualifier === "target" ? " target" : ""}`;
  return { base: named, name, how: "vocabulary" };
}

/** The region a list item names by itself ("Shenzhen", "the city of Foshan"), if any. */
function regionOfItem(item: string): string | undefined {
  const mentions = findRegionMentions(item).filter((m) => !m.anaphor && canOwnFigure(m));
  const rest = mentions.reduce((t, m) => t.replace(item.slice(m.start, m.end), ""), item);
  return mentions.length === 1 &&
    !/[a-z]{4,}/i.test(rest.replace(/\b(the|city|of|municipality|province)\b/gi, ""))
    ? mentions[0]?.region
    : undefined;
}

/**
 * The metric of a "respectively" figure: its item, named through the vocabulary when the item
 * is a metric ("exports", "fixed assets investment"), else the item with the noun the list
 * shares ("the output of A, B and C" → `a output`), keeping the variant (growth, share, target).
 */
function withListItem(
  found: { base: string; name: string; how: "vocabulary" | "inherited" | "phrase" },
  listItem: ListItem,
  info: SentenceInfo,
  listVariant: string | undefined,
  paragraphMetric: string | undefined,
): { base: string; name: string; how: "vocabulary" | "inherited" | "phrase" } {
  // "Huizhou's fruit and aquatic production": the region owns the figure, it is no part of the item.
  const own = listItem.item.replace(REGION_POSSESSIVE, "");
  const mention = findMetricMentions(own)[0];
  const sentenceVocab = info.metrics[0]?.metric ?? paragraphMetric;
  const head = listItem.head ?? (mention ? undefined : sentenceVocab);
  // "east and west Guangdong retail sales": a bare direction is a part of the province too.
  const direction = SUB_REGION_BEFORE.exec(`${own} guangdong`)?.[1];
  const item = direction && !mention ? subRegionName(direction) : own.toLowerCase();
  // "infrastructure investment" needs no "industrial investment" after it: it names its own noun.
  const ownNoun = head !== undefined && item.split(/\s+/).pop() === head.split(/\s+/).pop();
  const base = mention ? qualifiedMetric(own, mention, 0) : `${item}${head && !ownNoun ? ` ${head}` : ""}`;
  const variant = listVariant ?? (variantOf(found) || listItem.variant || "");
  return { base, name: displayMetric(`${base}${variant}`), how: mention ? "vocabulary" : "phrase" };
}

/**
 * A metric named by the text's own words, cut to the noun phrase it opens with: "stationery
 * sales surged" → `stationery sales`, "private enterprises exported" → `private
 * enterprises exports`. Left as it is when no opening run of it is a noun phrase.
 */
function tidyPhrase<M extends { base: string; name: string }>(found: M): M {
  // "Guangdong maintained a growth rate of 5.9 percent": an economy's bare growth is its GDP's.
  if (/^(?:[a-z]+\s+)?(?:a\s+|an\s+|the\s+)?(?:economic\s+)?growth(?:\s+rate)?$/i.test(found.base))
    return { ...found, base: "gdp", name: displayMetric(`gdp${variantOf(found) || " growth"}`) };
  // "the growth rate of investment was 14%": what grew is the metric, "growth" its variant.
  const rateOf = /^(?:the\s+)?(?:growth\s+rate|rate\s+of\s+growth|growth|increase)\s+(?:of|in)\s+(.+)$/i.exec(
    found.base,
  )?.[1];
  if (rateOf) {
    const named = findMetricMentions(rateOf)[0]?.metric ?? rateOf.toLowerCase();
    return {
      ...found,
      base: named,
      name: displayMetric(`${named}${variantOf(found).replace(/^ growth growth/, " growth")}`),
    };
  }
  const lead = leadingNounPhrase(found.base);
  if (!lead) return found;
  const base = lead.flow ? `${lead.phrase} ${lead.flow}` : lead.phrase;
  if (base === found.base) return found;
  return { ...found, base, name: displayMetric(`${base}${variantOf(found)}`) };
}

/** What a metric's name adds to its base: " growth", " share of gdp", " target", or "". */
function variantOf(metric: { base: string; name: string }): string {
  return metric.name.startsWith(metric.base) ? metric.name.slice(metric.base.length) : "";
}

// "for fixed-asset investment" right after a percentage.
const FOR_METRIC_AFTER = /^\s*(?:for|in)\s+(?:the\s+|its\s+)?(?=\S)(.*)$/i;

/**
 * The head of a metric phrase: in "the furniture export by ordinary trade", "trade" belongs to the
 * part after "by"; the figure measures "export".
 */
function headOf(
  mentions: readonly MetricMention[],
  nearest: MetricMention | undefined,
  text: string,
): MetricMention | undefined {
  if (!nearest) return undefined;
  const before = [...mentions].reverse().find((m) => m.end <= nearest.start);
  if (
    before &&
    /^\s*(by|of|with|from|under)\s+([a-z-]+\s+){0,3}$/i.test(text.slice(before.end, nearest.start))
  )
    return before;
  return nearest;
}

/** The vocabulary name of a whole ("Guangdong's total trade value" → `import and export volume`), else the phrase. */
function wholeMetricName(phrase: string): string {
  const named = findMetricMentions(phrase)[0];
  return named ? named.metric : canonicalPhrase(stripRegionNames(phrase, REGION_NAMES_FOR_PHRASES).trim());
}

/** The metric of a figure: its base (what is measured) and the full name with its variant. */
function metricFor(
  info: SentenceInfo,
  figure: Figure,
  prev: Resolved | undefined,
  qualifier: Qualifier,
  localStart: number,
  carriedAmount: string | undefined,
  paragraphMetric: string | undefined,
): { base: string; name: string; how: "vocabulary" | "inherited" | "phrase" } | undefined {
  const text = info.sentence.text;
  const clause = clauseAt(info.cuts, figure.numberStart);
  const localBefore = text.slice(localStart, figure.start);
  const after = text.slice(figure.end, clause.end);
  // "7 percent for fixed-asset investment": a goal names its metric after the figure.
  const forWhat = figure.kind === "percent" ? FOR_METRIC_AFTER.exec(after) : null;
  const named = forWhat
    ? info.metrics.find((m) => m.start === figure.end + (forWhat[0].length - (forWhat[1]?.length ?? 0)))
    : undefined;
  // "Exports have yet to improve, up just 2.4 percent": a clause that opens with the change
  // continues the sentence's subject.
  const continues = !prev && CONTINUES_SUBJECT.test(text.slice(clause.start, figure.start));
  const vocab =
    named ??
    headOf(info.metrics, nearestBefore(info.metrics, localStart, figure.start), text) ??
    (continues ? nearestBefore(info.metrics, 0, figure.start) : undefined);
  const ownBefore = () => ownPhraseBefore(text.slice(clause.start, figure.start), REGION_NAMES_FOR_PHRASES);
  const target = qualifier === "target";

  switch (figure.kind) {
    case "count":
    case "people": {
      // "the permanent population was 9.6 million people": the noun only repeats the unit.
      const generic = /^(people|persons|residents|enterprises|companies|firms|units)$/.test(
        figure.countPhrase ?? "",
      );
      const entry = vocab ? metricByName(vocab.metric) : undefined;
      if (generic && entry && (entry.kind === "count" || entry.kind === "people"))
        return { base: entry.name, name: target ? `${entry.name} target` : entry.name, how: "vocabulary" };
      const base = canonicalPhrase(figure.countPhrase ?? "");
      const how = metricByName(base) ? "vocabulary" : "phrase";
      return { base, name: target ? `${base} target` : base, how };
    }
    case "bare": {
      // "the number of high-tech enterprises reached 75,000": the vocabulary says it is a count.
      const entry = vocab ? metricByName(vocab.metric) : undefined;
      if (!entry || (entry.kind !== "count" && entry.kind !== "people")) return undefined;
      return { base: entry.name, name: target ? `${entry.name} target` : entry.name, how: "vocabulary" };
    }
    case "streak": {
      // What was led: a vocabulary metric in the lead's clause, else the noun phrase right
      // before the lead word ("its regional innovation capability ranking first"), else the
      // sentence's metric ("Guangdong's GDP ... the top-ranking province").
      const leads = [
        ...text
          .slice(0, figure.start)
          .matchAll(/\b(ranking|ranked|ranks|top-ranking|led|leading|leads|first|top)\b/gi),
      ];
      const lead = leads[0];
      const leadAt = lead?.index ?? figure.start;
      const leadClause = clauseAt(info.cuts, leadAt);
      const inClause = nearestBefore(info.metrics, leadClause.start, figure.start);
      const phrase = lead
        ? ownPhraseBefore(text.slice(leadClause.start, leadAt), REGION_NAMES_FOR_PHRASES)
        : undefined;
      const anywhere = nearestBefore(info.metrics, 0, figure.start);
      const topic = inClause?.metric ?? phrase ?? anywhere?.metric;
      const name = `consecutive years ranked first${topic ? ` in ${topic}` : ""}`;
      return { base: name, name, how: inClause || (!phrase && anywhere) ? "vocabulary" : "phrase" };
    }
    case "rank": {
      const verb = /\b(rank(s|ed|ing)?|placed|came)\b[\s\S]*$/i.exec(text.slice(0, figure.start));
      const subject = ownPhraseBefore(text.slice(0, verb?.index ?? figure.start), REGION_NAMES_FOR_PHRASES);
      const name = `${subject ?? "overall"} ranking`;
      return { base: name, name, how: subject ? "phrase" : "inherited" };
    }
    case "measure": {
      // Land, sea and coastline are geography, not figures of the economy.
      if (/km|meters/.test(figure.unit) && GEOGRAPHY.test(`${localBefore} ${after.slice(0, 40)}`))
        return undefined;
      // "the 462-kilometer provincial highway": the measured thing follows an adjectival unit.
      const adjectival = /^\d[\d,.]*-/.test(text.slice(figure.numberStart, figure.end));
      const phrase = vocab?.metric ?? (adjectival ? phraseAfter(after, /^\s*/) : undefined) ?? ownBefore();
      if (!phrase) return undefined;
      const name = figure.unit === "km" && !/length|mileage/.test(phrase) ? `${phrase} length` : phrase;
      return { base: phrase, name, how: vocab ? "vocabulary" : "phrase" };
    }
    case "share":
    case "percent":
    case "points": {
      // One part of a structure ratio: its sector's share of GDP, whatever the words around.
      if (figure.sector) {
        const base = `${figure.sector} industry`;
        return { base, name: `${base} share of gdp`, how: "vocabulary" };
      }
      const vocabName = vocab
        ? qualifiedMetric(
            text,
            vocab,
            Math.max(clause.start, localStart <= vocab.start ? localStart : clause.start),
          )
        : undefined;
      if (CONTRIBUTION.test(localBefore)) {
        const to = phraseAfter(after, /^\s*to\s+/);
        const toName = to ? wholeMetricName(to) : (prev?.base ?? "total");
        const who = vocabName && vocabName !== toName ? `${vocabName} ` : "";
        const name = `${who}contribution to ${toName}`;
        return { base: name, name, how: "phrase" };
      }
      // "…, and the contribution rate to GDP growth was 41.8%": what contributed is the
      // sentence's subject, the figure before.
      const contributionTo = CONTRIBUTION_TO.exec(localBefore)?.[1];
      if (contributionTo) {
        const who = (prev?.base ?? "").replace(/\s+(added value|value added)$/, "");
        const name = `${who ? `${who} ` : ""}contribution to ${contributionTo.toLowerCase().trim()}`;
        return { base: name, name, how: prev ? "inherited" : "phrase" };
      }
      const subject = vocabName ?? prev?.base;
      if (SHARE_OF.test(after) || figure.kind === "share" || SHARE_BEFORE.test(localBefore)) {
        const of = phraseAfter(after, SHARE_OF) ?? "";
        const national = NATIONAL.test(of);
        const whole = of
          .replace(NATIONAL, "")
          .replace(/^((the\s+)?(province|city|region)(['’]s)?|its|their)\s+/i, "")
          .replace(/^\s*(total|sum)\s*$/i, "")
          .trim();
        // "80% of which", "a third of them": the whole is the sentence's subject, not a word.
        const wholeName =
          whole && !/^(which|whom|them|those|these|it|this|that|the total|all)$/i.test(whole)
            ? wholeMetricName(whole)
            : "";
        const own = subject ?? ownBefore();
        // "general trade import and export volume share of import and export volume" says the whole twice.
        const ownPart =
          own && wholeName && own.endsWith(` ${wholeName}`) ? own.slice(0, -wholeName.length - 1) : own;
        let name: string;
        if (national) name = `share of national ${wholeName || own || "total"}`;
        else if (wholeName) name = ownPart ? `${ownPart} share of ${wholeName}` : `share of ${wholeName}`;
        else name = own ? `${own} share` : "share of total";
        return { base: own ?? name, name, how: subject ? (vocab ? "vocabulary" : "inherited") : "phrase" };
      }
      const near = localBefore.slice(-40);
      // "the Engel coefficient dropped to 31.2%", "unemployment fell to 3.1%": a rate arrived at
      // a level; only a change by ("grew by", "fell") is a growth figure.
      const arrivedAt = ARRIVED_AT.test(localBefore);
      const growth =
        (isChange(near) ||
          CHANGE_AFTER.test(after) ||
          (vocab?.impliesGrowth ?? false) ||
          target ||
          (continues && figure.kind === "percent")) &&
        !(arrivedAt && RATE_LIKE.test(`${vocabName ?? ""} ${localBefore}`));
      let base = vocabName;
      let how: "vocabulary" | "inherited" | "phrase" = "vocabulary";
      if (!base) {
        base = phraseAfter(
          after,
          /^\s*(year-on-year\s+)?(growth|increase|rise|decline|decrease|drop|jump|gain)\s+(in|of)\s+/i,
        );
        how = "phrase";
      }
      // "profits rose 70 percent and operating revenue 6.7 percent": the second figure's own
      // subject, written after "and", beats the one before it.
      const joined = prev && !base ? JOINED_SUBJECT.exec(localBefore)?.[1] : undefined;
      if (joined && !isFragment(joined)) {
        const mention = findMetricMentions(joined)[0];
        base = mention ? qualifiedMetric(joined, mention, 0) : joined.toLowerCase();
        how = mention ? "vocabulary" : "phrase";
      }
      if (!base && prev) {
        base = prev.base;
        how = "inherited";
      }
      // "tea output climbed again, with an increase of 3.1%": the subject before the clause.
      if (!base && continues) {
        base = subjectBefore(text, clause.start);
        how = "phrase";
      }
      if (!base) {
        base = ownBefore();
        how = "phrase";
        if (base && paragraphMetric && isActor(base)) {
          base = `${base} ${paragraphMetric}`;
          how = "inherited";
        }
      }
      if (!base) return undefined;
      // "the consumer price index increased by 0.3%": an index's change is a growth figure,
      // while a rate ("unemployment rose to 3.1%") or "inflation of 2%" is a level.
      const indexChange =
        /\bindex$/.test(base) && (isChange(near) || CHANGE_AFTER.test(after)) && !/inflation/i.test(near);
      const rate = metricByName(base)?.kind === "percent" && !indexChange;
      let name = base;
      if (figure.kind === "points") name = `${base} ${growth ? "change" : "difference"}`;
      else if (growth && !rate) name = `${base} growth`;
      if (target) name = `${name} target`;
      return { base, name: displayMetric(name), how };
    }
    case "amount": {
      // "42.10 billion U.S. dollars in export value": the metric written after the amount.
      const inWhat = IN_METRIC_AFTER.exec(after);
      const named = inWhat ? findMetricMentions(inWhat[1] ?? "")[0] : undefined;
      // "¥38.20 billion by the second industry and ¥51.60 billion by the tertiary industry": the
      // words before the second amount belong to the first, so its own metric after it wins.
      if (named && prev && /^\s*(by|in|for|to)\s/i.test(localBefore)) {
        const name = named.metric;
        return { base: name, name: target ? `${name} target` : name, how: "vocabulary" };
      }
      if (vocab) {
        const name = qualifiedMetric(
          text,
          vocab,
          Math.max(clause.start, localStart <= vocab.start ? localStart : clause.start),
        );
        return { base: name, name: target ? `${name} target` : name, how: "vocabulary" };
      }
      if (named)
        return {
          base: named.metric,
          name: target ? `${named.metric} target` : named.metric,
          how: "vocabulary",
        };
      // "14 trillion yuan (US$ 1.9 trillion)": the conversion measures what the first did.
      if (prev && CONVERSION.test(localBefore)) return { base: prev.base, name: prev.name, how: "inherited" };
      // "grew by 4.8 percent year on year to 13.57 trillion yuan": the level after the change.
      if (prev && LEVEL_AFTER_CHANGE.test(localBefore)) {
        const name = target ? `${prev.base} target` : prev.base;
        return { base: prev.base, name, how: "inherited" };
      }
      let phrase = ownPhraseBefore(localBefore, REGION_NAMES_FOR_PHRASES) ?? ownBefore();
      // "Guangzhou's GDP was 3.1 trillion yuan; Shenzhen's, 3.68 trillion": the metric is elided.
      if (!phrase && carriedAmount) return { base: carriedAmount, name: carriedAmount, how: "inherited" };
      // "Foreign-invested enterprises recorded 0.94 trillion yuan": an actor, not a quantity; it
      // is a part of the paragraph's metric.
      if (phrase && paragraphMetric && isActor(phrase)) {
        const name = `${phrase} ${paragraphMetric}`;
        return { base: name, name: target ? `${name} target` : name, how: "inherited" };
      }
      if (!phrase || isGenericPhrase(phrase)) {
        // A bare "total investment" says little: name what it belongs to.
        const what = phraseAfter(after, /^\s*in\s+/);
        const generic = phrase ?? "investment";
        const subject = subjectBeforeVerb(localBefore, REGION_NAMES_FOR_PHRASES);
        if (what) phrase = `${what} ${generic}`;
        else if (prev?.figure.countPhrase) phrase = `${prev.figure.countPhrase} ${generic}`;
        else if (subject && subject !== generic) phrase = `${subject} ${generic}`;
      }
      if (!phrase) return undefined;
      const known = canonicalPhrase(phrase);
      if (metricByName(known)) phrase = known;
      return { base: phrase, name: target ? `${phrase} target` : phrase, how: "phrase" };
    }
  }
}

/**
 * The quote for a figure: its sentence when short, else the clauses around the figure, grown
 * outwards to a readable length. Always an exact span of the article.
 */
function quoteFor(info: SentenceInfo, figure: Figure): string {
  const text = info.sentence.text;
  if (text.length <= QUOTE_MAX) return text;
  const cuts = info.cuts;
  let lo = cuts.findLastIndex((c) => c <= figure.numberStart);
  let hi = cuts.findIndex((c) => c >= figure.end);
  if (lo < 0) lo = 0;
  if (hi < 0) hi = cuts.length - 1;
  const span = () => (cuts[hi] ?? text.length) - (cuts[lo] ?? 0);
  while (span() < QUOTE_MIN && (lo > 0 || hi < cuts.length - 1)) {
    if (lo > 0) lo--;
    if (span() < QUOTE_MIN && hi < cuts.length - 1) hi++;
  }
  // A clause can itself be long (a list with no sentence end): the quote is a window around the figure.
  const quote = quoteWindow(
    text,
    cuts[lo] ?? 0,
    cuts[hi] ?? text.length,
    figure.numberStart,
    figure.end,
  ).replace(/[,，;；:：]$/, "");
  return quote === "" ? quoteWindow(text, 0, text.length, figure.numberStart, figure.end) : quote;
}

// How far into a sentence a period may start and still set its topic ("In the first half, ...").
const TOPIC_PERIOD_CHARS = 40;

/** True when the sentence opens with its period, which then sets the topic of what follows. */
function opensWithPeriod(info: SentenceInfo): boolean {
  const first = info.periods[0];
  return first !== undefined && !first.samePeriod && first.start <= TOPIC_PERIOD_CHARS;
}

/**
 * The article's main period: the title's when it names a sub-period ("in the first five
 * months"), else the lede's (the first period of the first sentence with a figure) when it
 * agrees with the title's year or the title names none, else the title's year.
 */
function mainPeriod(
  title: string,
  infos: readonly SentenceInfo[],
  published: string | null,
  currentYear: number | undefined,
): string | undefined {
  const titleMentions = findPeriods(title);
  const contextYear = titleMentions.find((m) => m.year !== undefined)?.year;
  const first = titleMentions[0];
  const fromTitle = first ? resolveMention(first, published, contextYear, currentYear)?.period : undefined;
  if (fromTitle?.includes("-")) return fromTitle;
  const lede = infos.find((i) => i.figures.length > 0 && i.periods.some((p) => !p.samePeriod));
  const fromLede = lede?.periods.find((p) => !p.samePeriod)?.period;
  if (fromLede && (!fromTitle || fromLede.startsWith(fromTitle))) return fromLede;
  return fromTitle ?? fromLede;
}

function titleFromSentences(sentences: readonly Sentence[]): string | undefined {
  const first = sentences[0]?.text.replace(/\s+/g, " ");
  if (!first) return undefined;
  return first.length <= TITLE_MAX ? first : `${first.slice(0, TITLE_MAX - 1).trimEnd()}…`;
}

/**
 * Extracts every figure in one article as cited facts, each validated against the fact
 * schema. Never throws on odd text; an article with no figures gives no facts and a warning.
 * @example extractArticle({ text: "Title: X\n\nZhaoqing's GDP in 2023 was 279.25 billion yuan." }).facts[0].id === "zhaoqing.gdp.2023"
 */
export function extractArticle(input: ArticleInput): ExtractionResult {
  // Only a bounded part of a huge document is read (README "Limits"); it is still stored whole.
  const limited = limitDocument(input.text);
  const { text } = limited;
  const warnings: string[] = [...limited.warnings];
  const layout = parseLayout(text);
  const hintDate = input.hints?.published;
  const published =
    hintDate && IsoDateSchema.safeParse(hintDate).success ? hintDate : (layout.meta.published ?? null);
  // Tables whose cells are glued together are read on their own; prose reading skips their rows.
  const glued = gluedTableFigures(text, published);
  const paragraphs = paragraphsOf(
    text,
    layout.bodyLines.filter((l) => !glued.some((g) => l.start >= g.start && l.end <= g.end)),
  );
  const bounded = limitSentences(
    text,
    paragraphs.flatMap((p, i) => splitSentences(text, p, i)),
  );
  const { sentences } = bounded;
  warnings.push(...bounded.warnings);
  const title =
    input.hints?.title ?? layout.meta.title ?? titleFromSentences(sentences) ?? input.fileName ?? "untitled";
  const url = input.hints?.url ?? layout.meta.url;
  // `published` stays the stated date that periods use; an inferred one is only shown.
  const stated = { url, publisher: input.hints?.publisher ?? layout.meta.publisher, published };
  const source: SourceRef = {
    title,
    url,
    ...resolveProvenance(stated, layout.fromText),
    hash: contentHash(input.text),
  };
  if (!published)
    warnings.push("no publication date found; relative periods (this year, last year) are unresolved");

  const current = published
    ? undefined
    : articleYear({
        title: input.hints?.title ?? layout.meta.title,
        url: source.url,
        body: sentences.map((s) => s.text).join("\n"),
      });
  const infos: SentenceInfo[] = [];
  let paragraphYear: number | undefined;
  let inParagraph = -1;
  for (const s of sentences) {
    if (s.paragraph !== inParagraph) paragraphYear = undefined;
    inParagraph = s.paragraph;
    const info = analyseSentence(s, published, { paragraph: paragraphYear, current: current?.year });
    const stated = info.periods.filter((p) => p.year === "stated");
    paragraphYear = yearOf(stated[stated.length - 1]?.period ?? null) ?? paragraphYear;
    infos.push(info);
  }
  const main = mainPeriod(title, infos, published, current?.year);
  const inferredPeriods = new Set(
    infos.flatMap((i) => i.periods.filter((p) => p.year === "inferred").map((p) => p.period)),
  );
  // A URL often names its city ("/cities/chaozhou/", "/zhanjiang/2020-07/30/"): one more vote.
  const urlWords = (source.url ?? "").replace(/^[a-z]+:\/\/[^/]+/i, "").replace(/[/_.?=&-]+/g, " ");
  const allMentions = [
    ...findRegionMentions(title),
    ...findRegionMentions(urlWords).filter((m) => m.region !== "China"),
    ...infos.flatMap((i) => i.regions),
  ];
  const subject = subjectRegion(allMentions);
  const subjectCity = subjectRegion(allMentions, true) ?? subject;
  const pubYear = published ? Number(published.slice(0, 4)) : undefined;

  const facts: ExtractedFact[] = [];
  let paragraph = -1;
  let paraRegion: string | undefined;
  let paraPeriod: string | undefined;
  let paraPlanPeriod: string | undefined;
  let prevParaPlanPeriod: string | undefined;
  // Past its paragraph, a figure with no period of its own takes the article's main period, or
  // the period that opened a later paragraph ("In the first five months, ..."): an aside's
  // period ("profits between January and April") never carries on.
  let lastActualPeriod: string | undefined = main;
  let firstInParagraph = false;
  let paraAmountMetric: string | undefined;
  // The last vocabulary metric the paragraph named: what an actor's or a list item's figure measures.
  let paraVocab: string | undefined;
  let inBreakdown = false;
  let regionBeforeBreakdown: string | undefined;

  for (const info of infos) {
    const s = info.sentence;
    firstInParagraph = s.paragraph !== paragraph;
    if (s.paragraph !== paragraph) {
      prevParaPlanPeriod = paraPlanPeriod;
      paragraph = s.paragraph;
      paraRegion = undefined;
      paraPeriod = undefined;
      paraPlanPeriod = undefined;
      paraAmountMetric = undefined;
      paraVocab = undefined;
      inBreakdown = false;
    }
    if (!inBreakdown && BREAKDOWN.test(s.text)) {
      inBreakdown = true;
      regionBeforeBreakdown = paraRegion;
    }
    // "4.0 percent in the same period last year" (after a first-quarter figure) is 2023-Q1, not 2023.
    const context = info.periods.find((p) => !p.samePeriod)?.period ?? paraPeriod ?? lastActualPeriod;
    const sub = context?.slice(4) ?? "";
    for (const p of info.periods) if (p.samePeriod && sub && !p.period.includes("-")) p.period += sub;
    let prev: Resolved | undefined;
    const outside = outsideOwners(s.text);
    const listed = pairRespectively(s.text, info.figures);
    for (const [index, item] of pairParenthesized(s.text, info.figures))
      if (!listed.has(index)) listed.set(index, item);
    let prevListVariant: string | undefined;
    let prevListMetric:
      | { base: string; name: string; how: "vocabulary" | "inherited" | "phrase" }
      | undefined;
    for (const [figureIndex, figure] of info.figures.entries()) {
      const listItem = listed.get(figureIndex);
      const listRegion = listItem ? regionOfItem(listItem.item) : undefined;
      const clause = clauseAt(info.cuts, figure.numberStart);
      // "GDP: 52.30 billion RMB (2014)": a label before a colon names the value after it.
      const labelled = prev === undefined && LABEL_COLON.test(s.text.slice(0, clause.start));
      const localStart = labelled ? 0 : Math.max(clause.start, prev?.figure.end ?? 0);
      const localBefore = s.text.slice(localStart, figure.start);

      // "Jiangsu province, whose GDP hit …": a place the bot does not cover owns this figure,
      // unless one of ours is named between it and the figure.
      const owner = outside.filter((o) => o.end <= figure.start).pop();
      if (
        owner &&
        !info.regions.some((m) => m.start >= owner.end && m.end <= figure.start && canOwnFigure(m))
      )
        continue;
      // "eight clusters with a production value of over 1 trillion yuan": a per-item threshold.
      if (
        figure.kind === "amount" &&
        prev?.figure.countPhrase &&
        /^[^,;]*\b(with|having|whose)\b[^,;]*$/i.test(s.text.slice(prev.figure.end, figure.numberStart)) &&
        !/\btotal\b/i.test(s.text.slice(prev.figure.end, figure.numberStart))
      )
        continue;
      // "enterprises with annual sales over 20 million yuan", "cities whose GDP exceeds US$300
      // billion": a definition's threshold, not a figure of the economy.
      // "…, with a total investment of over 1.2 trillion yuan" sums what the clause before
      // counted; "projects with total investment above 100 million yuan" defines them.
      const thresholdLead = s.text.slice(Math.max(0, figure.numberStart - 90), figure.numberStart);
      if (
        figure.kind === "amount" &&
        THRESHOLD_BEFORE.test(thresholdLead) &&
        !/,\s*with\s+(a\s+)?total\b[^,;]*$/i.test(thresholdLead)
      )
        continue;
      // "one of four regions whose GDP passed 2 trillion yuan", "cities with GDP over 1
      // trillion yuan": the line that defines a tier, not any one member's figure.
      if (figure.kind === "amount" && TIER_BEFORE.test(thresholdLead)) continue;
      // "its shoreline accounts for a fifth of the province's": geography, not the economy.
      if (
        (figure.kind === "share" || figure.kind === "percent") &&
        GEOGRAPHY.test(s.text.slice(clause.start, clause.end)) &&
        /\b(accounts?|accounting|making up|makes up)\b/i.test(s.text.slice(clause.start, figure.start))
      )
        continue;

      let period = periodInSentence(info, figure);
      let periodHow: PeriodEvidence = "sentence";
      if (!period && paraPeriod) {
        period = paraPeriod;
        periodHow = "paragraph";
      } else if (!period) {
        period = info.forward ? prevParaPlanPeriod : lastActualPeriod;
        periodHow = period ? "context" : "none";
      }
      const figureYear = yearOf(period ?? null);
      const forward =
        info.forward && !(pubYear !== undefined && figureYear !== undefined && figureYear < pubYear);

      let qualifier = qualifierOf(localBefore, s.text, forward);
      // A list of goals after one "aims to" / "targets": each figure is a target.
      if (
        forward &&
        qualifier !== "target" &&
        qualifier !== "projected" &&
        setsTarget(s.text.slice(0, figure.start))
      )
        qualifier = "target";
      if (prev && CONVERSION.test(localBefore) && qualifier === "exact") qualifier = prev.qualifier;
      // "one-fifth" is approximate; a structure ratio's parts are as written.
      else if (figure.kind === "share" && qualifier === "exact" && !figure.sector) qualifier = "approx";

      // "5%-6%", "5% to 6%": the upper end of a range measures what the lower end did.
      const rangeEnd = prev !== undefined && prev.figure.unit === figure.unit && RANGE_JOIN.test(localBefore);
      if (rangeEnd && prev) qualifier = prev.qualifier;
      const found =
        (rangeEnd && prev
          ? { base: prev.base, name: prev.name, how: "inherited" as const }
          : metricFor(info, figure, prev, qualifier, localStart, paraAmountMetric, paraVocab)) ??
        (listRegion && listItem?.head
          ? headMetric(listItem.head, figure, localBefore, qualifier)
          : undefined);
      if (!found) continue;
      const tidy = found.how === "phrase" ? tidyPhrase(found) : found;
      // A figure of a "respectively" list measures its own item, not the sentence's subject.
      // Its variant (growth, share) is the list's: "increased by 12.1, 8.7 and 5.3 percent".
      // A second run in another unit ("… to 88.4 and 72.9 billion yuan") has its own variant.
      const listVariant =
        listItem && prevListVariant !== undefined && prev?.figure.unit === figure.unit
          ? prevListVariant
          : undefined;
      // In a list of regions every figure measures what the first one does.
      const metric =
        listItem && !listRegion
          ? withListItem(tidy, listItem, info, listVariant, paraVocab)
          : listRegion && prevListMetric
            ? prevListMetric
            : tidy;

      prevListVariant = listItem ? variantOf(metric) : undefined;
      prevListMetric = listRegion ? metric : undefined;

      // "2.9 percent higher than that of the whole nation", "narrowing 3.4 percent from that of
      // the first quarter": a gap between two rates, in points, whatever the word says.
      const gap =
        figure.kind === "percent" &&
        (GAP_AFTER.test(s.text.slice(figure.end, figure.end + 50)) || GAP_BEFORE.test(localBefore));
      let value = figure.value;
      // "grew 3.9 percent, down from 5.1 percent": the earlier value of the change, as written,
      // for the period before.
      const earlier =
        prev !== undefined && prev.figure.unit === figure.unit && EARLIER_VALUE.test(localBefore);
      if (earlier && period) period = previousPeriod(period);
      if (!earlier && (figure.kind === "percent" || figure.kind === "points") && !figure.token.negative) {
        const direction = directionOf(localBefore, s.text.slice(figure.end, figure.end + 40));
        // "sales growth dipped to 17.5 percent": the rate it arrived at, as written.
        if (/ growth|change/.test(metric.name) && direction === "down" && !ARRIVED_AT.test(localBefore))
          value = -Math.abs(value);
      }

      const region = listRegion
        ? { region: listRegion, how: "clause" as const }
        : NATIONAL_BENCHMARK.test(localBefore.slice(-50))
          ? { region: "China", how: "clause" as const }
          : regionFor(info, figure, paraRegion, subject, subjectCity);
      const unit = gap
        ? "percentage points"
        : figure.kind === "bare"
          ? metricByName(metric.base)?.kind === "people"
            ? "people"
            : "count"
          : figure.unit;
      const quote = quoteFor(info, figure);
      // A name carried from a figure named by the text's own words is no surer than that one.
      const metricHow = metric.how === "inherited" && prev?.how === "phrase" ? "phrase" : metric.how;
      // "Northern Guangdong topped the list for retail sales, …": a part of the province as the
      // sentence's subject owns its figures, which are never the province's total.
      const part = region.region === "Guangdong" ? SUB_REGION_SUBJECT.exec(s.text)?.[1] : undefined;
      const metricName =
        part && !metric.name.includes("guangdong") ? `${subRegionName(part)} ${metric.name}` : metric.name;
      const candidate = {
        id: factId(region.region, metricName, period ?? null, unit, naturalUnit(metricName)),
        region: region.region,
        metric: metricName,
        period: period ?? null,
        value,
        unit,
        qualifier,
        source,
        quote,
        ...assess({
          region: listRegion ? "list" : region.how,
          period: periodHow,
          yearInferred: period !== undefined && inferredPeriods.has(period),
          metric: metricHow,
          // Counted nouns, streaks and ranks are noun phrases by construction; "share of …" is our own wording.
          // A name carried from the figure before is as much a fragment as it was there, unless
          // it is the vocabulary's or a counted noun's ("96 projects, up 20%").
          fragment:
            metric.name === "share of total" ||
            ((metric.how === "phrase" ||
              (metric.how === "inherited" &&
                !metricByName(metric.base) &&
                prev?.figure.kind !== "count" &&
                prev?.figure.kind !== "people")) &&
              (figure.kind === "amount" || figure.kind === "percent" || figure.kind === "measure") &&
              !metric.name.startsWith("share of") &&
              isFragment(metric.base)),
          implausible: isImplausibleAmount(value, unit, metric.name),
          headline: s.text.replace(/\s+/g, " ") === title.replace(/\s+/g, " "),
          listed: listItem !== undefined,
          singleEntity: namesSingleEntity(metric.name),
          kindMismatch: hasKindMismatch(metric.name, unit, metricByName(metric.base)?.kind),
          wrapped: quote.includes("\n"),
        }),
      };
      const parsed = ExtractedFactSchema.safeParse(candidate);
      if (parsed.success) facts.push(parsed.data);
      else
        warnings.push(
          `skipped a figure in "${s.text.slice(0, 60)}…": ${parsed.error.issues[0]?.message ?? "invalid"}`,
        );
      prev = { figure, base: metric.base, name: metric.name, qualifier, how: metricHow };
      if (figure.kind === "amount") paraAmountMetric = metric.base;
    }

    // Carry what this sentence named to the sentences after it.
    paraVocab = info.metrics[info.metrics.length - 1]?.metric ?? paraVocab;
    const lastRegion = [...info.regions]
      .reverse()
      .find((m) => canOwnFigure(m) && !(m.anaphor && m.region === ""));
    if (lastRegion) paraRegion = lastRegion.region;
    // A breakdown runs over `;`-joined pieces; at its full stop the paragraph's region returns.
    if (inBreakdown && !/[;；]$/.test(s.text)) {
      inBreakdown = false;
      paraRegion = regionBeforeBreakdown ?? paraRegion;
    }
    const lastPeriod = info.periods[info.periods.length - 1]?.period;
    if (lastPeriod) {
      paraPeriod = lastPeriod;
      if (info.forward) paraPlanPeriod = lastPeriod;
      // A single month ("in December") is too narrow to carry past its paragraph.
      else if (firstInParagraph && opensWithPeriod(info) && !/^\d{4}-\d{2}$/.test(lastPeriod))
        lastActualPeriod = info.periods[0]?.period ?? lastActualPeriod;
    }
  }

  for (const table of layout.tables) {
    for (const figure of tableFigures(table, { published, title, subject })) {
      const candidate = {
        ...figure,
        id: factId(figure.region, figure.metric, figure.period, figure.unit, naturalUnit(figure.metric)),
        source,
        status: figure.confidence >= SERVING_THRESHOLD ? "served" : "held",
        reasons: ["read from a table row"],
      };
      const parsed = ExtractedFactSchema.safeParse(candidate);
      if (parsed.success) facts.push(parsed.data);
      else
        warnings.push(
          `skipped a table figure in "${figure.quote.slice(0, 60)}": ${parsed.error.issues[0]?.message}`,
        );
    }
  }

  for (const figure of glued) {
    const region = subject ?? "Guangdong";
    const candidate = {
      id: factId(region, figure.metric, figure.period, figure.unit, naturalUnit(figure.metric)),
      region,
      metric: figure.metric,
      period: figure.period,
      value: figure.value,
      unit: figure.unit,
      qualifier: "exact" as const,
      source,
      quote: figure.quote,
      ...assess({
        region: "article",
        period: "sentence",
        yearInferred: false,
        metric: metricByName(figure.metric) ? "vocabulary" : "phrase",
        fragment: false,
        implausible: false,
        headline: false,
        listed: false,
        singleEntity: false,
        kindMismatch: false,
        wrapped: false,
      }),
    };
    const parsed = ExtractedFactSchema.safeParse(candidate);
    if (parsed.success) facts.push(parsed.data);
  }

  const unique = dedupe(facts);
  if (unique.length === 0) warnings.push("no figures found");
  return {
    source,
    facts: disambiguateIds(unique),
    warnings,
    text: input.text,
    extractorVersion: EXTRACTOR_VERSION,
  };
}

/** Drops repeats of the same figure within one article (a summary list restating the lede). */
function dedupe(facts: readonly ExtractedFact[]): ExtractedFact[] {
  const seen = new Set<string>();
  const unique = facts.filter((f) => {
    const key = [f.region, f.metric, f.period, f.unit, f.value].join("|");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  // "exceeds 2 trillion yuan" in the headline, "2.06 trillion yuan" in the body: a vague
  // restatement of a precise figure is not a figure of its own.
  const byFigure = new Map<string, ExtractedFact[]>();
  for (const f of unique) {
    const key = figureKey(f);
    const list = byFigure.get(key);
    if (list) list.push(f);
    else byFigure.set(key, [f]);
  }
  const vague = new Set<ExtractedFact>();
  for (const list of byFigure.values()) {
    if (list.length < 2) continue;
    for (const loose of list) {
      if (!isVague(loose)) continue;
      const precise = list.find(
        (f) =>
          f !== loose &&
          !isVague(f) &&
          Math.abs(f.value - loose.value) <= RESTATEMENT_TOLERANCE * Math.abs(f.value),
      );
      if (precise) vague.add(loose);
    }
  }
  return unique.filter((f) => !vague.has(f));
}

// How far a rounded restatement may stray from the figure it restates.
const RESTATEMENT_TOLERANCE = 0.1;

/** A figure stated loosely: "over", "about", "under", or in the headline. */
function isVague(fact: ExtractedFact): boolean {
  return (
    fact.qualifier === "over" ||
    fact.qualifier === "approx" ||
    fact.qualifier === "under" ||
    fact.reasons.some((r) => r.startsWith("read from the headline"))
  );
}

/** Two different values under one id in one article get `~2`, `~3` so ids stay unique. */
function disambiguateIds(facts: readonly ExtractedFact[]): ExtractedFact[] {
  const counts = new Map<string, number>();
  return facts.map((f) => {
    const n = (counts.get(f.id) ?? 0) + 1;
    counts.set(f.id, n);
    return n === 1 ? f : { ...f, id: `${f.id}~${n}` };
  });
}
