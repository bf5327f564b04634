/**
 * Changing a meeting by read-modify-write: a client may send back what GET returned, changed or
 * not. Values equal to the stored ones change nothing; a new time or resource is checked and held
 * like a new booking, and every move records its time slot id, so a later round trip never moves
 * the meeting back.
 */
import { DomainError, fieldError, ValidationError } from "../../kernel/errors.js";
import { encodeSlotId } from "../../slots/index.js";
import type { BookingDeps } from "../write/deps.js";
import { resolveTarget, type BookingTarget } from "../queries/bookable-time.js";
import type { Attendee, ChangeMeetingCommand } from "../model/commands.js";
import { MAX_HISTORY, type MeetingDoc } from "../model/documents.js";
import { isoOf, msOf } from "../../kernel/instants.js";
import { changeableMeeting, type StoredMeeting } from "../queries/meeting-lookup.js";
import { meetingRef, reservationRef } from "../model/schedule-entries.js";
import { timeSource, type TimeSource } from "../queries/time-source.js";
import { mustStayVisible } from "../access/caller-rules.js";
import { actorOf } from "../model/caller.js";
import { busyError, runOperation } from "../write/write-protocol.js";
import { saveRevision } from "../write/save-revision.js";
import { meetingUpdated } from "../model/events.js";
import { mustMatchSlot } from "../queries/bookable-time.js";

export async function updateMeeting(deps: BookingDeps, cmd: ChangeMeetingCommand, now: number): Promise<StoredMeeting> {
  const { meeting, etag } = await changeableMeeting(deps, cmd.id, cmd.ifMatch, cmd.caller);
  if (meeting.status === "Cancelled") throw new DomainError("meeting_cancelled", `meeting ${cmd.id} is cancelled and cannot be changed`);
  assertReadOnlyUnchanged(meeting, cmd.readOnly);
  const source = await newTime(deps, meeting, cmd, now);
  const next = applyChange(meeting, cmd, source, now);
  mustStayVisible(cmd.caller, next);
  if (cmd.reschedule) recordReschedule(meeting, next);
  if (!movesCalendars(meeting, next)) return saveInPlace(deps, { meeting, next, etag }, now);
  return moveMeeting(deps, { meeting, next, etag, reservationId: source?.reservation?.id ?? null }, now);
}

const READ_ONLY = ["id", "status", "bookedBy", "portalId", "dateCreated", "dateModified"] as const;

/** Read-only fields sent back unchanged are fine (instants compared as instants); a changed one is a 400 naming it. */
function assertReadOnlyUnchanged(meeting: MeetingDoc, given: Record<string, unknown>) {
  const errors = READ_ONLY.filter((field) => {
    const value = given[field];
    if (value === undefined) return false;
    const stored = meeting[field];
    if (field === "dateCreated" || field === "dateModified") return typeof value !== "string" || msOf(value) !== msOf(stored as string);
    if (field === "status" || field === "bookedBy")
      return typeof value !== "string" || value.toLowerCase() !== String(stored).toLowerCase();
    return value !== stored;
  }).map((field) => fieldError(field, "is read-only: send it back unchanged or leave it out", "read_only"));
  if (errors.length) throw new ValidationError(errors);
}

/** The new time, if the command asks for one: a time slot id other than the stored one, or other start/end. */
async function newTime(deps: BookingDeps, meeting: MeetingDoc, cmd: ChangeMeetingCommand, now: number): Promise<TimeSource | undefined> {
  const { timeSlotId, start, end } = cmd.time;
  const sameDates = start === undefined || (start === msOf(meeting.startDate) && end === msOf(meeting.endDate));
  if (timeSlotId && timeSlotId !== meeting.timeSlotId) {
    const source = await timeSource(deps, { timeSlotId }, now, cmd.caller);
    if (source && !sameDates && (start !== source.start || end !== source.end)) {
      throw new ValidationError([fieldError("startDate", "must match the new time slot's times, or be left as they were", "match")]);
    }
    return source;
  }
  return sameDates ? undefined : timeSource(deps, { start, end }, now);
}

/** A value the client changed wins; otherwise the new time slot's, otherwise the stored one. */
function choose<T>(given: T | undefined, fromSlot: T | undefined, stored: T, same: (a: T, b: T) => boolean = (a, b) => a === b): T {
  if (given !== undefined && !same(given, stored)) return given;
  return fromSlot !== undefined ? fromSlot : stored;
}
const sameList = (a: readonly string[], b: readonly string[]) => a.join("\u0000") === b.join("\u0000");

function applyChange(meeting: MeetingDoc, cmd: ChangeMeetingCommand, source: TimeSource | undefined, now: number): MeetingDoc {
  const employeeId = choose(cmd.employeeId, source?.employeeId, meeting.employeeId);
  if (cmd.employeeId !== meeting.employeeId) mustMatchSlot("employeeId", source?.employeeId, cmd.employeeId);
  const next: MeetingDoc = {
    ...meeting,
    ...definedOnly(cmd.details),
    changedBy: actorOf(cmd.caller, cmd.actor),
    externalAttendees: cmd.externalAttendees
      ? keepStoredEmails(cmd.externalAttendees, meeting.externalAttendees)
      : meeting.externalAttendees,
    employeeId,
    type: choose(cmd.type, source?.type, meeting.type),
    roomId: choose(cmd.roomId, source?.roomId, meeting.roomId),
    additionalEmployees: choose(cmd.additionalEmployees, source?.additionalEmployees, meeting.additionalEmployees, sameList),
    startDate: source ? isoOf(source.start) : meeting.startDate,
    endDate: source ? isoOf(source.end) : meeting.endDate,
    rev: meeting.rev + 1,
    dateModified: isoOf(now),
  };
  if (movesCalendars(meeting, next))
    next.timeSlotId = source?.reservation ? source.reservation.id : (cmd.time.timeSlotId ?? slotIdOf(next));
  return next;
}

