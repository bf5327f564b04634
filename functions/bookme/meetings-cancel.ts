import { registerEndpoint } from "../../shared/app/register.js";
import { cancelMeeting } from "../../shared/booking/commands/cancel-meeting.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { meetingReply } from "../../shared/api/bookme/booking-replies.js";
import { checkSelfService } from "../../shared/api/bookme/self-service-access.js";
import { IdParams } from "../../shared/kernel/fields.js";
import { CancelBody } from "../../shared/api/bookme/schemas/meetings.js";
import { MeetingView } from "../../shared/booking/model/views.js";

export const meetingsCancel = registerEndpoint({
  name: "meetings-cancel",
  method: "POST",
  route: "meetings/{id}/cancel",
  versions: ["v2"],
  permission: "BookMe.Write",
  selfService: true,
  summary: "Cancel a meeting with an optional reason; its time is free at once. Honours If-Match.",
  tags: ["Meetings"],
  params: IdParams,
  body: CancelBody,
  requestHeaders: { "If-Match": "optional; the meeting's ETag — 412 when it changed since" },
  responses: {
    200: { description: "Cancelled: the meeting with status Cancelled and the reason", schema: MeetingView },
    404: { description: "No such meeting, already cancelled, or a wrong secret" },
    412: { description: "If-Match does not match" },
  },
  async handle({ params, body }, ctx, deps): Promise<Reply> {
    await checkSelfService(deps, params.id, ctx);
    const { meeting, etag } = await cancelMeeting(
      deps,
      {
        id: params.id,
        ifMatch: ctx.headers.get("if-match") ?? undefined,
        reason: body?.reason ?? undefined,
        caller: ctx.caller,
        actor: ctx.actor,
      },
      ctx.now,
    );
    ctx.log.info("meeting cancelled", { meetingId: meeting.id });
    return meetingReply(200, meeting, etag, ctx.version);
  },
});
