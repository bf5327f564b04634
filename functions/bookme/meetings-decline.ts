import { registerEndpoint } from "../../shared/app/register.js";
import { declineMeeting } from "../../shared/booking/commands/confirmation.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { meetingReply } from "../../shared/api/bookme/booking-replies.js";
import { checkSelfService } from "../../shared/api/bookme/self-service-access.js";
import { IdParams } from "../../shared/kernel/fields.js";
import { CancelBody } from "../../shared/api/bookme/schemas/meetings.js";
import { MeetingView } from "../../shared/booking/model/views.js";

export const meetingsDecline = registerEndpoint({
  name: "meetings-decline",
  method: "POST",
  route: "meetings/{id}/decline",
  versions: ["v2"],
  permission: "BookMe.Write",
  selfService: true,
  summary: "Decline a provisional (Pending) booking; its time is free at once",
  tags: ["Meetings"],
  params: IdParams,
  body: CancelBody,
  responses: {
    200: { description: "Declined: status Cancelled with the reason", schema: MeetingView },
    403: { description: "The meeting waits for the other party's confirmation" },
    404: { description: "No such meeting, or a wrong secret" },
    409: { description: "not_pending or confirmation_expired" },
  },
  async handle({ params, body }, ctx, deps): Promise<Reply> {
    const holder = await checkSelfService(deps, params.id, ctx);
    const { meeting, etag } = await declineMeeting(
      deps,
      { id: params.id, by: holder ? "attendee" : "host", reason: body?.reason ?? undefined, caller: ctx.caller, actor: ctx.actor },
      ctx.now,
    );
    ctx.log.info("meeting declined", { meetingId: meeting.id });
    return meetingReply(200, meeting, etag, ctx.version);
  },
});
