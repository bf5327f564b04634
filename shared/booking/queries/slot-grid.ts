/**
 * GET /time-slots: every grid slot of an employee's working time, a room's opening time, an
 * employee's time in a room (both free), or every employee's, in a range; each Available,
 * Reserved (a live reservation overlaps) or Booked (a meeting does), or, for a resource whose
 * Outlook calendar syncs, Busy, OutOfOffice or Tentative (an Outlook event does).
 */
import { NotFoundError } from "../../kernel/errors.js";
import type { Employee, Room } from "../../directory/directory.js";
import {
  employeeWorkingIntervals,
  encodeSlotId,
  gridSlots,
  intersectIntervals,
  mergeIntervals,
  roomOpenIntervals,
  subtractIntervals,
  ZoneCalendars,
  type Interval,
  type MeetingType,
} from "../../slots/index.js";
import type { AvailabilityDeps } from "./availability.js";
import { employeeKey, isLive, monthsOf, roomKey, scheduleDocId, type ResourceKey, type ScheduleEntry } from "../model/schedule-entries.js";
import { toSlotEmployee, toSlotRoom } from "./slot-mapping.js";
import { externalBusyOf } from "./external-busy.js";
import { enforceBudget, gridCost, windowDays } from "./query-budget.js";
import { loadClosedDays, type ClosedDays } from "./closed-days.js";

export type SlotStatus = "Available" | "Reserved" | "Booked" | "Busy" | "OutOfOffice" | "Tentative";

const OUTLOOK_STATUS: Record<string, SlotStatus> = { oof: "OutOfOffice", busy: "Busy", tentative: "Tentative" };

