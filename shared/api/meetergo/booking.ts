/** POST /v4/booking mapped to BookMe's round-robin booking, and its result back to meetergo's reply. */
import type { Caller } from "../../booking/model/caller.js";
import type { BookingDeps } from "../../booking/write/deps.js";
import { createMeeting } from "../../booking/commands/book-meeting.js";
import type { BookMeetingCommand } from "../../booking/model/commands.js";
import { meetingTypeOf } from "../../booking/queries/meeting-types.js";
import { DomainError, ValidationError, fieldError } from "../../kernel/errors.js";
import type { ApiKeyPrincipal } from "../edge/api-key-auth.js";
import type { MeetingTypeConfig } from "../../directory/meeting-types.js";
import { facadeDetails, facadeFields, meetingTypeOfChannel } from "../facades/core-calls.js";
import { MESSAGES } from "./errors.js";
import type { BookingCreate } from "./schemas.js";

/** The type's queue: its queueId, or its id when it has none. */
export const queueOf = (type: MeetingTypeConfig) => type.queueId ?? type.id;

/** A queueId must be the meeting type's queue (meetergo books a queue through its own type only). */
export function checkQueue(type: MeetingTypeConfig, queueId: string | undefined) {
  if (queueId !== undefined && queueId !== queueOf(type))
    throw new ValidationError([fieldError("queueId", `is not the queue of meeting type ${type.id}`, "match")]);
}

function attendeeName(a: BookingCreate["attendee"]): string {
  return a.fullname ?? ([a.firstname, a.lastname].filter(Boolean).join(" ") || a.email);
}

export function bookingCommand(body: BookingCreate, type: MeetingTypeConfig, key: ApiKeyPrincipal): BookMeetingCommand {
  const start = Date.parse(body.start);
  const minutes = body.duration ?? type.durations.defaultMinutes;
  const a = body.attendee;
  const notes = Object.entries(a.notes).map(([k, v]) => [`notes.${k}`, v] as const);
  return {
    version: "v2",
    time: { start, end: start + minutes * 60_000 },
    meetingTypeId: type.id,
    // hostIds pick among the pool; with a queueId any free advisor of the queue is chosen.
    hostIds: body.hostIds?.length ? body.hostIds : undefined,
    type: meetingTypeOfChannel(body.channel),
    // Its consent is dataPolicyAccepted, kept as that custom field (model/consent.ts).
    consentField: "attendee.dataPolicyAccepted",
    // Form fields in attendee.notes whose keys are the type's question ids answer them (routing, required).
    answers: type.questions
      .filter((q) => a.notes[q.id] !== undefined && a.notes[q.id] !== null)
      .map((q) => ({ questionId: q.id, answer: String(a.notes[q.id]) })),
    details: facadeDetails({
      bookedBy: key.channel ?? key.name,
      attendees: [{ name: attendeeName(a), email: a.email }, ...(a.bringalongEmails ?? []).map((email) => ({ name: email, email }))],
      title: body.icsTitle,
      description: body.icsDescription,
      customFields: facadeFields("meetergo", {
        channel: body.channel,
        location: body.location,
        phone: a.phone,
        language: a.language,
        timezone: a.timezone,
        receiveReminders: a.receiveReminders,
        skipNotifications: body.skipNotifications,
        phoneOnlyBooking: body.phoneOnlyBooking,
        dataPolicyAccepted: a.dataPolicyAccepted,
        firstname: a.firstname,
        lastname: a.lastname,
        ...Object.fromEntries(notes),
      }),
    }),
  };
}

export async function bookAppointment(deps: BookingDeps, body: BookingCreate, key: ApiKeyPrincipal, now: number, caller?: Caller) {
  if (!body.hostIds?.length && !body.queueId) throw new DomainError("validation_failed", MESSAGES.hostRequired);
  const type = await meetingTypeOf(deps.directory, body.meetingTypeId);
  checkQueue(type, body.queueId);
  const booked = await createMeeting(deps, { ...bookingCommand(body, type, key), caller }, now);
  const pending = booked.meeting.confirmation;
  if (booked.meeting.status === "Pending" && pending) {
    // A provisional booking holds the time until the attendee (double opt-in) or the host confirms it.
    return {
      status: 201,
      body: {
        bookingType: pending.mode === "host" ? "requireHostConfirmation" : "doubleOptIn",
        provisionalBookingId: booked.meeting.id,
        secret: booked.secret,
        attendeeEmail: body.attendee.email,
      },
      booked,
    };
  }
  return { status: 201, body: { appointmentId: booked.meeting.id, secret: booked.secret, attendeeEmail: body.attendee.email }, booked };
}