function recordReschedule(meeting: MeetingDoc, next: MeetingDoc) {
  if (next.startDate === meeting.startDate && next.endDate === meeting.endDate) {
    throw new ValidationError([
      fieldError(
        "timeSlotId",
        "a reschedule needs a new time: give a timeSlotId or startDate and endDate other than the meeting's",
        "changed",
      ),
    ]);
  }
  const from = { startDate: meeting.startDate, endDate: meeting.endDate };
  next.rescheduledFrom = from;
  next.history = [
    ...meeting.history,
    { at: next.dateModified, action: "rescheduled" as const, from, to: { startDate: next.startDate, endDate: next.endDate } },
  ].slice(-MAX_HISTORY);
}

function definedOnly<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Attendees sent back without an email keep the stored email of the attendee with that name; new ones need one. */
function keepStoredEmails(given: { name: string; email?: string }[], stored: readonly Attendee[]): Attendee[] {
  const unused = [...stored];
  const errors = [];
  const out: Attendee[] = [];
  for (const [i, a] of given.entries()) {
    if (a.email) {
      out.push({ name: a.name, email: a.email });
      continue;
    }
    const at = unused.findIndex((s) => s.name.trim().toLowerCase() === a.name.trim().toLowerCase());
    if (at < 0)
      errors.push(fieldError(`externalAttendees[${i}].email`, "is required for an attendee not already on the meeting", "required"));
    else out.push({ name: a.name, email: unused.splice(at, 1)[0].email });
  }
  if (errors.length) throw new ValidationError(errors);
  return out;
}

function slotIdOf(m: MeetingDoc): string {
  return encodeSlotId({
    employeeId: m.employeeId,
    additionalEmployees: m.additionalEmployees.length ? m.additionalEmployees : undefined,
    start: msOf(m.startDate),
    end: msOf(m.endDate),
    meetingType: m.type,
    roomId: m.roomId ?? undefined,
  });
}

function movesCalendars(before: MeetingDoc, after: MeetingDoc): boolean {
  return (
    after.startDate !== before.startDate ||
    after.endDate !== before.endDate ||
    after.employeeId !== before.employeeId ||
    after.roomId !== before.roomId ||
    !sameList(after.additionalEmployees, before.additionalEmployees)
  );
}

function targetOf(m: MeetingDoc): BookingTarget {
  return {
    employeeId: m.employeeId,
    additionalEmployees: m.additionalEmployees,
    roomId: m.roomId ?? undefined,
    start: msOf(m.startDate),
    end: msOf(m.endDate),
    type: m.type,
    topicId: m.topicId ?? undefined,
  };
}

export interface Change {
  meeting: MeetingDoc;
  next: MeetingDoc;
  etag: string;
}

/** No calendar changes: the new rev is written without touching entries (save-revision.ts); a new type must still be offered. */
export async function saveInPlace(deps: BookingDeps, { meeting, next, etag }: Change, now: number): Promise<StoredMeeting> {
  if (next.type !== meeting.type) await resolveTarget(deps, targetOf(next), Math.min(now, msOf(next.startDate)));
  return saveRevision(deps, { meeting, etag, next, event: meetingUpdated(meeting, next) }, now);
}

async function moveMeeting(
  deps: BookingDeps,
  { meeting, next, etag, reservationId }: Change & { reservationId: string | null },
  now: number,
): Promise<StoredMeeting> {
  const target = await resolveTarget(deps, targetOf(next), now);
  const ref = meetingRef(meeting.id);
  next.holds = deps.guard.docIds(target.holds);
  const newEtag = await runOperation(
    deps,
    {
      // The intent id (meeting, rev) is claimed create-only: of two concurrent moves from the same rev only one
      // proceeds. Both would hold entries under the same (ref, rev), and the loser's cleanup would remove the winner's.
      intent: {
        id: `move:${meeting.id}:${next.rev}`,
        op: "move",
        ref,
        addedTo: next.holds,
        addedRev: next.rev,
        removeFrom: meeting.holds,
        removedRev: meeting.rev,
        reservationId,
        createdAt: next.dateModified,
        events: [meetingUpdated(meeting, next)],
      },
      holds: target.holds,
      ignoreRefs: reservationId ? [reservationRef(reservationId)] : [],
      // A request that read the meeting before another move committed may claim the same intent id once that
      // move has deleted it; its entries would then share (ref, rev) with the committed ones. Intents are deleted
      // only after the commit, so a fresh read after the claim tells: if the meeting changed, step back.
      check: async () => {
        const fresh = await deps.meetings.get(meeting.id);
        if (!fresh || fresh.etag !== etag) throw busyError(`meeting ${meeting.id}`);
      },
      commit: () => deps.meetings.replace(next, etag),
    },
    now,
  );
  return { meeting: next, etag: newEtag };
}
