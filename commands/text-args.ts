/** The argument schema most commands share: the free text after the command name. */
import { z } from "zod";

export const freeText = z.object({ text: z.string().trim() });
export type FreeText = z.infer<typeof freeText>;
