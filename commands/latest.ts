/** `latest [region]`: the most recently added figures. */
import { defineCommand } from "../src/core/command.js";
import { UserError } from "../src/core/errors.js";
import { factList } from "../src/facts/cards.js";
import { refuseOutside } from "./coverage.js";
import type { BotServices } from "./services.js";
import { freeText } from "./text-args.js";

const LIMIT = 10;

export const latest = defineCommand<{ text: string }, BotServices>({
  name: "latest",
  aliases: ["new"],
  description: "The most recently added figures, optionally for one region",
  examples: ["latest", "latest shenzhen"],
  options: [
    {
      name: "region",
      description: "Leave empty for all regions",
      type: "string",
      required: false,
      suggest: "region",
    },
  ],
  args: freeText,
  async run({ args, services, now }) {
    let region: string | undefined;
    if (args.text) {
      const query = services.facts.parse(args.text, now);
      refuseOutside(query);
      region = query.regions[0];
      if (!region)
        throw new UserError(`"${args.text}" is not a region I know. Try \`latest shenzhen\`.`, "BAD_INPUT");
    }
    const facts = services.facts.latest({ limit: LIMIT, ...(region ? { region } : {}) });
    if (facts.length === 0) {
      throw new UserError(region ? `No figures for ${region} yet.` : "No figures stored yet.", "NOT_FOUND");
    }
    return {
      blocks: [{ type: "heading", text: `Latest figures${region ? ` for ${region}` : ""}` }, factList(facts)],
      visibility: "public",
      shareable: true,
    };
  },
});
