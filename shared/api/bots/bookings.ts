/** The Bookings API for bots over BookMe's core: a booking link names a meeting type; bookings are meetings. */
import { withConsent } from "../../booking/model/consent.js";
import { DateTime } from "luxon";
import { canSee, listScope, type Caller } from "../../booking/model/caller.js";
import type { BookingDeps } from "../../booking/write/deps.js";
import { createMeeting } from "../../booking/commands/book-meeting.js";
import { cancelMeeting } from "../../booking/commands/cancel-meeting.js";
import type { MeetingDoc } from "../../booking/model/documents.js";
import type { MeetingFilter } from "../../booking/model/ports.js";
import { DEFAULT_TIME_ZONE } from "../../slots/types.js";
import { meetingTypeOf } from "../../booking/queries/meeting-types.js";
import { DomainError, NotFoundError } from "../../kernel/errors.js";
import type { ApiKeyPrincipal } from "../edge/api-key-auth.js";
import type { BookingLink } from "../../directory/booking-links.js";
import { isoOf } from "../../kernel/instants.js";
import { facadeDetails, facadeFields, fieldOf, meetingTypeTimes } from "../facades/core-calls.js";
import type { BookingCreate } from "./schemas.js";

const STATUS_OF = { Booked: "confirmed", Cancelled: "cancelled", Pending: "pending", NoShow: "no_show" } as const;
type BotsStatus = (typeof STATUS_OF)[keyof typeof STATUS_OF];

/**
 * What an API key may see: the bookings of its entity (any key or Bot client of it made them;
 * caller.ts), of a meeting type (what these APIs book); everything else is "not found".
 */
const visible = (m: MeetingDoc, caller: Caller | undefined) => m.meetingTypeId !== null && canSee(caller, m);

async function visibleMeeting(deps: BookingDeps, id: string, caller: Caller | undefined) {
  const found = await deps.meetings.get(id);
  if (!found || !visible(found.meeting, caller)) throw new NotFoundError("booking", id);
  return found;
}

/** A link reaches the keys of its entity; one without an entity reaches every key. */
const linkReaches = (link: BookingLink, caller: Caller | undefined) => !link.entity || !caller?.entity || link.entity === caller.entity;

export async function linkOf(deps: BookingDeps, ref: { booking_link_id?: string; slug?: string }, caller?: Caller): Promise<BookingLink> {
  const link = ref.booking_link_id
    ? await deps.directory.get("bookingLink", ref.booking_link_id)
    : (await deps.directory.list("bookingLink")).find((l) => l.slug === ref.slug && linkReaches(l, caller));
  if (!link || (ref.slug && link.slug !== ref.slug) || !linkReaches(link, caller))
    throw new DomainError(
      "booking_link_not_found",
      `no booking link matches ${ref.booking_link_id ? `booking_link_id ${ref.booking_link_id}` : `slug ${ref.slug}`}`,
    );
  return link;
}

/**
 * The open slots of one day: the date is a day in client_timezone when given, else in the link's
 * meeting type's zone (default Europe/Copenhagen), from its local midnight to the next (23 or 25
 * hours on the days the clocks change).
 */
export async function linkAvailability(
  deps: BookingDeps,
  q: { booking_link_id?: string; slug?: string; date: string; client_timezone?: string },
  now: number,
  caller?: Caller,
) {
  const link = await linkOf(deps, q, caller);
  const zone = q.client_timezone ?? (await meetingTypeOf(deps.directory, link.meetingTypeId)).timeZone ?? DEFAULT_TIME_ZONE;
  const day = DateTime.fromISO(q.date, { zone }).startOf("day");
  const startMs = day.toMillis();
  const times = await meetingTypeTimes(
    deps,
    { meetingTypeId: link.meetingTypeId, startMs, endMs: day.plus({ days: 1 }).toMillis(), durationMinutes: link.durationMinutes },
    now,
  );
  return {
    data: {
      booking_link_id: link.id,
      slug: link.slug,
      date: q.date,
      timezone: zone,
      slots: times.map((t) => ({ start: isoOf(t.start), end: isoOf(t.end) })),
    },
  };
}

