/** Client applications an admin registers, each on one channel (docs/security.md). */
import { z } from "zod";
import { caseInsensitiveEnum, Id, ShortText } from "../kernel/fields.js";

/** The channels a client calls on; each has its own rules of what it may see and do (booking/access). */
export const CHANNELS = ["Employee", "Portal", "Customer", "Bot", "Backoffice"] as const;
export type Channel = (typeof CHANNELS)[number];

export const ClientBody = z
  .object({
    name: ShortText,
    channel: caseInsensitiveEnum(CHANNELS),
    portalId: Id.optional().describe("Portal channel only (required there): the portal whose meetings the client reaches"),
  })
  .superRefine((c, ctx) => {
    if (c.channel === "Portal" && !c.portalId)
      ctx.addIssue({ code: "custom", path: ["portalId"], message: "is required for the Portal channel" });
    if (c.channel !== "Portal" && c.portalId)
      ctx.addIssue({ code: "custom", path: ["portalId"], message: "is only allowed on the Portal channel" });
  });
export type ClientBody = z.output<typeof ClientBody>;
/** The registration as stored: id is the client's application (client) id, azp/appid in its tokens. */
export type ClientRegistration = ClientBody & { id: string };

export const ClientView = z.object({
  id: z.string().describe("The application (client) id"),
  name: z.string(),
  channel: z.enum(CHANNELS),
  portalId: z.string().optional(),
});

export function clientView(c: ClientRegistration): z.output<typeof ClientView> {
  return { id: c.id, name: c.name, channel: c.channel, ...(c.portalId ? { portalId: c.portalId } : {}) };
}
