import { registerEndpoint } from "../shared/app/register.js";
import { rescheduleMeeting } from "../shared/booking/reschedule-meeting.js";
import type { Reply } from "../shared/http/endpoint.js";
import { withAlternatives } from "../shared/http/alternatives.js";
import { meetingReply } from "../shared/http/booking-replies.js";
import { timeChoice } from "../shared/http/meeting-commands.js";
import { checkSelfService } from "../shared/http/self-service-access.js";
import { IdParams } from "../shared/schemas/common.js";
import { MeetingView, RescheduleBody } from "../shared/schemas/meetings.js";

export const meetingsReschedule = registerEndpoint({
  name: "meetings-reschedule",
  method: "POST",
  route: "meetings/{id}/reschedule",
  versions: ["v2"],
  permission: "BookMe.Write",
  selfService: true,
  summary: "Move a meeting to a new time, keeping its id; recorded in rescheduledFrom. Honours If-Match.",
  tags: ["Meetings"],
  params: IdParams,
  body: RescheduleBody,
  requestHeaders: { "If-Match": "optional; the meeting's ETag — 412 when it changed since" },
  responses: {
    200: { description: "Rescheduled", schema: MeetingView },
    400: { description: "No new time, or a malformed one" },
    404: { description: "No such meeting, or a wrong secret" },
    409: { description: "slot_taken (with alternatives) or meeting_cancelled" },
    412: { description: "If-Match does not match" },
  },
  async handle({ params, body }, ctx, deps): Promise<Reply> {
    await checkSelfService(deps, params.id, ctx);
    return withAlternatives(deps, ctx.now, async () => {
      const { meeting, etag } = await rescheduleMeeting(
        deps,
        { id: params.id, ifMatch: ctx.headers.get("if-match") ?? undefined, time: timeChoice(body), caller: ctx.caller, actor: ctx.actor },
        ctx.now,
      );
      ctx.log.info("meeting rescheduled", { meetingId: meeting.id, rev: meeting.rev });
      return meetingReply(200, meeting, etag, ctx.version);
    });
  },
});
