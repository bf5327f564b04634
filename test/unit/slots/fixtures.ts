/** Builders and time helpers for the slot-engine tests. Times are fixed; nothing reads the clock. */
import { DateTime } from "luxon";
import { MEETING_TYPES, WEEKDAYS } from "../../../shared/slots/index.js";
import type { DailyRange, Interval, Slot, SlotEmployee, SlotInput, SlotRequest, SlotRoom, Weekday } from "../../../shared/slots/index.js";

export const CPH = "Europe/Copenhagen";
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** Epoch ms of a local wall time, computed by luxon (independent of the engine). */
export const local = (isoLocal: string, zone = CPH): number => DateTime.fromISO(isoLocal, { zone }).toMillis();
export const utc = (isoZ: string): number => Date.parse(isoZ);
export const isoZ = (ms: number): string => new Date(ms).toISOString().replace(":00.000Z", "Z");
/** "HH:mm" wall time of an instant in a zone. */
export const wall = (ms: number, zone = CPH): string => DateTime.fromMillis(ms, { zone }).toFormat("HH:mm");

export function hours(days: readonly Weekday[], ...ranges: [string, string][]): DailyRange[] {
  return days.flatMap((day) => ranges.map(([start, end]) => ({ day, start, end })));
}
export const MON_FRI = WEEKDAYS.slice(0, 5);
export const ALL_DAYS = [...WEEKDAYS];

export function employee(id: string, over: Partial<SlotEmployee> = {}): SlotEmployee {
  return {
    id,
    timeZone: CPH,
    workingHours: hours(MON_FRI, ["09:00", "16:00"]),
    meetingTypes: ["Online"],
    locations: [],
    serviceGroups: [],
    topicIds: [],
    customerTypeIds: [],
    ...over,
  };
}

export function room(id: string, over: Partial<SlotRoom> = {}): SlotRoom {
  return { id, location: "Aarhus", capacity: 4, ...over };
}

/** Monday 2026-06-01 (CEST, UTC+2). */
export const MONDAY = "2026-06-01";

export function request(over: Partial<SlotRequest> = {}): SlotRequest {
  return {
    explicitEmployeeIds: [],
    startMs: local(`${MONDAY}T00:00`),
    endMs: local(`${MONDAY}T00:00`) + DAY,
    employeeTypes: ["Global"],
    meetingTypes: [],
    requireRoom: false,
    requireEmployeeParticipation: false,
    meetingDurationMinutes: 60,
    ...over,
  };
}

export interface InputOptions {
  employees?: SlotEmployee[];
  rooms?: SlotRoom[];
  busy?: Record<string, Interval[]>;
  roomBusy?: Record<string, Interval[]>;
  request?: Partial<SlotRequest>;
  now?: number;
}

export function input(o: InputOptions = {}): SlotInput {
  const req = request(o.request);
  return {
    employees: o.employees ?? [employee("e1")],
    rooms: o.rooms ?? [],
    employeeBusy: new Map(Object.entries(o.busy ?? {})),
    roomBusy: new Map(Object.entries(o.roomBusy ?? {})),
    request: req,
    now: o.now ?? req.startMs - DAY,
  };
}

/** A local-time interval on a date, e.g. between("2026-06-01", "10:00", "11:00"). */
export function between(date: string, from: string, to: string, zone = CPH): Interval {
  return { start: local(`${date}T${from}`, zone), end: local(`${date}T${to}`, zone) };
}

/** Local "HH:mm" starts of the slots (one entry per slot). */
export const wallStarts = (slots: readonly Slot[], zone = CPH): string[] => slots.map((s) => wall(s.start, zone));

export const typeIndex = (s: Slot): number => MEETING_TYPES.indexOf(s.meetingType);

/** Sorted by start, then employeeId, then meeting type. */
export function isSorted(slots: readonly Slot[]): boolean {
  for (let i = 1; i < slots.length; i++) {
    const a = slots[i - 1];
    const b = slots[i];
    const order =
      a.start - b.start || (a.employeeId < b.employeeId ? -1 : a.employeeId > b.employeeId ? 1 : 0) || typeIndex(a) - typeIndex(b);
    if (order >= 0) return false;
  }
  return true;
}
