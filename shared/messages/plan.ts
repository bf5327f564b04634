/**
 * Which messages a committed meeting event calls for, and which reminders a meeting should have:
 * pure functions over the event and the meeting, so planning is the same on every host and retry.
 *
 *   meeting.created   Booked: confirmation; Pending: confirm_request (double opt-in) or request_received (host)
 *   meeting.updated   Pending -> Booked: confirmation; moved: updated; anything else: nothing
 *   meeting.cancelled a Pending one: expired (its deadline passed) or declined; else cancelled
 *
 * Reminders exist for Booked meetings ahead, one per offset; a move re-plans them (same id, the new
 * start), a cancel removes them, a plan from an older rev never overwrites a newer one, and an
 * offset already past when first planned (booked at short notice) is not planned at all.
 */
import type { OutboxEvent } from "../booking/model/events.js";
import { isoOf, msOf } from "../kernel/instants.js";
import { eventMessageKey, operationIdOf, reminderIdOf, reminderMessageKey } from "./ids.js";
import { offsetMs } from "./offsets.js";
import type { Channel, MessageKind, ReminderDoc, Stored } from "./ports.js";
import { preferencesOf, type MessagePreferences } from "./preferences.js";

export interface Attendee {
  name: string;
  email: string;
}

/** The parts of a meeting event that decide its messages (event.data is the meeting's view then). */
export interface EventFacts {
  eventId: string;
  type: OutboxEvent["type"];
  seq: number;
  timestamp: string;
  meetingId: string;
  status: string;
  startDate: string;
  endDate: string;
  confirmation: { mode: string; expiresAt: string; confirmedAt?: string } | null;
  moved: boolean;
  reason: string | null;
  attendees: Attendee[];
  customFields: { key: string; value: string }[];
}

const str = (v: unknown) => (typeof v === "string" ? v : "");

export function factsOf(event: OutboxEvent): EventFacts {
  const d = event.data;
  return {
    eventId: event.id,
    type: event.type,
    seq: event.seq,
    timestamp: event.timestamp,
    meetingId: event.aggregate.slice(event.aggregate.indexOf(":") + 1),
    status: str(d.status),
    startDate: str(d.startDate),
    endDate: str(d.endDate),
    confirmation: (d.confirmation as EventFacts["confirmation"]) ?? null,
    moved: !!d.previous,
    reason: typeof d.reason === "string" ? d.reason : null,
    attendees: Array.isArray(d.externalAttendees)
      ? (d.externalAttendees as Attendee[]).map((a) => ({ name: str(a.name), email: str(a.email) }))
      : [],
    customFields: Array.isArray(d.customFields) ? (d.customFields as { key: string; value: string }[]) : [],
  };
}

export function kindFor(f: EventFacts): MessageKind | undefined {
  if (f.type === "meeting.created") {
    if (f.status === "Booked") return "confirmation";
    if (f.status === "Pending") return f.confirmation?.mode === "host" ? "request_received" : "confirm_request";
    return undefined;
  }
  if (f.type === "meeting.updated") {
    if (f.status === "Booked" && f.confirmation?.confirmedAt && f.confirmation.confirmedAt === f.timestamp) return "confirmation";
    if (f.moved && (f.status === "Booked" || f.status === "Pending")) return "updated";
    return undefined;
  }
  if (f.type === "meeting.cancelled") {
    if (f.confirmation && !f.confirmation.confirmedAt) return msOf(f.confirmation.expiresAt) <= msOf(f.timestamp) ? "expired" : "declined";
    return "cancelled";
  }
  return undefined;
}

export interface PlannedMessage {
  key: string;
  operationId: string;
  kind: MessageKind;
  channel: Channel;
  /** Index into the attendees (e-mail) or 0 (the phone). */
  recipient: number;
}

/** E-mail to every attendee with an address, unless phone-only; SMS to the phone when there is no e-mail recipient (or phone-only). */
function channelsFor(
  attendees: Attendee[],
  prefs: MessagePreferences,
  sms: "fallback" | "also",
): { channel: Channel; recipient: number }[] {
  const emails = prefs.phoneOnly ? [] : attendees.flatMap((a, i) => (a.email ? [{ channel: "email" as const, recipient: i }] : []));
  const wantsSms = prefs.phone && (prefs.phoneOnly || sms === "also" || emails.length === 0);
  return [...emails, ...(wantsSms ? [{ channel: "sms" as const, recipient: 0 }] : [])];
}

export function eventMessages(f: EventFacts): PlannedMessage[] {
  const kind = kindFor(f);
  const prefs = preferencesOf(f.customFields);
  if (!kind || prefs.skipAll) return [];
  return channelsFor(f.attendees, prefs, "fallback").map(({ channel, recipient }) => {
    const key = eventMessageKey(f.eventId, kind, channel, recipient);
    return { key, operationId: operationIdOf(key), kind, channel, recipient };
  });
}

/** The meeting as reminders see it (the stored document's fields). */
export interface MeetingFacts {
  id: string;
  rev: number;
  status: string;
  startDate: string;
  externalAttendees: Attendee[];
  customFields: { key: string; value: string }[];
}

/** A reminder's messages: e-mail to the attendees, and SMS too where there is a phone. */
export function reminderMessages(reminder: ReminderDoc, meeting: MeetingFacts): PlannedMessage[] {
  const prefs = preferencesOf(meeting.customFields);
  return channelsFor(meeting.externalAttendees, prefs, "also").map(({ channel, recipient }) => {
    const key = reminderMessageKey(meeting.id, reminder.offset, reminder.startDate, channel, recipient);
    return { key, operationId: operationIdOf(key), kind: "reminder" as const, channel, recipient };
  });
}

export function desiredReminders(meeting: MeetingFacts, offsets: string[], now: number): ReminderDoc[] {
  const prefs = preferencesOf(meeting.customFields);
  const start = msOf(meeting.startDate);
  if (meeting.status !== "Booked" || prefs.skipAll || !prefs.reminders || start <= now) return [];
  if (channelsFor(meeting.externalAttendees, prefs, "also").length === 0) return [];
  return offsets.map((offset) => ({
    id: reminderIdOf(meeting.id, offset),
    type: "reminder" as const,
    meetingId: meeting.id,
    offset,
    startDate: meeting.startDate,
    dueAt: isoOf(start - offsetMs(offset)),
    meetingRev: meeting.rev,
    status: "planned" as const,
    claimedUntil: null,
    updatedAt: isoOf(now),
  }));
}

export interface ReminderChanges {
  create: ReminderDoc[];
  replace: { doc: ReminderDoc; etag: string }[];
  remove: Stored<ReminderDoc>[];
}

export function reminderChanges(existing: Stored<ReminderDoc>[], desired: ReminderDoc[], meetingRev: number, now: number): ReminderChanges {
  const changes: ReminderChanges = { create: [], replace: [], remove: [] };
  const byId = new Map(existing.map((e) => [e.doc.id, e]));
  for (const d of desired) {
    const ex = byId.get(d.id);
    const ahead = msOf(d.dueAt) > now;
    if (!ex) {
      if (ahead) changes.create.push(d);
    } else if (ex.doc.meetingRev > meetingRev || ex.doc.startDate === d.startDate) {
      // A newer plan, or this one already: keep it (and whatever it has sent).
    } else if (ahead) changes.replace.push({ doc: d, etag: ex.etag });
    else changes.remove.push(ex);
  }
  const wanted = new Set(desired.map((d) => d.id));
  for (const ex of existing) if (!wanted.has(ex.doc.id) && ex.doc.meetingRev <= meetingRev) changes.remove.push(ex);
  return changes;
}
