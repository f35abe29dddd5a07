/**
 * `npm run cli -- ask [--json] <query...>`: one answer and exit, for scripts and quick checks.
 * Text mode answers exactly as the console does; `--json` prints `{"query", "results"}` (the
 * matching facts, best first) and nothing else on stdout, plus `"chart"`, the path of a PNG under
 * DATA_DIR/charts, when the answer is a trend or a comparison.
 */
import type { Command } from "commander";
import { chartDir, writeChartFile } from "../../adapters/console/chart-file.js";
import { replyToText } from "../../adapters/console/render.js";
import { createBot } from "../bot.js";
import { ConfigError, loadConfig } from "../core/config.js";
import { cleanText, MAX_QUERY_LENGTH } from "../core/dispatch.js";
import { BotError } from "../core/errors.js";
import { createLogger, scrubSecrets } from "../core/logger.js";
import { describeFailure, EXIT_FAILURE } from "./store-command.js";

/** How many facts `--json` lists. */
const JSON_RESULTS = 5;

function invocation(text: string) {
  return { platform: "cli", user: { id: "cli" }, channel: { id: "cli" }, text } as const;
}

export function register(program: Command): void {
  program
    .command("ask")
    .description("answer one question and exit (e.g. ask zhaoqing gdp 2023)")
    .option("--json", "print {query, results} as JSON: the matching facts, best first")
    .argument("<query...>", "the question, in English or Chinese")
    .action(async (words: string[], options: { json?: boolean }) => {
      const query = cleanText(words.join(" "));
      let secrets: readonly string[] = [];
      try {
        const config = loadConfig();
        secrets = config.secrets;
        // Logs go to stderr and stay quiet unless asked: stdout is the answer.
        const logger = createLogger({ level: process.env.LOG_LEVEL ? config.logLevel : "warn", secrets });
        const bot = await createBot({ config, logger });
        try {
          if (options.json) {
            if (!query || query.length > MAX_QUERY_LENGTH) {
              process.stderr.write(`error: the query must be 1 to ${MAX_QUERY_LENGTH} characters\n`);
              process.exitCode = EXIT_FAILURE;
              return;
            }
            const { result } = bot.facts.search(query, new Date(), JSON_RESULTS);
            const results = result.results.map((hit) => hit.fact);
            // A trend or comparison also has a chart: written to a file, its path in `chart`.
            const { chart } = await bot.handle(invocation(query));
            const file = chart ? await writeChartFile(chart, chartDir(config.dataDir)) : undefined;
            process.stdout.write(`${JSON.stringify({ query, results, ...(file ? { chart: file } : {}) })}\n`);
            process.exitCode = results.length > 0 ? 0 : EXIT_FAILURE;
            return;
          }
          const reply = await bot.handle(invocation(query));
          process.stdout.write(`${replyToText(reply)}\n`);
          if (reply.chart) {
            process.stdout.write(`\nChart: ${await writeChartFile(reply.chart, chartDir(config.dataDir))}\n`);
          }
          process.exitCode = reply.blocks.some((b) => b.type === "fact" || b.type === "table")
            ? 0
            : EXIT_FAILURE;
        } finally {
          await bot.close();
        }
      } catch (error) {
        const known = error instanceof ConfigError || error instanceof BotError;
        process.stderr.write(
          `${scrubSecrets(known ? describeFailure(error) : describeFailure(error), secrets)}\n`,
        );
        process.exitCode = EXIT_FAILURE;
      }
    });
}
