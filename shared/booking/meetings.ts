/**
 * Booking, moving and cancelling meetings. Order of writes, so that a failure at any point
 * leaves nothing half-made: intent record -> calendar holds (all-or-nothing) -> meeting
 * document (the commit point) -> cleanup -> intent deleted. The sweeper finishes or undoes
 * an operation whose intent outlives it (see recovery.ts).
 */
import { randomUUID } from "node:crypto";
import { ConflictError, DomainError, fieldError, NotFoundError, PreconditionFailedError, ValidationError } from "../errors.js";
import type { z } from "zod";
import type { MeetingCreate, MeetingCreateV2, MeetingDoc, MeetingUpdate } from "../schemas/meetings.js";
import { normaliseCpr } from "./cpr.js";
import { ifMatchAllows } from "./etag.js";
import type { BookingDeps } from "./booking-deps.js";
import { resolveTarget } from "./bookable-time.js";
import { SlotTakenError } from "./calendar-guard.js";
import { releaseReservation } from "./reservations.js";
import { defaultMeetingType } from "./slot-grid.js";
import { meetingRef, reservationRef } from "./schedule-entries.js";
import { timeSource } from "./time-source.js";
import type { ApiVersionName } from "./versions.js";

function mismatch(field: string, expected: string | undefined, given: string | undefined | null) {
  if (expected && given && expected !== given) throw new ValidationError([fieldError(field, `must match the time slot's ${field} (${expected})`, "match")]);
}

export async function createMeeting(deps: BookingDeps, body: MeetingCreate, version: ApiVersionName, now: number): Promise<{ meeting: MeetingDoc; etag: string }> {
  const source = await timeSource(deps, body, now);
  if (!source) throw new ValidationError([fieldError("timeSlotId", "give timeSlotId (a reservation or an available slot) or startDate and endDate", "required")]);
  mismatch("employeeId", source.employeeId, body.employeeId);
  const roomId = body.roomId ?? source.roomId;
  const additionalEmployees = body.additionalEmployees ?? source.additionalEmployees ?? [];
  const type = body.type ?? source.type ?? defaultMeetingType((await deps.directory.get("employee", body.employeeId))?.meetingTypes ?? []);
  const target = await resolveTarget(deps.directory, { employeeId: body.employeeId, additionalEmployees, roomId, start: source.start, end: source.end, type, topicId: body.topicId ?? undefined }, now);

  const id = randomUUID();
  const ref = meetingRef(id);
  const docs = deps.guard.docIds(target.holds);
  const stamp = new Date(now).toISOString();
  const reservationId = source.reservation?.id ?? null;
  const intentId = `book:${id}`;
  await deps.intents.create({ id: intentId, op: "book", ref, addedTo: docs, addedRev: 1, removeFrom: [], removedRev: null, reservationId, createdAt: stamp });
  try {
    // The converted reservation does not count as a conflict; its entries go with it once the meeting exists
    // (ignored, not replaced: if this hold fails on a later calendar, the reservation must still hold its time).
    await deps.guard.acquire(target.holds, { ref, rev: 1 }, { now, ignoreRefs: reservationId ? [reservationRef(reservationId)] : [] });
  } catch (err) {
    if (err instanceof SlotTakenError) await deps.intents.delete(intentId);
    throw err;
  }
  const v2 = version === "v2" ? (body as z.output<typeof MeetingCreateV2>) : undefined;
  const meeting: MeetingDoc = {
    id, rev: 1, status: "Booked", apiVersion: version, bookedBy: body.bookedBy,
    salesforceId: body.salesforceId ?? null, customerTypeId: body.customerTypeId ?? null, timeSlotId: body.timeSlotId ?? null,
    portalId: v2?.portalId ?? null, cpr: v2?.cpr ? normaliseCpr(v2.cpr) : null,
    customFields: v2?.customFields ?? [], externalAttendees: v2?.externalAttendees ?? [],
    title: body.title ?? null, description: body.description ?? null, videoLink: v2?.videoLink ?? null,
    additionalEmployees, roomId: roomId ?? null, startDate: new Date(source.start).toISOString(), endDate: new Date(source.end).toISOString(),
    type, topicId: body.topicId ?? null, employeeId: body.employeeId, customerId: body.customerId,
    dateCreated: stamp, dateModified: stamp, holds: docs,
  };
  const etag = await deps.meetings.create(meeting);
  if (reservationId) await releaseReservation(deps, reservationId);
  await deps.intents.delete(intentId);
  return { meeting, etag };
}

export async function getBookedMeeting(deps: BookingDeps, id: string): Promise<{ meeting: MeetingDoc; etag: string }> {
  const found = await deps.meetings.get(id);
  if (!found) throw new NotFoundError("meeting", id);
  return found;
}

const busy = (id: string) => new ConflictError("conflict", `meeting ${id} is being changed by another request; read it again and retry`);

function checkEtag(current: string, ifMatch: string | undefined) {
  if (ifMatch && !ifMatchAllows(ifMatch, current)) throw new PreconditionFailedError();
}

