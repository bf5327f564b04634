/** Turns per-employee start lists into the sorted slot table. */
import type { RoomPicker } from "./room-picker.js";
import type { SlotRun, SlotTable } from "./types.js";

export type { SlotRun } from "./types.js";

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
 * The table of `runs`: every (run, start) pair ordered by start, then run order (runs must come
 * sorted by employeeId); each pair stands for one slot per meeting type of its run. The room of
 * a start is picked once per distinct start. No object per slot.
 */
export function buildSlotTable(runs: SlotRun[], durationMs: number, rooms: RoomPicker | null): SlotTable {
  const { run, start } = orderPairs(runs);
  const roomIds: string[] = [];
  const room = new Int32Array(run.length).fill(-1);
  let count = 0;
  if (rooms !== null) {
    const index = new Map<string, number>();
    let currentStart = NaN;
    let current = -1;
    for (let p = 0; p < run.length; p++) {
      if (start[p] !== currentStart) {
        currentStart = start[p];
        const id = rooms.pick(currentStart);
        current = id === null ? -1 : (index.get(id) ?? -1);
        if (id !== null && current < 0) {
          current = roomIds.push(id) - 1;
          index.set(id, current);
        }
      }
      room[p] = current;
    }
  }
  for (let p = 0; p < run.length; p++) count += runs[run[p]].types.length;
  return { runs, durationMs, run, start, room, roomIds, count };
}
