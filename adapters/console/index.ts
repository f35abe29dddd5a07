/**
 * The console adapter: a prompt in a terminal, or one answer per line of piped input. It lets
 * anyone try the bot with no platform tokens, through the same commands Slack and Discord use.
 */
import { createInterface } from "node:readline";
import type { InvocationHandler, PlatformAdapter } from "../../src/core/adapter.js";
import type { Reply } from "../../src/core/reply.js";
import { replyToText } from "./render.js";

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
    write(replyToText(reply));
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
      write(replyToText(reply));
      posted += 1;
      return { messageId: `console-${posted}` };
    },
    async findPosted() {
      // The terminal keeps no history to look in.
      return null;
    },
  };
}
