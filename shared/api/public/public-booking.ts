/**
 * The public booking channel's mapping onto the booking services: a customer's choice (topic,
 * customer type, how to meet, branch) becomes an availability search over the branch's
 * advisors; a chosen time is held for the first free advisor (booking/commands/first-free.ts),
 * and a reservation becomes a meeting booked by the customer. No booking rule lives here.
 */
import { SELF_SERVICE_ACTOR } from "../../booking/model/caller.js";
import { createHash } from "node:crypto";
import type { AvailabilityQuery } from "../../booking/queries/availability.js";
import { distinctTimes, freeTimes, nearbySlots } from "../../booking/queries/free-times.js";
import { holdFirstFree, moveToFirstFree, NoAdvisorFreeError } from "../../booking/commands/first-free.js";
import type { BookingDeps } from "../../booking/write/deps.js";
import type { BookMeetingCommand } from "../../booking/model/commands.js";
import type { MeetingDoc, ReservationDoc } from "../../booking/model/documents.js";
import { isoOf } from "../../kernel/instants.js";
import { DomainError, fieldError, NotFoundError, ValidationError } from "../../kernel/errors.js";
import type { StoredMeeting } from "../../booking/queries/meeting-lookup.js";
import type { CustomerChoice, CustomerMeetingView, PublicBookBody } from "./schemas.js";

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

export async function customerTimes(deps: BookingDeps, choice: CustomerChoice, startMs: number, endMs: number, now: number) {
  return freeTimes(deps, customerQuery(choice, startMs, endMs), now);
}

/** slot_taken with up to three free times nearest to the taken one, from the same branch, topic and meeting type. */
async function takenWithAlternatives(deps: BookingDeps, choice: CustomerChoice, start: number, end: number, now: number) {
  const nearby = await nearbySlots(deps, { query: customerQuery(choice, 0, 0), start, end }, now).catch(() => []);
  const alternatives = distinctTimes(nearby).map((t) => ({ start: isoOf(t.start), end: isoOf(t.end) }));
  return new DomainError("slot_taken", "this time has just been taken; pick another", { alternatives });
}

/** Holds the time for the first free advisor of the branch; slot_taken (with alternatives) when none is left. */
export async function holdForCustomer(deps: BookingDeps, choice: CustomerChoice, token: string, start: number, end: number, now: number) {
  try {
    return await holdFirstFree(deps, { query: customerQuery(choice, start, end), token, start, end }, now);
  } catch (err) {
    if (err instanceof NoAdvisorFreeError) throw await takenWithAlternatives(deps, choice, start, end, now);
    throw err;
  }
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
 * the others in rotation; slot_taken with alternatives when none is left.
 */
export async function moveForCustomer(deps: BookingDeps, stored: StoredMeeting, start: number, end: number, now: number) {
  if (stored.meeting.status !== "Booked") throw new NotFoundError("meeting", stored.meeting.id);
  const choice = choiceOf(stored.meeting);
  try {
    return await moveToFirstFree(deps, { stored, query: customerQuery(choice, start, end), start, end, actor: SELF_SERVICE_ACTOR }, now);
  } catch (err) {
    if (err instanceof NoAdvisorFreeError) throw await takenWithAlternatives(deps, choice, start, end, now);
    throw err;
  }
}
