import { z } from "zod";
import { registerEndpoint } from "../shared/app/register.js";
import type { Reply } from "../shared/http/endpoint.js";
import { availableSlots } from "../shared/booking/availability.js";
import { availabilityQuery } from "../shared/http/availability-query.js";
import { AvailableSlotView, availableQuery, type AvailableQuery } from "../shared/schemas/time-slots.js";

export const timeSlotsAvailable = registerEndpoint({
  name: "time-slots-available",
  method: "GET",
  route: "time-slots/available",
  versions: ["v2", "v1"],
  permission: "BookMe.Read",
  summary: "Bookable slots on the :00/:30 grid, by employee and meeting type (window at most 31 days)",
  tags: ["Time slots"],
  query: availableQuery,
  responses: { 200: { description: "Slots sorted by start, employee, meeting type", schema: z.array(AvailableSlotView) }, 400: { description: "A parameter is invalid" } },
  async handle({ query }, ctx, deps): Promise<Reply> {
    const slots = await availableSlots(deps, availabilityQuery(query as AvailableQuery, ctx.now), ctx.now);
    return {
      status: 200,
      body: slots.map((s) => ({
        id: s.id,
        startDate: new Date(s.start).toISOString(),
        endDate: new Date(s.end).toISOString(),
        meetingType: s.meetingType,
        employeeId: s.employeeId,
        ...(s.roomId ? { roomId: s.roomId } : {}),
        ...(s.additionalEmployees?.length ? { additionalEmployees: s.additionalEmployees } : {}),
      })),
    };
  },
});
