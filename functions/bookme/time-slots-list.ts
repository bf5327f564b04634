import { z } from "zod";
import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { slotGrid } from "../../shared/booking/queries/slot-grid.js";
import { degradedHeader } from "../../shared/api/edge/degraded.js";
import { GridQuery, GridSlotView } from "../../shared/api/bookme/schemas/time-slots.js";

export const timeSlotsList = registerEndpoint({
  name: "time-slots-list",
  method: "GET",
  route: "time-slots",
  versions: ["v2", "v1"],
  permission: "BookMe.Read",
  summary:
    "The slot grid of an employee, a room, an employee in a room, or every employee (at most 7 days) in a range, each Available, Reserved or Booked",
  tags: ["Time slots"],
  query: GridQuery,
  responses: {
    200: { description: "Grid slots sorted by start", schema: z.array(GridSlotView) },
    400: {
      description:
        "A parameter is invalid, or query_too_large: the query is over its cost budget (QUERY_MAX_RESOURCE_DAYS resources x days, QUERY_MAX_SLOTS slots); the problem names the limit, the value and how to narrow the query",
    },
    404: { description: "No such employee or room" },
  },
  async handle({ query }, ctx, deps): Promise<Reply> {
    const report = { degraded: [] as string[] };
    const slots = await slotGrid(deps, query, ctx.now, report);
    return {
      headers: degradedHeader(report.degraded),
      status: 200,
      body: slots.map((s) => {
        const start = new Date(s.start).toISOString();
        const end = new Date(s.end).toISOString();
        return {
          id: s.id,
          employeeId: s.employeeId,
          roomId: s.roomId,
          startTime: start,
          endTime: end,
          startDate: start,
          endDate: end,
          status: s.status,
          available: s.status === "Available",
        };
      }),
    };
  },
});
