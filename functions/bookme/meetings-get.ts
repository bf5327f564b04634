import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { meetingReply } from "../../shared/api/bookme/booking-replies.js";
import { getBookedMeeting } from "../../shared/booking/queries/meeting-lookup.js";
import { checkSelfService } from "../../shared/api/bookme/self-service-access.js";
import { IdParams } from "../../shared/kernel/fields.js";
import { MeetingV1View, MeetingView } from "../../shared/booking/model/views.js";

export const meetingsGet = registerEndpoint({
  name: "meetings-get",
  method: "GET",
  route: "meetings/{id}",
  versions: ["v2", "v1"],
  permission: "BookMe.Read",
  selfService: true,
  summary: "Get a meeting, booked or cancelled (status tells which)",
  tags: ["Meetings"],
  params: IdParams,
  responses: {
    200: {
      description: 'The meeting, with its ETag; a cancelled meeting has status "Cancelled"',
      schema: (v) => (v === "v1" ? MeetingV1View : MeetingView),
    },
    404: { description: "No such meeting (or, for a secret holder, not theirs)" },
  },
  async handle({ params }, ctx, deps): Promise<Reply> {
    // Cancelled meetings are answered too: a client holding the id must be able to see the cancellation.
    const { meeting, etag } = (await checkSelfService(deps, params.id, ctx)) ?? (await getBookedMeeting(deps, params.id, ctx.caller));
    return meetingReply(200, meeting, etag, ctx.version);
  },
});
