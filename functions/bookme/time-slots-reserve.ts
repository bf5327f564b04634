import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { withIdempotency } from "../../shared/api/edge/idempotency.js";
import { withAlternatives } from "../../shared/api/bookme/alternatives.js";
import { reserve } from "../../shared/booking/commands/reservations.js";
import { ReserveBody } from "../../shared/api/bookme/schemas/time-slots.js";
import { ReservationView } from "../../shared/booking/model/views.js";
import { reservationView } from "../../shared/booking/model/views.js";

export const timeSlotsReserve = registerEndpoint({
  name: "time-slots-reserve",
  method: "POST",
  route: "time-slots/reserve",
  versions: ["v2", "v1"],
  permission: "BookMe.Write",
  summary: "Hold a slot for a few minutes; the same token replaces its previous reservation",
  tags: ["Time slots"],
  body: ReserveBody,
  requestHeaders: { "Idempotency-Key": "optional; a retry with the same key and body returns the first response" },
  responses: {
    200: { description: "Reserved until expiresAt", schema: ReservationView },
    400: { description: "A field is missing or malformed" },
    409: { description: "slot_taken: held or booked by someone else (with up to 3 alternatives)" },
    422: { description: "Outside working or opening hours, or Idempotency-Key reused with another body" },
  },
  async handle({ body }, ctx, deps): Promise<Reply> {
    return withIdempotency(deps.idempotency, ctx, "reserve", body, () =>
      withAlternatives(deps, ctx.now, async () => {
        const t = body.timeSlot;
        const reservation = await reserve(
          deps,
          {
            start: Date.parse(t.startDate),
            end: Date.parse(t.endDate),
            employeeId: t.employeeId ?? undefined,
            roomId: t.roomId ?? undefined,
            serviceGroup: t.serviceGroup ?? undefined,
            token: body.token,
            existingMeetingId: body.existingMeetingId ?? undefined,
            caller: ctx.caller,
          },
          ctx.now,
        );
        ctx.log.info("reserved", { reservationId: reservation.id, employeeId: reservation.employeeId, roomId: reservation.roomId });
        return { status: 200, body: reservationView(reservation) };
      }),
    );
  },
});
