/**
 * The public booking channel's mapping onto the booking services: a customer's choice (topic,
 * customer type, how to meet, branch) becomes an availability search over the branch's advisors
 * (a meeting at a branch) or any qualified advisor (online, by phone); a chosen time is held for
 * the first free advisor (booking/commands/first-free.ts) under the page session's holder, and a
 * reservation becomes a meeting booked by the customer. No booking rule lives here.
 */
import { holderKey, PUBLIC_ACTOR, SELF_SERVICE_ACTOR, type Caller } from "../../booking/model/caller.js";
import { createHash } from "node:crypto";
import type { AvailabilityQuery } from "../../booking/queries/availability.js";
import { distinctTimes, freeTimes, nearbySlots } from "../../booking/queries/free-times.js";
import { holdFirstFree, moveToFirstFree, NoAdvisorFreeError } from "../../booking/commands/first-free.js";
import type { BookingDeps } from "../../booking/write/deps.js";
import type { BookMeetingCommand } from "../../booking/model/commands.js";
import type { MeetingDoc, ReservationDoc } from "../../booking/model/documents.js";
import { isoOf } from "../../kernel/instants.js";
import { consentRequired, withConsent, type ConsentRecord } from "../../booking/model/consent.js";
import { DomainError, fieldError, NotFoundError, ValidationError } from "../../kernel/errors.js";
import type { StoredMeeting } from "../../booking/queries/meeting-lookup.js";
import { HORIZON_DAYS, type CustomerChoice, type CustomerMeetingView, type PublicBookBody } from "./schemas.js";

const DAY_MS = 86_400_000;

/**
 * The search for a choice: a meeting at a branch needs one of the branch's advisors and rooms; an
 * online or phone meeting any qualified advisor (the branch is only a preference, see holdForCustomer).
 */
export function customerQuery(choice: CustomerChoice, startMs: number, endMs: number): AvailabilityQuery {
  const common = {
    explicitEmployeeIds: [],
    startMs,
    endMs,
    topicId: choice.topicId,
    customerTypeId: choice.customerTypeId,
    meetingTypes: [choice.meetingType],
    requireEmployeeParticipation: false,
  };
  if (choice.meetingType !== "Physical") return { ...common, employeeTypes: ["Global"], requireRoom: false };
  // The branch's advisors: those serving the customer's location, in one of its rooms.
  return { ...common, employeeTypes: ["Local"], customerLocation: choice.branch, meetingLocation: choice.branch, requireRoom: true };
}

/** The preferred branch's advisors for an online or phone meeting (tried first when holding). */
function preferredBranchQuery(choice: CustomerChoice, startMs: number, endMs: number): AvailabilityQuery | undefined {
  if (choice.meetingType === "Physical" || !choice.branch) return undefined;
  return { ...customerQuery(choice, startMs, endMs), employeeTypes: ["Local"], customerLocation: choice.branch };
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

/**
 * The page session's own identity: reservations it makes are held by it (model/caller.ts holderKey),
 * derived from the browser's token, so no other caller who learns a reservation's id can convert or
 * release it ("no reservation has this id"). The token itself is not stored in the holder.
 */
export function pageCaller(token: string): Caller {
  const session = createHash("sha256").update(`booking-page:${token.toLowerCase()}`).digest("hex").slice(0, 32);
  return { channel: "Customer", tenantId: PUBLIC_ACTOR.tenantId, clientId: PUBLIC_ACTOR.clientId, userId: `page-${session}` };
}

/**
 * Holds the time for the first free advisor (of the branch for a meeting there; of the preferred
 * branch first, then any qualified advisor, for an online or phone meeting); slot_taken with
 * alternatives when none is left.
 */
export async function holdForCustomer(deps: BookingDeps, choice: CustomerChoice, token: string, start: number, end: number, now: number) {
  if (start >= now + HORIZON_DAYS * DAY_MS)
    throw new ValidationError([fieldError("start", `must be within the next ${HORIZON_DAYS} days`, "horizon")]);
  const caller = pageCaller(token);
  const preferred = preferredBranchQuery(choice, start, end);
  try {
    if (preferred) {
      try {
        return await holdFirstFree(deps, { query: preferred, token, start, end, caller }, now);
      } catch (err) {
        if (!(err instanceof NoAdvisorFreeError)) throw err;
      }
    }
    return await holdFirstFree(deps, { query: customerQuery(choice, start, end), token, start, end, caller }, now);
  } catch (err) {
    if (err instanceof NoAdvisorFreeError) throw await takenWithAlternatives(deps, choice, start, end, now);
    throw err;
  }
}

/** The customer's reservation, only to the page session holding it (its token); a gone one is expired. */
export async function customerReservation(deps: BookingDeps, reservationId: string, token: string, now: number): Promise<ReservationDoc> {
  const reservation = await deps.reservations.get(reservationId);
  const held = reservation && reservation.token === token && reservation.holder === holderKey(pageCaller(token));
  if (!held || !reservation.employeeId || Date.parse(reservation.expiresAt) <= now) {
    throw new DomainError("reservation_expired", "the hold on this time has ended; hold the time again");
  }
  return reservation;
}

/** Links a customer's bookings without storing the email in the id. */
export const customerIdOf = (email: string) => `web-${createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 24)}`;

/** The privacy notice the page asks the customer to accept (PRIVACY_NOTICE_URL, its version); absent: it does not ask. */
export interface PrivacyNotice {
  url?: string;
  version: string;
}

/** With a privacy notice configured, the page's booking must accept it: 400 consent_required naming privacyNoticeAccepted. */
export function pageConsent(notice: PrivacyNotice, body: PublicBookBody, now: number): ConsentRecord | null {
  if (!notice.url) return null;
  if (body.privacyNoticeAccepted !== true) throw consentRequired("privacyNoticeAccepted", "the booking page");
  return { policyVersion: notice.version, acceptedAt: isoOf(now), channel: "booking-page" };
}

export function customerBookCommand(
  body: PublicBookBody,
  reservation: ReservationDoc,
  topicName: string | null,
  consent: ConsentRecord | null = null,
): BookMeetingCommand {
  const customFields = withConsent(
    [
      { key: "channel", value: "booking-page" },
      ...(body.branch ? [{ key: "branch", value: body.branch }] : []),
      { key: "phone", value: body.phone },
      { key: "language", value: body.language },
    ],
    consent,
  );
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

/** A choice the customer may search and book: a topic they may book, and a branch for a meeting at one. */
export async function checkChoice(deps: BookingDeps, choice: CustomerChoice) {
  const topic = await customerTopic(deps, choice);
  if (choice.meetingType === "Physical" && !choice.branch)
    throw new ValidationError([fieldError("branch", "choose the branch for a meeting at a branch", "required")]);
  return topic;
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
  const channel = meeting.customFields.some((f) => f.key === "channel" && f.value === "booking-page");
  if (
    !meeting.topicId ||
    !meeting.customerTypeId ||
    meeting.type === "Offsite" ||
    (meeting.type === "Physical" ? !branch : !branch && !channel)
  ) {
    throw new ValidationError([fieldError("id", "this meeting was not booked on the booking page; call the bank to move it", "channel")]);
  }
  return { topicId: meeting.topicId, customerTypeId: meeting.customerTypeId, meetingType: meeting.type, branch: branch ?? undefined };
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
