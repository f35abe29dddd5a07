/**
 * `digest subscribe [weekly|daily]`, `digest unsubscribe`, `digest status`, `digest preview`:
 * the channel's digest of newly added figures. Subscribing starts from now, so a channel never
 * gets the back catalogue. Who may change a subscription is the DigestService's rule.
 */
import { z } from "zod";
import type { ArgInput } from "../src/core/command.js";
import { defineCommand } from "../src/core/command.js";
import { UserError } from "../src/core/errors.js";
import type { Invocation } from "../src/core/invocation.js";
import type { Reply } from "../src/core/reply.js";
import { formatMoment } from "../src/digest/build.js";
import type { Delivery } from "../src/digest/records.js";
import { type Frequency, FrequencySchema } from "../src/digest/schedule.js";
import type { BotServices } from "./services.js";

const ACTIONS = ["subscribe", "unsubscribe", "status", "preview"] as const;
type Action = (typeof ACTIONS)[number];

export interface DigestArgs {
  action: Action;
  frequency: Frequency;
}

/** `subscribe daily` → `{ action: "subscribe", frequency: "daily" }`; no words means `status`. */
export const digestArgs: z.ZodType<DigestArgs, ArgInput> = z
  .object({ text: z.string() })
  .transform((input, ctx): DigestArgs => {
    const [first = "status", second, ...rest] = input.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const action = ACTIONS.find((a) => a === first);
    if (!action) {
      ctx.addIssue({
        code: "custom",
        message: `"${first}" is not a digest action. Use subscribe, unsubscribe, status or preview.`,
      });
      return z.NEVER;
    }
    if (action !== "subscribe" && second !== undefined) {
      ctx.addIssue({ code: "custom", message: `\`digest ${action}\` takes no more words.` });
      return z.NEVER;
    }
    const frequency = FrequencySchema.safeParse(second ?? "weekly");
    if (!frequency.success || rest.length > 0) {
      ctx.addIssue({
        code: "custom",
        message: "Choose weekly or daily, e.g. `digest subscribe daily` (weekly is the default).",
      });
      return z.NEVER;
    }
    return { action, frequency: frequency.data };
  });

function notAllowed(invocation: Invocation): UserError {
  const who =
    invocation.platform === "discord"
      ? "members who can manage this channel"
      : "the people listed by the bot's operator (DIGEST_ADMINS)";
  return new UserError(`Only ${who} can change this channel's digest.`, "NOT_ALLOWED");
}

function when(at: Date, timezone: string): string {
  return `${formatMoment(at, timezone)} (${timezone})`;
}

function describeDelivery(delivery: Delivery, timezone: string): string {
  const slot = formatMoment(delivery.window, timezone);
  const figures = `${delivery.factCount} figure${delivery.factCount === 1 ? "" : "s"}`;
  switch (delivery.status) {
    case "sent":
      return delivery.messageId === null
        ? `${slot}: found posted in the channel by the bot's operator`
        : `${slot}: posted, ${figures}`;
    case "empty":
      return `${slot}: nothing new, so nothing was posted`;
    case "claimed":
      return `${slot}: being delivered${delivery.error ? ` (last try failed: ${delivery.error})` : ""}`;
    case "failed":
      return `${slot}: failed (${delivery.error ?? "unknown reason"})`;
    case "held":
      return `${slot}: held, not posted again, because the bot could not tell whether it was already posted (${delivery.error ?? "no reason kept"}). Check the channel, then the bot's operator runs \`digest release\` (see the README).`;
    default: {
      const never: never = delivery.status;
      return String(never);
    }
  }
}

