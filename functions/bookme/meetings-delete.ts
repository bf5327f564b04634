import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { cancelMeeting } from "../../shared/booking/commands/cancel-meeting.js";
import { checkSelfService } from "../../shared/api/bookme/self-service-access.js";
import { IdParams } from "../../shared/kernel/fields.js";

export const meetingsDelete = registerEndpoint({
  name: "meetings-delete",
  method: "DELETE",
  route: "meetings/{id}",
  versions: ["v2", "v1"],
  permission: "BookMe.Write",
  selfService: true,
  summary: "Cancel a meeting; its time is free at once. Honours If-Match.",
  tags: ["Meetings"],
  params: IdParams,
  requestHeaders: { "If-Match": "optional; the meeting's ETag — 412 when it changed since" },
  responses: {
    204: { description: "Cancelled" },
    404: { description: "No such meeting, or already cancelled" },
    412: { description: "If-Match does not match" },
  },
  async handle({ params }, ctx, deps): Promise<Reply> {
    await checkSelfService(deps, params.id, ctx);
    await cancelMeeting(
      deps,
      { id: params.id, ifMatch: ctx.headers.get("if-match") ?? undefined, caller: ctx.caller, actor: ctx.actor },
      ctx.now,
    );
    ctx.log.info("meeting cancelled", { meetingId: params.id });
    return { status: 204 };
  },
});
