/**
 * GET /api/v2/bookme/analytics/utilisation?from&to&branch&timeZone: booked vs working minutes per
 * advisor and day, with meetings, cancellations and no-shows, counted in the branch's time zone
 * (shared/api/console/utilisation.ts). The caller sees the advisors and meetings it may: an advisor
 * themselves, BookMe.Branch their branch, the back office every advisor. Same cost cap as the grid.
 */
import { DateTime } from "luxon";
import { z } from "zod";
import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { LocalDate, ShortText, TimeZone } from "../../shared/kernel/fields.js";
import { analyticsScope } from "../../shared/api/console/analytics-scope.js";
import { utilisationOf } from "../../shared/api/console/utilisation.js";

const MAX_DAYS = 62;

const UtilisationQuery = z
  .object({
    from: LocalDate.describe("First local date (YYYY-MM-DD) in the branch's zone"),
    to: LocalDate.describe(`Last local date, inclusive; at most ${MAX_DAYS} days after from`),
    branch: ShortText.optional().describe("A location (an advisor's locations); absent: every advisor the caller sees"),
    timeZone: TimeZone.optional().describe("IANA zone the days are counted in; default the branch's (its rooms', else its advisors')"),
  })
  .refine((q) => q.to >= q.from, { message: "must not be before from", path: ["to"] })
  .refine((q) => DateTime.fromISO(q.to).diff(DateTime.fromISO(q.from), "days").days < MAX_DAYS, {
    message: `the range may span at most ${MAX_DAYS} days`,
    path: ["to"],
  });

const Figures = z.object({
  workingMinutes: z.number(),
  bookedMinutes: z.number(),
  meetings: z.number(),
  cancellations: z.number(),
  noShows: z.number(),
});
const Totals = Figures.extend({ utilisation: z.number().describe("bookedMinutes / workingMinutes, 0..1") });
const UtilisationView = z.object({
  timeZone: z.string(),
  from: z.string(),
  to: z.string(),
  days: z.array(z.string()),
  advisors: z.array(
    z.object({ employeeId: z.string(), name: z.string(), days: z.array(Figures.extend({ date: z.string() })), totals: Totals }),
  ),
  totals: Totals,
});

export const analyticsUtilisation = registerEndpoint({
  name: "analytics-utilisation",
  method: "GET",
  route: "analytics/utilisation",
  versions: ["v2"],
  permission: "BookMe.Read",
  summary: "Utilisation per advisor and day in the branch's time zone: booked vs working minutes, meetings, cancellations, no-shows",
  tags: ["Analytics"],
  query: UtilisationQuery,
  responses: {
    200: { description: "Figures per advisor and local day, and totals", schema: UtilisationView },
    400: { description: "A parameter is invalid, or query_too_large (advisors x days over QUERY_MAX_RESOURCE_DAYS)" },
  },
  async handle({ query }, ctx, deps): Promise<Reply> {
    const { employees, meetings, zone } = await analyticsScope(deps, ctx.caller, query, 1);
    return { status: 200, body: utilisationOf(employees, meetings, query.from, query.to, zone) };
  },
});
