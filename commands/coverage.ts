/** The one answer for places outside the bot's regions, so every command says it the same way. */
import { UserError } from "../src/core/errors.js";
import type { ParsedQuery } from "../src/facts/query.js";

export const COVERAGE = "I only know Guangdong, its 21 cities and the Greater Bay Area";

/** Throws a clear "not covered" when the question is about a place the bot does not know. */
export function refuseOutside(query: ParsedQuery): void {
  const places = query.outside;
  if (query.regions.length > 0 || places === undefined || places.length === 0) return;
  const names = places.join(" and ");
  throw new UserError(
    `${COVERAGE}; ${names} ${places.length > 1 ? "are" : "is"} outside them, so I have no figures for ${places.length > 1 ? "them" : "it"}. Try \`guangdong gdp 2023\`.`,
    "NOT_FOUND",
  );
}
