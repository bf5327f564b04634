import { z } from "zod";
import { registerEndpoint } from "../shared/app/register.js";
import type { Reply } from "../shared/http/endpoint.js";
import { Id, Instant } from "../shared/schemas/common.js";
import { MeetingView, meetingView } from "../shared/schemas/meetings.js";

export const CONTINUATION_HEADER = "x-continuation-token";

export const meetingsList = registerEndpoint({
  name: "meetings-list",
  method: "GET",
  route: "meetings",
  versions: ["v2", "v1"],
  permission: "BookMe.Read",
  summary: "Booked meetings by filter, sorted by start; paged with limit and a continuation token (header)",
  tags: ["Meetings"],
  query: z.object({
    timeSlotId: z.string().trim().min(1).max(500).optional(),
    employeeId: Id.optional(),
    startDateModified: Instant.optional(),
    endDateModified: Instant.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    continuationToken: z.string().max(4000).optional(),
  }),
  requestHeaders: { [CONTINUATION_HEADER]: "optional; the token from the previous page (or the continuationToken query parameter)" },
  responses: {
    200: {
      description: `A page of meetings; the next page's token is in the ${CONTINUATION_HEADER} response header`,
      schema: z.array(MeetingView),
      headers: { [CONTINUATION_HEADER]: "present when there are more meetings: send it back to get the next page" },
    },
  },
  async handle({ query }, ctx, deps): Promise<Reply> {
    const token = query.continuationToken ?? ctx.headers.get(CONTINUATION_HEADER) ?? undefined;
    const page = await deps.meetings.list(
      {
        employeeId: query.employeeId,
        timeSlotId: query.timeSlotId,
        modifiedFrom: query.startDateModified ? new Date(query.startDateModified).toISOString() : undefined,
        modifiedTo: query.endDateModified ? new Date(query.endDateModified).toISOString() : undefined,
      },
      query.limit,
      token,
    );
    return { status: 200, body: page.items.map(meetingView), headers: page.continuationToken ? { [CONTINUATION_HEADER]: page.continuationToken } : {} };
  },
});
