import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { MEETERGO } from "../../shared/api/meetergo/endpoint-base.js";
import { rescheduleAppointment } from "../../shared/api/meetergo/manage.js";
import { AppointmentParams, AppointmentView, RescheduleBody, MeetergoError } from "../../shared/api/meetergo/schemas.js";

export const meetergoBookingReschedule = registerEndpoint({
  ...MEETERGO,
  name: "meetergo-booking-reschedule",
  method: "POST",
  route: "v4/booking/{appointmentId}/reschedule",
  summary: "Move an appointment to a new start (same appointmentId) with its secret; a round-robin appointment keeps its host when free",
  params: AppointmentParams,
  body: RescheduleBody,
  responses: {
    200: { description: "The appointment after the change", schema: AppointmentView },
    400: { description: "A malformed field, or the new time is not available", schema: MeetergoError },
    404: { description: "No such appointment, a wrong secret, or already cancelled", schema: MeetergoError },
  },
  async handle({ params, body }, ctx, deps): Promise<Reply> {
    const view = await rescheduleAppointment(deps, params.appointmentId, body, ctx.now);
    ctx.log.info("meetergo reschedule", { meetingId: view.appointmentId });
    return { status: 200, body: view };
  },
});
