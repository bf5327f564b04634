/**
 * generateSlots: bookable slots for GET /time-slots/available. Pure: the clock (`now`), zones
 * and busy data come in through the input. Each employee's working days become UTC intervals
 * once; busy time, buffers and the grid are integer arithmetic after that.
 */
import { forEachGridStart } from "./grid.js";
import { intersectIntervals, subtractIntervals, widenIntervals } from "./intervals.js";
import { RoomPicker } from "./room-picker.js";
import type { BookingRules } from "./rules.js";
import { bookingRules, startWindow } from "./rules.js";
import { commonMeetingTypes, participants, poolCandidates, textKey, topicAllowsCustomerType } from "./selection.js";
import { SlotRecord } from "./slot-record.js";
import type { Interval, MeetingType, Slot, SlotEmployee, SlotInput } from "./types.js";
import { employeeWorkingIntervals } from "./working-time.js";
import { MINUTE_MS, ZoneCalendars } from "./zone-calendar.js";

interface Run {
  input: SlotInput;
  durationMs: number;
  calendars: ZoneCalendars;
  rooms: RoomPicker | null;
}

/**
 * Slots sorted by start, then employeeId, then meeting type (MEETING_TYPES order).
 * A slot is offered when its start lies in [request.startMs, request.endMs).
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
    rooms = new RoomPicker(input.rooms, input.roomBusy, location, Math.max(seats, 1), durationMs, from, request.endMs - 1 + durationMs, calendars);
    if (!rooms.hasRooms) return [];
  }
  const run: Run = { input, durationMs, calendars, rooms };
  return request.requireEmployeeParticipation ? jointSlots(run) : poolSlots(run);
}

/** Working time minus busy time; busy [b0, b1) blocks [s, e) when [s - before, e + after) overlaps it. */
function freeTime(run: Run, e: SlotEmployee, rules: BookingRules, from: number, to: number): Interval[] {
  const working = employeeWorkingIntervals(e, from, to, run.calendars);
  const busy = run.input.employeeBusy.get(e.id);
  if (busy === undefined || busy.length === 0 || working.length === 0) return working;
  return subtractIntervals(working, widenIntervals(busy, rules.bufferAfterMs, rules.bufferBeforeMs));
}

/** requireEmployeeParticipation = false: one slot per free candidate, start and meeting type. */
function poolSlots(run: Run): Slot[] {
  const { request, now } = run.input;
  const buckets = new Map<number, Slot[]>();
  for (const e of poolCandidates(run.input.employees, request)) {
    const types = commonMeetingTypes([e], request.meetingTypes);
    const cal = run.calendars.get(e.timeZone);
    if (types.length === 0 || cal === null) continue;
    const rules = bookingRules(e, request.topic);
    const window = startWindow([rules], request, now);
    if (window === null) continue;
    const free = freeTime(run, e, rules, window.lo, window.hiStart + run.durationMs);
    const spans = cal.spans(window.lo, window.hiStart);
    forEachGridStart(free, spans, run.durationMs, window.lo, window.hiStart, (start) => {
      const roomId = run.rooms === null ? undefined : run.rooms.pick(start);
      if (roomId === null) return;
      let bucket = buckets.get(start);
      if (bucket === undefined) buckets.set(start, (bucket = []));
      pushSlots(bucket, e.id, undefined, start, start + run.durationMs, types, roomId);
    });
  }
  // Candidates come sorted by id, so each bucket is already in employee, then type order.
  const starts = [...buckets.keys()].sort((a, b) => a - b);
  const out: Slot[] = [];
  for (const s of starts) for (const slot of buckets.get(s) as Slot[]) out.push(slot);
  return out;
}

/** requireEmployeeParticipation = true: every explicit employee free; grid of the first one's zone. */
function jointSlots(run: Run): Slot[] {
  const { request, now } = run.input;
  const list = participants(run.input.employees, request);
  if (list === null) return [];
  const types = commonMeetingTypes(list, request.meetingTypes);
  const cal = run.calendars.get(list[0].timeZone);
  if (types.length === 0 || cal === null) return [];
  const rules = list.map((e) => bookingRules(e, request.topic));
  const window = startWindow(rules, request, now);
  if (window === null) return [];
  const to = window.hiStart + run.durationMs;
  let free = freeTime(run, list[0], rules[0], window.lo, to);
  for (let i = 1; i < list.length && free.length > 0; i++) {
    free = intersectIntervals(free, freeTime(run, list[i], rules[i], window.lo, to));
  }
  const primary = list[0].id;
  const additional = list.length > 1 ? list.slice(1).map((e) => e.id) : undefined;
  const out: Slot[] = [];
  forEachGridStart(free, cal.spans(window.lo, window.hiStart), run.durationMs, window.lo, window.hiStart, (start) => {
    const roomId = run.rooms === null ? undefined : run.rooms.pick(start);
    if (roomId !== null) pushSlots(out, primary, additional, start, start + run.durationMs, types, roomId);
  });
  return out;
}

function pushSlots(
  out: Slot[],
  employeeId: string,
  additional: string[] | undefined,
  start: number,
  end: number,
  types: readonly MeetingType[],
  roomId: string | undefined,
): void {
  for (const t of types) out.push(new SlotRecord(employeeId, additional?.slice(), start, end, t, roomId));
}
