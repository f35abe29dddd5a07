/**
 * `npm run cli -- facts list [--json] [--all]` shows what is stored; `facts retract <id> --reason`
 * hides a wrong figure from answers and digests while keeping it, with the reason, for the record.
 * Extraction is never perfect: this is how a curator fixes it without editing the database.
 */
import type { Command } from "commander";
import type { StoredFact } from "../facts/fact.js";
import { runWithStore } from "./store-command.js";

/** One readable line per fact: id, figure, where it holds, and its first source. */
export function formatFactLine(fact: StoredFact): string {
  const where = [fact.region, fact.metric, fact.period ?? "undated"].join(" · ");
  const qualifier = fact.qualifier === "exact" ? "" : ` (${fact.qualifier})`;
  const others = fact.citations.length > 1 ? ` +${fact.citations.length - 1} more` : "";
  const retracted = fact.retracted ? `  [RETRACTED ${fact.retracted.at}: ${fact.retracted.reason}]` : "";
  return `${fact.id}  ${fact.value} ${fact.unit}${qualifier}  ${where}  — "${fact.source.title}"${others}${retracted}`;
}

/** Registers `facts list` and `facts retract`. */
export function register(program: Command): void {
  const facts = program.command("facts").description("inspect and correct stored facts");

  facts
    .command("list")
    .description("list stored facts (retracted ones only with --all)")
    .option("--json", "print the facts as JSON, with every citation", false)
    .option("--all", "include retracted facts", false)
    .action(async (options: { json: boolean; all: boolean }) => {
      await runWithStore(async (store) => {
        const list = await store.listFacts({ includeRetracted: options.all });
        if (options.json) {
          process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        } else {
          for (const fact of list) process.stdout.write(`${formatFactLine(fact)}\n`);
          const stats = await store.stats();
          process.stdout.write(
            `${list.length} fact(s) shown; ${stats.facts} live, ${stats.retracted} retracted, from ${stats.sources} source(s).\n`,
          );
        }
        return 0;
      });
    });

  facts
    .command("retract")
    .description("hide a wrong fact from answers and digests, keeping it with the reason")
    .argument("<id>", "the fact's id, as `facts list` shows it")
    .requiredOption("--reason <text>", "why the fact is wrong (kept with it)")
    .action(async (id: string, options: { reason: string }) => {
      await runWithStore(async (store) => {
        const fact = await store.retract(id, options.reason);
        process.stdout.write(`retracted  ${formatFactLine(fact)}\n`);
        return 0;
      });
    });
}
