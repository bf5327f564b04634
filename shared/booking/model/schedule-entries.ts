/**
 * Calendar entries of a resource (employee or room) and the overlap rule that keeps it
 * single-booked. Pure: no I/O, the clock passed in.
 */
export type ResourceKey = `employee:${string}` | `room:${string}`;

export interface ScheduleEntry {
  /** "meeting:{id}" or "reservation:{id}". */
  ref: string;
  /** The holder's revision: a moved meeting holds new entries under a higher rev. */
  rev: number;
  start: string;
  end: string;
  /** Reservations only: after this instant the entry no longer blocks anything. */
  expiresAt?: string;
}

export interface Hold {
  resource: ResourceKey;
  start: number;
  end: number;
  /** Employee buffers (ms): the resource must be free this long before and after. */
  bufferBeforeMs: number;
  bufferAfterMs: number;
  /** Counters the hold must fit in (an advisor's caps, write/caps.ts); each is a document of its own. */
  caps?: readonly HoldCap[];
}

/** One cap a hold counts against: the period (in the advisor's zone) and its limit. */
export interface HoldCap {
  period: "day" | "week" | "month";
  /** 2026-12-24, 2026-W52, 2026-12 */
  key: string;
  limit: { meetings?: number; minutes?: number };
}

export const employeeKey = (id: string): ResourceKey => `employee:${id}`;
export const roomKey = (id: string): ResourceKey => `room:${id}`;
export const meetingRef = (id: string) => `meeting:${id}`;
export const reservationRef = (id: string) => `reservation:${id}`;

/** UTC months ("YYYY-MM") that [start, end) touches. */
export function monthsOf(start: number, end: number): string[] {
  const months: string[] = [];
  const d = new Date(start);
  let y = d.getUTCFullYear();
  let m = d.getUTCMonth();
  for (;;) {
    months.push(`${y}-${String(m + 1).padStart(2, "0")}`);
    m++;
    if (m === 12) {
      m = 0;
      y++;
    }
    if (Date.UTC(y, m, 1) >= end) return months;
  }
}

export const scheduleDocId = (resource: ResourceKey, month: string) => `${resource}:${month}`;

export function isLive(entry: ScheduleEntry, now: number): boolean {
  return entry.expiresAt === undefined || Date.parse(entry.expiresAt) > now;
}

/** The first live entry (not one of ignoreRefs) that the hold, widened by its buffers, overlaps. */
export function findConflict(
  entries: readonly ScheduleEntry[],
  hold: Hold,
  ignoreRefs: readonly string[],
  now: number,
): ScheduleEntry | undefined {
  const from = hold.start - hold.bufferBeforeMs;
  const to = hold.end + hold.bufferAfterMs;
  return entries.find((e) => isLive(e, now) && !ignoreRefs.includes(e.ref) && Date.parse(e.start) < to && Date.parse(e.end) > from);
}

/** Busy intervals (ms) of live entries, excluding some holders. */
export function busyIntervals(
  entries: readonly ScheduleEntry[],
  now: number,
  ignoreRefs: readonly string[] = [],
): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const e of entries)
    if (isLive(e, now) && !ignoreRefs.includes(e.ref)) out.push({ start: Date.parse(e.start), end: Date.parse(e.end) });
  return out;
}
