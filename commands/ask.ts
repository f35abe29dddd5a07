/** `ask` (the default): the best-matching figure as a card, and up to four alternatives. */
import { defineCommand } from "../src/core/command.js";
import { UserError } from "../src/core/errors.js";
import type { ReplyBlock } from "../src/core/reply.js";
import { factCard, factLine, factList } from "../src/facts/cards.js";
import { figureKey, sameValue } from "../src/facts/merge.js";
import type { BotServices } from "./services.js";
import { freeText } from "./text-args.js";

/** Examples shown when the question is empty or finds nothing. */
export const ASK_EXAMPLES = [
  "zhaoqing gdp 2023",
  "广东 foreign trade 2024",
  "What was Zhaoqing's GDP in 2023?",
  "compare shenzhen vs guangzhou gdp",
];

const ALTERNATIVES = 4;

export const ask = defineCommand<{ text: string }, BotServices>({
  name: "ask",
  aliases: ["q", "find"],
  description: "Find a figure: region, metric and period in any order, English or Chinese",
  examples: ["ask zhaoqing gdp 2023", "广东 foreign trade 2024", "What was Zhaoqing's GDP in 2023?"],
  args: freeText,
  async run({ args, services, now }) {
    if (!args.text) {
      throw new UserError(
        `Ask about a Guangdong figure, for example:\n${ASK_EXAMPLES.map((e) => `• ${e}`).join("\n")}\nType \`help\` for every command.`,
        "EMPTY_QUERY",
      );
    }
    const { result } = services.facts.search(args.text, now, ALTERNATIVES + 1);
    const [best, ...rest] = result.results;
    if (!best) {
      throw new UserError(
        `I found no figure for "${args.text}". Try a region and a metric, e.g. \`${ASK_EXAMPLES[0]}\`, or \`latest\` to see what is new.`,
        "NOT_FOUND",
      );
    }
    const blocks: ReplyBlock[] = result.relaxed.map((r) => ({ type: "notice", text: r.note }));
    // Two sources giving different values for one figure are both shown, never one chosen. A
    // target beside its outcome is not a disagreement.
    const plan = (q: string) => q === "target" || q === "projected";
    const rivals = services.facts
      .trend(best.fact.region, best.fact.metric)
      .filter(
        (f) =>
          f.id !== best.fact.id &&
          figureKey(f) === figureKey(best.fact) &&
          plan(f.qualifier) === plan(best.fact.qualifier) &&
          !sameValue(f.value, best.fact.value),
      );
    if (rivals.length > 0)
      blocks.push({
        type: "notice",
        text: `Sources disagree: ${rivals.length + 1} different values are stored for this figure. Each is shown with its source; check them before citing one.`,
      });
    blocks.push({ type: "fact", card: factCard(best.fact) });
    for (const rival of rivals) blocks.push({ type: "fact", card: factCard(rival) });
    const rivalIds = new Set(rivals.map((f) => f.id));
    const alternatives = rest
      .filter((hit) => !rivalIds.has(hit.fact.id))
      .slice(0, ALTERNATIVES)
      .map((hit) => hit.fact);
    if (alternatives.length > 0) {
      blocks.push({ type: "heading", text: "Also" }, factList(alternatives));
    }
    return { blocks, visibility: "public", shareable: true, summary: factLine(best.fact) };
  },
});
