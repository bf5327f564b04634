import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { cancelBooking } from "../../shared/api/bots/bookings.js";
import { BOTS } from "../../shared/api/bots/endpoint-base.js";
import { BookingParams, BotsError, CancelBody, Cancelled } from "../../shared/api/bots/schemas.js";

export const botsBookingsCancel = registerEndpoint({
  ...BOTS,
  name: "bots-bookings-cancel",
  method: "PATCH",
  route: "bookings/{id}/cancel",
  apiKeyScope: "bookings:write",
  summary: "Cancel a booking with an optional reason (PATCH /api/v1/bookings/:id/cancel); its time is free at once",
  params: BookingParams,
  body: CancelBody,
  responses: {
    200: { description: "Cancelled", schema: Cancelled },
    401: { description: "unauthorized", schema: BotsError },
    404: { description: "not_found", schema: BotsError },
    409: { description: "already_cancelled", schema: BotsError },
  },
  async handle({ params, body }, ctx, deps): Promise<Reply> {
    const reply = await cancelBooking(deps, params.id, body?.reason, ctx.now, ctx.caller);
    ctx.log.info("bots cancel", { meetingId: reply.data.id });
    return { status: 200, body: reply };
  },
});
