/**
 * The calendar writer: brings a meeting's Outlook event in line with the meeting as it is now
 * (create, PATCH, delete, or delete in the old mailbox and create in the new one), then records
 * where the event is in the meeting's link. Runs from the calendar-writes queue, never inside a
 * booking. A crash anywhere is repaired by running it again: a create sends the same
 * transactionId, a delete of an event already gone counts as done, and the link is written last.
 */
import type { DirectoryRepository, MeetingRepository } from "../booking/model/ports.js";
import type { MeetingDoc } from "../booking/model/documents.js";
import { transactionIdOf, type CalendarLink, type CalendarLinkStore } from "./calendar-link.js";
import { meetingEvent, type MeetingEventContext } from "./meeting-event.js";
import { CalendarUnavailableError, type CalendarPort } from "./port.js";
import { decideWrite, type WriteAction } from "./write-decision.js";

export interface CalendarWriteDeps {
  meetings: Pick<MeetingRepository, "get">;
  directory: DirectoryRepository;
  links: CalendarLinkStore;
  calendar: Pick<CalendarPort, "createEvent" | "updateEvent" | "cancelEvent">;
  inviteCustomers: boolean;
  onlineMeetings: boolean;
}

export type WriteOutcome =
  | { outcome: "done"; action: WriteAction["kind"] }
  /** The mailbox refused (403 consent or RBAC scope, 404 unknown mailbox): recorded on the link, not retried. */
  | { outcome: "failed"; action: WriteAction["kind"]; status: number; code: string }
  /** Graph throttled or unavailable: try again later, after retryAfterMs when Graph said so. */
  | { outcome: "retry"; action: WriteAction["kind"]; status: number; code: string; retryAfterMs?: number };

/** A reconcile that keeps losing races to other writers stops after this many rounds (and is retried). */
const MAX_ROUNDS = 5;
/**
 * Graph answers that no retry will change: 403 (consent missing, mailbox outside the RBAC scope), 404
 * (unknown mailbox), 400 (a request Graph will never take). Everything else (429, 5xx, network, a 401
 * from a credential being fixed) is retried, so a write is never lost to a passing fault.
 */
const PERMANENT = new Set([400, 403, 404]);

type Target = { mailbox: string; ctx: MeetingEventContext };

/** The synced calendar the meeting's event belongs in: the advisor's mailbox, else a syncing room's. */
async function targetOf(deps: CalendarWriteDeps, m: MeetingDoc): Promise<Target | null> {
  const [employee, room] = await Promise.all([
    deps.directory.get("employee", m.employeeId),
    m.roomId ? deps.directory.get("room", m.roomId) : undefined,
  ]);
  if (!employee) return null;
  const mailbox = (employee.calendarSync ? employee.email : room?.calendarSync && room.mailbox ? room.mailbox : undefined)?.toLowerCase();
  if (!mailbox) return null;
  const [additional, topic] = await Promise.all([
    Promise.all(m.additionalEmployees.map((id) => deps.directory.get("employee", id))),
    m.topicId ? deps.directory.get("topic", m.topicId) : undefined,
  ]);
  const ctx: MeetingEventContext = {
    employee,
    additionalEmployees: additional.filter((e) => e !== undefined),
    room,
    topic,
    inviteExternalAttendees: deps.inviteCustomers,
    onlineMeetings: deps.onlineMeetings,
    mailbox,
  };
  return { mailbox, ctx };
}

function linkOf(meetingId: string, now: number, fields: Partial<CalendarLink>, base?: CalendarLink): CalendarLink {
  return {
    meetingId,
    mailbox: null,
    eventId: null,
    generation: 0,
    rev: 0,
    status: "synced",
    failure: null,
    ...base,
    ...fields,
    updatedAt: new Date(now).toISOString(),
  };
}

const itemGone = (err: unknown) => err instanceof CalendarUnavailableError && err.status === 404 && err.code === "ErrorItemNotFound";

