import { DomainError, fieldError, ValidationError } from "../../kernel/errors.js";
import type { BookingDeps } from "../write/deps.js";
import { SlotTakenError } from "../write/calendar-guard.js";
import { updateMeeting } from "./change-meeting.js";
import type { RescheduleMeetingCommand } from "../model/commands.js";
import { getBookedMeeting, type StoredMeeting } from "../queries/meeting-lookup.js";
import { meetingTypeOf } from "../queries/meeting-types.js";
import { freeAdvisors, rankAdvisors } from "./round-robin.js";
import { meetingRef } from "../model/schedule-entries.js";
import { timeSource } from "../queries/time-source.js";

/**
 * The same meeting (same id) at a new time: a move, recorded in rescheduledFrom and the history.
 * A round-robin meeting keeps its advisor when they are free then, else goes to the best-ranked
 * free advisor of its type's pool.
 */
export async function rescheduleMeeting(deps: BookingDeps, cmd: RescheduleMeetingCommand, now: number): Promise<StoredMeeting> {
  const move = (employeeId?: string) =>
    updateMeeting(
      deps,
      {
        id: cmd.id,
        ifMatch: cmd.ifMatch,
        time: cmd.time,
        employeeId,
        details: {},
        readOnly: {},
        reschedule: true,
        caller: cmd.caller,
        actor: cmd.actor,
      },
      now,
    );
  const { meeting } = await getBookedMeeting(deps, cmd.id, cmd.caller);
  if (!meeting.meetingTypeId) return move();
  const type = await meetingTypeOf(deps.directory, meeting.meetingTypeId);
  const source = await timeSource(deps, cmd.time, now, cmd.caller);
  if (!source) throw new ValidationError([fieldError("timeSlotId", "give timeSlotId or startDate and endDate", "required")]);
  const free = await freeAdvisors(
    deps,
    { type, start: source.start, end: source.end, meetingType: meeting.type, ignoreRefs: [meetingRef(meeting.id)] },
    now,
  );
  const order = free.some((c) => c.employeeId === meeting.employeeId)
    ? [meeting.employeeId, ...free.map((c) => c.employeeId).filter((id) => id !== meeting.employeeId)]
    : (await rankAdvisors(deps, type, free, source.start)).map((r) => r.employeeId);
  let lost: unknown = new DomainError("slot_taken", `no advisor of meeting type ${type.id} is free for all of that time`);
  for (const employeeId of order) {
    try {
      return await move(employeeId);
    } catch (err) {
      if (!(err instanceof SlotTakenError)) throw err;
      lost = err;
    }
  }
  throw lost;
}
