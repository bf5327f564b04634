/**
 * GET analytics/assignments: how each meeting type's bookings were spread over its pool at the
 * branch, per week or month in the branch's time zone: assignments per advisor (pool members with
 * none included) and the spread (min, max, coefficient of variation). Same reach and cost cap as
 * the other analytics.
 */
import { z } from "zod";
import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { AnalyticsQuery, analyticsScope } from "../../shared/api/console/analytics-scope.js";
import { assignmentSpreadOf } from "../../shared/api/console/meeting-analytics.js";
import { poolEmployees } from "../../shared/booking/queries/meeting-types.js";

const AssignmentView = z.object({
  timeZone: z.string(),
  period: z.enum(["week", "month"]),
  from: z.string(),
  to: z.string(),
  buckets: z.array(z.object({ key: z.string(), from: z.string(), to: z.string() })),
  types: z.array(
    z.object({
      meetingTypeId: z.string(),
      name: z.string(),
      policy: z.string().describe("The type's assignment policy"),
      advisors: z.array(
        z.object({
          employeeId: z.string(),
          name: z.string(),
          assigned: z.number(),
          buckets: z.array(z.object({ bucket: z.string(), assigned: z.number() })),
        }),
      ),
      spread: z.object({
        min: z.number(),
        max: z.number(),
        mean: z.number(),
        coefficientOfVariation: z.number().describe("Standard deviation / mean of the advisors' assignments; 0 is even"),
      }),
    }),
  ),
});

export const analyticsAssignments = registerEndpoint({
  name: "analytics-assignments",
  method: "GET",
  route: "analytics/assignments",
  versions: ["v2"],
  permission: "BookMe.Read",
  summary: "How each meeting type's bookings were spread over its pool, per week or month in the branch's time zone",
  tags: ["Analytics"],
  query: AnalyticsQuery,
  responses: {
    200: { description: "Assignments per meeting type, advisor and bucket, with their spread", schema: AssignmentView },
    400: { description: "A parameter is invalid, or query_too_large (advisors x days over QUERY_MAX_RESOURCE_DAYS)" },
  },
  async handle({ query }, ctx, deps): Promise<Reply> {
    const scope = await analyticsScope(deps, ctx.caller, query);
    const types = (await deps.directory.list("meetingType")).map((t) => ({
      id: t.id,
      name: t.name,
      policy: t.assignment.policy,
      pool: safePool(() => poolEmployees(t, scope.employees).map((e) => e.id)),
    }));
    const body = assignmentSpreadOf(scope.meetings, types, { ...query, zone: scope.zone, names: scope.names });
    return { status: 200, body };
  },
});

/** A type whose pool cannot be resolved (routing questions without answers) counts only who was assigned. */
function safePool(pool: () => string[]): string[] {
  try {
    return pool();
  } catch {
    return [];
  }
}
