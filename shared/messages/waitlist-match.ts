/**
 * Which committed events free a time, and which waiting entries a freed time is offered to: pure
 * functions over the event, the entries and the meeting type's free times, the same on every host
 * and retry.
 *
 *   meeting.cancelled              the meeting's time
 *   meeting.updated with previous  the time it moved away from
 *   reservation.expired            the hold's time
 *   reservation.released, replaced the hold's time (released as booked: it became the meeting, nothing freed)
 *
 * Policy: every open entry (waiting or offered) whose window holds a free time of its meeting type
 * within the freed time is offered the first such time, all at once, in join order; the first to
 * book gets it through the normal booking path, later tries get the normal conflict.
 */
import type { OutboxEvent } from "../booking/model/events.js";
import { msOf } from "../kernel/instants.js";
import { targetOf, topicTargetOf, type Interval, type StoredEntry, type WaitlistEntry } from "./waitlist.js";

export interface FreedTime {
  /** The meeting or reservation id it came from. */
  sourceId: string;
  start: string;
  end: string;
  meetingTypeId: string | null;
  topicId: string | null;
  employeeIds: string[];
}

export interface BookedTime {
  meetingId: string;
  /** The targets whose entries it may fulfil: mt:{meetingTypeId}, tp:{topicId}. */
  targets: string[];
  start: string;
  end: string;
  emails: string[];
}

const str = (v: unknown) => (typeof v === "string" ? v : "");
const idOf = (e: OutboxEvent) => e.aggregate.slice(e.aggregate.indexOf(":") + 1);

function employeesOf(d: Record<string, unknown>): string[] {
  const extra = Array.isArray(d.additionalEmployees) ? (d.additionalEmployees as unknown[]).map(str) : [];
  return [str(d.employeeId), ...extra].filter(Boolean);
}

export function freedTimeOf(event: OutboxEvent): FreedTime | undefined {
  const d = event.data;
  const base = { sourceId: idOf(event), meetingTypeId: str(d.meetingTypeId) || null, topicId: str(d.topicId) || null };
  if (event.type === "meeting.cancelled" || event.type === "reservation.expired")
    return { ...base, start: str(d.startDate), end: str(d.endDate), employeeIds: employeesOf(d) };
  if (event.type === "reservation.released" && d.reason === "replaced")
    return { ...base, start: str(d.startDate), end: str(d.endDate), employeeIds: employeesOf(d) };
  if (event.type === "meeting.updated" && d.previous && typeof d.previous === "object") {
    const p = d.previous as Record<string, unknown>;
    if (str(p.startDate) === str(d.startDate) && str(p.endDate) === str(d.endDate) && str(p.employeeId) === str(d.employeeId))
      return undefined;
    return { ...base, start: str(p.startDate), end: str(p.endDate), employeeIds: employeesOf(p) };
  }
  return undefined;
}

export function bookedTimeOf(event: OutboxEvent): BookedTime | undefined {
  const d = event.data;
  const targets = [
    ...(str(d.meetingTypeId) ? [targetOf(str(d.meetingTypeId))] : []),
    ...(str(d.topicId) ? [topicTargetOf(str(d.topicId))] : []),
  ];
  if (event.type !== "meeting.created" || targets.length === 0 || (d.status !== "Booked" && d.status !== "Pending")) return undefined;
  const emails = Array.isArray(d.externalAttendees)
    ? (d.externalAttendees as { email?: unknown }[]).map((a) => str(a.email).trim().toLowerCase()).filter(Boolean)
    : [];
  return { meetingId: idOf(event), targets, start: str(d.startDate), end: str(d.endDate), emails };
}

/** Whether an event could matter to the waitlist at all (the outlet queues only these). */
export const touchesWaitlist = (event: OutboxEvent) => freedTimeOf(event) !== undefined || bookedTimeOf(event) !== undefined;

export interface Offer {
  entry: StoredEntry;
  start: string;
  end: string;
}

/**
 * The offers for a freed time: per open entry in join order, the first free time (of its duration)
 * that starts within the freed time and lies inside the entry's window. `freeTimesFor` gives the
 * meeting type's free times for the entry's duration (computed once per duration by the caller).
 */
export function offersFor(
  freed: Pick<FreedTime, "start" | "end">,
  entries: StoredEntry[],
  freeTimesFor: (entry: WaitlistEntry) => Interval[],
  now: number,
): Offer[] {
  const fs = msOf(freed.start);
  const fe = msOf(freed.end);
  const ordered = [...entries].sort((a, b) => a.doc.joinedAt.localeCompare(b.doc.joinedAt) || a.doc.id.localeCompare(b.doc.id));
  const offers: Offer[] = [];
  for (const entry of ordered) {
    const e = entry.doc;
    if (e.status === "booked") continue;
    const from = msOf(e.fromTime);
    const to = msOf(e.toTime);
    if (to <= now) continue;
    const time = freeTimesFor(e).find((t) => t.start >= fs && t.start < fe && t.start >= from && t.end <= to && t.start > now);
    if (time) offers.push({ entry, start: new Date(time.start).toISOString(), end: new Date(time.end).toISOString() });
  }
  return offers;
}

/** Entries the booked meeting fulfils: the same contact e-mail, the meeting within the window. */
export function fulfilledBy(booked: BookedTime, entries: StoredEntry[]): StoredEntry[] {
  const s = msOf(booked.start);
  return entries.filter(
    (x) =>
      x.doc.status !== "booked" &&
      !!x.doc.contact.email &&
      booked.emails.includes(x.doc.contact.email.trim().toLowerCase()) &&
      s >= msOf(x.doc.fromTime) &&
      s < msOf(x.doc.toTime),
  );
}
