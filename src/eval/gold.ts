/**
 * Answer keys: one JSON file per article (`<name>.json` beside the article's `<name>.txt`), an
 * array of the figures a careful reader finds in it. The format is the corpus's, not the fact
 * model's, so it is defined here and does not follow changes to `src/facts/`.
 */
import { z } from "zod";

/** `2023`, `2024-Q1`, `2024-H1`, `2024-03` or `2024-01-to-09` (January to September). */
const GOLD_PERIOD = /^\d{4}(-(Q[1-4]|H[12]|(0[1-9]|1[0-2])(-to-(0[1-9]|1[0-2]))?))?$/;

/** One figure of an answer key. */
export const GoldFactSchema = z.object({
  region: z.string().min(1),
  metric: z.string().min(1),
  /** null when the text gives no year and none can be resolved: then any period matches. */
  period: z
    .string()
    .regex(GOLD_PERIOD, "period must look like 2023, 2024-Q1, 2024-H1, 2024-03 or 2024-01-to-09")
    .nullable(),
  /** Base units: 13.57 trillion yuan is 13570000000000, 5% is 5, a decline is negative. */
  value: z.number(),
  unit: z.string().min(1),
  qualifier: z.enum(["exact", "approx", "over", "under", "projected", "target"]),
  quote: z.string().min(1),
  /** A headline indicator; core recall counts only these. */
  core: z.boolean(),
});
export type GoldFact = z.infer<typeof GoldFactSchema>;

/** An answer key file: every figure of one article. */
export const GoldFileSchema = z.array(GoldFactSchema);

/** The outcome of reading one answer key: its facts, or one line per problem naming the file. */
export type GoldParse = { ok: true; gold: GoldFact[] } | { ok: false; errors: string[] };

// A badly broken file could yield hundreds of issues; the first few say what is wrong.
const MAX_ISSUES = 5;

function where(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "the file";
  const [index, ...field] = path;
  const fact = typeof index === "number" ? `fact ${index}` : String(index);
  return field.length === 0 ? fact : `${fact}, ${field.map(String).join(".")}`;
}

/**
 * Parses the text of the answer key `file` (the name is only used in messages).
 * @example parseGold("gold/a.json", "[]") // { ok: true, gold: [] }
 */
export function parseGold(file: string, text: string): GoldParse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [`${file}: not valid JSON (${reason})`] };
  }
  const parsed = GoldFileSchema.safeParse(json);
  if (parsed.success) return { ok: true, gold: parsed.data };
  const issues = parsed.error.issues;
  const errors = issues.slice(0, MAX_ISSUES).map((i) => `${file}: ${where(i.path)}: ${i.message}`);
  if (issues.length > MAX_ISSUES) errors.push(`${file}: and ${issues.length - MAX_ISSUES} more problems`);
  return { ok: false, errors };
}
