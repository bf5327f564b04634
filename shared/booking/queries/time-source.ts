/**
 * Where a booking's time comes from: a live reservation (converted into the meeting), an
 * available slot's id, or startDate/endDate in the body.
 */
import { DomainError, fieldError, ValidationError } from "../../kernel/errors.js";
import type { TimeChoice } from "../model/commands.js";
import type { ReservationDoc } from "../model/documents.js";
import { holdsReservation, type Caller } from "../model/caller.js";
import type { MeetingRepository, ReservationRepository } from "../model/ports.js";
import { decodeSlotId, type MeetingType } from "../../slots/index.js";

export interface TimeSource {
  start: number;
  end: number;
  employeeId?: string;
  additionalEmployees?: string[];
  roomId?: string;
  type?: MeetingType;
  reservation?: ReservationDoc;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface TimeSourceDeps {
  reservations: ReservationRepository;
  meetings: MeetingRepository;
}

/**
 * A reservation is deleted when it becomes a meeting, and that meeting keeps the reservation's id
 * as its timeSlotId: so a missing reservation that some meeting was booked (or moved) from was
 * consumed, not unknown. (Checked only on this error path; a later move changes the meeting's
 * timeSlotId, and the id then reads as unknown.)
 */
async function consumedBy(meetings: MeetingRepository, reservationId: string): Promise<string | undefined> {
  const page = await meetings.list({ timeSlotId: reservationId, statuses: [] }, 1);
  return page.items[0]?.id;
}

/** A reservation is its holder's alone: to anyone else it reads as missing. */
export async function timeSource(deps: TimeSourceDeps, time: TimeChoice, now: number, caller?: Caller): Promise<TimeSource | undefined> {
  if (time.timeSlotId) {
    if (UUID.test(time.timeSlotId)) {
      const id = time.timeSlotId.toLowerCase();
      const found = await deps.reservations.get(id);
      const reservation = found && holdsReservation(caller, found) ? found : undefined;
      if (!reservation) {
        const meetingId = found ? undefined : await consumedBy(deps.meetings, id);
        if (meetingId)
          throw new DomainError("reservation_consumed", `reservation ${id} has already been booked as meeting ${meetingId}`, {
            meetingId,
            reservationId: id,
          });
        throw new ValidationError([
          fieldError("timeSlotId", "no reservation has this id (it may have expired and been removed)", "exists"),
        ]);
      }
      if (Date.parse(reservation.expiresAt) <= now)
        throw new DomainError(
          "reservation_expired",
          `reservation ${reservation.id} expired at ${reservation.expiresAt}; reserve the slot again`,
        );
      return {
        start: Date.parse(reservation.startDate),
        end: Date.parse(reservation.endDate),
        employeeId: reservation.employeeId ?? undefined,
        roomId: reservation.roomId ?? undefined,
        reservation,
      };
    }
    const slot = decodeSlotId(time.timeSlotId);
    if (!slot)
      throw new ValidationError([
        fieldError("timeSlotId", "is neither a reservation id (UUID) nor a time slot id from /time-slots/available", "format"),
      ]);
    return {
      start: slot.start,
      end: slot.end,
      employeeId: slot.employeeId,
      additionalEmployees: slot.additionalEmployees,
      roomId: slot.roomId,
      type: slot.meetingType,
    };
  }
  if (time.start !== undefined && time.end !== undefined) return { start: time.start, end: time.end };
  return undefined;
}
