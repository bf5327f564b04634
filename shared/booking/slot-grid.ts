/**
 * GET /time-slots: every grid slot of an employee's working time (or a room's opening time)
 * in a range, each Available, Reserved (a live reservation overlaps) or Booked (a meeting does).
 */
import { NotFoundError } from "../errors.js";
import type { GridQuery } from "../schemas/time-slots.js";
import { employeeWorkingIntervals, encodeSlotId, gridSlots, roomOpenIntervals, type MeetingType } from "../slots/index.js";
import type { AvailabilityDeps } from "./availability.js";
import { employeeKey, isLive, monthsOf, roomKey, scheduleDocId, type ScheduleEntry } from "./schedule-entries.js";
import { toSlotEmployee, toSlotRoom } from "./slot-mapping.js";

export type SlotStatus = "Available" | "Reserved" | "Booked";

export interface GridSlot {
  id: string;
  employeeId: string | null;
  roomId: string | null;
  start: number;
  end: number;
  status: SlotStatus;
}

/** Physical when the employee offers it (the long-standing default), else the first type offered. */
export function defaultMeetingType(offered: readonly MeetingType[]): MeetingType {
  return offered.includes("Physical") || offered.length === 0 ? "Physical" : offered[0];
}

export function statusAt(entries: readonly ScheduleEntry[], start: number, end: number, now: number): SlotStatus {
  let status: SlotStatus = "Available";
  for (const e of entries) {
    if (!isLive(e, now) || Date.parse(e.start) >= end || Date.parse(e.end) <= start) continue;
    if (e.ref.startsWith("meeting:")) return "Booked";
    status = "Reserved";
  }
  return status;
}

export async function slotGrid(deps: AvailabilityDeps, query: GridQuery, now: number): Promise<GridSlot[]> {
  const from = Date.parse(query.startDate);
  const to = Date.parse(query.endDate);
  const margin = 86_400_000;
  let intervals, timeZone, resource, employeeId: string | null = null, roomId: string | null = null;
  // The type a slot id carries when it is booked as is: one the employee offers (Physical when offered).
  let meetingType: MeetingType = "Physical";
  if (query.employeeId) {
    const employee = await deps.directory.get("employee", query.employeeId);
    if (!employee) throw new NotFoundError("employee", query.employeeId);
    intervals = employeeWorkingIntervals(toSlotEmployee(employee), from - margin, to + margin);
    timeZone = employee.timeZone;
    resource = employeeKey(employee.id);
    employeeId = employee.id;
    meetingType = defaultMeetingType(employee.meetingTypes);
  } else {
    const room = await deps.directory.get("room", query.roomId!);
    if (!room) throw new NotFoundError("room", query.roomId!);
    intervals = roomOpenIntervals(toSlotRoom(room), from - margin, to + margin);
    timeZone = room.timeZone;
    resource = roomKey(room.id);
    roomId = room.id;
  }
  const ids = monthsOf(from, to).map((m) => scheduleDocId(resource, m));
  const entries = [...(await deps.schedules.entriesOf(ids)).values()].flat();
  const wanted = new Set(query.status);
  return gridSlots(intervals, timeZone, query.meetingDuration, from, to)
    .filter((s) => s.end <= to)
    .map((s) => ({
      id: encodeSlotId({ employeeId: employeeId ?? "", start: s.start, end: s.end, meetingType, roomId: roomId ?? undefined }),
      employeeId, roomId, start: s.start, end: s.end, status: statusAt(entries, s.start, s.end, now),
    }))
    .filter((s) => wanted.size === 0 || wanted.has(s.status));
}
