/** Buffers, notice and horizon of an employee combined with the topic's, and the resulting start window. */
import type { SlotEmployee, SlotInput, SlotRequest, SlotTopic, Interval } from "./types.js";
import { DAY_MS, MINUTE_MS } from "./zone-calendar.js";

export interface BookingRules {
  bufferBeforeMs: number;
  bufferAfterMs: number;
  noticeMs: number;
  /** Infinity = unlimited. */
  maxDaysAhead: number;
}

const nonNegative = (v: number | undefined): number => (v !== undefined && Number.isFinite(v) && v > 0 ? v : 0);
const horizon = (v: number | undefined): number => (v !== undefined && Number.isFinite(v) && v >= 0 ? v : Infinity);

/** Topic buffers and notice extend the employee's (max); the topic's maxDaysAhead can only shorten it (min). */
export function bookingRules(employee: SlotEmployee, topic: SlotTopic | undefined): BookingRules {
  return {
    bufferBeforeMs: Math.max(nonNegative(employee.bufferBeforeMinutes), nonNegative(topic?.bufferBeforeMinutes)) * MINUTE_MS,
    bufferAfterMs: Math.max(nonNegative(employee.bufferAfterMinutes), nonNegative(topic?.bufferAfterMinutes)) * MINUTE_MS,
    noticeMs: Math.max(nonNegative(employee.minimumNoticeMinutes), nonNegative(topic?.minimumNoticeMinutes)) * MINUTE_MS,
    maxDaysAhead: Math.min(horizon(employee.maxDaysAhead), horizon(topic?.maxDaysAhead)),
  };
}

/** Allowed slot starts [lo, hiStart] (inclusive) under the strictest of `rules`, or null when empty or unbounded. */
export function startWindow(rules: readonly BookingRules[], request: SlotRequest, now: number): { lo: number; hiStart: number } | null {
  let notice = 0;
  let maxDays = Infinity;
  for (const r of rules) {
    notice = Math.max(notice, r.noticeMs);
    maxDays = Math.min(maxDays, r.maxDaysAhead);
  }
  // Starts lie in the request window [startMs, endMs), at or after now + notice, at most maxDays after now.
  const lo = Math.max(request.startMs, now + notice);
  const hiStart = Math.min(request.endMs - 1, now + maxDays * DAY_MS);
  return Number.isFinite(lo) && Number.isFinite(hiStart) && lo <= hiStart ? { lo, hiStart } : null;
}

/** Duration to pass as meetingDurationMinutes: the requested one, else the topic's, else 60. */
export function resolveDurationMinutes(requested: number | undefined, topic?: SlotTopic): number {
  for (const v of [requested, topic?.durationMinutes]) if (v !== undefined && Number.isFinite(v) && v > 0) return v;
  return 60;
}

/**
 * The time range whose busy intervals (employees and rooms) can affect generateSlots(input):
 * load every busy interval overlapping it.
 */
export function busyQueryRange(input: Pick<SlotInput, "employees" | "request" | "now">): Interval {
  const { request, now } = input;
  let before = 0;
  let after = 0;
  for (const e of input.employees) {
    const r = bookingRules(e, request.topic);
    before = Math.max(before, r.bufferBeforeMs);
    after = Math.max(after, r.bufferAfterMs);
  }
  return {
    start: Math.max(request.startMs, now) - before,
    end: request.endMs - 1 + request.meetingDurationMinutes * MINUTE_MS + after,
  };
}
