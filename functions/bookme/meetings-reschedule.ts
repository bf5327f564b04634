import { registerEndpoint } from "../../shared/app/register.js";
import { rescheduleMeeting } from "../../shared/booking/commands/reschedule-meeting.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { withAlternatives } from "../../shared/api/bookme/alternatives.js";
import { meetingReply } from "../../shared/api/bookme/booking-replies.js";
import { timeChoice } from "../../shared/api/bookme/meeting-commands.js";
import { checkSelfService } from "../../shared/api/bookme/self-service-access.js";
import { IdParams } from "../../shared/kernel/fields.js";
import { RescheduleBody } from "../../shared/api/bookme/schemas/meetings.js";
import { MeetingView } from "../../shared/booking/model/views.js";

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
