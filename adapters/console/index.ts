/**
 * The console adapter: a prompt in a terminal, or one answer per line of piped input. It lets
 * anyone try the bot with no platform tokens, through the same commands Slack and Discord use.
 */
import { createInterface } from "node:readline";
import type { InvocationHandler, PlatformAdapter } from "../../src/core/adapter.js";
import type { Reply } from "../../src/core/reply.js";
import { writeChartFile } from "./chart-file.js";
import { replyToText } from "./render.js";

export { chartDir, writeChartFile } from "./chart-file.js";
export { replyToText } from "./render.js";

export interface ConsoleAdapterOptions {
  handle: InvocationHandler;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /**
   * Interactive shows a prompt and a greeting; piped input echoes each question (`> …`) before
   * its answer, so a transcript shows which answer belongs to which question.
   */
  interactive?: boolean;
  /** Called when input ends (piped input done, or Ctrl-D). */
  onEnd?: () => void;
  /** Where chart PNGs are written (the path is printed under the answer); unset: no charts. */
  chartDir?: string;
}

const CHANNEL = "console";

/** Creates the console adapter; `start()` begins reading input. */
export function createConsoleAdapter(
  options: ConsoleAdapterOptions,
): PlatformAdapter & { done: Promise<void> } {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const interactive = options.interactive ?? Boolean((input as { isTTY?: boolean }).isTTY);
  let readline: ReturnType<typeof createInterface> | undefined;
  let resolveDone: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });
  let posted = 0;

  const write = (text: string) => output.write(`${text}\n`);

  /** The answer's text, and the path of its chart when it has one and there is a place for it. */
  async function show(reply: Reply): Promise<string> {
    const text = replyToText(reply);
    if (!reply.chart || !options.chartDir) return text;
    try {
      return `${text}\n\nChart: ${await writeChartFile(reply.chart, options.chartDir)}`;
    } catch (error) {
      // The answer stands without its picture; say why in one line.
      return `${text}\n\n(chart not saved: ${error instanceof Error ? error.message : String(error)})`;
    }
  }

  async function answer(line: string): Promise<void> {
    const text = line.trim();
    if (!text) return;
    if (interactive && (text === "exit" || text === "quit")) {
      readline?.close();
      return;
    }
    if (!interactive) write(`> ${text}`);
    const reply: Reply = await options.handle({
      platform: "console",
      user: { id: process.env.USER ?? "console-user", canManageChannel: true },
      channel: { id: CHANNEL, name: "console" },
      text,
      raw: line,
    });
    write(await show(reply));
    if (!interactive) write("");
  }

  return {
    platform: "console",
    done,
    async start() {
      readline = createInterface({ input, output: interactive ? output : undefined, terminal: interactive });
      if (interactive) {
        write("Guangdong figures bot. Ask e.g. `zhaoqing gdp 2023`, `help`, or `exit` to leave.");
        readline.setPrompt("gd> ");
        readline.prompt();
      }
      // Lines are answered one at a time, in order, even when piped input arrives all at once.
      let queue = Promise.resolve();
      readline.on("line", (line) => {
        queue = queue.then(async () => {
          await answer(line);
          if (interactive) readline?.prompt();
        });
      });
      readline.on("close", () => {
        void queue.then(() => {
          resolveDone();
          options.onEnd?.();
        });
      });
    },
    async stop() {
      readline?.close();
      await done;
    },
    async post(_channelId, reply) {
      write(await show(reply));
      posted += 1;
      return { messageId: `console-${posted}` };
    },
    async findPosted() {
      // The terminal keeps no history to look in.
      return null;
    },
  };
}
