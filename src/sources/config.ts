/**
 * The watched-sources file (`SOURCES_FILE`, default `data/sources.json`): which feeds, pages and
 * folders the bot polls for new articles. Read and validated once at start-up; every problem is
 * reported by source name (or position) and field so the file can be fixed in one go.
 *
 * @example { "sources": [{ "name": "GD Stats", "kind": "page", "url": "https://…", "interval": "6h" }] }
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { ConfigError } from "../core/config.js";

/** The kinds of source. `rss`, `atom` and `feed` are read by the same parser, which detects the format. */
export const SourceKindSchema = z.enum(["rss", "atom", "feed", "page", "folder"]);
export type SourceKind = z.infer<typeof SourceKindSchema>;

/** Kinds fetched over HTTP. */
export const FEED_KINDS: readonly SourceKind[] = ["rss", "atom", "feed"];

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * A minimum poll interval such as `30m`, `6h` or `1d`, in milliseconds.
 * @example parseInterval("6h") === 21_600_000
 */
export function parseInterval(text: string): number | undefined {
  const match = /^(\d+)\s*([mhd])$/.exec(text.trim());
  if (!match) return undefined;
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  return ms > 0 ? ms : undefined;
}

const httpUrl = z
  .string()
  .trim()
  .refine((v) => {
    try {
      const { protocol } = new URL(v);
      return protocol === "http:" || protocol === "https:";
    } catch {
      return false;
    }
  }, "must be a full http:// or https:// URL");

/** A deadline in milliseconds: at least 100 ms (anything less fails every fetch), at most 10 minutes. */
const deadlineMs = z.number().int("must be whole milliseconds").min(100).max(600_000);

/** Per-source overrides of the HTTP deadlines (`SOURCES_CONNECT_MS` and the like), for a known slow site. */
const TimeoutsSchema = z
  .object({
    connectMs: deadlineMs.optional(),
    firstByteMs: deadlineMs.optional(),
    totalMs: deadlineMs.optional(),
  })
  .strict();
export type SourceTimeouts = z.infer<typeof TimeoutsSchema>;

const RawSourceSchema = z
  .object({
    name: z.string().trim().min(1, "must not be empty"),
    kind: SourceKindSchema,
    url: httpUrl.optional(),
    path: z.string().trim().min(1, "must not be empty").optional(),
    interval: z
      .string()
      .refine((v) => parseInterval(v) !== undefined, 'must be a duration such as "30m", "6h" or "1d"')
      .optional(),
    publisher: z.string().trim().min(1, "must not be empty").optional(),
    timeouts: TimeoutsSchema.optional(),
    /** Free text for curators (what the source is, when it was checked); ignored by the bot. */
    note: z.string().optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.kind === "folder") {
      if (!s.path)
        ctx.addIssue({ code: "custom", path: ["path"], message: "is required for a folder source" });
      if (s.url)
        ctx.addIssue({ code: "custom", path: ["url"], message: "is not used by a folder source; use path" });
      if (s.timeouts)
        ctx.addIssue({ code: "custom", path: ["timeouts"], message: "is only for feeds and pages" });
    } else {
      if (!s.url)
        ctx.addIssue({
          code: "custom",
          path: ["url"],
          message: `is required for ${/^[aeiou]/.test(s.kind) ? "an" : "a"} ${s.kind} source`,
        });
      if (s.path) {
        ctx.addIssue({ code: "custom", path: ["path"], message: `is only for folder sources; use url` });
      }
    }
  });

const SourcesFileSchema = z.object({ sources: z.array(RawSourceSchema) }).strict();

/** One watched source, validated, with its interval in milliseconds and folder paths absolute. */
export type SourceDefinition =
  | {
      name: string;
      kind: Exclude<SourceKind, "folder">;
      url: string;
      intervalMs: number | undefined;
      publisher: string | undefined;
      /** Deadlines overriding the configured ones for this source only. */
      timeouts?: SourceTimeouts | undefined;
    }
  | {
      name: string;
      kind: "folder";
      path: string;
      intervalMs: number | undefined;
      publisher: string | undefined;
    };

/** Where a source is, for messages and listings: its URL or folder. */
export function sourceLocation(source: SourceDefinition): string {
  return source.kind === "folder" ? source.path : source.url;
}

/**
 * Validates the parsed JSON of a sources file. Folder paths are resolved against `baseDir`
 * (the working directory, like SOURCES_FILE and DATA_DIR). Throws ConfigError listing every problem.
 */
export function parseSourcesFile(json: unknown, label: string, baseDir = process.cwd()): SourceDefinition[] {
  const parsed = SourcesFileSchema.safeParse(json);
  // Checked apart from the schema so a repeated name is reported alongside every other mistake.
  const lines = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => describeIssue(json, issue))),
    ...duplicateNames(json),
  ];
  if (!parsed.success || lines.length > 0) {
    throw new ConfigError(`The sources file ${label} is invalid:\n${lines.map((l) => `- ${l}`).join("\n")}`);
  }
  return parsed.data.sources.map((s): SourceDefinition => {
    const common = {
      name: s.name,
      intervalMs: s.interval === undefined ? undefined : parseInterval(s.interval),
      publisher: s.publisher,
    };
    return s.kind === "folder"
      ? { ...common, kind: "folder", path: path.resolve(baseDir, s.path ?? "") }
      : { ...common, kind: s.kind, url: s.url ?? "", ...(s.timeouts ? { timeouts: s.timeouts } : {}) };
  });
}

/**
 * Reads and validates `file`. A missing file means no sources (nothing to poll); a file that is
 * not JSON or breaks the schema throws ConfigError naming the file, the source and the field.
 */
export function loadSourcesFile(file: string): SourceDefinition[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw new ConfigError(`Cannot read the sources file ${file} (SOURCES_FILE): ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`The sources file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  return parseSourcesFile(json, file);
}

/** Names used by more than one source (names are compared case-insensitively: they key the state). */
function duplicateNames(json: unknown): string[] {
  const list = (json as { sources?: unknown } | null)?.sources;
  if (!Array.isArray(list)) return [];
  const seen = new Set<string>();
  const out: string[] = [];
  list.forEach((_entry, i) => {
    const name = nameAt(json, i);
    if (!name) return;
    if (seen.has(name.toLowerCase())) out.push(`sources[${i}] ("${name}").name: "${name}" is used twice`);
    seen.add(name.toLowerCase());
  });
  return out;
}

/** `sources[2] ("GD Stats").url: must be a full http:// or https:// URL` */
function describeIssue(json: unknown, issue: z.core.$ZodIssue): string {
  const [head, index, ...rest] = issue.path;
  if (head === "sources" && typeof index === "number") {
    const name = nameAt(json, index);
    const where = `sources[${index}]${name ? ` ("${name}")` : ""}`;
    const field = rest.length > 0 ? `.${rest.join(".")}` : "";
    return `${where}${field}: ${issueMessage(issue)}`;
  }
  const where = issue.path.length > 0 ? issue.path.join(".") : "file";
  return `${where}: ${issueMessage(issue)}`;
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") return `unknown field(s) ${issue.keys.join(", ")}`;
  if (issue.code === "invalid_value")
    return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
  if (issue.code === "invalid_type" && issue.input === undefined) return "is required";
  return issue.message;
}

function nameAt(json: unknown, index: number): string | undefined {
  const list = (json as { sources?: unknown } | null)?.sources;
  const entry = Array.isArray(list) ? (list[index] as { name?: unknown } | undefined) : undefined;
  return typeof entry?.name === "string" && entry.name.trim() ? entry.name.trim() : undefined;
}
