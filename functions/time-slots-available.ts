import { z } from "zod";
import { registerEndpoint } from "../shared/app/register.js";
import type { Reply } from "../shared/http/endpoint.js";
import { searchAvailability, type AvailabilitySearch } from "../shared/booking/availability.js";
import { EXPLAIN_REASONS, explainAvailability } from "../shared/booking/explain.js";
import { withLocalTimes } from "../shared/http/local-times.js";
import { availabilityQuery } from "../shared/http/availability-query.js";
import { AvailableSlotView, availableQuery, GLOBAL_DEPRECATED_AT, type AvailableQuery } from "../shared/schemas/time-slots.js";

export const timeSlotsAvailable = registerEndpoint({
  name: "time-slots-available",
  method: "GET",
  route: "time-slots/available",
  versions: ["v2", "v1"],
  permission: "BookMe.Read",
  summary: "Bookable slots on the :00/:30 grid, by employee and meeting type (window at most 31 days)",
  tags: ["Time slots"],
  query: availableQuery,
  responses: {
    200: {
      description: "Slots sorted by start, employee, meeting type",
      schema: z.union([
        z.array(AvailableSlotView),
        z.object({
          slots: z.array(AvailableSlotView),
          explanations: z.array(z.object({ employeeId: z.string(), date: z.string(), reasons: z.array(z.object({ code: z.enum(EXPLAIN_REASONS), detail: z.string() })) })),
        }),
      ]),
      headers: {
        Deprecation: "present (RFC 9745, @epoch-seconds) when V2 was asked for the deprecated employeeTypes=Global",
      },
    },
    400: { description: "A parameter is invalid" },
  },
  async handle({ query }, ctx, deps): Promise<Reply> {
    const search = await searchAvailability(deps, availabilityQuery(query as AvailableQuery, ctx.now), ctx.now);
    const { slots } = search;
    // V2 answers V1's Global, marked deprecated (RFC 9745)
    const usesGlobal = ctx.version === "v2" && (query as AvailableQuery).employeeTypes.includes("Global");
    return {
      status: 200,
      headers: usesGlobal ? { deprecation: `@${Math.floor(GLOBAL_DEPRECATED_AT / 1000)}` } : {},
      body: withExplanations(query as AvailableQuery, search, ctx.now, slots.map((s) => {
        const zone = "timeZone" in query ? (query.timeZone as string | undefined) : undefined;
        const startDate = new Date(s.start).toISOString();
        const endDate = new Date(s.end).toISOString();
        return withLocalTimes({
          id: s.id,
          startDate,
          endDate,
          startTime: startDate,
          endTime: endDate,
          available: true,
          meetingType: s.meetingType,
          employeeId: s.employeeId,
          ...(s.roomId ? { roomId: s.roomId } : {}),
          ...(s.additionalEmployees?.length ? { additionalEmployees: s.additionalEmployees } : {}),
        }, zone);
      })),
    };
  },
});

/** explain=true: the slots and, per advisor and day without any, why. */
function withExplanations(query: AvailableQuery, search: AvailabilitySearch, now: number, items: unknown[]): unknown {
  return "explain" in query && query.explain ? { slots: items, explanations: explainAvailability(search, now) } : items;
}
