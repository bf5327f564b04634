/**
 * Integer interval arithmetic on half-open [start, end) intervals in epoch ms.
 * Functions taking "sorted" input expect start-ascending, non-overlapping, non-empty
 * intervals (the output of `mergeIntervals`), and return new arrays in the same form.
 */
import type { Interval } from "./types.js";

function isSortedByStart(list: readonly Interval[]): boolean {
  for (let i = 1; i < list.length; i++) if (list[i].start < list[i - 1].start) return false;
  return true;
}

/** Sorts (if needed) and merges overlapping or touching intervals; drops empty ones. Never mutates the input. */
export function mergeIntervals(list: readonly Interval[]): Interval[] {
  return widenIntervals(list, 0, 0);
}

/** Each interval widened to [start - beforeMs, end + afterMs), then sorted and merged, in one pass. */
export function widenIntervals(list: readonly Interval[], beforeMs: number, afterMs: number): Interval[] {
  const src = isSortedByStart(list) ? list : [...list].sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  let cur: Interval | undefined;
  for (let i = 0; i < src.length; i++) {
    const start = src[i].start - beforeMs;
    const end = src[i].end + afterMs;
    if (!(end > start)) continue;
    if (cur !== undefined && start <= cur.end) {
      if (end > cur.end) cur.end = end;
    } else {
      cur = { start, end };
      out.push(cur);
    }
  }
  return out;
}

/** `base` minus `cut`, both sorted and merged. One moving pointer over `cut`. */
export function subtractIntervals(base: readonly Interval[], cut: readonly Interval[]): Interval[] {
  if (cut.length === 0) return base.map((iv) => ({ start: iv.start, end: iv.end }));
  const out: Interval[] = [];
  let j = 0;
  for (const iv of base) {
    let start = iv.start;
    const end = iv.end;
    while (j < cut.length && cut[j].end <= start) j++;
    let k = j;
    while (k < cut.length && cut[k].start < end) {
      if (cut[k].start > start) out.push({ start, end: cut[k].start });
      if (cut[k].end > start) start = cut[k].end;
      if (start >= end) break;
      k++;
    }
    if (start < end) out.push({ start, end });
  }
  return out;
}

/** Intersection of two sorted, merged lists. */
export function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i].start, b[j].start);
    const end = Math.min(a[i].end, b[j].end);
    if (start < end) out.push({ start, end });
    if (a[i].end < b[j].end) i++;
    else j++;
  }
  return out;
}

/** Restricts a sorted, merged list to [from, to). */
export function clipIntervals(list: readonly Interval[], from: number, to: number): Interval[] {
  return intersectIntervals(list, [{ start: from, end: to }]);
}

/** Index of the interval of a sorted, merged list that contains [start, end), or -1. Binary search. */
export function findContaining(list: readonly Interval[], start: number, end: number): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].end <= start) lo = mid + 1;
    else if (list[mid].start > start) hi = mid - 1;
    else return list[mid].end >= end ? mid : -1;
  }
  return -1;
}
