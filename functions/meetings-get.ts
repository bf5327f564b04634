import { registerEndpoint } from "../shared/app/register.js";
import type { Reply } from "../shared/http/endpoint.js";
import { meetingReply } from "../shared/http/booking-replies.js";
import { getBookedMeeting } from "../shared/booking/meeting-lookup.js";
import { NotFoundError } from "../shared/errors.js";
import { checkSelfService } from "../shared/http/self-service-access.js";
import { IdParams } from "../shared/schemas/common.js";
import { MeetingView } from "../shared/schemas/meetings.js";

export const meetingsGet = registerEndpoint({
  name: "meetings-get",
  method: "GET",
  route: "meetings/{id}",
  versions: ["v2", "v1"],
  permission: "BookMe.Read",
  selfService: true,
  summary: "Get a meeting (cancelled meetings are gone: 404)",
  tags: ["Meetings"],
  params: IdParams,
  responses: { 200: { description: "The meeting, with its ETag", schema: MeetingView }, 404: { description: "No such meeting, or it was cancelled" } },
  async handle({ params }, ctx, deps): Promise<Reply> {
    const { meeting, etag } = (await checkSelfService(deps, params.id as string, ctx)) ?? (await getBookedMeeting(deps, params.id as string));
    if (meeting.status !== "Booked") throw new NotFoundError("meeting", meeting.id);
    return meetingReply(200, meeting, etag);
  },
});
