/**
 * The public booking channel's mapping onto the booking services: a customer's choice (topic,
 * customer type, how to meet, branch) becomes an availability search over the branch's
 * advisors; a chosen time is held for the first free advisor (round-robin order), and a
 * reservation becomes a meeting booked by the customer. No booking rule lives here.
 */
import { SELF_SERVICE_ACTOR } from "../../booking/model/caller.js";
import { createHash } from "node:crypto";
import type { AvailabilityQuery } from "../../booking/queries/availability.js";
import { availableSlots } from "../../booking/queries/availability.js";
import type { BookingDeps } from "../../booking/write/deps.js";
import { SlotTakenError } from "../../booking/write/calendar-guard.js";
import type { BookMeetingCommand } from "../../booking/model/commands.js";
import type { MeetingDoc, ReservationDoc } from "../../booking/model/documents.js";
import { isoOf } from "../../kernel/instants.js";
import { reserve } from "../../booking/commands/reservations.js";
import { DomainError, fieldError, NotFoundError, ValidationError } from "../../kernel/errors.js";
import type { StoredMeeting } from "../../booking/queries/meeting-lookup.js";
import { rescheduleMeeting } from "../../booking/commands/reschedule-meeting.js";
import { reservationRef } from "../../booking/model/schedule-entries.js";
import type { Slot } from "../../slots/index.js";
import type { CustomerChoice, CustomerMeetingView, PublicBookBody } from "./schemas.js";

const DAY_MS = 86_400_000;
const GRID_MS = 30 * 60_000;

export function customerQuery(choice: CustomerChoice, startMs: number, endMs: number): AvailabilityQuery {
  return {
    explicitEmployeeIds: [],
    startMs,
    endMs,
    topicId: choice.topicId,
    customerTypeId: choice.customerTypeId,
    // The branch's advisors: those serving the customer's location.
    employeeTypes: ["Local"],
    customerLocation: choice.branch,
    meetingLocation: choice.branch,
    meetingTypes: [choice.meetingType],
    // A meeting at the branch needs one of its rooms; online and phone meetings do not.
    requireRoom: choice.meetingType === "Physical",
    requireEmployeeParticipation: false,
  };
}

/** Distinct times (any advisor), sorted: what a customer picks from. */
export function distinctTimes(slots: readonly Slot[]): { start: number; end: number }[] {
  const seen = new Map<string, { start: number; end: number }>();
  for (const s of slots) seen.set(`${s.start}/${s.end}`, { start: s.start, end: s.end });
  return [...seen.values()].sort((a, b) => a.start - b.start || a.end - b.end);
}

export async function customerTimes(deps: BookingDeps, choice: CustomerChoice, startMs: number, endMs: number, now: number) {
  return distinctTimes(await availableSlots(deps, customerQuery(choice, startMs, endMs), now));
}

/** Up to three free times nearest to a taken one, from the same branch, topic and meeting type. */
export async function nearbyTimes(deps: BookingDeps, choice: CustomerChoice, start: number, end: number, now: number) {
  const times = await customerTimes(deps, choice, Math.max(now, start - DAY_MS), start + 3 * DAY_MS, now).catch(() => []);
  return times
    .filter((t) => t.start !== start || t.end !== end)
    .sort((a, b) => Math.abs(a.start - start) - Math.abs(b.start - start) || a.start - b.start)
    .slice(0, 3)
    .sort((a, b) => a.start - b.start)
    .map((t) => ({ start: isoOf(t.start), end: isoOf(t.end) }));
}

async function takenWithAlternatives(
  deps: BookingDeps,
  choice: CustomerChoice,
  start: number,
  end: number,
  now: number,
): Promise<DomainError> {
  return new DomainError("slot_taken", "this time has just been taken; pick another", {
    alternatives: await nearbyTimes(deps, choice, start, end, now),
  });
}

/**
 * Round-robin: the advisors free at exactly this time, starting at an offset that moves with the
 * time, so consecutive times of a day go to different advisors.
 */
export function roundRobin<T>(candidates: readonly T[], start: number): T[] {
  if (candidates.length === 0) return [];
  const offset = Math.floor(start / GRID_MS) % candidates.length;
  return [...candidates.slice(offset), ...candidates.slice(0, offset)];
}

/** Holds the time for the first free advisor of the branch; slot_taken (with alternatives) when none is left. */
export async function holdFirstFree(
  deps: BookingDeps,
  choice: CustomerChoice,
  token: string,
  start: number,
  end: number,
  now: number,
): Promise<ReservationDoc> {
  // The browser's own hold is no conflict: holding the same time again extends it (with the same advisor).
  const previousId = await deps.reservations.tokenTarget(token);
  const previous = previousId ? await deps.reservations.get(previousId) : undefined;
  const query = { ...customerQuery(choice, start, start + 1), ignoreRefs: previousId ? [reservationRef(previousId)] : [] };
  const slots = (await availableSlots(deps, query, now)).filter((s) => s.start === start && s.end === end);
  const own = slots.filter((s) => s.employeeId === previous?.employeeId);
  for (const slot of [
    ...own,
    ...roundRobin(
      slots.filter((s) => !own.includes(s)),
      start,
    ),
  ]) {
    try {
      return await reserve(deps, { start, end, employeeId: slot.employeeId, roomId: slot.roomId, token }, now);
    } catch (err) {
      // Taken between the read and the hold: the next advisor may still be free.
      if (!(err instanceof SlotTakenError)) throw err;
    }
  }
  throw await takenWithAlternatives(deps, choice, start, end, now);
}

