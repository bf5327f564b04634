import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { ownEntry } from "../../shared/api/waitlist/join.js";
import { entryView, WaitlistEntryView, WaitlistParams } from "../../shared/api/waitlist/schemas.js";

export const waitlistGet = registerEndpoint({
  name: "waitlist-get",
  method: "GET",
  route: "waitlist/{id}",
  versions: ["v2"],
  permission: "BookMe.Read",
  summary: "One of the caller's waitlist entries: window, status (waiting, offered, booked, expired) and the times offered",
  tags: ["Waitlist"],
  params: WaitlistParams,
  responses: {
    200: { description: "The entry", schema: WaitlistEntryView },
    404: { description: "No such entry (or not the caller's)" },
  },
  async handle({ params }, ctx, deps): Promise<Reply> {
    return { status: 200, body: entryView(await ownEntry(deps, params.id, ctx.caller), ctx.now) };
  },
});
