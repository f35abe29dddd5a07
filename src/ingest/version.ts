/**
 * The extractor's version. Bump it whenever a change to extraction can change the facts read
 * from a text: stored documents read by an older version are re-read at start-up (and by
 * `npm run cli -- reextract`), keeping first-seen times, reviews, retractions and citations.
 */
export const EXTRACTOR_VERSION = 3;
