/**
 * Reads one article file safely. Every way a file can be unusable (missing, a directory,
 * unreadable, empty, binary, not UTF-8) becomes a typed failure with a one-line message naming
 * the file, so a batch can report it and carry on with the next file.
 */
import { open } from "node:fs/promises";

/** The outcome of reading one article file. */
export type ReadArticleResult =
  | { ok: true; path: string; text: string }
  | { ok: false; path: string; error: string };

/** Files bigger than this are not articles; they are refused before a byte is read (README "Limits"). */
export const MAX_ARTICLE_BYTES = 20 * 1024 * 1024;
// How much of the file to inspect for NUL bytes, the surest sign of a binary file.
const SNIFF_BYTES = 8192;

function describeError(path: string, error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case "ENOENT":
      return `${path}: no such file`;
    case "EISDIR":
      return `${path}: is a directory, not an article file`;
    case "EACCES":
    case "EPERM":
      return `${path}: cannot be read (permission denied)`;
    default:
      return `${path}: cannot be read (${error instanceof Error ? error.message : String(error)})`;
  }
}

function tooLarge(path: string, size: number): ReadArticleResult {
  const mb = (n: number) => (n / 1024 / 1024).toLocaleString("en-US", { maximumFractionDigits: 1 });
  return {
    ok: false,
    path,
    error: `${path}: too large for an article (${mb(size)} MB; the limit is ${mb(MAX_ARTICLE_BYTES)} MB)`,
  };
}

/**
 * Reads `path` as UTF-8 article text. Never throws.
 * @example const r = await readArticleFile("data/articles/x.txt"); if (!r.ok) console.error(r.error);
 */
export async function readArticleFile(path: string): Promise<ReadArticleResult> {
  let bytes: Buffer;
  try {
    // Size first, from the open handle: a 1 GB file is refused without being read into memory.
    const handle = await open(path, "r");
    try {
      const stat = await handle.stat();
      if (stat.isDirectory()) return { ok: false, path, error: describeError(path, { code: "EISDIR" }) };
      if (stat.size > MAX_ARTICLE_BYTES) return tooLarge(path, stat.size);
      // Read at most one byte past the limit, in case the file grew since the stat.
      const buffer = Buffer.alloc(Math.min(stat.size, MAX_ARTICLE_BYTES) + 1);
      let length = 0;
      while (length < buffer.length) {
        const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
        if (bytesRead === 0) break;
        length += bytesRead;
      }
      if (length > MAX_ARTICLE_BYTES) return tooLarge(path, length);
      bytes = buffer.subarray(0, length);
    } finally {
      await handle.close();
    }
  } catch (error) {
    return { ok: false, path, error: describeError(path, error) };
  }
  if (bytes.subarray(0, SNIFF_BYTES).includes(0))
    return { ok: false, path, error: `${path}: looks binary, not text` };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, path, error: `${path}: is not UTF-8 text (binary or another encoding)` };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === "") return { ok: false, path, error: `${path}: is empty` };
  return { ok: true, path, text };
}
