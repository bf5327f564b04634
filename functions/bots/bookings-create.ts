import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { createBooking } from "../../shared/api/bots/bookings.js";
import { BOTS } from "../../shared/api/bots/endpoint-base.js";
import { BookingCreate, BookingDetail, BotsError } from "../../shared/api/bots/schemas.js";

export const botsBookingsCreate = registerEndpoint({
  ...BOTS,
  name: "bots-bookings-create",
  method: "POST",
  route: "bookings",
  apiKeyScope: "bookings:write",
  summary: "Book against a booking link (POST /api/v1/bookings): round-robin assignment and qualification routing of its meeting type",
  body: BookingCreate,
  responses: {
    201: { description: "The created booking", schema: BookingDetail },
    400: {
      description:
        "missing_field (contact_name / contact_email / start_time), validation_failed (a required qualification question unanswered, a malformed field)",
      schema: BotsError,
    },
    401: { description: "unauthorized", schema: BotsError },
    403: { description: "routing_rejected, or forbidden (the key lacks bookings:write)", schema: BotsError },
    404: { description: "booking_link_not_found", schema: BotsError },
    409: { description: "slot_taken", schema: BotsError },
  },
  async handle({ body }, ctx, deps): Promise<Reply> {
    const booking = await createBooking(deps, body, ctx.apiKey!, ctx.now, ctx.caller);
    ctx.log.info("bots booking", { meetingId: booking.id, employeeId: booking.staff_id });
    return { status: 201, body: booking, headers: { location: `/api/v1/bookings/${booking.id}` } };
  },
});
