/**
 * Whether a few words read as a noun phrase, using compromise's part-of-speech tagger (a
 * well-kept npm library whose lexicon is bundled, so it runs offline). Extraction names what a
 * figure measures from the text's own words when the vocabulary has none; a name that is not a
 * noun phrase ("year on year", "also grew with", "it plans") is a fragment of the sentence,
 * and such a fact is held for review rather than served.
 *
 * Only short phrases are tagged (metric names and the words before a metric), never whole
 * articles, and results are cached in a bounded map, so the cost stays small and linear.
 */
import nlp from "compromise";

interface Term {
  text: string;
  tags: ReadonlySet<string>;
}

const MAX_WORDS = 12;
const CACHE_LIMIT = 5000;
const cache = new Map<string, Term[]>();

function tag(phrase: string): Term[] {
  const key = phrase.toLowerCase().trim();
  const hit = cache.get(key);
  if (hit) return hit;
  const words = key.split(/\s+/).slice(0, MAX_WORDS).join(" ");
  const doc = nlp(words) as unknown as {
    terms: () => { json: () => Array<{ text: string; terms: Array<{ tags: string[] }> }> };
  };
  const terms = doc
    .terms()
    .json()
    .map((t) => ({ text: t.text, tags: new Set(t.terms[0]?.tags ?? []) }));
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, terms);
  return terms;
}

// Tags that never belong inside the name of a measured quantity.
const NOT_IN_NAME = [
  "Pronoun",
  "Adverb",
  "Month",
  "Duration",
  "Copula",
  "Modal",
  "Auxiliary",
  "QuestionWord",
];
const ALLOWED_WORDS = /^(of|and|with|by|from|in|for|to|&|the|above|designated|size|per|capita)$/i;

/** True when a tagged term can stand inside a noun phrase (noun, adjective, gerund or participle used as one). */
function nominal(term: Term, isLast: boolean): boolean {
  if (ALLOWED_WORDS.test(term.text)) return !isLast || /^(size|capita)$/i.test(term.text);
  if (NOT_IN_NAME.some((t) => term.tags.has(t))) return false;
  if (term.tags.has("Noun") || term.tags.has("Acronym")) return true;
  // An adjective modifies; it does not end a name ("experienced" alone is no metric).
  if (term.tags.has("Adjective")) return !isLast;
  if (term.tags.has("Gerund")) return !isLast;
  // "manned vehicles", "utilised foreign capital": a past participle before its noun.
  if (term.tags.has("PastTense") || term.tags.has("Participle")) return !isLast;
  return /^[\u4e00-\u9fff]+$/.test(term.text) || term.tags.has("Value");
}

/**
 * True when `phrase` reads as a noun phrase: every word nominal, the last one a noun.
 * @example readsAsNounPhrase("industrial robots output") === true
 * @example readsAsNounPhrase("also rose with japan") === false
 */
export function readsAsNounPhrase(phrase: string): boolean {
  const terms = tag(phrase);
  if (terms.length === 0) return false;
  return terms.every((t, i) => nominal(t, i === terms.length - 1));
}

const TRAILING_WORDS = /^(of|in|for|to|by|with|from|and|the|a|an|at|on)$/i;

/**
 * The noun phrase a phrase opens with: its longest run of words, from the start, that reads as
 * a noun phrase on its own, and the flow the next word names when it is "exported" or
 * "imported" ("private enterprises exported" → "private enterprises", exports; "office
 * supplies sales surged" → "office supplies sales"). Undefined when no opening run is nominal.
 */
export function leadingNounPhrase(
  phrase: string,
): { phrase: string; flow?: "exports" | "imports" } | undefined {
  const words = phrase.trim().split(/\s+/).slice(0, MAX_WORDS);
  for (let end = words.length; end > 0; end--) {
    let kept = words.slice(0, end);
    while (kept.length > 0 && TRAILING_WORDS.test(kept[kept.length - 1] ?? "")) kept = kept.slice(0, -1);
    if (kept.length === 0) continue;
    const candidate = kept.join(" ");
    if (!readsAsNounPhrase(candidate)) continue;
    const next = words[end] ?? "";
    const flow = /^export(ed|s|ing)?$/i.test(next)
      ? "exports"
      : /^import(ed|s|ing)?$/i.test(next)
        ? "imports"
        : undefined;
    return flow ? { phrase: candidate, flow } : { phrase: candidate };
  }
  return undefined;
}
