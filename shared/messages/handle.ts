/**
 * The customer-messages job: for an event message, per event re-plan the meeting's reminders and
 * send the messages the event calls for; for a reminder message, send it if the meeting is still
 * Booked at the reminder's time and ahead. Every send goes through deliverOnce (at most once per
 * message id). Returns what happened (ids, kinds and counts only) and, when a send must wait, the
 * retry delay and the events still to do.
 */
import type { MeetingDoc } from "../booking/model/documents.js";
import { isUnavailable } from "../kernel/errors.js";
import { msOf } from "../kernel/instants.js";
import { compose, type Advisor } from "./compose.js";
import { confirmUrl } from "./confirm-link.js";
import type { MessagesDeps } from "./deps.js";
import { deliverOnce, type DeliverResult } from "./deliver.js";
import { eventMessages, factsOf, reminderMessages, type PlannedMessage } from "./plan.js";
import type { CustomerMessage } from "./ports.js";
import { preferencesOf } from "./preferences.js";
import { replanReminders } from "./reminders.js";
import { unsubscribeLinks } from "./unsubscribe-links.js";
import { handleWaitlistEvent, markBooked } from "./waitlist-offers.js";

export interface JobReport {
  outcome: "done" | "retry" | "dropped";
  reason?: string;
  meetingId?: string;
  kinds?: string[];
  sent: number;
  alreadySent: number;
  failed: number;
  /** Not sent: the recipients opted out. */
  suppressed?: number;
  /** Milliseconds the provider asked to wait (Retry-After), when it did. */
  retryAfterMs?: number;
  status?: number | null;
  /** An event message's events that must be tried again (outcome "retry"). */
  retryEventIds?: string[];
  /** An event message of several events: how many meetings they concerned. */
  meetings?: number;
}

/** Events of one message handled at a time: a chunk's meetings progress together, the database sees a few calls at once. */
const EVENTS_AT_ONCE = 4;

const FALLBACK_ZONE = "Europe/Copenhagen";

async function advisorOf(deps: MessagesDeps, employeeId: string): Promise<Advisor> {
  const e = await deps.directory.get("employee", employeeId);
  return { name: e?.name ?? "BookMe", email: e?.email ?? "noreply@bookme.invalid", timeZone: e?.timeZone ?? FALLBACK_ZONE };
}

async function whereOf(deps: MessagesDeps, m: MeetingDoc): Promise<string | null> {
  if (m.type === "Online") return m.videoLink;
  const field = m.customFields.find((f) => f.key === "branch" || f.key === "location")?.value;
  if (field) return field;
  if (m.roomId) return (await deps.directory.get("room", m.roomId))?.location ?? null;
  return null;
}

async function sendAll(
  deps: MessagesDeps,
  meeting: MeetingDoc,
  plans: PlannedMessage[],
  reason: string | null,
  now: number,
): Promise<JobReport> {
  const report: JobReport = {
    outcome: "done",
    meetingId: meeting.id,
    kinds: [...new Set(plans.map((p) => p.kind))],
    sent: 0,
    alreadySent: 0,
    failed: 0,
  };
  if (plans.length === 0) return report;
  const [advisor, where] = await Promise.all([advisorOf(deps, meeting.employeeId), whereOf(deps, meeting)]);
  const prefs = preferencesOf(meeting.customFields);
  const link = deps.links && meeting.secretHash ? confirmUrl(deps.links.baseUrl, deps.links.key, meeting.id, meeting.secretHash) : null;
  const unsubscribe = unsubscribeLinks(deps, prefs.language);
  for (const plan of plans) {
    const result: DeliverResult = await deliverOnce(
      deps.store,
      deps.provider,
      meeting.id,
      plan,
      () => compose(plan, { meeting, advisor, language: prefs.language, phone: prefs.phone, where, reason, confirmUrl: link, unsubscribe }),
      now,
      deps.outbox,
    );
    if (result.result === "retry") {
      report.outcome = "retry";
      report.status = result.status;
      if (result.delayMs !== undefined) report.retryAfterMs = Math.max(report.retryAfterMs ?? 0, result.delayMs);
    } else if (result.result === "sent") report.sent++;
    else if (result.result === "already_sent") report.alreadySent++;
    else if (result.result === "suppressed") report.suppressed = (report.suppressed ?? 0) + 1;
    else report.failed++;
  }
  return report;
}

const EMPTY = { sent: 0, alreadySent: 0, failed: 0 };

/** One event's messages; a database outage comes back as a retry of this event alone. */
async function handleEvent(deps: MessagesDeps, eventId: string, now: number): Promise<JobReport> {
  try {
    return await eventMessagesOf(deps, eventId, now);
  } catch (err) {
    if (!isUnavailable(err)) throw err;
    return { outcome: "retry", reason: "database_unavailable", ...EMPTY };
  }
}

