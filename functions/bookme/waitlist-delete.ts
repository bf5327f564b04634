import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { leaveWaitlist } from "../../shared/api/waitlist/join.js";
import { WaitlistParams } from "../../shared/api/waitlist/schemas.js";

export const waitlistDelete = registerEndpoint({
  name: "waitlist-delete",
  method: "DELETE",
  route: "waitlist/{id}",
  versions: ["v2"],
  permission: "BookMe.Write",
  summary: "Take a customer off the waitlist (one of the caller's entries): no more offers",
  tags: ["Waitlist"],
  params: WaitlistParams,
  responses: {
    204: { description: "Removed" },
    404: { description: "No such entry (or not the caller's)" },
  },
  async handle({ params }, ctx, deps): Promise<Reply> {
    await leaveWaitlist(deps, params.id, ctx.caller);
    ctx.log.info("waitlist left", { waitlistId: params.id });
    return { status: 204 };
  },
});
