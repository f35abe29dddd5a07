/**
 * `npm run cli -- facts list [--json] [--all]` shows what is stored; `facts retract <id> --reason`
 * hides a wrong figure from answers and digests while keeping it, with the reason, for the record.
 * `facts review [--json]` lists the facts held for review (the extractor was not sure enough to
 * serve them); `facts approve <id>` serves one, `facts reject <id> --reason` keeps it out for good.
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
  return `${fact.id}  ${fact.value} ${fact.unit}${qualifier}  ${where}  — "${fact.source.title}"${others}${reviewMarker(fact)}${retracted}`;
}

/** `[HELD]` for a fact waiting for review, `[REJECTED …]` for a rejected one; nothing when served. */
function reviewMarker(fact: StoredFact): string {
  if (fact.review?.decision === "rejected")
    return `  [REJECTED ${fact.review.at}: ${fact.review.reason ?? ""}]`;
  if (fact.status === "held" && !fact.review) return "  [HELD]";
  return "";
}

/** A held fact as `facts review` shows it: the line, then confidence, reasons and quote. */
export function formatHeldFact(fact: StoredFact): string {
  const reasons = fact.reasons.length > 0 ? fact.reasons.join("; ") : "none given";
  return [
    formatFactLine(fact),
    `    confidence ${fact.confidence.toFixed(2)}; reasons: ${reasons}`,
    `    quote: "${fact.quote}"`,
  ].join("\n");
}

/** Registers `facts list`, `facts retract`, `facts review`, `facts approve` and `facts reject`. */
export function register(program: Command): void {
  const facts = program.command("facts").description("inspect and correct stored facts");

  facts
    .command("list")
    .description("list served facts (held, rejected and retracted ones too with --all)")
    .option("--json", "print the facts as JSON, with every citation", false)
    .option("--all", "include held, rejected and retracted facts", false)
    .action(async (options: { json: boolean; all: boolean }) => {
      await runWithStore(async (store) => {
        const list = await store.listFacts({ includeRetracted: options.all, includeHeld: options.all });
        if (options.json) {
          process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        } else {
          for (const fact of list) process.stdout.write(`${formatFactLine(fact)}\n`);
          const stats = await store.stats();
          process.stdout.write(
            `${list.length} fact(s) shown; ${stats.facts} served, ${stats.held} held for review, ${stats.rejected} rejected, ${stats.retracted} retracted, from ${stats.sources} source(s).\n`,
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

  facts
    .command("review")
    .description("list the facts held for review, with confidence, reasons and quote")
    .option("--json", "print the held facts as JSON, with every citation", false)
    .action(async (options: { json: boolean }) => {
      await runWithStore(async (store) => {
        const held = await store.listHeld();
        if (options.json) {
          process.stdout.write(`${JSON.stringify(held, null, 2)}\n`);
          return 0;
        }
        for (const fact of held) process.stdout.write(`${formatHeldFact(fact)}\n`);
        process.stdout.write(
          held.length === 0
            ? "No facts are held for review.\n"
            : `${held.length} fact(s) held for review: \`facts approve <id>\` serves one, \`facts reject <id> --reason <text>\` keeps it out.\n`,
        );
        return 0;
      });
    });

  facts
    .command("approve")
    .description("serve a held fact: answers and the next digest show it")
    .argument("<id>", "the fact's id, as `facts review` shows it")
    .option("--reason <text>", "a note kept with the approval")
    .action(async (id: string, options: { reason?: string }) => {
      await runWithStore(async (store) => {
        const fact = await store.approve(id, options.reason ? { reason: options.reason } : {});
        process.stdout.write(`approved  ${formatFactLine(fact)}\n`);
        return 0;
      });
    });

  facts
    .command("reject")
    .description("keep a held fact out of answers and digests for good, with the reason")
    .argument("<id>", "the fact's id, as `facts review` shows it")
    .requiredOption("--reason <text>", "why the fact is wrong (kept with it)")
    .action(async (id: string, options: { reason: string }) => {
      await runWithStore(async (store) => {
        const fact = await store.reject(id, options.reason);
        process.stdout.write(`rejected  ${formatFactLine(fact)}\n`);
        return 0;
      });
    });
}
