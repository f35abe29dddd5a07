/**
 * A source's publisher and date as every renderer words them, so an inferred one reads the
 * same everywhere ("Xinhua (from the link)", "2024-02-01 (from the text)", "date unknown").
 */
import type { SourceLink } from "./reply.js";

const FROM = { link: " (from the link)", text: " (from the text)" } as const;

/** The publisher, marked when inferred; null when none is known. */
export function publisherText(source: SourceLink): string | null {
  const name = source.publisher?.trim();
  if (!name) return null;
  const from = source.inferred?.publisher;
  return from ? `${name}${FROM[from]}` : name;
}

/** The date, marked when inferred; "date unknown" when there is none. */
export function dateText(source: SourceLink): string {
  const date = source.published?.trim();
  if (!date) return "date unknown";
  const from = source.inferred?.published;
  return from ? `${date}${FROM[from]}` : date;
}
