import { registerEndpoint } from "../../shared/app/register.js";
import { confirmMeeting } from "../../shared/booking/commands/confirmation.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { meetingReply } from "../../shared/api/bookme/booking-replies.js";
import { checkSelfService } from "../../shared/api/bookme/self-service-access.js";
import { IdParams } from "../../shared/kernel/fields.js";
import { MeetingView } from "../../shared/booking/model/views.js";

export const meetingsConfirm = registerEndpoint({
  name: "meetings-confirm",
  method: "POST",
  route: "meetings/{id}/confirm",
  versions: ["v2"],
  permission: "BookMe.Write",
  selfService: true,
  summary:
    "Confirm a provisional (Pending) booking: the attendee with the meeting's secret (double opt-in), the host with a token (host confirmation)",
  tags: ["Meetings"],
  params: IdParams,
  responses: {
    200: { description: "Confirmed: status Booked", schema: MeetingView },
    403: { description: "The meeting waits for the other party's confirmation" },
    404: { description: "No such meeting, or a wrong secret" },
    409: { description: "not_pending or confirmation_expired" },
  },
  async handle({ params }, ctx, deps): Promise<Reply> {
    const holder = await checkSelfService(deps, params.id, ctx);
    const { meeting, etag } = await confirmMeeting(
      deps,
      {
        id: params.id,
        ifMatch: ctx.headers.get("if-match") ?? undefined,
        by: holder ? "attendee" : "host",
        caller: ctx.caller,
        actor: ctx.actor,
      },
      ctx.now,
    );
    ctx.log.info("meeting confirmed", { meetingId: meeting.id });
    return meetingReply(200, meeting, etag, ctx.version);
  },
});
