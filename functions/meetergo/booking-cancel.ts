import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { MEETERGO } from "../../shared/api/meetergo/endpoint-base.js";
import { cancelAppointment } from "../../shared/api/meetergo/manage.js";
import { AppointmentParams, AppointmentView, CancelBody, MeetergoError } from "../../shared/api/meetergo/schemas.js";

export const meetergoBookingCancel = registerEndpoint({
  ...MEETERGO,
  name: "meetergo-booking-cancel",
  method: "POST",
  route: "v4/booking/{appointmentId}/cancel",
  summary: "Cancel an appointment with its secret (no API key needed); its time is free at once",
  params: AppointmentParams,
  body: CancelBody,
  responses: {
    200: { description: "The appointment after the change", schema: AppointmentView },
    400: { description: "A malformed field", schema: MeetergoError },
    404: { description: "No such appointment, a wrong secret, or already cancelled", schema: MeetergoError },
  },
  async handle({ params, body }, ctx, deps): Promise<Reply> {
    const view = await cancelAppointment(deps, params.appointmentId, body, ctx.now);
    ctx.log.info("meetergo cancel", { meetingId: view.appointmentId });
    return { status: 200, body: view };
  },
});
