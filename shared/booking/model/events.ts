/**
 * The events BookMe publishes, one per committed state change, in the Standard Webhooks payload
 * shape {type, timestamp, data}. `data` is the view the API returns for the meeting or reservation
 * (never CPR; the reservation token is left out: it lets its holder replace the reservation).
 * Stored events keep attendee emails; delivery strips them for subscriptions without personal data.
 *
 * Ids are deterministic (aggregate + sequence number), so writing an event twice is a no-op and the
 * writer and the sweeper can both try. A meeting's sequence number is its rev: every committed
 * meeting write raises rev by one and carries exactly one event. A reservation has seq 1 (created)
 * and seq 2 (its end: expired or released; one id for both, so only one of them can ever exist).
 */
import type { MeetingDoc } from "./documents.js";
import type { EventType, OutboxEvent } from "./event-schema.js";
import { meetingView } from "./views.js";
import { reservationView } from "./views.js";

export { EVENT_TYPES, EventType, OutboxEvent } from "./event-schema.js";

export function eventId(aggregate: string, seq: number): string {
  return `evt_${aggregate.replace(":", "_")}_${seq}`;
}

const meetingAggregate = (id: string) => `meeting:${id}`;
const reservationAggregate = (id: string) => `reservation:${id}`;

/** The meeting's view with attendee emails (stripped again per subscription at delivery). */
function meetingData(m: MeetingDoc): Record<string, unknown> {
  return { ...meetingView(m), externalAttendees: m.externalAttendees.map((a) => ({ name: a.name, email: a.email })) };
}

function event(
  type: EventType,
  aggregate: string,
  seq: number,
  timestamp: string,
  data: Record<string, unknown>,
  actor?: OutboxEvent["actor"],
): OutboxEvent {
  return { id: eventId(aggregate, seq), type, timestamp, aggregate, seq, data, ...(actor ? { actor } : {}) };
}

export function meetingCreated(m: MeetingDoc): OutboxEvent {
  return event("meeting.created", meetingAggregate(m.id), m.rev, m.dateModified, meetingData(m), m.changedBy);
}

/** A change to a booked meeting; when it moved, `previous` holds where and when it was. */
export function meetingUpdated(before: MeetingDoc, after: MeetingDoc): OutboxEvent {
  const moved =
    before.startDate !== after.startDate ||
    before.endDate !== after.endDate ||
    before.employeeId !== after.employeeId ||
    before.roomId !== after.roomId ||
    before.additionalEmployees.join() !== after.additionalEmployees.join();
  const previous = moved
    ? {
        startDate: before.startDate,
        endDate: before.endDate,
        employeeId: before.employeeId,
        roomId: before.roomId,
        additionalEmployees: before.additionalEmployees,
      }
    : null;
  return event(
    "meeting.updated",
    meetingAggregate(after.id),
    after.rev,
    after.dateModified,
    { ...meetingData(after), previous },
    after.changedBy,
  );
}

export function meetingCancelled(m: MeetingDoc, reason: string | null = null): OutboxEvent {
  return event("meeting.cancelled", meetingAggregate(m.id), m.rev, m.dateModified, { ...meetingData(m), reason }, m.changedBy);
}

/** Marked a no-show (status NoShow): the meeting keeps its time; no cancellation. */
export function meetingNoShow(m: MeetingDoc): OutboxEvent {
  return event("meeting.no_show", meetingAggregate(m.id), m.rev, m.dateModified, meetingData(m), m.changedBy);
}

type ReservationFields = Parameters<typeof reservationView>[0];

function reservationData(r: ReservationFields, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { token: _token, ...view } = reservationView(r);
  return { ...view, ...extra };
}

export function reservationCreated(r: ReservationFields & { createdAt: string }): OutboxEvent {
  return event("reservation.created", reservationAggregate(r.id), 1, r.createdAt, reservationData(r));
}

/** The hold ran out: timestamped at its expiry, whenever the sweeper gets to it. */
export function reservationExpired(r: ReservationFields): OutboxEvent {
  return event("reservation.expired", reservationAggregate(r.id), 2, r.expiresAt, reservationData(r, { status: "Expired" }));
}

/** Released before expiry: booked as a meeting (meetingId), or replaced by the same token's next reservation. */
export function reservationReleased(
  r: ReservationFields,
  at: string,
  reason: "booked" | "replaced",
  meetingId: string | null = null,
): OutboxEvent {
  return event("reservation.released", reservationAggregate(r.id), 2, at, reservationData(r, { status: "Released", reason, meetingId }));
}

/** What a subscription receives: the Standard Webhooks payload, attendee emails only with personal data allowed. */
export function webhookPayload(
  e: OutboxEvent,
  includePersonalData: boolean,
): { type: EventType; timestamp: string; data: Record<string, unknown> } {
  let data = e.data;
  if (!includePersonalData && Array.isArray(data.externalAttendees)) {
    data = { ...data, externalAttendees: (data.externalAttendees as Array<{ name: string }>).map((a) => ({ name: a.name })) };
  }
  return { type: e.type, timestamp: e.timestamp, data };
}
