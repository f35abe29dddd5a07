/**
 * `npm run cli -- <command>`: the curator's and operator's tool. A composition root like
 * `main.ts`: each sub-command lives in `src/cli/<name>.ts` and registers itself here.
 */
import { Command } from "commander";
import { register as registerAsk } from "./cli/ask.js";
import { register as registerDigest } from "./cli/digest.js";
import { register as registerDiscord } from "./cli/discord.js";
import { register as registerDocuments } from "./cli/documents.js";
import { register as registerEval } from "./cli/eval.js";
import { register as registerExtract } from "./cli/extract.js";
import { register as registerFacts } from "./cli/facts.js";
import { register as registerIngest } from "./cli/ingest.js";
import { register as registerReextract } from "./cli/reextract.js";
import { register as registerSources } from "./cli/sources.js";

// A reader that stops early (`facts list | head -1`) closes the pipe: the output is no longer
// wanted, which is success, not a crash with a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  process.stderr.write(`error: cannot write the output (${error.code ?? error.message})\n`);
  process.exit(1);
});

const program = new Command()
  .name("npm run cli --")
  .description("Guangdong figures bot: extract, ingest, inspect and operate")
  .showHelpAfterError()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

// Sub-commands register below, one line each.
registerExtract(program);
registerDiscord(program);
registerFacts(program);
registerIngest(program);
registerDocuments(program);
registerReextract(program);
registerSources(program);
registerDigest(program);
registerAsk(program);
registerEval(program);

await program.parseAsync(process.argv);
