/**
 * `ask --json`: the `ask` command's own answer as data. The notices and the figures shown come
 * from the command's Reply, so the JSON says everything the text answer says (a relaxed
 * question, disagreeing sources); the alternatives the search ranks next follow them.
 */
import type { Bot } from "../bot.js";
import type { Reply } from "../core/reply.js";
import { factCard } from "../facts/cards.js";
import { isServed, type StoredFact } from "../facts/fact.js";
import { type AskJson, AskJsonSchema, JSON_FORMAT_VERSION, type JsonFact } from "./json-schema.js";

/** How many facts `--json` lists. */
export const JSON_RESULTS = 5;

/** One stored fact in the published shape. */
export function jsonFact(fact: StoredFact, conflicting: boolean): JsonFact {
  const card = factCard(fact);
  return {
    id: fact.id,
    region: fact.region,
    metric: fact.metric,
    period: fact.period,
    value: fact.value,
    unit: fact.unit,
    qualifier: fact.qualifier,
    status: !isServed(fact) ? "held" : conflicting ? "conflicting" : "served",
    confidence: fact.confidence,
    display: { title: card.title, value: card.value, period: card.period },
    sources: fact.citations.map((c) => ({
      title: c.source.title,
      url: c.source.url,
      publisher: c.source.publisher,
      published: c.source.published,
      ...(c.source.inferred && { inferred: c.source.inferred }),
      quote: c.quote,
    })),
  };
}

/** The JSON answer from the `ask` command's Reply; parsed, so it always matches the schema. */
export async function askJson(
  bot: Pick<Bot, "facts">,
  query: string,
  reply: Reply,
  now: Date,
  chart?: string,
): Promise<AskJson> {
  const withChart = chart ? { chart } : {};
  const cardIds = reply.blocks.flatMap((b) => (b.type === "fact" ? [b.card.id] : []));
  const texts = reply.blocks.flatMap((b) => (b.type === "notice" || b.type === "text" ? [b.text] : []));
  if (cardIds.length === 0) {
    // A refusal or "nothing found": the reply's words are the reason.
    return AskJsonSchema.parse({
      version: JSON_FORMAT_VERSION,
      query,
      notices: [],
      results: [],
      message: texts.join("\n") || null,
      ...withChart,
    });
  }
  // More than one card for the best figure means the sources disagree; each is listed.
  const conflicting = cardIds.length > 1;
  const shown: StoredFact[] = [];
  for (const id of cardIds) {
    const fact = await bot.facts.getFact(id);
    if (fact) shown.push(fact);
  }
  const ids = new Set(shown.map((f) => f.id));
  const { result } = bot.facts.search(query, now, JSON_RESULTS + cardIds.length);
  const rest = result.results.map((hit) => hit.fact).filter((f) => !ids.has(f.id));
  const results = [
    ...shown.map((f) => jsonFact(f, conflicting)),
    ...rest.map((f) => jsonFact(f, false)),
  ].slice(0, Math.max(JSON_RESULTS, shown.length));
  const notices = reply.blocks.flatMap((b) => (b.type === "notice" ? [b.text] : []));
  return AskJsonSchema.parse({
    version: JSON_FORMAT_VERSION,
    query,
    notices,
    results,
    message: null,
    ...withChart,
  });
}