/** The strongest Outlook status overlapping (OutOfOffice, Busy, Tentative), if any. */
export function outlookStatusAt(
  items: readonly { start: number; end: number; status: string }[],
  start: number,
  end: number,
): SlotStatus | undefined {
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

/** One grid to build: an employee, a room, or an employee in a room (the time both have free). */
interface GridOwner {
  intervals: Interval[];
  timeZone: string;
  resources: ResourceKey[];
  employeeId: string | null;
  roomId: string | null;
  meetingType: MeetingType;
  /** Its resources whose Outlook calendars sync. */
  synced: ResourceKey[];
}

const MARGIN_MS = 86_400_000;

/** Closed days (holidays, branch closures) are never offered: cut from the owner's time. */
function open(intervals: Interval[], closed: ClosedDays, zone: string, locations: readonly string[], from: number, to: number) {
  const shut = closed.spans(zone, locations, from - MARGIN_MS, to + MARGIN_MS);
  return shut.length ? subtractIntervals(intervals, shut) : intervals;
}

function employeeOwner(employee: Employee, from: number, to: number, calendars: ZoneCalendars, closed: ClosedDays): GridOwner {
  return {
    intervals: open(
      employeeWorkingIntervals(toSlotEmployee(employee), from - MARGIN_MS, to + MARGIN_MS, calendars),
      closed,
      employee.timeZone,
      employee.locations,
      from,
      to,
    ),
    timeZone: employee.timeZone,
    resources: [employeeKey(employee.id)],
    employeeId: employee.id,
    roomId: null,
    // The type a slot id carries when it is booked as is: one the employee offers (Physical when offered).
    meetingType: defaultMeetingType(employee.meetingTypes),
    synced: employee.calendarSync ? [employeeKey(employee.id)] : [],
  };
}

function roomOwner(room: Room, from: number, to: number, calendars: ZoneCalendars, closed: ClosedDays): GridOwner {
  return {
    intervals: open(
      roomOpenIntervals(toSlotRoom(room), from - MARGIN_MS, to + MARGIN_MS, calendars),
      closed,
      room.timeZone,
      [room.location],
      from,
      to,
    ),
    timeZone: room.timeZone,
    resources: [roomKey(room.id)],
    employeeId: null,
    roomId: room.id,
    meetingType: "Physical",
    synced: room.calendarSync && room.mailbox ? [roomKey(room.id)] : [],
  };
}

/** The grid asked for: one employee, one room, both, or (neither) every employee. */
export interface GridRequest {
  employeeId?: string;
  roomId?: string;
  startDate: string;
  endDate: string;
  /** Statuses to keep; empty keeps all. */
  status: readonly string[];
  meetingDuration: number;
}

async function owners(deps: AvailabilityDeps, query: GridRequest, from: number, to: number, now: number): Promise<GridOwner[]> {
  const calendars = new ZoneCalendars();
  const [employee, room, closed] = await Promise.all([
    query.employeeId ? deps.directory.get("employee", query.employeeId) : undefined,
    query.roomId ? deps.directory.get("room", query.roomId) : undefined,
    loadClosedDays(deps.directory),
  ]);
  if (query.employeeId && !employee) throw new NotFoundError("employee", query.employeeId);
  if (query.roomId && !room) throw new NotFoundError("room", query.roomId);
  if (employee && room) {
    // the employee in that room: on the employee's grid, while both are free
    const e = employeeOwner(employee, from, to, calendars, closed);
    const r = roomOwner(room, from, to, calendars, closed);
    return [
      {
        ...e,
        intervals: intersectIntervals(mergeIntervals(e.intervals), mergeIntervals(r.intervals)),
        resources: [...e.resources, ...r.resources],
        roomId: room.id,
        meetingType: "Physical",
        synced: [...e.synced, ...r.synced],
      },
    ];
  }
  if (employee) return [employeeOwner(employee, from, to, calendars, closed)];
  if (room) return [roomOwner(room, from, to, calendars, closed)];
  const everyone = await deps.directory.list("employee");
  // Before any working time is computed: the slot estimate follows once the intervals are known.
  enforceBudget({ resources: everyone.length, days: windowDays(from, to, Math.min(now, from)) }, deps.queryLimits, "grid");
  return everyone.map((e) => employeeOwner(e, from, to, calendars, closed));
}

/** `report.degraded` receives the resources whose Outlook busy times are behind. */
export async function slotGrid(
  deps: AvailabilityDeps,
  query: GridRequest,
  now: number,
  report?: { degraded: string[] },
): Promise<GridSlot[]> {
  const from = Date.parse(query.startDate);
  const to = Date.parse(query.endDate);
  const grids = await owners(deps, query, from, to, now);
  const resources = new Set(grids.flatMap((g) => g.resources)).size;
  enforceBudget(
    gridCost(
      resources,
      grids.map((g) => g.intervals),
      from,
      to,
      now,
    ),
    deps.queryLimits,
    "grid",
  );
  const months = monthsOf(from, to);
  const synced = deps.externalBusy ? grids.flatMap((g) => g.synced) : [];
  const [entries, external] = await Promise.all([
    deps.schedules.entriesOf(grids.flatMap((g) => g.resources.flatMap((r) => months.map((m) => scheduleDocId(r, m))))),
    externalBusyOf(deps.listingBusy ?? deps.externalBusy, synced, { start: from, end: to }, now),
  ]);
  report?.degraded.push(...external.degraded);
  const wanted = new Set(query.status);
  const out: GridSlot[] = [];
  for (const g of grids) {
    const own = g.resources.flatMap((r) => months.flatMap((m) => entries.get(scheduleDocId(r, m)) ?? []));
    const outlook = g.synced.flatMap((r) => external.items.get(r) ?? []);
    for (const s of gridSlots(g.intervals, g.timeZone, query.meetingDuration, from, to)) {
      if (s.end > to) continue;
      const mine = statusAt(own, s.start, s.end, now);
      const status = mine !== "Available" ? mine : (outlookStatusAt(outlook, s.start, s.end) ?? mine);
      if (wanted.size > 0 && !wanted.has(status)) continue;
      const id = encodeSlotId({
        employeeId: g.employeeId ?? "",
        start: s.start,
        end: s.end,
        meetingType: g.meetingType,
        roomId: g.roomId ?? undefined,
      });
      out.push({ id, employeeId: g.employeeId, roomId: g.roomId, start: s.start, end: s.end, status });
    }
  }
  // several grids (every employee): by start, then employee
  return grids.length > 1 ? out.sort((a, b) => a.start - b.start || (a.employeeId ?? "").localeCompare(b.employeeId ?? "")) : out;
}
