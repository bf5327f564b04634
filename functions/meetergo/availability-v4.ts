import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { dates } from "../../shared/api/meetergo/availability.js";
import { MEETERGO } from "../../shared/api/meetergo/endpoint-base.js";
import { AvailabilityV4Query, DatesView, MeetergoError } from "../../shared/api/meetergo/schemas.js";

export const meetergoAvailabilityV4 = registerEndpoint({
  ...MEETERGO,
  name: "meetergo-availability-v4",
  method: "GET",
  route: "v4/booking-availability",
  apiKeyScope: "bookings:read",
  summary: "Bookable start times of a meeting type by date (meetergo GET /v4/booking-availability); hostIds narrow the pool",
  query: AvailabilityV4Query,
  responses: {
    200: { description: "Spots grouped by local date of `timezone` (default UTC); times UTC", schema: DatesView },
    400: { description: "A malformed parameter, a duration the type does not allow, a host outside its pool", schema: MeetergoError },
    401: { description: "Missing, wrong or revoked API key", schema: MeetergoError },
  },
  async handle({ query }, ctx, deps): Promise<Reply> {
    return { status: 200, body: await dates(deps, query, ctx.now) };
  },
});
