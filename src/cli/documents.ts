/**
 * `npm run cli -- documents list [--json]`: every stored document with its date, publisher, URL
 * and how many of its facts are served and held, so a curator can see what was ingested.
 */
import type { Command } from "commander";
import { dateText, publisherText } from "../core/source-text.js";
import type { SourceSummary } from "../store/types.js";
import { type DocumentsJson, DocumentsJsonSchema, JSON_FORMAT_VERSION } from "./json-schema.js";
import { runWithStore } from "./store-command.js";

/** The `--json` document list; parsed, so what is printed always matches the published schema. */
export function documentsJson(summaries: readonly SourceSummary[]): DocumentsJson {
  return DocumentsJsonSchema.parse({
    version: JSON_FORMAT_VERSION,
    documents: summaries.map((s) => ({
      hash: s.source.hash,
      title: s.source.title,
      url: s.source.url,
      publisher: s.source.publisher,
      published: s.source.published,
      ...(s.source.inferred && { inferred: s.source.inferred }),
      ingestedAt: s.ingestedAt,
      facts: { served: s.factCount, held: s.heldCount },
    })),
  });
}

/** One line per document: date, publisher, counts, title and URL. */
export function formatDocumentLine(s: SourceSummary): string {
  const held = s.heldCount > 0 ? `, ${s.heldCount} held` : "";
  const url = s.source.url ? `  ${s.source.url}` : "";
  return `${dateText(s.source)}  ${publisherText(s.source) ?? "publisher unknown"}  ${s.factCount} fact(s)${held}  "${s.source.title}"${url}`;
}

/** Registers `documents list`. */
export function register(program: Command): void {
  const documents = program.command("documents").description("inspect the stored documents");
  documents
    .command("list")
    .description("list the stored documents with date, publisher, URL and fact counts")
    .option("--json", "print the documents as JSON (a stable, versioned shape)", false)
    .action(async (options: { json: boolean }) => {
      await runWithStore(async (store) => {
        const summaries = await store.listSources();
        if (options.json) {
          process.stdout.write(`${JSON.stringify(documentsJson(summaries), null, 2)}\n`);
          return 0;
        }
        for (const s of summaries) process.stdout.write(`${formatDocumentLine(s)}\n`);
        process.stdout.write(
          summaries.length === 0
            ? "No documents stored yet: `ingest <file|folder>` adds some.\n"
            : `${summaries.length} document(s).\n`,
        );
        return 0;
      });
    });
}
