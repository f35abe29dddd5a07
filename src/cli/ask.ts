/**
 * `npm run cli -- ask [--json] <query...>`: one answer and exit, for scripts and quick checks.
 * Text mode answers exactly as the console does; `--json` prints the same answer as one JSON
 * object of the published shape (`AskJsonSchema`: version, notices, results with their status
 * and sources, and `chart`, the path of a PNG under DATA_DIR/charts, when the question is a
 * trend or a comparison) and nothing else on stdout.
 */
import type { Command } from "commander";
import { chartDir, writeChartFile } from "../../adapters/console/chart-file.js";
import { replyToText } from "../../adapters/console/render.js";
import { createBot } from "../bot.js";
import { ConfigError, loadConfig } from "../core/config.js";
import { cleanText, MAX_QUERY_LENGTH } from "../core/dispatch.js";
import { BotError } from "../core/errors.js";
import { createLogger, scrubSecrets } from "../core/logger.js";
import { askJson } from "./ask-json.js";
import { describeFailure, EXIT_FAILURE } from "./store-command.js";

function invocation(text: string) {
  return { platform: "cli", user: { id: "cli" }, channel: { id: "cli" }, text } as const;
}

export function register(program: Command): void {
  program
    .command("ask")
    .description("answer one question and exit (e.g. ask zhaoqing gdp 2023)")
    .option("--json", "print the answer as JSON: version, notices, results with status and sources")
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
            const now = new Date();
            // Always the `ask` command, so a question starting with a command's name stays a question.
            const reply = await bot.handle({ ...invocation(query), command: "ask" });
            // A trend or a comparison also has a chart: written to a file, its path in `chart`.
            const { chart } = await bot.handle(invocation(query));
            const file = chart ? await writeChartFile(chart, chartDir(config.dataDir)) : undefined;
            const answer = await askJson(bot, query, reply, now, file);
            process.stdout.write(`${JSON.stringify(answer)}\n`);
            process.exitCode = answer.results.length > 0 || file ? 0 : EXIT_FAILURE;
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