export async function updateMeeting(deps: BookingDeps, id: string, patch: MeetingUpdate, ifMatch: string | undefined, now: number): Promise<{ meeting: MeetingDoc; etag: string }> {
  const { meeting, etag } = await getBookedMeeting(deps, id);
  checkEtag(etag, ifMatch);
  if (meeting.status !== "Booked") throw new DomainError("meeting_cancelled", `meeting ${id} is cancelled and cannot be changed`);
  const source = await timeSource(deps, patch, now);
  const employeeId = patch.employeeId ?? source?.employeeId ?? meeting.employeeId;
  mismatch("employeeId", source?.employeeId, patch.employeeId);
  const next: MeetingDoc = {
    ...meeting,
    title: patch.title !== undefined ? patch.title : meeting.title,
    description: patch.description !== undefined ? patch.description : meeting.description,
    videoLink: patch.videoLink !== undefined ? patch.videoLink : meeting.videoLink,
    type: patch.type ?? source?.type ?? meeting.type,
    topicId: patch.topicId !== undefined ? patch.topicId : meeting.topicId,
    customerTypeId: patch.customerTypeId !== undefined ? patch.customerTypeId : meeting.customerTypeId,
    customFields: patch.customFields ?? meeting.customFields,
    externalAttendees: patch.externalAttendees ?? meeting.externalAttendees,
    employeeId,
    roomId: patch.roomId !== undefined ? patch.roomId : (source?.roomId ?? meeting.roomId),
    additionalEmployees: patch.additionalEmployees ?? source?.additionalEmployees ?? meeting.additionalEmployees,
    startDate: source ? new Date(source.start).toISOString() : meeting.startDate,
    endDate: source ? new Date(source.end).toISOString() : meeting.endDate,
    timeSlotId: patch.timeSlotId !== undefined ? patch.timeSlotId : meeting.timeSlotId,
    rev: meeting.rev + 1,
    dateModified: new Date(now).toISOString(),
  };
  const moved =
    next.startDate !== meeting.startDate || next.endDate !== meeting.endDate || next.employeeId !== meeting.employeeId ||
    next.roomId !== meeting.roomId || next.additionalEmployees.join() !== meeting.additionalEmployees.join();
  if (!moved) {
    if (patch.type && patch.type !== meeting.type) await resolveTarget(deps.directory, targetOf(next, patch.type), Math.min(now, Date.parse(next.startDate)));
    return { meeting: next, etag: await deps.meetings.replace(next, etag) };
  }
  const target = await resolveTarget(deps.directory, targetOf(next, next.type), now);
  const ref = meetingRef(id);
  const docs = deps.guard.docIds(target.holds);
  next.holds = docs;
  const reservationId = source?.reservation?.id ?? null;
  const intentId = `move:${id}:${next.rev}`;
  // The intent id (meeting, rev) is claimed create-only: of two concurrent moves from the same rev only one
  // proceeds. Both would hold entries under the same (ref, rev), and the loser's cleanup would remove the winner's.
  if (!(await deps.intents.create({ id: intentId, op: "move", ref, addedTo: docs, addedRev: next.rev, removeFrom: meeting.holds, removedRev: meeting.rev, reservationId, createdAt: next.dateModified }))) {
    throw busy(id);
  }
  // A request that read the meeting before another move committed may claim the same intent id once that
  // move has deleted it; its entries would then share (ref, rev) with the committed ones. Intents are deleted
  // only after the commit, so a fresh read after the claim tells: if the meeting changed, step back.
  const fresh = await deps.meetings.get(id);
  if (!fresh || fresh.etag !== etag) {
    await deps.intents.delete(intentId);
    throw busy(id);
  }
  try {
    await deps.guard.acquire(target.holds, { ref, rev: next.rev }, { now, ignoreRefs: reservationId ? [reservationRef(reservationId)] : [] });
  } catch (err) {
    if (err instanceof SlotTakenError) await deps.intents.delete(intentId);
    throw err;
  }
  let newEtag: string;
  try {
    newEtag = await deps.meetings.replace(next, etag);
  } catch (err) {
    if (err instanceof PreconditionFailedError) {
      await deps.guard.release(docs, ref, next.rev);
      await deps.intents.delete(intentId);
    }
    throw err;
  }
  await deps.guard.releaseOlder(meeting.holds, ref, next.rev);
  if (reservationId) await releaseReservation(deps, reservationId);
  await deps.intents.delete(intentId);
  return { meeting: next, etag: newEtag };
}

function targetOf(m: MeetingDoc, type: MeetingDoc["type"]) {
  return { employeeId: m.employeeId, additionalEmployees: m.additionalEmployees, roomId: m.roomId ?? undefined, start: Date.parse(m.startDate), end: Date.parse(m.endDate), type, topicId: m.topicId ?? undefined };
}

export async function cancelMeeting(deps: BookingDeps, id: string, ifMatch: string | undefined, now: number): Promise<void> {
  const { meeting, etag } = await getBookedMeeting(deps, id);
  checkEtag(etag, ifMatch);
  if (meeting.status === "Cancelled") throw new NotFoundError("meeting", id);
  const cancelled: MeetingDoc = { ...meeting, status: "Cancelled", rev: meeting.rev + 1, dateModified: new Date(now).toISOString() };
  const intentId = `cancel:${id}:${cancelled.rev}`;
  if (!(await deps.intents.create({ id: intentId, op: "cancel", ref: meetingRef(id), addedTo: [], addedRev: cancelled.rev, removeFrom: meeting.holds, removedRev: null, reservationId: null, createdAt: cancelled.dateModified }))) {
    throw busy(id); // another request is cancelling it and owns the intent: do not touch (or delete) it
  }
  try {
    await deps.meetings.replace(cancelled, etag);
  } catch (err) {
    if (err instanceof PreconditionFailedError) await deps.intents.delete(intentId);
    throw err;
  }
  await deps.guard.release(meeting.holds, meetingRef(id));
  await deps.intents.delete(intentId);
}
