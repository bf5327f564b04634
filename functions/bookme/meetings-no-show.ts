import { registerEndpoint } from "../../shared/app/register.js";
import { markNoShow } from "../../shared/booking/commands/no-show.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { meetingReply } from "../../shared/api/bookme/booking-replies.js";
import { IdParams } from "../../shared/kernel/fields.js";
import { MeetingView } from "../../shared/booking/model/views.js";

export const meetingsNoShow = registerEndpoint({
  name: "meetings-no-show",
  method: "POST",
  route: "meetings/{id}/no-show",
  versions: ["v2"],
  permission: "BookMe.Write",
  summary:
    "Mark a booked meeting a no-show after its start (status NoShow, a BookMe extension): its advisor (Employee channel) or the back office. " +
    "It keeps its time, is no cancellation; event meeting.no_show. DELETE undoes it within 24 hours",
  tags: ["Meetings"],
  params: IdParams,
  requestHeaders: { "If-Match": "optional; the meeting's ETag — 412 when it changed since" },
  responses: {
    200: { description: "Marked (status NoShow, noShowAt)", schema: MeetingView },
    404: { description: "No meeting with this id that the caller may see" },
    412: { description: "If-Match does not match" },
    403: { description: "channel_not_allowed, or forbidden: not its advisor" },
    409: { description: "meeting_not_started, meeting_cancelled, already_no_show or meeting_not_booked" },
  },
  async handle({ params }, ctx, deps): Promise<Reply> {
    const { meeting, etag } = await markNoShow(
      deps,
      { id: params.id, ifMatch: ctx.headers.get("if-match") ?? undefined, caller: ctx.caller, actor: ctx.actor },
      ctx.now,
    );
    ctx.log.info("meeting marked no-show", { meetingId: meeting.id });
    return meetingReply(200, meeting, etag, ctx.version);
  },
});
