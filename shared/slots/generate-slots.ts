/**
 * generateSlots: bookable slots for GET /time-slots/available. Pure: the clock (`now`), zones
 * and busy data come in through the input. Each employee's working days become UTC intervals
 * once; busy time, buffers and the grid are integer arithmetic after that.
 */
import { forEachGridStart } from "./grid.js";
import { clipIntervals, intersectIntervals, subtractIntervals, widenIntervals } from "./intervals.js";
import { RoomPicker } from "./room-picker.js";
import type { BookingRules } from "./rules.js";
import { bookingRules, startWindow } from "./rules.js";
import { commonMeetingTypes, participants, poolCandidates, textKey, topicAllowsCustomerType } from "./selection.js";
import { buildSlotTable } from "./slot-runs.js";
import { slotsOf } from "./slot-objects.js";
import { slotIdPrefix } from "./slot-id.js";
import type { Interval, ParticipantPoolRequest, Slot, SlotEmployee, SlotInput, SlotRun, SlotTable } from "./types.js";
import { employeeWorkingIntervals } from "./working-time.js";
import { MINUTE_MS, ZoneCalendars } from "./zone-calendar.js";

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
  return slotsOf(slotTable(input));
}

/** The same slots as generateSlots, as a table (no object per slot): what the HTTP list is written from. */
export function slotTable(input: SlotInput): SlotTable {
  const { request, now } = input;
  const durationMs = request.meetingDurationMinutes * MINUTE_MS;
  const none = buildSlotTable([], durationMs, null);
  if (!(durationMs > 0) || !topicAllowsCustomerType(request)) return none;
  const calendars = new ZoneCalendars();
  let rooms: RoomPicker | null = null;
  if (request.requireRoom) {
    const location = request.meetingLocation ?? request.customerLocation;
    if (location === undefined || textKey(location) === "") return none;
    const seats = request.requireEmployeeParticipation
      ? new Set(request.explicitEmployeeIds).size
      : 1 + (request.participantPools?.length ?? 0);
    const from = Math.max(request.startMs, now);
    const to = request.endMs - 1 + durationMs;
    rooms = new RoomPicker(input.rooms, input.roomBusy, location, Math.max(seats, 1), durationMs, from, to, calendars);
    if (!rooms.hasRooms) return none;
  }
  const ctx: Context = { input, durationMs, calendars, rooms };
  const runs = request.requireEmployeeParticipation
    ? jointRun(ctx)
    : request.participantPools?.length
      ? participantPoolRuns(ctx, request.participantPools)
      : poolRuns(ctx);
  return buildSlotTable(runs, durationMs, rooms);
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

/** A stable number of an id (FNV-1a): where a candidate's turn through a pool starts, whoever else is searched. */
function idTurn(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const sharesLocation = (a: SlotEmployee, b: SlotEmployee) => a.locations.some((l) => b.locations.some((m) => textKey(l) === textKey(m)));

/**
 * Joint meetings from pools: per pool candidate, its free starts at which one member of each further pool is
 * free for the whole slot (members' free time computed once, clipped to their own start window); one run
 * per (candidate, members picked). Each candidate tries a pool's members from its own place in it (idTurn),
 * so candidates spread over a pool and one candidate's times mostly share one member (few runs).
 */
function participantPoolRuns(ctx: Context, pools: readonly ParticipantPoolRequest[]): SlotRun[] {
  const { request, now, employees } = ctx.input;
  const byId = new Map<string, SlotEmployee>();
  for (const e of employees) if (!byId.has(e.id)) byId.set(e.id, e);
  const memberFree = new Map<string, Interval[]>();
  const freeOf = (m: SlotEmployee): Interval[] => {
    let free = memberFree.get(m.id);
    if (free === undefined) {
      const rules = bookingRules(m, request.topic);
      const w = startWindow([rules], request, now);
      const to = w === null ? 0 : w.hiStart + ctx.durationMs;
      free = w === null ? [] : clipIntervals(freeTime(ctx, m, rules, w.lo, to), w.lo, to);
      memberFree.set(m.id, free);
    }
    return free;
  };
  const runs: SlotRun[] = [];
  const picked = new Int32Array(pools.length);
  for (const p of poolCandidates(employees, request)) {
    const types = commonMeetingTypes([p], request.meetingTypes);
    if (types.length === 0) continue;
    const members = pools.map((pool) =>
      pool.employeeIds
        .map((id) => byId.get(id))
        .filter(
          (m): m is SlotEmployee =>
            m !== undefined && m.id !== p.id && (!pool.sameBranch || sharesLocation(m, p)) && types.some((t) => m.meetingTypes.includes(t)),
        ),
    );
    if (members.some((list) => list.length === 0)) continue;
    const rules = bookingRules(p, request.topic);
    const window = startWindow([rules], request, now);
    if (window === null) continue;
    // Each pool's members from the candidate's turn on, with their free time.
    const turn = idTurn(p.id);
    const order = members.map((list) => {
      const offset = turn % list.length;
      return [...list.slice(offset), ...list.slice(0, offset)];
    });
    const frees = order.map((list) => list.map(freeOf));
    // Starts ascend: per member a cursor past the free intervals that end too early for this start (and so for every later one).
    const cursors = order.map((list) => new Int32Array(list.length));
    const free = freeTime(ctx, p, rules, window.lo, window.hiStart + ctx.durationMs);
    const cal = ctx.calendars.get(p.timeZone);
    if (cal === null || free.length === 0) continue;
    const rooms = ctx.rooms;
    // A run per combination of members picked, keyed by their places (mixed radix); consecutive starts mostly share one.
    const own = new Map<number, SlotRun>();
    let last: SlotRun | undefined;
    let lastKey = -1;
    forEachGridStart(free, cal.spans(window.lo, window.hiStart), ctx.durationMs, window.lo, window.hiStart, (start) => {
      if (rooms !== null && rooms.pick(start) === null) return;
      const end = start + ctx.durationMs;
      let key = 0;
      for (let i = 0; i < order.length; i++) {
        const list = order[i];
        const spans = frees[i];
        const cursor = cursors[i];
        let found = -1;
        for (let k = 0; k < list.length && found < 0; k++) {
          const f = spans[k];
          let c = cursor[k];
          while (c < f.length && f[c].end < end) c++;
          cursor[k] = c;
          if (c === f.length || f[c].start > start) continue;
          let taken = false;
          for (let j = 0; j < i && !taken; j++) taken = order[j][picked[j]] === list[k];
          if (!taken) found = k;
        }
        if (found < 0) return;
        picked[i] = found;
        key = key * list.length + found;
      }
      if (key !== lastKey || last === undefined) {
        last = own.get(key);
        if (last === undefined) {
          const chosen = order.map((list, x) => list[picked[x]]);
          const additional = chosen.map((m) => m.id);
          const types = commonMeetingTypes([p, ...chosen], request.meetingTypes);
          last = { employeeId: p.id, additionalEmployees: additional, idPrefix: slotIdPrefix(p.id, additional), types, starts: [] };
          own.set(key, last);
        }
        lastKey = key;
      }
      if (last.types.length > 0) last.starts.push(start);
    });
    for (const run of own.values()) if (run.starts.length > 0) runs.push(run);
  }
  return runs;
}