export const digest = defineCommand<DigestArgs, BotServices>({
  name: "digest",
  description: "A weekly (or daily) digest of newly added figures in this channel",
  examples: [
    "digest subscribe",
    "digest subscribe daily",
    "digest status",
    "digest preview",
    "digest unsubscribe",
  ],
  subcommands: [
    {
      name: "subscribe",
      description: "Post a digest of new figures in this channel",
      options: [
        {
          name: "frequency",
          description: "How often (weekly unless you choose)",
          type: "choice",
          required: false,
          choices: FrequencySchema.options,
        },
      ],
    },
    { name: "unsubscribe", description: "Stop the digest in this channel" },
    { name: "status", description: "Whether this channel gets a digest, and when", private: true },
    { name: "preview", description: "Show what the next digest would hold", private: true },
  ],
  args: digestArgs,
  async run({ args, invocation, services, now }): Promise<Reply> {
    const service = services.digest;
    const { timezone } = service.config;
    const where = { platform: invocation.platform, channelId: invocation.channel.id, now };
    switch (args.action) {
      case "subscribe": {
        if (!service.mayManage(invocation)) throw notAllowed(invocation);
        const { change, nextRun } = await service.subscribe({
          ...where,
          workspace: invocation.workspace ?? null,
          userId: invocation.user.id,
          frequency: args.frequency,
        });
        if (change === "unchanged") {
          return {
            blocks: [
              {
                type: "notice",
                text: `This channel already gets the ${args.frequency} digest; the next one is due ${when(nextRun, timezone)}.`,
              },
            ],
            visibility: "ephemeral",
          };
        }
        const verb = change === "created" ? "will now get" : "now gets";
        return {
          blocks: [
            {
              type: "text",
              text: `This channel ${verb} a ${args.frequency} digest of newly added Guangdong figures. The first is due ${when(nextRun, timezone)}.`,
            },
            {
              type: "context",
              text: "It holds only figures added from now on. `digest status` shows the schedule; `digest unsubscribe` stops it.",
            },
          ],
          visibility: "public",
        };
      }
      case "unsubscribe": {
        if (!service.mayManage(invocation)) throw notAllowed(invocation);
        const stopped = await service.unsubscribe({ ...where, userId: invocation.user.id });
        if (!stopped) throw new UserError("This channel has no digest to stop.", "NOT_FOUND");
        return {
          blocks: [
            {
              type: "text",
              text: "The digest in this channel is stopped. `digest subscribe` starts it again.",
            },
          ],
          visibility: "public",
        };
      }
      case "status": {
        const status = await service.status(where);
        const sub = status.subscription;
        if (!sub) {
          return {
            blocks: [
              { type: "notice", text: "This channel has no digest. `digest subscribe` starts a weekly one." },
            ],
            visibility: "ephemeral",
          };
        }
        const fields = [
          {
            label: "Schedule",
            value: `${sub.frequency} (DIGEST_CRON \`${service.config.cron}\`${sub.frequency === "daily" ? ", every day at that time" : ""})`,
          },
          { label: "Subscribed", value: `${when(sub.createdAt, timezone)} by ${sub.createdBy}` },
        ];
        if (status.nextRun) fields.push({ label: "Next digest", value: when(status.nextRun, timezone) });
        fields.push({
          label: "Last digest",
          value: status.lastDelivery ? describeDelivery(status.lastDelivery, timezone) : "none yet",
        });
        if (sub.disabledAt) {
          fields.push({
            label: "Stopped",
            value: `${when(sub.disabledAt, timezone)}: ${sub.disabledReason ?? "no reason recorded"}`,
          });
        }
        return {
          blocks: [
            {
              type: "heading",
              text: sub.disabledAt ? "Digest stopped in this channel" : "Digest in this channel",
            },
            { type: "fields", fields },
          ],
          visibility: "ephemeral",
          summary: sub.disabledAt
            ? `Digest stopped: ${sub.disabledReason ?? ""}`
            : `Digest: ${sub.frequency}`,
        };
      }
      case "preview": {
        const preview = await service.preview(where);
        const note = preview.subscription
          ? "Preview of the next digest as it stands now; only you can see it."
          : "This channel has no digest; this is what arrived since the last weekly time. Only you can see it.";
        return {
          ...preview.reply,
          blocks: [...preview.reply.blocks, { type: "context", text: note }],
          visibility: "ephemeral",
        };
      }
      default: {
        const never: never = args.action;
        throw new Error(`Unhandled digest action ${String(never)}`);
      }
    }
  },
});
