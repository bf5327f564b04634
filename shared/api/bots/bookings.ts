/** The Bookings API for bots over BookMe's core: a booking link names a meeting type; bookings are meetings. */
import { canSee, listScope, type Caller } from "../../booking/model/caller.js";
import type { BookingDeps } from "../../booking/write/deps.js";
import { createMeeting } from "../../booking/commands/book-meeting.js";
import { cancelMeeting } from "../../booking/commands/cancel-meeting.js";
import type { MeetingDoc } from "../../booking/model/documents.js";
import { meetingTypeOf } from "../../booking/queries/meeting-types.js";
import { DomainError, NotFoundError } from "../../kernel/errors.js";
import type { ApiKeyPrincipal } from "../edge/api-key-auth.js";
import type { BookingLink } from "../../directory/booking-links.js";
import { isoOf } from "../../kernel/instants.js";
import { facadeDetails, facadeFields, fieldOf, meetingTypeTimes } from "../facades/core-calls.js";
import type { BookingCreate } from "./schemas.js";

const DAY_MS = 86_400_000;
const STATUS_OF = { Booked: "confirmed", Cancelled: "cancelled", Pending: "pending" } as const;
/** Listing reads meetings page by page and filters here (the store has no link index): at most this many. */
const MAX_SCANNED = 5000;

/**
 * What an API key may see: the bookings it made (a Bot caller of its own, caller.ts), of a meeting
 * type (what these APIs book); everything else is "not found".
 */
const visible = (m: MeetingDoc, caller: Caller | undefined) => m.meetingTypeId !== null && canSee(caller, m);

async function visibleMeeting(deps: BookingDeps, id: string, caller: Caller | undefined) {
  const found = await deps.meetings.get(id);
  if (!found || !visible(found.meeting, caller)) throw new NotFoundError("booking", id);
  return found;
}

export async function linkOf(deps: BookingDeps, ref: { booking_link_id?: string; slug?: string }): Promise<BookingLink> {
  const link = ref.booking_link_id
    ? await deps.directory.get("bookingLink", ref.booking_link_id)
    : (await deps.directory.list("bookingLink")).find((l) => l.slug === ref.slug);
  if (!link || (ref.slug && link.slug !== ref.slug))
    throw new DomainError(
      "booking_link_not_found",
      `no booking link matches ${ref.booking_link_id ? `booking_link_id ${ref.booking_link_id}` : `slug ${ref.slug}`}`,
    );
  return link;
}

export async function linkAvailability(deps: BookingDeps, q: { booking_link_id?: string; slug?: string; date: string }, now: number) {
  const link = await linkOf(deps, q);
  const startMs = Date.parse(`${q.date}T00:00:00Z`);
  const times = await meetingTypeTimes(
    deps,
    { meetingTypeId: link.meetingTypeId, startMs, endMs: startMs + DAY_MS, durationMinutes: link.durationMinutes },
    now,
  );
  return {
    data: {
      booking_link_id: link.id,
      slug: link.slug,
      date: q.date,
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
  const link = await linkOf(deps, body);
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
      details: facadeDetails({
        bookedBy: key.channel ?? key.name,
        attendees: [{ name: body.contact_name, email: body.contact_email }],
        title: link.title,
        customFields: facadeFields("bots", {
          booking_link_id: link.id,
          phone: body.contact_phone,
          notes: body.notes,
          service_id: body.service_id,
          client_timezone: body.client_timezone,
          ...Object.fromEntries(answers.map((a) => [`answer.${a.questionId}`, a.answer])),
        }),
      }),
    },
    now,
  );
  return bookingDetail(deps, meeting);
}

export async function listBookings(
  deps: BookingDeps,
  q: {
    booking_link_id?: string;
    status?: (typeof STATUS_OF)[keyof typeof STATUS_OF];
    from?: string;
    to?: string;
    page: number;
    limit: number;
  },
  caller?: Caller,
) {
  const from = q.from ? Date.parse(q.from) : -Infinity;
  const to = q.to ? Date.parse(q.to) : Infinity;
  const all = Object.keys(STATUS_OF) as MeetingDoc["status"][];
  const statuses = q.status ? all.filter((s) => STATUS_OF[s] === q.status) : all;
  const matched: MeetingDoc[] = [];
  let token: string | undefined;
  let scanned = 0;
  do {
    const page = await deps.meetings.list({ statuses, scope: listScope(caller) }, 500, token);
    scanned += page.items.length;
    for (const m of page.items) {
      const start = Date.parse(m.startDate);
      if (visible(m, caller) && start >= from && start <= to && (!q.booking_link_id || fieldOf(m, "booking_link_id") === q.booking_link_id))
        matched.push(m);
    }
    token = page.continuationToken;
  } while (token && scanned < MAX_SCANNED);
  matched.sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : a.id < b.id ? -1 : 1));
  const offset = (q.page - 1) * q.limit;
  return {
    data: matched.slice(offset, offset + q.limit).map(bookingView),
    pagination: { page: q.page, limit: q.limit, total: matched.length, hasMore: offset + q.limit < matched.length },
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
