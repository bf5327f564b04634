import { z } from "zod";
import { JsonText, registerEndpoint, type Reply } from "../shared/http/endpoint.js";
import { slotListJson, slotsByStartJson } from "../shared/http/slot-json.js";
import { availableSlotTable } from "../shared/booking/availability.js";
import { AvailableSlotView, AvailableStartView, availableQuery, type AvailableQuery } from "../shared/schemas/time-slots.js";
import { repositories } from "../shared/store/repositories.js";

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
      description: "Slots sorted by start, employee, meeting type (fields= keeps only the named fields); with groupBy=start, one entry per start with the employees free then",
      schema: z.union([z.array(AvailableSlotView), z.array(AvailableStartView)]),
      headers: { "content-encoding": "br or gzip when the body is 1 KB or more and Accept-Encoding allows it", vary: "Accept-Encoding" },
    },
    400: { description: "A parameter is invalid" },
  },
  async handle({ query }, ctx): Promise<Reply> {
    const q = query as AvailableQuery;
    const table = await availableSlotTable(await repositories(), q, ctx.now);
    if (table === null) return { status: 200, body: new JsonText("[]") };
    return { status: 200, body: new JsonText(q.groupBy === "start" ? slotsByStartJson(table, q.fields) : slotListJson(table, q.fields)) };
  },
});
