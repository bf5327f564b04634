/**
 * generateSlots: bookable slots for GET /time-slots/available. Pure: the clock (`now`), zones
 * and busy data come in through the input. Each employee's working days become UTC intervals
 * once; busy time, buffers and the grid are integer arithmetic after that.
 */
import { forEachGridStart } from "../../../shared/slots/grid.js";
import { intersectIntervals, subtractIntervals, widenIntervals } from "../../../shared/slots/intervals.js";
import { RoomPicker } from "../../../shared/slots/room-picker.js";
import type { BookingRules } from "../../../shared/slots/rules.js";
import { bookingRules, startWindow } from "../../../shared/slots/rules.js";
import { commonMeetingTypes, participants, poolCandidates, textKey, topicAllowsCustomerType } from "../../../shared/slots/selection.js";
import { mergeSlotRuns } from "./slot-runs.js";
import type { SlotRun } from "./slot-runs.js";
import { slotIdPrefix } from "../../../shared/slots/slot-id.js";
import type { Interval, Slot, SlotEmployee, SlotInput } from "../../../shared/slots/types.js";
import { employeeWorkingIntervals } from "../../../shared/slots/working-time.js";
import { MINUTE_MS, ZoneCalendars } from "../../../shared/slots/zone-calendar.js";

interface Context {
  input: SlotInput;
  durationMs: number;
  calendars: ZoneCalendars;
  rooms: RoomPicker | null;
}

/**
 * Slots sorted by start, then employeeId, then meeting type (MEETING_TYPES order).
 * A slot is offered when its START lies in [request.startMs, request.endMs) (its end may pass
 * endMs), at or after now + minimum notice, and at most maxDaysAhead days after now.
 */
export function generateSlots(input: SlotInput): Slot[] {
  const { request, now } = input;
  const durationMs = request.meetingDurationMinutes * MINUTE_MS;
  if (!(durationMs > 0) || !topicAllowsCustomerType(request)) return [];
  const calendars = new ZoneCalendars();
  let rooms: RoomPicker | null = null;
  if (request.requireRoom) {
    const location = request.meetingLocation ?? request.customerLocation;
    if (location === undefined || textKey(location) === "") return [];
    const seats = request.requireEmployeeParticipation ? new Set(request.explicitEmployeeIds).size : 1;
    const from = Math.max(request.startMs, now);
    const to = request.endMs - 1 + durationMs;
    rooms = new RoomPicker(input.rooms, input.roomBusy, location, Math.max(seats, 1), durationMs, from, to, calendars);
    if (!rooms.hasRooms) return [];
  }
  const ctx: Context = { input, durationMs, calendars, rooms };
  const runs = request.requireEmployeeParticipation ? jointRun(ctx) : poolRuns(ctx);
  return mergeSlotRuns(runs, durationMs, rooms);
}

/** Working time minus busy time; busy [b0, b1) blocks [s, e) when [s - before, e + after) overlaps it. */
function freeTime(ctx: Context, e: SlotEmployee, rules: BookingRules, from: number, to: number): Interval[] {
  const working = employeeWorkingIntervals(e, from, to, ctx.calendars);
  const busy = ctx.input.employeeBusy.get(e.id);
  if (busy === undefined || busy.length === 0 || working.length === 0) return working;
  return subtractIntervals(working, widenIntervals(busy, rules.bufferAfterMs, rules.bufferBeforeMs));
}

/** Grid starts of `free` in the window that also have a room when one is required. */
function collectStarts(ctx: Context, timeZone: string, free: Interval[], lo: number, hiStart: number): number[] {
  const starts: number[] = [];
  const cal = ctx.calendars.get(timeZone);
  if (cal === null || free.length === 0) return starts;
  const rooms = ctx.rooms;
  forEachGridStart(free, cal.spans(lo, hiStart), ctx.durationMs, lo, hiStart, (start) => {
    if (rooms === null || rooms.pick(start) !== null) starts.push(start);
  });
  return starts;
}

/** requireEmployeeParticipation = false: one run per candidate (sorted by id). */
function poolRuns(ctx: Context): SlotRun[] {
  const { request, now } = ctx.input;
  const runs: SlotRun[] = [];
  for (const e of poolCandidates(ctx.input.employees, request)) {
    const types = commonMeetingTypes([e], request.meetingTypes);
    if (types.length === 0) continue;
    const rules = bookingRules(e, request.topic);
    const window = startWindow([rules], request, now);
    if (window === null) continue;
    const free = freeTime(ctx, e, rules, window.lo, window.hiStart + ctx.durationMs);
    const starts = collectStarts(ctx, e.timeZone, free, window.lo, window.hiStart);
    if (starts.length > 0) runs.push({ employeeId: e.id, additionalEmployees: undefined, idPrefix: slotIdPrefix(e.id), types, starts });
  }
  return runs;
}

/** requireEmployeeParticipation = true: one run, every explicit employee free, grid of the first one's zone. */
function jointRun(ctx: Context): SlotRun[] {
  const { request, now } = ctx.input;
  const list = participants(ctx.input.employees, request);
  if (list === null) return [];
  const types = commonMeetingTypes(list, request.meetingTypes);
  if (types.length === 0) return [];
  const rules = list.map((e) => bookingRules(e, request.topic));
  const window = startWindow(rules, request, now);
  if (window === null) return [];
  const to = window.hiStart + ctx.durationMs;
  let free = freeTime(ctx, list[0], rules[0], window.lo, to);
  for (let i = 1; i < list.length && free.length > 0; i++) {
    free = intersectIntervals(free, freeTime(ctx, list[i], rules[i], window.lo, to));
  }
  const starts = collectStarts(ctx, list[0].timeZone, free, window.lo, window.hiStart);
  if (starts.length === 0) return [];
  const additional = list.length > 1 ? list.slice(1).map((e) => e.id) : undefined;
  return [{ employeeId: list[0].id, additionalEmployees: additional, idPrefix: slotIdPrefix(list[0].id, additional), types, starts }];
}
