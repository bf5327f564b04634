import { z } from "zod";
import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { roomVacancies } from "../../shared/booking/queries/room-vacancies.js";
import { RoomView, roomView } from "../../shared/directory/directory.js";
import { VacancyQuery } from "../../shared/api/bookme/schemas/time-slots.js";

export const roomVacanciesList = registerEndpoint({
  name: "room-vacancies",
  method: "GET",
  route: "room-vacancies",
  versions: ["v2", "v1"],
  permission: "BookMe.Read",
  summary: "Rooms at a location that are open and free for the whole of a time slot (slot id or reservation id)",
  tags: ["Rooms"],
  query: VacancyQuery,
  responses: {
    200: { description: "Free rooms sorted by id", schema: z.array(RoomView) },
    400: {
      description:
        "Unknown or malformed timeSlotId, or query_too_large: the location's rooms x the slot's days are over QUERY_MAX_RESOURCE_DAYS",
    },
    409: { description: "reservation_expired, or reservation_consumed (the reservation became the meeting named in meetingId)" },
  },
  async handle({ query }, ctx, deps): Promise<Reply> {
    const rooms = await roomVacancies(deps, query.location, query.timeSlotId, ctx.now);
    return { status: 200, body: rooms.map((r) => roomView(r, true)) };
  },
});
