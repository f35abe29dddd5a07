/**
 * The normalised inbound command: all a command may know of where it was called from.
 * Adapters build it from a platform payload; `raw` is for logging only and commands must not
 * read it.
 */
import { z } from "zod";

export const PlatformSchema = z.enum(["slack", "discord", "console", "cli"]);
export type Platform = z.infer<typeof PlatformSchema>;

export const InvocationSchema = z.object({
  platform: PlatformSchema,
  user: z.object({
    id: z.string().min(1),
    name: z.string().optional(),
    /** Whether the platform says this user may manage the channel; undefined when it cannot say. */
    canManageChannel: z.boolean().optional(),
  }),
  channel: z.object({ id: z.string().min(1), name: z.string().optional() }),
  /** Workspace (Slack team) or guild id, when there is one. */
  workspace: z.string().optional(),
  /** An explicit command name (a Discord subcommand); otherwise the first word of `text` may name one. */
  command: z.string().optional(),
  /** The user's words after the command name. */
  text: z.string(),
  raw: z.unknown().optional(),
});
export type Invocation = z.infer<typeof InvocationSchema>;
