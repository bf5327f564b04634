import type { BookingDeps } from "./booking-deps.js";
import { updateMeeting } from "./change-meeting.js";
import type { RescheduleMeetingCommand } from "./commands.js";
import type { StoredMeeting } from "./meeting-lookup.js";

/** The same meeting (same id) at a new time: a move, recorded in rescheduledFrom and the history. */
export function rescheduleMeeting(deps: BookingDeps, cmd: RescheduleMeetingCommand, now: number): Promise<StoredMeeting> {
  return updateMeeting(deps, { id: cmd.id, ifMatch: cmd.ifMatch, time: cmd.time, details: {}, readOnly: {}, reschedule: true }, now);
}
