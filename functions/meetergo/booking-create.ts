import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { bookAppointment } from "../../shared/api/meetergo/booking.js";
import { MEETERGO } from "../../shared/api/meetergo/endpoint-base.js";
import { BookingCreate, BookingCreated, MeetergoError } from "../../shared/api/meetergo/schemas.js";

export const meetergoBookingCreate = registerEndpoint({
  ...MEETERGO,
  name: "meetergo-booking-create",
  method: "POST",
  route: "v4/booking",
  apiKeyScope: "bookings:write",
  summary:
    "Create an appointment booking (meetergo POST /v4/booking): hostIds pick the host, a queueId lets BookMe assign the next free advisor",
  body: BookingCreate,
  responses: {
    201: {
      description:
        "Booked: appointmentId and the secret for cancel/reschedule (shown once); with confirmation: bookingType and provisionalBookingId",
      schema: BookingCreated,
    },
    400: {
      description:
        "The selected time slot is no longer available; hostIds or queueId is required; Duration must match one of the allowed durations for this meeting type; a malformed field",
      schema: MeetergoError,
    },
    401: { description: "Missing, wrong or revoked API key", schema: MeetergoError },
    403: { description: "The qualification answers (attendee.notes) exclude this meeting type", schema: MeetergoError },
  },
  async handle({ body }, ctx, deps): Promise<Reply> {
    const { status, body: reply, booked } = await bookAppointment(deps, body, ctx.apiKey!, ctx.now, ctx.caller);
    ctx.log.info("meetergo booking", { meetingId: booked.meeting.id, employeeId: booked.meeting.employeeId });
    return { status, body: reply };
  },
});
