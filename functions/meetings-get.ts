import { registerEndpoint, type Reply } from "../shared/http/endpoint.js";
import { meetingReply } from "../shared/http/booking-replies.js";
import { getBookedMeeting } from "../shared/booking/meetings.js";
import { IdParams } from "../shared/schemas/common.js";
import { MeetingV1View, MeetingView } from "../shared/schemas/meetings.js";
import { repositories } from "../shared/store/repositories.js";

export const meetingsGet = registerEndpoint({
  name: "meetings-get",
  method: "GET",
  route: "meetings/{id}",
  versions: ["v2", "v1"],
  permission: "BookMe.Read",
  summary: "Get a meeting, booked or cancelled (status tells which)",
  tags: ["Meetings"],
  params: IdParams,
  responses: {
    200: { description: 'The meeting, with its ETag; a cancelled meeting has status "Cancelled"', schema: (v) => (v === "v1" ? MeetingV1View : MeetingView) },
    404: { description: "No such meeting" },
  },
  async handle({ params }, ctx): Promise<Reply> {
    // Cancelled meetings are answered too: a client holding the id must be able to see the cancellation.
    const { meeting, etag } = await getBookedMeeting(await repositories(), params.id as string);
    return meetingReply(200, meeting, etag, ctx.version);
  },
});
