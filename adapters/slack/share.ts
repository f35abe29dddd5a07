/**
 * The **Share in channel** button. Its value carries the user's original question, not the
 * answer: a drawn answer (fact cards, quotes, links) easily exceeds Slack's 2,000-character
 * button value, while a question is capped far below that by dispatch. When clicked, the
 * question is asked again through the same handler and the fresh answer is posted publicly; the
 * store only grows, so the answer is the one the user saw unless a figure was corrected since —
 * in which case the channel gets the corrected figure, which is what we want it to see.
 */
import { z } from "zod";
import type { Reply } from "../../src/core/reply.js";
import { SLACK_MAX_BUTTON_VALUE } from "./render.js";

const ShareValueSchema = z.object({
  /** Format version, so a change of encoding can tell old buttons apart. */
  v: z.literal(1),
  /** The user's text as the handler received it. */
  q: z.string(),
  /** The thread the answer belongs in, for answers given inside a thread. */
  t: z.string().optional(),
});

/** What a Share button needs to reproduce its answer. */
export interface ShareRequest {
  text: string;
  threadTs?: string;
}

/** Encodes a share request as a button value, or undefined when it would not fit Slack's cap. */
export function encodeShareValue(request: ShareRequest): string | undefined {
  // `<`, `>` and `&` as JSON escapes: the value is never drawn, but nothing we send Slack should
  // hold a raw `<!channel>` from user text. JSON.parse turns them back.
  const value = JSON.stringify({
    v: 1,
    q: request.text,
    ...(request.threadTs ? { t: request.threadTs } : {}),
  })
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026");
  return value.length <= SLACK_MAX_BUTTON_VALUE ? value : undefined;
}

/** Decodes a button value; null when it is not one of ours (or from an unknown version). */
export function decodeShareValue(value: string): ShareRequest | null {
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return null;
  }
  const parsed = ShareValueSchema.safeParse(json);
  if (!parsed.success) return null;
  return { text: parsed.data.q, ...(parsed.data.t ? { threadTs: parsed.data.t } : {}) };
}

/**
 * Whether a privately shown answer gets a Share button. Public replies are answers meant for
 * everyone, shown privately first so the channel is not flooded; ephemeral replies (help,
 * errors, "nothing found") get one only when the command marked them `shareable`.
 */
export function offersShare(reply: Reply): boolean {
  return reply.visibility === "public" || reply.shareable === true;
}
