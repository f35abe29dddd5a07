/** What commands may use: the services the composition root (`src/main.ts`) provides. */
import type { DigestService } from "../src/digest/service.js";
import type { FactService } from "../src/facts/service.js";
import type { WatchedSources } from "../src/sources/status.js";

export interface BotServices {
  facts: FactService;
  /** Channel digest subscriptions, status and preview. */
  digest: DigestService;
  /** The bot's version, from package.json. */
  version: string;
  /** Watched feeds, pages and folders with their last fetch, last error and figures brought. */
  watchedSources?: WatchedSources;
}