/** Runs the Graph calls of an action; returns the link to record. */
async function apply(
  deps: CalendarWriteDeps,
  action: Exclude<WriteAction, { kind: "none" }>,
  meeting: MeetingDoc | undefined,
  target: Target | null,
  link: CalendarLink | undefined,
  now: number,
): Promise<CalendarLink> {
  const id = meeting?.id ?? link!.meetingId;
  const create = async (mailbox: string, generation: number) => {
    const event = { ...meetingEvent(meeting!, target!.ctx), transactionId: transactionIdOf(id, generation) };
    const { eventId } = await deps.calendar.createEvent(event);
    return linkOf(id, now, { mailbox, eventId, generation, rev: meeting!.rev, status: "synced", failure: null }, link);
  };
  switch (action.kind) {
    case "create":
      return create(action.mailbox, action.generation);
    case "update":
      try {
        await deps.calendar.updateEvent(action.eventId, meetingEvent(meeting!, target!.ctx));
        return linkOf(id, now, { rev: meeting!.rev, status: "synced", failure: null }, link);
      } catch (err) {
        // Deleted in Outlook meanwhile: the meeting still stands, so it gets a new event (a new transactionId).
        if (!itemGone(err)) throw err;
        return create(action.mailbox, link!.generation + 1);
      }
    case "cancel":
      await deps.calendar.cancelEvent(action.mailbox, action.eventId);
      return linkOf(
        id,
        now,
        {
          mailbox: null,
          eventId: null,
          generation: link!.generation + 1,
          rev: meeting?.rev ?? link!.rev,
          status: "cancelled",
          failure: null,
        },
        link,
      );
    case "recreate":
      try {
        await deps.calendar.cancelEvent(action.from.mailbox, action.from.eventId);
      } catch (err) {
        // The old mailbox refusing (403/404) must not keep the event from the new one.
        if (!(err instanceof CalendarUnavailableError) || !PERMANENT.has(err.status)) throw err;
      }
      return create(action.mailbox, action.generation);
  }
}

/** The link after a mailbox refused: a failed create leaves no event; a failed update or cancel keeps the one there is. */
function failedLink(
  meetingId: string,
  action: Exclude<WriteAction, { kind: "none" }>,
  err: CalendarUnavailableError,
  rev: number,
  link: CalendarLink | undefined,
  now: number,
): CalendarLink {
  const failure = { status: err.status, code: err.code, at: new Date(now).toISOString() };
  const where =
    action.kind === "create" || action.kind === "recreate"
      ? { mailbox: action.mailbox, eventId: null, generation: action.generation }
      : { mailbox: action.mailbox, eventId: action.eventId };
  return linkOf(meetingId, now, { ...where, rev, status: "failed", failure }, link);
}

/** Reconciles the meeting's Outlook event with the meeting; loops while other writers change the meeting or the link meanwhile. */
export async function writeMeetingEvent(deps: CalendarWriteDeps, meetingId: string, now: number): Promise<WriteOutcome> {
  let last: WriteAction["kind"] = "none";
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const [found, stored] = await Promise.all([deps.meetings.get(meetingId), deps.links.get(meetingId)]);
    const meeting = found?.meeting;
    const target = meeting ? await targetOf(deps, meeting) : null;
    const action = decideWrite(meeting, target?.mailbox ?? null, stored?.link);
    if (action.kind === "none") return { outcome: "done", action: last };
    last = action.kind;
    let next: CalendarLink;
    try {
      next = await apply(deps, action, meeting, target, stored?.link, now);
    } catch (err) {
      if (!(err instanceof CalendarUnavailableError)) throw err;
      if (!PERMANENT.has(err.status))
        return { outcome: "retry", action: action.kind, status: err.status, code: err.code, retryAfterMs: err.retryAfterMs };
      await deps.links.put(failedLink(meetingId, action, err, meeting?.rev ?? stored?.link.rev ?? 0, stored?.link, now), stored?.etag);
      return { outcome: "failed", action: action.kind, status: err.status, code: err.code };
    }
    if (!(await deps.links.put(next, stored?.etag))) continue;
    // A change committed while we wrote may have been judged by another writer against the old link: look once more.
    const after = await deps.meetings.get(meetingId);
    if (after?.meeting.rev === meeting?.rev) return { outcome: "done", action: action.kind };
  }
  return { outcome: "retry", action: last, status: 409, code: "unsettled" };
}