/** The customer's reservation, only to the browser holding its token; a gone one is expired. */
export async function customerReservation(deps: BookingDeps, reservationId: string, token: string, now: number): Promise<ReservationDoc> {
  const reservation = await deps.reservations.get(reservationId);
  if (!reservation || reservation.token !== token || !reservation.employeeId || Date.parse(reservation.expiresAt) <= now) {
    throw new DomainError("reservation_expired", "the hold on this time has ended; hold the time again");
  }
  return reservation;
}

/** Links a customer's bookings without storing the email in the id. */
export const customerIdOf = (email: string) => `web-${createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 24)}`;

export function customerBookCommand(body: PublicBookBody, reservation: ReservationDoc, topicName: string | null): BookMeetingCommand {
  const customFields = [
    { key: "channel", value: "booking-page" },
    { key: "branch", value: body.branch },
    { key: "phone", value: body.phone },
    { key: "language", value: body.language },
  ];
  return {
    version: "v2",
    time: { timeSlotId: reservation.id },
    employeeId: reservation.employeeId!,
    roomId: reservation.roomId ?? undefined,
    type: body.meetingType,
    details: {
      bookedBy: "Customer",
      salesforceId: null,
      customerId: customerIdOf(body.email),
      customerTypeId: body.customerTypeId,
      topicId: body.topicId,
      portalId: null,
      cpr: body.cpr ?? null,
      title: topicName,
      description: body.notes?.trim() ? body.notes.trim() : null,
      videoLink: null,
      customFields,
      externalAttendees: [{ name: body.name, email: body.email }],
    },
  };
}

export const branchOf = (meeting: MeetingDoc) => meeting.customFields.find((f) => f.key === "branch")?.value ?? null;

export async function customerMeetingView(deps: BookingDeps, meeting: MeetingDoc): Promise<CustomerMeetingView> {
  const [topic, employee] = await Promise.all([
    meeting.topicId ? deps.directory.get("topic", meeting.topicId) : Promise.resolve(undefined),
    deps.directory.get("employee", meeting.employeeId),
  ]);
  return {
    id: meeting.id,
    status: meeting.status,
    start: meeting.startDate,
    end: meeting.endDate,
    meetingType: meeting.type,
    topicId: meeting.topicId,
    topicName: topic?.name ?? meeting.title,
    customerTypeId: meeting.customerTypeId,
    branch: branchOf(meeting),
    advisorName: employee?.name ?? null,
  };
}

/** A topic the customer may book: customer-visible and open to their customer type. */
export async function customerTopic(deps: BookingDeps, choice: Pick<CustomerChoice, "topicId" | "customerTypeId">) {
  const topic = await deps.directory.get("topic", choice.topicId);
  if (!topic || !topic.isCustomerVisible)
    throw new ValidationError([fieldError("topicId", "no topic a customer can book has this id", "exists")]);
  if (topic.customerTypeIds.length > 0 && !topic.customerTypeIds.includes(choice.customerTypeId)) {
    throw new ValidationError([fieldError("topicId", "this topic is not offered to the chosen customer type", "customer_type")]);
  }
  return topic;
}

/** The choice a meeting was booked under, for finding it another time; only page bookings carry all of it. */
export function choiceOf(meeting: MeetingDoc): CustomerChoice {
  const branch = branchOf(meeting);
  if (!meeting.topicId || !meeting.customerTypeId || !branch || meeting.type === "Offsite") {
    throw new ValidationError([fieldError("id", "this meeting was not booked on the booking page; call the bank to move it", "channel")]);
  }
  return { topicId: meeting.topicId, customerTypeId: meeting.customerTypeId, meetingType: meeting.type, branch };
}

/**
 * Moves the meeting (same id) to a free time at its branch: its own advisor when free then, else
 * the others in round-robin order; slot_taken with alternatives when none is left.
 */
export async function moveToFirstFree(
  deps: BookingDeps,
  stored: StoredMeeting,
  start: number,
  end: number,
  now: number,
): Promise<StoredMeeting> {
  const { meeting, etag } = stored;
  if (meeting.status !== "Booked") throw new NotFoundError("meeting", meeting.id);
  const choice = choiceOf(meeting);
  const slots = (await availableSlots(deps, customerQuery(choice, start, start + 1), now)).filter(
    (s) => s.start === start && s.end === end,
  );
  const own = slots.filter((s) => s.employeeId === meeting.employeeId);
  for (const slot of [
    ...own,
    ...roundRobin(
      slots.filter((s) => s.employeeId !== meeting.employeeId),
      start,
    ),
  ]) {
    try {
      return await rescheduleMeeting(
        deps,
        { id: meeting.id, ifMatch: etag, time: { timeSlotId: slot.id }, actor: SELF_SERVICE_ACTOR },
        now,
      );
    } catch (err) {
      if (!(err instanceof SlotTakenError)) throw err;
    }
  }
  throw await takenWithAlternatives(deps, choice, start, end, now);
}
