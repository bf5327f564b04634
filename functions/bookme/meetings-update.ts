import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { meetingReply } from "../../shared/api/bookme/booking-replies.js";
import { withAlternatives } from "../../shared/api/bookme/alternatives.js";
import { updateMeeting } from "../../shared/booking/commands/change-meeting.js";
import { changeMeetingCommand } from "../../shared/api/bookme/meeting-commands.js";
import { IdParams } from "../../shared/kernel/fields.js";
import { MeetingUpdate, rejectingV2Fields } from "../../shared/api/bookme/schemas/meetings.js";
import { MeetingV1View, MeetingView } from "../../shared/booking/model/views.js";

export const meetingsUpdate = registerEndpoint({
  name: "meetings-update",
  method: "PUT",
  route: "meetings/{id}",
  versions: ["v2", "v1"],
  permission: "BookMe.Write",
  summary: "Change or move a meeting; a new time is checked and held like a new booking. Honours If-Match.",
  tags: ["Meetings"],
  params: IdParams,
  body: (version) => (version === "v1" ? rejectingV2Fields(MeetingUpdate) : MeetingUpdate),
  requestHeaders: { "If-Match": "optional; the meeting's ETag — 412 when it changed since" },
  responses: {
    200: { description: "Updated", schema: (v) => (v === "v1" ? MeetingV1View : MeetingView) },
    404: { description: "No such meeting" },
    409: {
      description:
        "slot_taken (with alternatives), meeting_cancelled, reservation_expired, or reservation_consumed (the reservation became the meeting named in meetingId)",
    },
    412: { description: "If-Match does not match the current ETag" },
  },
  async handle({ params, body }, ctx, deps): Promise<Reply> {
    return withAlternatives(deps, ctx.now, async () => {
      const { meeting, etag } = await updateMeeting(
        deps,
        {
          ...changeMeetingCommand(params.id, body, ctx.headers.get("if-match") ?? undefined),
          caller: ctx.caller,
          actor: ctx.actor,
        },
        ctx.now,
      );
      ctx.log.info("meeting updated", { meetingId: meeting.id, rev: meeting.rev });
      return meetingReply(200, meeting, etag, ctx.version);
    });
  },
});
