import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { getBooking } from "../../shared/api/bots/bookings.js";
import { BOTS } from "../../shared/api/bots/endpoint-base.js";
import { BookingDetail, BookingParams, BotsError } from "../../shared/api/bots/schemas.js";

export const botsBookingsGet = registerEndpoint({
  ...BOTS,
  name: "bots-bookings-get",
  method: "GET",
  route: "bookings/{id}",
  apiKeyScope: "bookings:read",
  summary: "One booking with its link's link_title and duration_minutes (GET /api/v1/bookings/:id)",
  params: BookingParams,
  responses: {
    200: { description: "The booking", schema: BookingDetail },
    401: { description: "unauthorized", schema: BotsError },
    404: { description: "not_found", schema: BotsError },
  },
  async handle({ params }, ctx, deps): Promise<Reply> {
    return { status: 200, body: await getBooking(deps, params.id, ctx.caller) };
  },
});
