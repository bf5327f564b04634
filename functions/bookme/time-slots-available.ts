import { z } from "zod";
import { registerEndpoint } from "../../shared/app/register.js";
import { JsonText, type Reply } from "../../shared/api/edge/endpoint.js";
import { availableSlotTable, searchAvailability, type AvailabilityQuery } from "../../shared/booking/queries/availability.js";
import { EXPLAIN_REASONS, explainAvailability } from "../../shared/booking/queries/explain.js";
import { availabilityQuery } from "../../shared/api/bookme/availability-query.js";
import { withLocalTimes } from "../../shared/api/bookme/local-times.js";
import { degradedHeader } from "../../shared/api/edge/degraded.js";
import { slotListJson, slotsByStartJson } from "../../shared/api/bookme/slot-json.js";
import { generateSlots, type Slot } from "../../shared/slots/index.js";
import {
  AvailableSlotView,
  AvailableStartView,
  availableQuery,
  GLOBAL_DEPRECATED_AT,
  type AvailableQuery,
} from "../../shared/api/bookme/schemas/time-slots.js";
import type { HandlerDeps } from "../../shared/api/edge/handler-deps.js";

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
      description:
        "Slots sorted by start, employee, meeting type (fields= keeps only the named fields); with groupBy=start, one entry per start with the employees free then; with explain=true, {slots, explanations}",
      schema: z.union([
        z.array(AvailableSlotView),
        z.array(AvailableStartView),
        z.object({
          slots: z.array(AvailableSlotView),
          explanations: z.array(
            z.object({
              employeeId: z.string(),
              date: z.string(),
              reasons: z.array(z.object({ code: z.enum(EXPLAIN_REASONS), detail: z.string() })),
            }),
          ),
        }),
      ]),
      headers: {
        "content-encoding": "br or gzip when the body is 1 KB or more and Accept-Encoding allows it",
        vary: "Accept-Encoding",
        Deprecation: "present (RFC 9745, @epoch-seconds) when V2 was asked for the deprecated employeeTypes=Global",
        "BookMe-Degraded-Calendars": "employee:ID,room:ID,... whose Outlook busy times are behind (absent when none)",
      },
    },
    400: {
      description:
        "A parameter is invalid, or query_too_large: the query is over its cost budget (QUERY_MAX_RESOURCE_DAYS resources x days, QUERY_MAX_SLOTS slots); the problem names the limit, the value and how to narrow the query",
    },
  },
  async handle({ query: q }, ctx, deps): Promise<Reply> {
    const domain = availabilityQuery(q, ctx.now);
    // V2 answers V1's Global, marked deprecated (RFC 9745)
    const deprecation: Record<string, string> =
      ctx.version === "v2" && q.employeeTypes.includes("Global") ? { deprecation: `@${Math.floor(GLOBAL_DEPRECATED_AT / 1000)}` } : {};
    // explain and timeZone are V2's: a V1 query has neither.
    const extra = {
      explain: "explain" in q && q.explain === true,
      timeZone: "timeZone" in q && typeof q.timeZone === "string" ? q.timeZone : undefined,
    };
    if (extra.explain || extra.timeZone) {
      const { body, degraded } = await annotated(deps, domain, { ...q, ...extra }, ctx.now);
      return { status: 200, headers: { ...deprecation, ...degradedHeader(degraded) }, body };
    }
    // The common case: JSON written straight from the engine's table, no object per slot.
    const { table, degraded } = await availableSlotTable(deps, domain, ctx.now);
    const headers = { ...deprecation, ...degradedHeader(degraded) };
    if (table === null) return { status: 200, headers, body: new JsonText("[]") };
    return {
      status: 200,
      headers,
      body: new JsonText(q.groupBy === "start" ? slotsByStartJson(table, q.fields) : slotListJson(table, q.fields)),
    };
  },
});

/** Slots as objects, for the options that add to each (timeZone) or beside them (explain=true: per advisor and day without any, why). */
async function annotated(
  deps: HandlerDeps,
  domain: AvailabilityQuery,
  q: AvailableQuery & { explain?: boolean; timeZone?: string },
  now: number,
): Promise<{ body: unknown; degraded: string[] }> {
  const search = await searchAvailability(deps, domain, now);
  const slots = search.input ? generateSlots(search.input) : [];
  const items = slots.map((s) => withLocalTimes(contractItem(s), q.timeZone));
  return { body: q.explain ? { slots: items, explanations: explainAvailability(search, slots, now) } : items, degraded: search.degraded };
}

function contractItem(s: Slot) {
  const startDate = new Date(s.start).toISOString();
  const endDate = new Date(s.end).toISOString();
  return {
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
  };
}
