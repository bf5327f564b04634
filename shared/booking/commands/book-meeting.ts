/** Booking a meeting: the time is checked and held like any other, and the meeting document is the commit. */
import { randomUUID } from "node:crypto";
import { fieldError, ValidationError } from "../../kernel/errors.js";
import type { BookingDeps } from "../write/deps.js";
import { mustMatchSlot, resolveTarget } from "../queries/bookable-time.js";
import type { Assignment, BookMeetingCommand } from "../model/commands.js";
import { normaliseCpr } from "../model/cpr.js";
import type { MeetingDoc } from "../model/documents.js";
import { isoOf } from "../../kernel/instants.js";
import { sealCpr } from "../model/personal-data.js";
import type { StoredMeeting } from "../queries/meeting-lookup.js";
import { meetingRef, reservationRef } from "../model/schedule-entries.js";
import { defaultMeetingType } from "../queries/slot-grid.js";
import { bookFromPool } from "./round-robin.js";
import { timeSource, type TimeSource } from "../queries/time-source.js";
import { runOperation } from "../write/write-protocol.js";
import { actorOf, ownerOf } from "../model/caller.js";
import { mustStayVisible, ownedDetails } from "../access/caller-rules.js";
import { meetingCreated } from "../model/events.js";
import { newSecret } from "../model/secrets.js";

export type BookedMeeting = StoredMeeting & { secret: string };

/** Books the meeting; `secret` is its self-service secret, returned this once. A meeting type picks the advisor from its pool. */
export async function createMeeting(deps: BookingDeps, cmd: BookMeetingCommand, now: number): Promise<BookedMeeting> {
  const source = await requiredTimeSource(deps, cmd, now);
  if (cmd.meetingTypeId)
    return bookFromPool(
      deps,
      { cmd, meetingTypeId: cmd.meetingTypeId, source, book: (assigned, extra) => bookWith(deps, assigned, source, extra, now) },
      now,
    );
  if (!cmd.employeeId)
    throw new ValidationError([fieldError("employeeId", "is required (or give a meetingTypeId to have an advisor assigned)", "required")]);
  return bookWith(deps, { ...cmd, employeeId: cmd.employeeId }, source, { selectionReason: null }, now);
}

async function requiredTimeSource(deps: BookingDeps, cmd: BookMeetingCommand, now: number): Promise<TimeSource> {
  const source = await timeSource(deps, cmd.time, now, cmd.caller);
  if (!source)
    throw new ValidationError([
      fieldError("timeSlotId", "give timeSlotId (a reservation or an available slot) or startDate and endDate", "required"),
    ]);
  return source;
}

/** What a meeting type adds to a booking: why this advisor, and whether it waits for a confirmation. */

async function bookWith(
  deps: BookingDeps,
  cmd: BookMeetingCommand & { employeeId: string },
  source: TimeSource,
  extra: Assignment,
  now: number,
): Promise<BookedMeeting> {
  mustMatchSlot("employeeId", source.employeeId, cmd.employeeId);
  const roomId = cmd.roomId ?? source.roomId;
  const additionalEmployees = cmd.additionalEmployees ?? source.additionalEmployees ?? [];
  const type = cmd.type ?? source.type ?? defaultMeetingType((await deps.directory.get("employee", cmd.employeeId))?.meetingTypes ?? []);
  const details = { ...cmd.details, ...ownedDetails(cmd.caller, cmd.details) };
  mustStayVisible(cmd.caller, { ...details, employeeId: cmd.employeeId, additionalEmployees, owner: cmd.caller && ownerOf(cmd.caller) });
  const target = await resolveTarget(
    deps,
    {
      employeeId: cmd.employeeId,
      additionalEmployees,
      roomId,
      start: source.start,
      end: source.end,
      type,
      topicId: details.topicId ?? undefined,
    },
    now,
  );

  const id = randomUUID();
  const ref = meetingRef(id);
  const docs = deps.guard.docIds(target.holds);
  const stamp = isoOf(now);
  const reservationId = source.reservation?.id ?? null;
  const { secret, secretHash } = newSecret();
  // Sealed before any write: a key that cannot be reached leaves nothing behind. Bound to this meeting's id.
  const cpr = details.cpr ? await sealCpr(deps.personalData, id, normaliseCpr(details.cpr)) : null;
  const meeting: MeetingDoc = {
    id,
    rev: 1,
    status: extra.confirmation ? "Pending" : "Booked",
    apiVersion: cmd.version,
    ...details,
    cpr,
    timeSlotId: cmd.time.timeSlotId ?? null,
    additionalEmployees,
    roomId: roomId ?? null,
    startDate: isoOf(source.start),
    endDate: isoOf(source.end),
    type,
    employeeId: cmd.employeeId,
    dateCreated: stamp,
    dateModified: stamp,
    holds: docs,
    secretHash,
    cancellationReason: null,
    rescheduledFrom: null,
    history: [],
    meetingTypeId: cmd.meetingTypeId ?? null,
    selectionReason: extra.selectionReason,
    confirmation: extra.confirmation ?? null,
    ...(cmd.caller ? { owner: ownerOf(cmd.caller) } : {}),
    changedBy: actorOf(cmd.caller, cmd.actor),
  };
  const etag = await runOperation(
    deps,
    {
      intent: {
        id: `book:${id}`,
        op: "book",
        ref,
        addedTo: docs,
        addedRev: 1,
        removeFrom: [],
        removedRev: null,
        reservationId,
        createdAt: stamp,
        events: [meetingCreated(meeting)],
      },
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
