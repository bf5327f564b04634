/**
 * GET analytics/meetings: per advisor or meeting type and per week or month, counted in the
 * branch's time zone: meetings held, cancellations and their lead time, no-shows, booking lead time
 * (shared/api/console/meeting-analytics.ts). The advisors the caller sees (their own, BookMe.Branch
 * their branch, the back office all); the same cost cap as the grid (advisors x days).
 */
import { z } from "zod";
import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { AnalyticsFields, analyticsScope, withRangeRules } from "../../shared/api/console/analytics-scope.js";
import { meetingAnalyticsOf } from "../../shared/api/console/meeting-analytics.js";

const Lead = z.object({ medianHours: z.number().nullable(), meanHours: z.number().nullable(), count: z.number() });
const Figures = z.object({
  meetings: z.number(),
  cancellations: z.number(),
  noShows: z.number(),
  noShowRate: z.number().describe("noShows / meetings, 0..1"),
  cancellationLead: Lead.describe("Hours between the cancellation and the meeting's start"),
  bookingLead: Lead.describe("Hours between the booking and the meeting's start"),
});
const Bucket = z.object({ key: z.string().describe("2026-W50 or 2026-12"), from: z.string(), to: z.string() });
const MeetingAnalyticsView = z.object({
  timeZone: z.string(),
  period: z.enum(["week", "month"]),
  groupBy: z.enum(["advisor", "meetingType"]),
  from: z.string(),
  to: z.string(),
  buckets: z.array(Bucket),
  groups: z.array(
    z.object({ key: z.string(), name: z.string(), buckets: z.array(Figures.extend({ bucket: z.string() })), totals: Figures }),
  ),
  bucketTotals: z.array(Figures.extend({ bucket: z.string() })).describe("Every group together, per bucket"),
  totals: Figures,
});

export const analyticsMeetings = registerEndpoint({
  name: "analytics-meetings",
  method: "GET",
  route: "analytics/meetings",
  versions: ["v2"],
  permission: "BookMe.Read",
  summary:
    "Meetings, cancellations and their lead time, no-shows and booking lead time per advisor or meeting type, per week or month in the branch's time zone",
  tags: ["Analytics"],
  query: withRangeRules(AnalyticsFields.extend({ groupBy: z.enum(["advisor", "meetingType"]).default("advisor") })),
  responses: {
    200: { description: "Figures per group and bucket, and totals", schema: MeetingAnalyticsView },
    400: { description: "A parameter is invalid, or query_too_large (advisors x days over QUERY_MAX_RESOURCE_DAYS)" },
  },
  async handle({ query }, ctx, deps): Promise<Reply> {
    const scope = await analyticsScope(deps, ctx.caller, query);
    const names = new Map(scope.names);
    if (query.groupBy === "meetingType") {
      names.clear();
      for (const t of await deps.directory.list("meetingType")) names.set(t.id, t.name);
    }
    const body = meetingAnalyticsOf(scope.meetings, { ...query, zone: scope.zone, names });
    return { status: 200, body };
  },
});
