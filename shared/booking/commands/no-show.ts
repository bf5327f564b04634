/**
 * No-shows: once a booked meeting has started, its advisor (Employee channel) or the back office
 * marks it NoShow; for 24 hours after that the mark can be undone (back to Booked). The meeting
 * keeps its time (NoShow holds it like Booked) and is no cancellation. Each change is a new rev
 * through the write protocol, like a cancel: its event (meeting.no_show, or meeting.updated for
 * the undo) and the audit line are written once it commits.
 */
import { DomainError } from "../../kernel/errors.js";
import { isoOf, msOf } from "../../kernel/instants.js";
import type { BookingDeps } from "../write/deps.js";
import { MAX_HISTORY, type MeetingDoc } from "../model/documents.js";
import { actorOf, type Actor, type Caller } from "../model/caller.js";
import { meetingNoShow, meetingUpdated } from "../model/events.js";
import { changeableMeeting, type StoredMeeting } from "../queries/meeting-lookup.js";
import { saveRevision } from "../write/save-revision.js";

/** How long after marking a no-show it can be undone. */
export const NO_SHOW_UNDO_MS = 24 * 60 * 60 * 1000;

export interface NoShowCommand {
  id: string;
  ifMatch?: string;
  caller?: Caller;
  actor?: Actor;
}

/** The meeting's advisor (Employee channel, on the meeting) or the back office; other channels 403. */
function mustBeAdvisorOrBackoffice(caller: Caller | undefined, meeting: MeetingDoc) {
  if (!caller || caller.channel === "Backoffice") return;
  if (caller.channel !== "Employee")
    throw new DomainError("channel_not_allowed", "a no-show is marked by the meeting's advisor (Employee channel) or the back office");
  const own =
    caller.employeeId !== undefined &&
    (meeting.employeeId === caller.employeeId || meeting.additionalEmployees.includes(caller.employeeId));
  if (!own) throw new DomainError("forbidden", `only the advisors of meeting ${meeting.id} mark it a no-show`);
}

export async function markNoShow(deps: BookingDeps, cmd: NoShowCommand, now: number): Promise<StoredMeeting> {
  const found = await changeableMeeting(deps, cmd.id, cmd.ifMatch, cmd.caller);
  const { meeting } = found;
  mustBeAdvisorOrBackoffice(cmd.caller, meeting);
  if (meeting.status === "Cancelled")
    throw new DomainError("meeting_cancelled", `meeting ${meeting.id} is cancelled: it cannot be a no-show`);
  if (meeting.status === "NoShow") throw new DomainError("already_no_show", `meeting ${meeting.id} is already marked a no-show`);
  if (meeting.status !== "Booked")
    throw new DomainError("meeting_not_booked", `meeting ${meeting.id} is ${meeting.status}: only a booked meeting can be a no-show`);
  if (now < msOf(meeting.startDate))
    throw new DomainError(
      "meeting_not_started",
      `meeting ${meeting.id} starts at ${meeting.startDate}: a no-show is marked after its start`,
    );
  const at = isoOf(now);
  const next: MeetingDoc = {
    ...meeting,
    status: "NoShow",
    noShowAt: at,
    rev: meeting.rev + 1,
    dateModified: at,
    changedBy: actorOf(cmd.caller, cmd.actor),
    history: [...meeting.history, { at, action: "no_show" as const }].slice(-MAX_HISTORY),
  };
  return saveRevision(deps, { ...found, next, event: meetingNoShow(next) }, now);
}

export async function undoNoShow(deps: BookingDeps, cmd: NoShowCommand, now: number): Promise<StoredMeeting> {
  const found = await changeableMeeting(deps, cmd.id, cmd.ifMatch, cmd.caller);
  const { meeting } = found;
  mustBeAdvisorOrBackoffice(cmd.caller, meeting);
  if (meeting.status !== "NoShow") throw new DomainError("not_no_show", `meeting ${meeting.id} is ${meeting.status}, not marked a no-show`);
  const markedAt = meeting.noShowAt ? msOf(meeting.noShowAt) : -Infinity;
  if (now - markedAt > NO_SHOW_UNDO_MS)
    throw new DomainError(
      "no_show_undo_expired",
      `meeting ${meeting.id} was marked a no-show at ${meeting.noShowAt ?? "an unknown time"}: it can be undone for 24 hours only`,
    );
  const at = isoOf(now);
  const { noShowAt: _marked, ...rest } = meeting;
  const next: MeetingDoc = {
    ...rest,
    status: "Booked",
    rev: meeting.rev + 1,
    dateModified: at,
    changedBy: actorOf(cmd.caller, cmd.actor),
    history: [...meeting.history, { at, action: "no_show_undone" as const }].slice(-MAX_HISTORY),
  };
  return saveRevision(deps, { ...found, next, event: meetingUpdated(meeting, next) }, now);
}
