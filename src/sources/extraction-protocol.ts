/** The messages between the bot and its extraction worker thread, as zod schemas. */
import { z } from "zod";
import { ExtractionResultSchema } from "../store/fact-store.js";
import { SOURCE_FAILURES } from "./errors.js";

const ArticleInputSchema = z.object({
  text: z.string(),
  fileName: z.string().optional(),
  hints: z
    .object({
      title: z.string().optional(),
      url: z.string().optional(),
      publisher: z.string().optional(),
      published: z.string().optional(),
    })
    .optional(),
});

export const WorkerRequestSchema = z.discriminatedUnion("task", [
  z.object({ id: z.number().int(), task: z.literal("extract"), input: ArticleInputSchema }),
  z.object({ id: z.number().int(), task: z.literal("page"), html: z.string(), url: z.string() }),
]);
export type WorkerRequest = z.infer<typeof WorkerRequestSchema>;

export const PageArticleSchema = z.object({
  title: z.string().nullable(),
  published: z.string().nullable(),
  siteName: z.string().nullable(),
  text: z.string(),
});

export const WorkerReplySchema = z.union([
  z.object({
    id: z.number().int(),
    ok: z.literal(true),
    task: z.literal("extract"),
    result: ExtractionResultSchema,
  }),
  z.object({ id: z.number().int(), ok: z.literal(true), task: z.literal("page"), page: PageArticleSchema }),
  z.object({
    id: z.number().int(),
    ok: z.literal(false),
    error: z.object({ message: z.string(), failure: z.enum(SOURCE_FAILURES).optional() }),
  }),
]);
export type WorkerReply = z.infer<typeof WorkerReplySchema>;
