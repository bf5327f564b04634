/**
 * GET /time-slots: every grid slot of an employee's working time (or a room's opening time)
 * in a range, each Available, Reserved (a live reservation overlaps) or Booked (a meeting does).
 */
import { NotFoundError } from "../errors.js";
import type { GridQuery } from "../schemas/time-slots.js";
import { employeeWorkingIntervals, encodeSlotId, gridSlots, roomOpenIntervals, type MeetingType } from "../slots/index.js";
import type { AvailabilityDeps } from "./availability.js";
import { employeeKey, isLive, monthsOf, roomKey, scheduleDocId, type ResourceKey, type ScheduleEntry } from "./schedule-entries.js";
import { externalBusyOf, syncedKeys } from "./external-busy.js";
import { toSlotEmployee, toSlotRoom } from "./slot-mapping.js";

export type SlotStatus = "Available" | "Reserved" | "Booked" | "Busy" | "OutOfOffice" | "Tentative";

const OUTLOOK_STATUS: Record<string, SlotStatus> = { oof: "OutOfOffice", busy: "Busy", tentative: "Tentative" };

/** BookMe's own entries first; otherwise the strongest Outlook status overlapping (OutOfOffice, Busy, Tentative). */
export function outlookStatusAt(items: readonly { start: number; end: number; status: string }[], start: number, end: number): SlotStatus | undefined {
  const overlapping = new Set(items.filter((i) => i.start < end && i.end > start).map((i) => i.status));
  return ["oof", "busy", "tentative"].map((s) => (overlapping.has(s) ? OUTLOOK_STATUS[s] : undefined)).find(Boolean);
}

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

/** `report.degraded` receives the resource when its Outlook busy times are behind. */
function gridStatus(entries: readonly ScheduleEntry[], outlook: readonly { start: number; end: number; status: string }[], start: number, end: number, now: number): SlotStatus {
  const own = statusAt(entries, start, end, now);
  return own !== "Available" ? own : (outlookStatusAt(outlook, start, end) ?? own);
}

export async function slotGrid(deps: AvailabilityDeps, query: GridQuery, now: number, report?: { degraded: string[] }): Promise<GridSlot[]> {
  const from = Date.parse(query.startDate);
  const to = Date.parse(query.endDate);
  const margin = 86_400_000;
  let intervals, timeZone, resource, employeeId: string | null = null, roomId: string | null = null;
  // The type a slot id carries when it is booked as is: one the employee offers (Physical when offered).
  let meetingType: MeetingType = "Physical";
  let synced: ResourceKey[];
  if (query.employeeId) {
    const employee = await deps.directory.get("employee", query.employeeId);
    if (!employee) throw new NotFoundError("employee", query.employeeId);
    intervals = employeeWorkingIntervals(toSlotEmployee(employee), from - margin, to + margin);
    timeZone = employee.timeZone;
    resource = employeeKey(employee.id);
    employeeId = employee.id;
    meetingType = defaultMeetingType(employee.meetingTypes);
    synced = syncedKeys([employee]);
  } else {
    const room = await deps.directory.get("room", query.roomId!);
    if (!room) throw new NotFoundError("room", query.roomId!);
    intervals = roomOpenIntervals(toSlotRoom(room), from - margin, to + margin);
    timeZone = room.timeZone;
    resource = roomKey(room.id);
    roomId = room.id;
    synced = syncedKeys([], [room]);
  }
  const ids = monthsOf(from, to).map((m) => scheduleDocId(resource, m));
  const [own, external] = await Promise.all([deps.schedules.entriesOf(ids), externalBusyOf(synced, { start: from, end: to }, now)]);
  const entries = [...own.values()].flat();
  const outlook = external.items.get(resource) ?? [];
  report?.degraded.push(...external.degraded);
  const wanted = new Set(query.status);
  return gridSlots(intervals, timeZone, query.meetingDuration, from, to)
    .filter((s) => s.end <= to)
    .map((s) => ({
      id: encodeSlotId({ employeeId: employeeId ?? "", start: s.start, end: s.end, meetingType, roomId: roomId ?? undefined }),
      employeeId, roomId, start: s.start, end: s.end, status: gridStatus(entries, outlook, s.start, s.end, now),
    }))
    .filter((s) => wanted.size === 0 || wanted.has(s.status));
}
