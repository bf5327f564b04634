import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { listBookings } from "../../shared/api/bots/bookings.js";
import { BOTS } from "../../shared/api/bots/endpoint-base.js";
import { BookingList, BotsError, ListQuery } from "../../shared/api/bots/schemas.js";

export const botsBookingsList = registerEndpoint({
  ...BOTS,
  name: "bots-bookings-list",
  method: "GET",
  route: "bookings",
  apiKeyScope: "bookings:read",
  summary: "Bookings by start time (GET /api/v1/bookings), filtered by link, status and from/to; paged",
  query: ListQuery,
  responses: {
    200: { description: "A page of bookings", schema: BookingList },
    400: { description: "validation_failed", schema: BotsError },
    401: { description: "unauthorized", schema: BotsError },
  },
  async handle({ query }, ctx, deps): Promise<Reply> {
    return { status: 200, body: await listBookings(deps, query, ctx.caller) };
  },
});
