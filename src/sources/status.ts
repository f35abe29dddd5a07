/**
 * What `/gd sources` shows about watched sources: each configured source with its last successful
 * fetch, its last error, whether it is backing off after failures (and until when), and how many
 * figures it has brought, read from `source_state`.
 */
import type { Kysely } from "kysely";
import type { Database } from "../store/database.js";
import { type SourceDefinition, sourceLocation } from "./config.js";
import { listSourceStates } from "./state.js";

/** One watched source as people see it. */
export interface WatchedSourceStatus {
  name: string;
  kind: string;
  location: string;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  documents: number;
  figures: number;
  /** Polls failed in a row; 0 when the last poll read it. */
  consecutiveFailures: number;
  /** While backing off: the earliest next poll; null otherwise. */
  nextAttemptAt: string | null;
  /** False for a source that was polled once but is no longer in the sources file. */
  configured: boolean;
}

/** Reads the status of every configured source (in file order), then of removed ones that left state. */
export async function listWatchedSources(
  db: Kysely<Database>,
  configured: readonly SourceDefinition[],
): Promise<WatchedSourceStatus[]> {
  const states = new Map((await listSourceStates(db)).map((s) => [s.name, s]));
  const out: WatchedSourceStatus[] = configured.map((source) => {
    const state = states.get(source.name);
    states.delete(source.name);
    return {
      name: source.name,
      kind: source.kind,
      location: sourceLocation(source),
      lastSuccessAt: state?.lastSuccessAt ?? null,
      lastError: state?.lastError ?? null,
      lastErrorAt: state?.lastErrorAt ?? null,
      documents: state?.documents ?? 0,
      figures: state?.figures ?? 0,
      consecutiveFailures: state?.consecutiveFailures ?? 0,
      nextAttemptAt: state?.nextAttemptAt ?? null,
      configured: true,
    };
  });
  for (const state of states.values()) {
    out.push({
      name: state.name,
      kind: state.kind,
      location: state.location,
      lastSuccessAt: state.lastSuccessAt,
      lastError: state.lastError,
      lastErrorAt: state.lastErrorAt,
      documents: state.documents,
      figures: state.figures,
      consecutiveFailures: state.consecutiveFailures,
      nextAttemptAt: state.nextAttemptAt,
      configured: false,
    });
  }
  return out;
}

/** The service commands see: a list of watched sources and their health. */
export interface WatchedSources {
  list(): Promise<WatchedSourceStatus[]>;
}

/** Binds {@link listWatchedSources} to a database and a source list. */
export function watchedSources(
  db: Kysely<Database>,
  configured: readonly SourceDefinition[],
): WatchedSources {
  return { list: () => listWatchedSources(db, configured) };
}

/** Columns of {@link watchedSourceRows}. */
export const WATCHED_SOURCE_COLUMNS = ["Source", "Kind", "Last fetched", "Last error", "Figures"];

/** Longest error shown in a chat table; the CLI's `sources list` shows it whole. */
const ERROR_PREVIEW_CHARS = 140;

/** How a failing source is backing off, e.g. `failed 3 times in a row; next try after 2024-10-26 06:00 UTC`. */
export function backoffText(s: Pick<WatchedSourceStatus, "consecutiveFailures" | "nextAttemptAt">): string {
  if (s.consecutiveFailures === 0 || !s.nextAttemptAt) return "";
  const times = s.consecutiveFailures === 1 ? "once" : `${s.consecutiveFailures} times in a row`;
  return `failed ${times}; next try after ${minute(s.nextAttemptAt)}`;
}

/** Table rows for chat: times in UTC to the minute, errors shortened, a resolved error marked, backoff shown. */
export function watchedSourceRows(list: readonly WatchedSourceStatus[]): string[][] {
  return list.map((s) => {
    let error = "—";
    if (s.lastError && s.lastErrorAt) {
      const text =
        s.lastError.length > ERROR_PREVIEW_CHARS
          ? `${s.lastError.slice(0, ERROR_PREVIEW_CHARS - 1)}…`
          : s.lastError;
      // An error older than the last success was followed by a good fetch; say so rather than alarm.
      const resolved =
        s.lastSuccessAt !== null && s.lastSuccessAt > s.lastErrorAt ? " (since recovered)" : "";
      const backoff = backoffText(s);
      error = `${minute(s.lastErrorAt)}: ${text}${resolved}${backoff ? ` (${backoff})` : ""}`;
    }
    return [
      s.configured ? s.name : `${s.name} (removed)`,
      s.kind,
      s.lastSuccessAt ? minute(s.lastSuccessAt) : "never",
      error,
      String(s.figures),
    ];
  });
}

function minute(iso: string): string {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}
