import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { timeframes } from "../../shared/api/meetergo/availability.js";
import { MEETERGO } from "../../shared/api/meetergo/endpoint-base.js";
import { AvailabilityV2Query, MeetergoError, TimeframesView } from "../../shared/api/meetergo/schemas.js";

export const meetergoAvailabilityV2 = registerEndpoint({
  ...MEETERGO,
  name: "meetergo-availability-v2",
  method: "GET",
  route: "booking-availability/v2",
  apiKeyScope: "bookings:read",
  summary: "Free time windows of a meeting type's round-robin queue (meetergo GET /booking-availability/v2)",
  query: AvailabilityV2Query,
  responses: {
    200: { description: "The free windows, UTC", schema: TimeframesView },
    400: { description: "A malformed parameter, an unknown meeting type or a queueId not of that type", schema: MeetergoError },
    401: { description: "Missing, wrong or revoked API key", schema: MeetergoError },
  },
  async handle({ query }, ctx, deps): Promise<Reply> {
    return { status: 200, body: await timeframes(deps, query, ctx.now) };
  },
});
