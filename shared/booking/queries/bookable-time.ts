/**
 * Which resources a booking or reservation holds, and whether its time is bookable for them:
 * they exist, the time is in the future, within every participant's working time and the
 * room's opening hours, and of a meeting type the employee offers.
 */
import { fieldError, ValidationError, DomainError, type FieldError } from "../../kernel/errors.js";
import type { Employee, Room, Topic } from "../../directory/directory.js";
import type { DirectoryRepository } from "../model/ports.js";
import { bookingRules, employeeWorkingIntervals, findContaining, roomOpenIntervals, type MeetingType } from "../../slots/index.js";
import { employeeKey, roomKey, type Hold } from "../model/schedule-entries.js";
import { toSlotEmployee, toSlotRoom, toSlotTopic } from "./slot-mapping.js";
import { assertExternallyFree, syncedKeys } from "./external-busy.js";
import { type ExternalBusySource } from "../model/ports.js";
import { loadClosedDays } from "./closed-days.js";
import { capRulesFor } from "../write/caps.js";

export const MAX_BOOKING_MS = 8 * 3600_000;

export interface BookingTarget {
  employeeId?: string;
  additionalEmployees: string[];
  roomId?: string;
  start: number;
  end: number;
  type?: MeetingType;
  topicId?: string;
}

export interface ResolvedTarget {
  employees: Employee[];
  room?: Room;
  topic?: Topic;
  holds: Hold[];
}

const iso = (ms: number) => new Date(ms).toISOString();

export async function resolveTarget(
  deps: { directory: DirectoryRepository; externalBusy?: ExternalBusySource },
  target: BookingTarget,
  now: number,
  fields = { start: "startDate", end: "endDate" },
): Promise<ResolvedTarget> {
  const { directory } = deps;
  const errors: FieldError[] = [];
  if (!(target.end > target.start)) errors.push(fieldError(fields.end, "must be after the start", "range"));
  if (target.end - target.start > MAX_BOOKING_MS)
    errors.push(fieldError(fields.end, `a meeting lasts at most ${MAX_BOOKING_MS / 60_000} minutes`, "max_duration"));
  if (target.start < now) errors.push(fieldError(fields.start, "must not be in the past", "future"));
  const ids = [...new Set([target.employeeId, ...target.additionalEmployees].filter((x): x is string => !!x))];
  const [employees, room, topic, closed] = await Promise.all([
    Promise.all(ids.map((id) => directory.get("employee", id))),
    target.roomId ? directory.get("room", target.roomId) : Promise.resolve(undefined),
    target.topicId ? directory.get("topic", target.topicId) : Promise.resolve(undefined),
    loadClosedDays(directory),
  ]);
  employees.forEach((e, i) => {
    if (!e)
      errors.push(
        fieldError(ids[i] === target.employeeId ? "employeeId" : "additionalEmployees", `no employee has the id ${ids[i]}`, "exists"),
      );
  });
  if (target.roomId && !room) errors.push(fieldError("roomId", `no room has the id ${target.roomId}`, "exists"));
  if (target.topicId && !topic) errors.push(fieldError("topicId", `no topic has the id ${target.topicId}`, "exists"));
  if (errors.length) throw new ValidationError(errors);

  const found = employees as Employee[];
  for (const e of found) {
    const working = employeeWorkingIntervals(toSlotEmployee(e), target.start - 86_400_000, target.end + 86_400_000);
    if (findContaining(working, target.start, target.end) < 0) {
      throw new DomainError(
        "outside_working_hours",
        `employee ${e.id} does not work (or is absent) for all of ${iso(target.start)} - ${iso(target.end)} (${e.timeZone})`,
      );
    }
    const shut = closed.spans(e.timeZone, e.locations, target.start, target.end)[0];
    if (shut)
      throw new DomainError("outside_working_hours", `employee ${e.id} is not bookable on ${shut.date} (${e.timeZone}): ${shut.detail}`);
  }
  if (target.type && target.employeeId) {
    const main = found.find((e) => e.id === target.employeeId);
    if (main && !main.meetingTypes.includes(target.type)) {
      throw new DomainError(
        "meeting_type_not_offered",
        `employee ${main.id} does not offer ${target.type} meetings (offers ${main.meetingTypes.join(", ")})`,
      );
    }
  }
  if (
    room &&
    findContaining(roomOpenIntervals(toSlotRoom(room), target.start - 86_400_000, target.end + 86_400_000), target.start, target.end) < 0
  ) {
    throw new DomainError("outside_opening_hours", `room ${room.id} is not open for all of ${iso(target.start)} - ${iso(target.end)}`);
  }
  const roomShut = room && closed.spans(room.timeZone, [room.location], target.start, target.end)[0];
  if (roomShut) throw new DomainError("outside_opening_hours", `room ${room.id} is not bookable on ${roomShut.date}: ${roomShut.detail}`);
  const slotTopic = topic ? toSlotTopic(topic) : undefined;
  const holds: Hold[] = found.map((e) => {
    const rules = bookingRules(toSlotEmployee(e), slotTopic);
    return {
      resource: employeeKey(e.id),
      start: target.start,
      end: target.end,
      bufferBeforeMs: rules.bufferBeforeMs,
      bufferAfterMs: rules.bufferAfterMs,
      // The advisor's caps count this hold in the same write (write/caps.ts).
      ...(e.caps ? { caps: capRulesFor(e.caps, e.timeZone, target.start) } : {}),
    };
  });
  if (room) holds.push({ resource: roomKey(room.id), start: target.start, end: target.end, bufferBeforeMs: 0, bufferAfterMs: 0 });
  if (holds.length === 0)
    throw new ValidationError([fieldError("employeeId", "a booking holds at least one employee or room", "required")]);
  await assertExternallyFree(deps.externalBusy, holds, syncedKeys(deps.externalBusy, found, room ? [room] : []), now); // Outlook busy times: listed = bookable
  return { employees: found, room, topic, holds };
}

/** A value the client gave must agree with the one its time slot carries. */
export function mustMatchSlot(field: string, fromSlot: string | undefined, given: string | undefined) {
  if (fromSlot && given && fromSlot !== given)
    throw new ValidationError([fieldError(field, `must match the time slot's ${field} (${fromSlot})`, "match")]);
}
