/**
 * `npm run cli -- sources poll [--json]` polls every watched source once and exits (non-zero
 * when any source recorded an error); `sources list` shows each source's health. Both read the
 * sources file named by SOURCES_FILE (default data/sources.json).
 */
import type { Command } from "commander";
import { loadConfig } from "../core/config.js";
import { createLogger } from "../core/logger.js";
import { FactService } from "../facts/service.js";
import { loadSourcesFile } from "../sources/config.js";
import { configuredHttpPolicy } from "../sources/fetch.js";
import type { PollReport, SourcePollReport } from "../sources/poller.js";
import { backoffText, listWatchedSources, type WatchedSourceStatus } from "../sources/status.js";
import { EXIT_FAILURE, runWithStore } from "./store-command.js";

/** One line per source: status, what it brought, and its errors indented below. */
export function formatPollReport(report: PollReport): string {
  const lines = report.sources.map(formatSourceReport);
  const failed = report.sources.filter((s) => s.errors.length > 0).length;
  const added = report.sources.reduce((n, s) => n + s.added, 0);
  lines.push(
    `${report.sources.length} source(s) polled, ${added} new fact(s)${failed ? `, ${failed} with errors` : ""}.`,
  );
  return lines.join("\n");
}

function formatSourceReport(s: SourcePollReport): string {
  const head =
    s.status === "ok"
      ? `${s.documents} new/changed document(s), ${s.added} new fact(s), ${s.merged} confirmed`
      : s.status === "backoff" && s.retryAt
        ? `backing off after ${s.failuresInARow ?? 0} failure(s); next try after ${s.retryAt} (--force tries now)`
        : s.status === "failed" && s.retryAt
          ? `failed; next try after ${s.retryAt}`
          : s.status === "running"
            ? "still being read by another poll"
            : s.status;
  const errors = s.errors.map((e) => `    ! ${e}`);
  return [`${s.errors.length > 0 ? "FAIL" : "ok  "}  ${s.name} (${s.kind})  ${head}`, ...errors].join("\n");
}

/** One line per watched source: last success, figures brought, last error, backoff. */
export function formatWatchedSource(s: WatchedSourceStatus): string {
  const success = s.lastSuccessAt ? `last ok ${s.lastSuccessAt}` : "never fetched";
  const error = s.lastError ? `  last error ${s.lastErrorAt}: ${s.lastError}` : "";
  const backoff = backoffText(s);
  const resting = backoff ? `  (${backoff})` : "";
  const removed = s.configured ? "" : "  [not in the sources file]";
  return `${s.name} (${s.kind}) ${s.location}  ${success}  ${s.documents} doc(s), ${s.figures} fact(s)${error}${resting}${removed}`;
}

/** Registers `sources poll` and `sources list`. */
export function register(program: Command): void {
  const sources = program.command("sources").description("watched feeds, pages and folders");

  sources
    .command("poll")
    .description("poll every watched source once and exit (non-zero if any source failed)")
    .option("--json", "print the report as JSON", false)
    .option("--force", "poll sources whose interval or backoff has not passed yet", false)
    .action(async (options: { json: boolean; force: boolean }) => {
      await runWithStore(async (store) => {
        const config = loadConfig();
        const list = loadSourcesFile(config.sources.file);
        if (list.length === 0) {
          process.stdout.write(`No sources to poll (${config.sources.file} is missing or lists none).\n`);
          return 0;
        }
        const logger = createLogger({ level: config.logLevel, secrets: config.secrets });
        const facts = await FactService.open(store);
        // The feed and page readers load only for a poll, not for every CLI command.
        const { pollSources } = await import("../sources/poller.js");
        const report = await pollSources({
          sources: list,
          facts,
          db: store.db,
          logger,
          force: options.force,
          http: configuredHttpPolicy(config.sources),
          maxFeedItems: config.sources.maxFeedItems,
          concurrency: config.sources.concurrency,
        });
        process.stdout.write(
          options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatPollReport(report)}\n`,
        );
        return report.ok ? 0 : EXIT_FAILURE;
      });
    });

  sources
    .command("list")
    .description("list watched sources with their last fetch, last error and figures brought")
    .action(async () => {
      await runWithStore(async (store) => {
        const config = loadConfig();
        const list = await listWatchedSources(store.db, loadSourcesFile(config.sources.file));
        if (list.length === 0) process.stdout.write(`No watched sources (${config.sources.file}).\n`);
        for (const s of list) process.stdout.write(`${formatWatchedSource(s)}\n`);
        return 0;
      });
    });
}
