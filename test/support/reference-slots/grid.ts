/** The local :00/:30 grid: slot starts are instants whose local wall-clock minute is 0 or 30. */
import { mergeIntervals } from "./intervals.js";
import type { Interval } from "./types.js";
import type { OffsetSpan } from "./zone-calendar.js";
import { MINUTE_MS, ZoneCalendars } from "./zone-calendar.js";

export const GRID_STEP_MS = 30 * MINUTE_MS;

function mod(a: number, m: number): number {
  const r = a % m;
  return r < 0 ? r + m : r;
}

/**
 * Calls `emit(s)` in ascending order for every grid instant s with lo <= s <= hiStart and
 * [s, s + durationMs) inside one interval of `free` (sorted, merged). `spans` must cover [lo, hiStart].
 * Within a span of constant offset o the grid is s ≡ -o (mod 30 min), so it is exact in +05:30,
 * +05:45 or +09:30 zones and across DST changes; a nonexistent local time is never produced.
 */
export function forEachGridStart(
  free: readonly Interval[],
  spans: readonly OffsetSpan[],
  durationMs: number,
  lo: number,
  hiStart: number,
  emit: (start: number) => void,
): void {
  let p = 0;
  for (const iv of free) {
    let s = Math.max(iv.start, lo);
    const last = Math.min(iv.end - durationMs, hiStart);
    while (s <= last) {
      while (p < spans.length && spans[p].end <= s) p++;
      if (p === spans.length) return;
      const span = spans[p];
      if (span.start > s) {
        s = span.start;
        continue;
      }
      const stop = Math.min(last, span.end - 1);
      for (let g = s + mod(-span.offsetMs - s, GRID_STEP_MS); g <= stop; g += GRID_STEP_MS) emit(g);
      s = span.end;
    }
  }
}

/**
 * Grid slots [s, s + duration) that fit inside `intervals` and start in [fromMs, toMs),
 * on the :00/:30 grid of `timeZone`. Invalid zone or non-positive duration → [].
 */
export function gridSlots(
  intervals: readonly Interval[],
  timeZone: string,
  durationMinutes: number,
  fromMs: number,
  toMs: number,
  calendars: ZoneCalendars = new ZoneCalendars(),
): Interval[] {
  const durationMs = durationMinutes * MINUTE_MS;
  const cal = calendars.get(timeZone);
  if (cal === null || !(durationMs > 0) || !(toMs > fromMs)) return [];
  const free = mergeIntervals(intervals);
  const out: Interval[] = [];
  if (free.length === 0) return out;
  const spans = cal.spans(fromMs, toMs - 1);
  forEachGridStart(free, spans, durationMs, fromMs, toMs - 1, (s) => out.push({ start: s, end: s + durationMs }));
  return out;
}
