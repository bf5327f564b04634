/** Booking a meeting: the time is checked and held like any other, and the meeting document is the commit. */
import { randomUUID } from "node:crypto";
import { fieldError, ValidationError } from "../errors.js";
import type { BookingDeps } from "./booking-deps.js";
import { resolveTarget } from "./bookable-time.js";
import type { BookMeetingCommand } from "./commands.js";
import { normaliseCpr } from "./cpr.js";
import type { MeetingDoc } from "./documents.js";
import { isoOf } from "./instants.js";
import type { StoredMeeting } from "./meeting-lookup.js";
import { meetingRef, reservationRef } from "./schedule-entries.js";
import { newSecret } from "./self-service.js";
import { defaultMeetingType } from "./slot-grid.js";
import { timeSource } from "./time-source.js";
import { runOperation } from "./write-protocol.js";

/** A value the client gave must agree with the one its time slot carries. */
export function mustMatchSlot(field: string, fromSlot: string | undefined, given: string | undefined) {
  if (fromSlot && given && fromSlot !== given) throw new ValidationError([fieldError(field, `must match the time slot's ${field} (${fromSlot})`, "match")]);
}

/** Books the meeting; `secret` is its self-service secret, returned this once. */
export async function createMeeting(deps: BookingDeps, cmd: BookMeetingCommand, now: number): Promise<StoredMeeting & { secret: string }> {
  const source = await timeSource(deps.reservations, cmd.time, now);
  if (!source) throw new ValidationError([fieldError("timeSlotId", "give timeSlotId (a reservation or an available slot) or startDate and endDate", "required")]);
  mustMatchSlot("employeeId", source.employeeId, cmd.employeeId);
  const roomId = cmd.roomId ?? source.roomId;
  const additionalEmployees = cmd.additionalEmployees ?? source.additionalEmployees ?? [];
  const type = cmd.type ?? source.type ?? defaultMeetingType((await deps.directory.get("employee", cmd.employeeId))?.meetingTypes ?? []);
  const { details } = cmd;
  const target = await resolveTarget(deps.directory, { employeeId: cmd.employeeId, additionalEmployees, roomId, start: source.start, end: source.end, type, topicId: details.topicId ?? undefined }, now);

  const id = randomUUID();
  const ref = meetingRef(id);
  const docs = deps.guard.docIds(target.holds);
  const stamp = isoOf(now);
  const reservationId = source.reservation?.id ?? null;
  const { secret, secretHash } = newSecret();
  const meeting: MeetingDoc = {
    id, rev: 1, status: "Booked", apiVersion: cmd.version, ...details,
    cpr: details.cpr ? normaliseCpr(details.cpr) : null,
    timeSlotId: cmd.time.timeSlotId ?? null, additionalEmployees, roomId: roomId ?? null,
    startDate: isoOf(source.start), endDate: isoOf(source.end), type, employeeId: cmd.employeeId,
    dateCreated: stamp, dateModified: stamp, holds: docs,
    secretHash, cancellationReason: null, rescheduledFrom: null, history: [],
  };
  const etag = await runOperation(
    deps,
    {
      intent: { id: `book:${id}`, op: "book", ref, addedTo: docs, addedRev: 1, removeFrom: [], removedRev: null, reservationId, createdAt: stamp },
      holds: target.holds,
      // The converted reservation does not count as a conflict; its entries go with it once the meeting exists
      // (ignored, not replaced: if this hold fails on a later calendar, the reservation must still hold its time).
      ignoreRefs: reservationId ? [reservationRef(reservationId)] : [],
      commit: () => deps.meetings.create(meeting),
    },
    now,
  );
  return { meeting, etag, secret };
}
