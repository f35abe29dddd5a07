/**
 * The article files a CLI command was pointed at: files as named, and the article files directly
 * inside named folders, in argument order. `ingest` and `extract` take the same paths this way.
 */
import { stat } from "node:fs/promises";
import { ARTICLE_EXTENSIONS, listArticleFiles } from "../store/bundled.js";

/** The files to read, and the folders that could not be listed or held no article. */
export async function expandArticlePaths(
  paths: readonly string[],
): Promise<{ files: string[]; failed: { path: string; error: Error }[] }> {
  const files: string[] = [];
  const failed: { path: string; error: Error }[] = [];
  for (const p of paths) {
    // Anything that is not a folder (a missing path included) goes to the reader, whose
    // message says what is wrong with it, in argument order.
    const isDirectory = await stat(p).then(
      (st) => st.isDirectory(),
      () => false,
    );
    if (!isDirectory) {
      files.push(p);
      continue;
    }
    try {
      const inside = await listArticleFiles(p);
      if (inside.length === 0)
        throw new Error(`no article files (${ARTICLE_EXTENSIONS.join(", ")}) in folder ${p}`);
      files.push(...inside);
    } catch (error) {
      failed.push({ path: p, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }
  return { files, failed };
}
