import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { meetingReply } from "../../shared/api/bookme/booking-replies.js";
import { withIdempotency } from "../../shared/api/edge/idempotency.js";
import { withAlternatives } from "../../shared/api/bookme/alternatives.js";
import { createMeeting } from "../../shared/booking/commands/book-meeting.js";
import { bookMeetingCommand } from "../../shared/api/bookme/meeting-commands.js";
import { BookedMeetingView, MeetingCreateV1, MeetingCreateV2 } from "../../shared/api/bookme/schemas/meetings.js";
import { MeetingV1View } from "../../shared/booking/model/views.js";

export const meetingsCreate = registerEndpoint({
  name: "meetings-create",
  method: "POST",
  route: "meetings",
  versions: ["v2", "v1"],
  permission: "BookMe.Write",
  summary: "Book a meeting from a reservation, an available slot's id, or startDate/endDate",
  tags: ["Meetings"],
  body: (version) => (version === "v1" ? MeetingCreateV1 : MeetingCreateV2),
  requestHeaders: { "Idempotency-Key": "optional; a retry with the same key and body returns the first response" },
  responses: {
    201: {
      description: "Booked; V2 adds the self-service secret (shown once; not in an Idempotency-Key replay)",
      schema: (v) => (v === "v1" ? MeetingV1View : BookedMeetingView),
      headers: { Location: "URL of the meeting", ETag: "version for If-Match" },
    },
    400: { description: "A field is missing or malformed" },
    409: {
      description:
        "slot_taken (with up to 3 alternatives), reservation_expired, or reservation_consumed (the reservation became the meeting named in meetingId)",
    },
    422: { description: "Outside working or opening hours, meeting type not offered, or Idempotency-Key reused with another body" },
  },
  async handle({ body }, ctx, deps): Promise<Reply> {
    return withIdempotency(deps.idempotency, ctx, "meetings-create", body, () =>
      withAlternatives(deps, ctx.now, async () => {
        const { meeting, etag, secret } = await createMeeting(
          deps,
          { ...bookMeetingCommand(body, ctx.version), caller: ctx.caller, actor: ctx.actor },
          ctx.now,
        );
        ctx.log.info("meeting booked", { meetingId: meeting.id, employeeId: meeting.employeeId, roomId: meeting.roomId });
        const reply = meetingReply(201, meeting, etag, ctx.version, { location: `/api/${ctx.version}/bookme/meetings/${meeting.id}` });
        return ctx.version === "v2" ? { ...reply, body: { ...(reply.body as object), secret } } : reply;
      }),
    );
  },
});