export function bookingView(m: MeetingDoc) {
  const contact = m.externalAttendees[0];
  return {
    id: m.id,
    booking_link_id: fieldOf(m, "booking_link_id") ?? null,
    status: STATUS_OF[m.status],
    contact_name: contact?.name ?? null,
    contact_email: contact?.email ?? null,
    contact_phone: fieldOf(m, "phone") ?? null,
    start_time: m.startDate,
    end_time: m.endDate,
    staff_id: m.employeeId,
    notes: fieldOf(m, "notes") ?? null,
    client_timezone: fieldOf(m, "client_timezone") ?? null,
    cancellation_reason: m.cancellationReason,
    created_at: m.dateCreated,
    updated_at: m.dateModified,
  };
}

export async function bookingDetail(deps: BookingDeps, m: MeetingDoc) {
  const linkId = fieldOf(m, "booking_link_id");
  const link = linkId ? await deps.directory.get("bookingLink", linkId) : undefined;
  return {
    ...bookingView(m),
    link_title: link?.title ?? null,
    duration_minutes: Math.round((Date.parse(m.endDate) - Date.parse(m.startDate)) / 60_000),
  };
}

export async function createBooking(deps: BookingDeps, body: BookingCreate, key: ApiKeyPrincipal, now: number, caller?: Caller) {
  const link = await linkOf(deps, body, caller);
  const type = await meetingTypeOf(deps.directory, link.meetingTypeId);
  const start = Date.parse(body.start_time);
  const minutes = link.durationMinutes ?? type.durations.defaultMinutes;
  const answers = (body.answers ?? []).map((a) => ({ questionId: a.question_id, answer: a.answer }));
  const { meeting } = await createMeeting(
    deps,
    {
      version: "v2",
      time: { start, end: start + minutes * 60_000 },
      meetingTypeId: type.id,
      caller,
      hostIds: body.staff_id ? [body.staff_id] : undefined,
      answers,
      consentField: "consent_accepted",
      details: facadeDetails({
        bookedBy: key.channel ?? key.name,
        attendees: [{ name: body.contact_name, email: body.contact_email }],
        title: link.title,
        customFields: withConsent(
          facadeFields("bots", {
            booking_link_id: link.id,
            phone: body.contact_phone,
            notes: body.notes,
            service_id: body.service_id,
            client_timezone: body.client_timezone,
            ...Object.fromEntries(answers.map((a) => [`answer.${a.questionId}`, a.answer])),
          }),
          body.consent_accepted ? { policyVersion: null, acceptedAt: new Date(now).toISOString(), channel: "bots" } : null,
        ),
      }),
    },
    now,
  );
  return bookingDetail(deps, meeting);
}

/**
 * GET /api/v1/bookings: one query with the caller's reach, the filters and the page's window in it
 * (the store orders by start time and id, skips by those keys and seeks; no OFFSET); total is a COUNT.
 */
export async function listBookings(
  deps: BookingDeps,
  q: { booking_link_id?: string; status?: BotsStatus; from?: string; to?: string; page: number; limit: number },
  caller?: Caller,
) {
  const all = Object.keys(STATUS_OF) as MeetingDoc["status"][];
  const filter: MeetingFilter = {
    statuses: q.status ? all.filter((s) => STATUS_OF[s] === q.status) : all,
    scope: listScope(caller),
    withMeetingType: true,
    ...(q.booking_link_id ? { customField: { key: "booking_link_id", value: q.booking_link_id } } : {}),
    ...(q.from ? { startFrom: new Date(q.from).toISOString() } : {}),
    ...(q.to ? { startTo: new Date(q.to).toISOString() } : {}),
  };
  const offset = (q.page - 1) * q.limit;
  const [total, items] = await Promise.all([deps.meetings.count(filter), deps.meetings.window(filter, offset, q.limit)]);
  return {
    data: items.filter((m) => visible(m, caller)).map(bookingView),
    pagination: { page: q.page, limit: q.limit, total, hasMore: offset + items.length < total },
  };
}

export async function getBooking(deps: BookingDeps, id: string, caller?: Caller) {
  return bookingDetail(deps, (await visibleMeeting(deps, id, caller)).meeting);
}

export async function cancelBooking(deps: BookingDeps, id: string, reason: string | undefined, now: number, caller?: Caller) {
  const found = await visibleMeeting(deps, id, caller);
  if (found.meeting.status === "Cancelled") throw new DomainError("already_cancelled", `booking '${id}' is already cancelled`);
  const { meeting } = await cancelMeeting(deps, { id, reason, caller }, now);
  return { data: { id: meeting.id, status: "cancelled" as const, reason: meeting.cancellationReason } };
}