/** The reports of one message's events as one: retried if any must be, the counts summed. */
function merged(eventIds: string[], reports: JobReport[]): JobReport {
  if (reports.length === 1) return { ...reports[0], ...(reports[0].outcome === "retry" ? { retryEventIds: eventIds } : {}) };
  const retry = eventIds.filter((_, i) => reports[i].outcome === "retry");
  const sum = (key: "sent" | "alreadySent" | "failed" | "suppressed") => reports.reduce((a, r) => a + (r[key] ?? 0), 0);
  const waits = reports.map((r) => r.retryAfterMs).filter((ms): ms is number => ms !== undefined);
  return {
    outcome: retry.length ? "retry" : reports.some((r) => r.outcome === "done") ? "done" : "dropped",
    meetings: new Set(reports.map((r) => r.meetingId).filter(Boolean)).size,
    kinds: [...new Set(reports.flatMap((r) => r.kinds ?? []))],
    sent: sum("sent"),
    alreadySent: sum("alreadySent"),
    failed: sum("failed"),
    ...(sum("suppressed") ? { suppressed: sum("suppressed") } : {}),
    ...(waits.length ? { retryAfterMs: Math.max(...waits) } : {}),
    ...(retry.length ? { retryEventIds: retry, status: reports.find((r) => r.outcome === "retry")?.status ?? null } : {}),
  };
}

async function handleEvents(deps: MessagesDeps, eventIds: string[], now: number): Promise<JobReport> {
  const reports: JobReport[] = [];
  for (let i = 0; i < eventIds.length; i += EVENTS_AT_ONCE)
    reports.push(...(await Promise.all(eventIds.slice(i, i + EVENTS_AT_ONCE).map((id) => handleEvent(deps, id, now)))));
  return merged(eventIds, reports);
}

async function eventMessagesOf(deps: MessagesDeps, eventId: string, now: number): Promise<JobReport> {
  const event = await deps.events.get(eventId);
  if (!event || !event.aggregate.startsWith("meeting:")) return { outcome: "dropped", reason: "not a meeting event", ...EMPTY };
  const facts = factsOf(event);
  const stored = await deps.meetings.get(facts.meetingId);
  if (!stored) return { outcome: "dropped", reason: "meeting gone", meetingId: facts.meetingId, ...EMPTY };
  await replanReminders(deps, stored.meeting, now);
  // A booking fulfils its customer's waitlist entries (waitlist-offers.ts).
  if (deps.waitlist) await markBooked({ store: deps.waitlist.store, directory: deps.directory }, event, now);
  // The meeting as this event left it: its time, status and rev (the .ics SEQUENCE), whatever came after.
  const asOfEvent: MeetingDoc = {
    ...stored.meeting,
    startDate: facts.startDate || stored.meeting.startDate,
    endDate: facts.endDate || stored.meeting.endDate,
    status: (facts.status || stored.meeting.status) as MeetingDoc["status"],
    rev: facts.seq,
    dateModified: facts.timestamp,
    externalAttendees: facts.attendees.length ? facts.attendees : stored.meeting.externalAttendees,
    customFields: facts.customFields.length ? facts.customFields : stored.meeting.customFields,
  };
  return sendAll(deps, asOfEvent, eventMessages(facts), facts.reason, now);
}

export async function handleCustomerMessage(deps: MessagesDeps, message: CustomerMessage, now: number): Promise<JobReport> {
  if (message.type === "waitlist") return handleWaitlistEvent(deps, message.eventId, now);
  if (message.type === "event") return handleEvents(deps, message.eventIds, now);
  const found = await deps.store.reminder(message.meetingId, message.reminderId);
  if (!found) return { outcome: "dropped", reason: "reminder gone", meetingId: message.meetingId, ...EMPTY };
  const stored = await deps.meetings.get(message.meetingId);
  const meeting = stored?.meeting;
  if (!meeting || meeting.status !== "Booked" || meeting.startDate !== found.doc.startDate) {
    // Moved or cancelled after planning: the old time is never reminded; the plan follows the meeting now.
    if (meeting) await replanReminders(deps, meeting, now);
    else await deps.store.deleteReminder(found.doc, found.etag);
    return { outcome: "dropped", reason: "reminder stale", meetingId: message.meetingId, ...EMPTY };
  }
  if (msOf(meeting.startDate) <= now) {
    await deps.store.deleteReminder(found.doc, found.etag);
    return { outcome: "dropped", reason: "meeting started", meetingId: meeting.id, ...EMPTY };
  }
  const report = await sendAll(deps, meeting, reminderMessages(found.doc, meeting), null, now);
  if (report.outcome === "done") await deps.store.replaceReminder({ ...found.doc, status: "sent", claimedUntil: null }, found.etag);
  return report;
}
