/**
 * `npm run cli -- reextract [--json]`: re-reads every stored document an older extractor read,
 * with the current one, and says what changed. The bot does the same at start-up; this is for an
 * operator who upgrades the extractor while the bot runs (the bot picks the changes up within 2 s).
 */
import type { Command } from "commander";
import { extractArticleOnDemand } from "../ingest/extract-on-demand.js";
import { EXTRACTOR_VERSION } from "../ingest/version.js";
import { formatReextractReport, type ReextractReport, reextractAll } from "../store/reextract.js";
import { EXIT_FAILURE, runWithStore } from "./store-command.js";

/** The report as lines: the summary, then one line per changed fact and per problem. */
export function formatReextractLines(report: ReextractReport): string[] {
  return [
    formatReextractReport(report),
    ...report.added.map((id) => `added      ${id}`),
    ...report.corrected.map(({ from, to }) => `corrected  ${from}${from === to ? "" : ` -> ${to}`}`),
    ...report.removed.map((id) => `removed    ${id}  (retracted: no longer extracted)`),
    ...report.withoutText.map(
      ({ title }) => `no text    "${title}" (stored before texts were kept; ingest it again)`,
    ),
    ...report.failed.map(({ title, error }) => `failed     "${title}": ${error.message}`),
  ];
}

/** Registers `reextract`. */
export function register(program: Command): void {
  program
    .command("reextract")
    .description(`re-read stored documents an older extractor read with this one (v${EXTRACTOR_VERSION})`)
    .option("--json", "print the report as JSON", false)
    .action(async (options: { json: boolean }) => {
      await runWithStore(async (store) => {
        const report = await reextractAll(store, extractArticleOnDemand, { version: EXTRACTOR_VERSION });
        if (options.json) {
          const failed = report.failed.map(({ hash, title, error }) => ({
            hash,
            title,
            error: error.message,
          }));
          process.stdout.write(`${JSON.stringify({ ...report, failed }, null, 2)}\n`);
        } else {
          for (const line of formatReextractLines(report)) process.stdout.write(`${line}\n`);
        }
        return report.failed.length > 0 ? EXIT_FAILURE : 0;
      });
    });
}
