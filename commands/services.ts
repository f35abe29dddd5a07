/** What commands may use: the services the composition root (`src/main.ts`) provides. */
import type { FactService } from "../src/facts/service.js";

export interface BotServices {
  facts: FactService;
  /** The bot's version, from package.json. */
  version: string;
}
