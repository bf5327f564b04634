import { z } from "zod";
import { registerEndpoint } from "../../shared/app/register.js";
import type { ApiVersion, Reply } from "../../shared/api/edge/endpoint.js";
import { withLocalTimes } from "../../shared/api/bookme/local-times.js";
import { caseInsensitiveEnum, Id, Instant, queryList, TimeZone } from "../../shared/kernel/fields.js";
import { MEETING_STATUSES } from "../../shared/booking/model/documents.js";
import { listScope } from "../../shared/booking/model/caller.js";
import { MeetingV1View, MeetingView, meetingView } from "../../shared/booking/model/views.js";

export const CONTINUATION_HEADER = "x-continuation-token";
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 500;

const MeetingsQuery = z.object({
  timeSlotId: z.string().trim().min(1).max(500).optional(),
  employeeId: Id.optional(),
  startDateModified: Instant.optional().describe(
    "Meetings modified at or after this instant; a modified-date listing includes cancelled meetings (a sync sees cancellations)",
  ),
  endDateModified: Instant.optional().describe(
    "Meetings modified at or before this instant; a modified-date listing includes cancelled meetings",
  ),
  status: queryList(caseInsensitiveEnum(MEETING_STATUSES), MEETING_STATUSES.length)
    .optional()
    .describe("Booked, Cancelled and/or Pending (provisional). Default: Booked, or all when startDateModified/endDateModified is given"),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(DEFAULT_PAGE_SIZE)
    .describe(`Page size: default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}`),
  continuationToken: z.string().max(4000).optional().describe("The token of the previous page (the Link rel=next URL carries it)"),
});
type MeetingsQuery = z.output<typeof MeetingsQuery> | z.output<typeof MeetingsQueryV2>;
const MeetingsQueryV2 = MeetingsQuery.extend({
  timeZone: TimeZone.optional().describe("An IANA zone: each meeting also gets startLocal/endLocal with that zone's offset"),
});

/** The next page's URL (RFC 8288 Link, an absolute path: the gateway and the Function App share the paths). */
function nextLink(version: ApiVersion, query: MeetingsQuery, token: string): string {
  const next = new URLSearchParams();
  for (const key of ["timeSlotId", "employeeId", "startDateModified", "endDateModified"] as const)
    if (query[key]) next.set(key, query[key]);
  if ("timeZone" in query && query.timeZone) next.set("timeZone", query.timeZone);
  if (query.status?.length) next.set("status", query.status.join(","));
  next.set("limit", String(query.limit));
  next.set("continuationToken", token);
  return `</api/${version}/bookme/meetings?${next.toString()}>; rel="next"`;
}

export const meetingsList = registerEndpoint({
  name: "meetings-list",
  method: "GET",
  route: "meetings",
  versions: ["v2", "v1"],
  permission: "BookMe.Read",
  summary: `Meetings by filter, sorted by start; ${DEFAULT_PAGE_SIZE} per page unless limit says otherwise, the next page linked by Link rel="next"`,
  tags: ["Meetings"],
  query: (version) => (version === "v2" ? MeetingsQueryV2 : MeetingsQuery),
  requestHeaders: { [CONTINUATION_HEADER]: "optional; the token from the previous page (or the continuationToken query parameter)" },
  responses: {
    200: {
      description: `A page of meetings (default ${DEFAULT_PAGE_SIZE}). When more exist, the response carries Link: <...>; rel="next" (RFC 8288) and the ${CONTINUATION_HEADER} header; no Link means this is the last page`,
      schema: (version) => z.array(version === "v1" ? MeetingV1View : MeetingView),
      headers: {
        Link: 'present when there are more meetings: <URL of the next page>; rel="next" (an absolute path on this API)',
        [CONTINUATION_HEADER]: "present when there are more meetings: send it back (header or continuationToken) to get the next page",
      },
    },
  },
  async handle({ query }, ctx, deps): Promise<Reply> {
    const token = query.continuationToken ?? ctx.headers.get(CONTINUATION_HEADER) ?? undefined;
    const bySync = !!(query.startDateModified || query.endDateModified);
    const page = await deps.meetings.list(
      {
        employeeId: query.employeeId,
        timeSlotId: query.timeSlotId,
        modifiedFrom: query.startDateModified ? new Date(query.startDateModified).toISOString() : undefined,
        modifiedTo: query.endDateModified ? new Date(query.endDateModified).toISOString() : undefined,
        statuses: query.status?.length ? query.status : bySync ? [] : ["Booked"],
        scope: listScope(ctx.caller),
      },
      query.limit,
      token,
    );
    const headers: Record<string, string> = page.continuationToken
      ? { [CONTINUATION_HEADER]: page.continuationToken, link: nextLink(ctx.version, query, page.continuationToken) }
      : {};
    return {
      status: 200,
      body: page.items.map((m) =>
        withLocalTimes(meetingView(m, ctx.version), "timeZone" in query && typeof query.timeZone === "string" ? query.timeZone : undefined),
      ),
      headers,
    };
  },
});
