/**
 * A watched folder: article files dropped there (.txt, .md, .html, .htm) become documents. Files
 * are never moved or deleted; the poller remembers each file's content hash, so a file is ingested
 * once and again only when its content changes. HTML files go through the same article reader as
 * web pages.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { readArticleFile } from "../ingest/read-file.js";
import type { ArticleInput } from "../ingest/types.js";
import { listArticleFiles } from "../store/bundled.js";
import { SourceError } from "./errors.js";
import { htmlToArticle, type PageArticle } from "./html.js";

/** A document a source offers, keyed by its URL (a `file:` URL for folder files). */
export interface CandidateDocument {
  key: string;
  input: ArticleInput;
}

/** What one look at a folder found. */
export interface FolderScan {
  documents: CandidateDocument[];
  /** Files that could not be read; the others are still offered. */
  errors: SourceError[];
}

/** Reads every article file directly inside `dir`. Throws SourceError `folder` when `dir` cannot be listed. */
export async function scanFolder(
  dir: string,
  publisher: string | undefined,
  readPage: (html: string, url: string) => Promise<PageArticle> = async (html, url) =>
    htmlToArticle(html, url),
): Promise<FolderScan> {
  let files: string[];
  try {
    files = await listArticleFiles(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "does not exist" : code === "ENOTDIR" ? "is not a folder" : String(error);
    throw new SourceError(`watched folder ${dir} ${why}`, "folder", { cause: error });
  }
  const scan: FolderScan = { documents: [], errors: [] };
  for (const file of files) {
    const read = await readArticleFile(file);
    if (!read.ok) {
      scan.errors.push(new SourceError(read.error, "folder"));
      continue;
    }
    const key = pathToFileURL(file).href;
    const hints = publisher ? { publisher } : {};
    if (/\.html?$/i.test(file)) {
      try {
        const page = await readPage(read.text, file);
        scan.documents.push({
          key,
          input: {
            text: page.text,
            fileName: path.basename(file),
            hints: {
              ...hints,
              ...(page.title ? { title: page.title } : {}),
              ...(page.published ? { published: page.published } : {}),
            },
          },
        });
      } catch (error) {
        scan.errors.push(error instanceof SourceError ? error : new SourceError(String(error), "no-article"));
      }
      continue;
    }
    scan.documents.push({ key, input: { text: read.text, fileName: path.basename(file), hints } });
  }
  return scan;
}
