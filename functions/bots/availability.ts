import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { linkAvailability } from "../../shared/api/bots/bookings.js";
import { BOTS } from "../../shared/api/bots/endpoint-base.js";
import { AvailabilityQuery, AvailabilityView, BotsError } from "../../shared/api/bots/schemas.js";

export const botsAvailability = registerEndpoint({
  ...BOTS,
  name: "bots-availability",
  method: "GET",
  route: "availability",
  apiKeyScope: "bookings:read",
  summary:
    "Open slots of one booking link on one day (GET /api/v1/availability): the day in client_timezone when given, else in the link's zone " +
    "(its meeting type's timeZone, default Europe/Copenhagen), from local midnight to the next",
  query: AvailabilityQuery,
  responses: {
    200: { description: "The open slots", schema: AvailabilityView },
    400: { description: "validation_failed", schema: BotsError },
    401: { description: "unauthorized", schema: BotsError },
    403: { description: "forbidden: the key lacks bookings:read", schema: BotsError },
    404: { description: "booking_link_not_found", schema: BotsError },
  },
  async handle({ query }, ctx, deps): Promise<Reply> {
    return { status: 200, body: await linkAvailability(deps, query, ctx.now, ctx.caller) };
  },
});
