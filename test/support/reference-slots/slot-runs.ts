/** Turns per-employee start lists into the sorted Slot array. */
import type { RoomPicker } from "../../../shared/slots/room-picker.js";
import { slotIdRoomPart, slotIdTimePart, slotIdTypePart } from "../../../shared/slots/slot-id.js";
import type { MeetingType, Slot } from "../../../shared/slots/types.js";
import { MEETING_TYPES } from "../../../shared/slots/types.js";

/** The free starts of one employee (or one employee group), ascending. */
export interface SlotRun {
  employeeId: string;
  additionalEmployees: string[] | undefined;
  /** slotIdPrefix(employeeId, additionalEmployees) */
  idPrefix: string;
  /** In MEETING_TYPES order. */
  types: MeetingType[];
  starts: number[];
}

/**
 * Object literals on purpose: V8 pretenures literals that survive, which makes hundreds of
 * thousands of slots much cheaper than class instances. Keys that would hold undefined are
 * left out (smaller objects, same JSON).
 */
function makeSlot(
  id: string,
  employeeId: string,
  additionalEmployees: string[] | undefined,
  start: number,
  end: number,
  meetingType: MeetingType,
  roomId: string | undefined,
): Slot {
  if (additionalEmployees === undefined) {
    return roomId === undefined ? { id, employeeId, start, end, meetingType } : { id, employeeId, start, end, meetingType, roomId };
  }
  return roomId === undefined
    ? { id, employeeId, additionalEmployees, start, end, meetingType }
    : { id, employeeId, additionalEmployees, start, end, meetingType, roomId };
}

/** Candidate common steps of slot starts: the :00/:30 grid, then +05:45-like zones, then whole minutes. */
const STEPS = [1_800_000, 900_000, 60_000];

/**
 * Every (run, start) pair ordered by start, then run index. Counting sort over the common step
 * of all starts (a few thousand buckets for a month); a comparison sort only when the starts
 * share no such step or are too sparse for buckets.
 */
function orderPairs(runs: readonly SlotRun[]): { run: Int32Array; start: Float64Array } {
  let n = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const r of runs) {
    if (r.starts.length === 0) continue;
    n += r.starts.length;
    min = Math.min(min, r.starts[0]);
    max = Math.max(max, r.starts[r.starts.length - 1]);
  }
  const run = new Int32Array(n);
  const start = new Float64Array(n);
  for (const step of STEPS) {
    const buckets = Math.floor((max - min) / step) + 1;
    if (n === 0 || buckets > 4 * n + 4096) continue;
    const next = new Int32Array(buckets + 1);
    let onStep = true;
    for (let i = 0; i < runs.length && onStep; i++) {
      const starts = runs[i].starts;
      for (let j = 0; j < starts.length; j++) {
        const b = (starts[j] - min) / step;
        if (b !== Math.floor(b)) {
          onStep = false;
          break;
        }
        next[b + 1]++;
      }
    }
    if (!onStep) continue;
    for (let b = 1; b <= buckets; b++) next[b] += next[b - 1];
    for (let i = 0; i < runs.length; i++) {
      const starts = runs[i].starts;
      for (let j = 0; j < starts.length; j++) {
        const at = next[(starts[j] - min) / step]++;
        run[at] = i;
        start[at] = starts[j];
      }
    }
    return { run, start };
  }
  const pairs: [number, number][] = [];
  runs.forEach((r, i) => r.starts.forEach((s) => pairs.push([s, i])));
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  pairs.forEach(([s, i], at) => {
    run[at] = i;
    start[at] = s;
  });
  return { run, start };
}

/**
 * All slots of `runs` ordered by start, then run order (runs must come sorted by employeeId),
 * then meeting type. Ids share one suffix string per start and type across employees.
 */
export function mergeSlotRuns(runs: readonly SlotRun[], durationMs: number, rooms: RoomPicker | null): Slot[] {
  const order = orderPairs(runs);
  let total = 0;
  for (const r of runs) total += r.starts.length * r.types.length;
  const out = new Array<Slot>(total);
  let k = 0;
  let currentStart = NaN;
  let roomId: string | undefined;
  let roomPart = "";
  let timePart = "";
  const typeParts = MEETING_TYPES.map(slotIdTypePart);
  const suffixes: (string | undefined)[] = new Array<string | undefined>(MEETING_TYPES.length);
  for (let p = 0; p < order.run.length; p++) {
    const run = runs[order.run[p]];
    const start = order.start[p];
    const end = start + durationMs;
    if (start !== currentStart) {
      currentStart = start;
      const room = rooms === null ? undefined : (rooms.pick(start) ?? undefined);
      if (room !== roomId) roomPart = slotIdRoomPart(room);
      roomId = room;
      timePart = slotIdTimePart(start, end);
      suffixes.fill(undefined);
    }
    for (const type of run.types) {
      const t = MEETING_TYPES.indexOf(type);
      const suffix = (suffixes[t] ??= timePart + typeParts[t] + roomPart);
      out[k++] = makeSlot(run.idPrefix + suffix, run.employeeId, run.additionalEmployees?.slice(), start, end, type, roomId);
    }
  }
  return out;
}
