/** Turns per-employee start lists into the sorted Slot array. */
import type { RoomPicker } from "./room-picker.js";
import { slotIdSuffix } from "./slot-id.js";
import type { MeetingType, Slot } from "./types.js";
import { MEETING_TYPES } from "./types.js";

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
 * One object literal site on purpose: V8 pretenures literals that survive, which makes
 * hundreds of thousands of slots much cheaper to allocate than class instances.
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
  return { id, employeeId, additionalEmployees, start, end, meetingType, roomId };
}

function gcd(a: number, b: number): number {
  while (b !== 0) {
    const r = a % b;
    a = b;
    b = r;
  }
  return a;
}

/**
 * Every (run, start) pair ordered by start, then run index. Counting sort on the common step of
 * all starts (30 minutes, or 15 with +05:45-like zones, so a few thousand buckets for a month);
 * a comparison sort only when the starts share no useful step.
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
  let step = 0;
  for (const r of runs) for (let j = 0; j < r.starts.length; j++) step = gcd(step, r.starts[j] - min);
  const buckets = step === 0 ? 1 : (max - min) / step + 1;
  if (buckets <= 4 * n + 4096) {
    const next = new Int32Array(buckets + 1);
    const scale = step === 0 ? 0 : 1 / step;
    for (const r of runs) for (let j = 0; j < r.starts.length; j++) next[Math.round((r.starts[j] - min) * scale) + 1]++;
    for (let b = 1; b <= buckets; b++) next[b] += next[b - 1];
    for (let i = 0; i < runs.length; i++) {
      const starts = runs[i].starts;
      for (let j = 0; j < starts.length; j++) {
        const at = next[Math.round((starts[j] - min) * scale)]++;
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
  const out: Slot[] = [];
  let currentStart = NaN;
  let roomId: string | undefined;
  const suffixes: (string | undefined)[] = new Array<string | undefined>(MEETING_TYPES.length);
  for (let p = 0; p < order.run.length; p++) {
    const run = runs[order.run[p]];
    const start = order.start[p];
    if (start !== currentStart) {
      currentStart = start;
      roomId = rooms === null ? undefined : (rooms.pick(start) ?? undefined);
      suffixes.fill(undefined);
    }
    const end = start + durationMs;
    for (const type of run.types) {
      const t = MEETING_TYPES.indexOf(type);
      const suffix = (suffixes[t] ??= slotIdSuffix(start, end, type, roomId));
      out.push(makeSlot(run.idPrefix + suffix, run.employeeId, run.additionalEmployees, start, end, type, roomId));
    }
  }
  return out;
}
