/**
 * Graph's free/busy shapes to BookMe's intervals: scheduleItems to epoch-ms intervals with a
 * status, and the request plan (mailboxes in batches of at most 20, windows shorter than 62 days).
 */
import { toEpochMs, type DateTimeTimeZone } from "./date-time-zone.js";
import type { BusyInterval, FreeBusyStatus } from "../../calendar/port.js";

export const MAX_SCHEDULES_PER_CALL = 20;
/** getSchedule accepts at most 62 days; one day less leaves room for zone offsets. */
export const MAX_WINDOW_MS = 61 * 86_400_000;
/** The extended property that marks the events BookMe writes. */
export const MEETING_PROPERTY_ID = "String {6f2c3a0e-4b8d-4a52-9a43-b00c0b00c0b0} Name BookMeMeetingId";

const STATUSES: Record<string, FreeBusyStatus> = {
  busy: "busy",
  oof: "oof",
  tentative: "tentative",
  free: "free",
  workingelsewhere: "workingElsewhere",
  unknown: "unknown",
};

export interface ScheduleItem {
  status?: string;
  start?: DateTimeTimeZone;
  end?: DateTimeTimeZone;
}

/** Graph documents lower camel case, some samples capitalise ("Tentative"): match either. */
export function statusOf(value: string | undefined): FreeBusyStatus {
  return STATUSES[(value ?? "").toLowerCase()] ?? "unknown";
}

/** An item as an interval; undefined when its times cannot be read (it is then skipped, not guessed). */
export function toInterval(item: ScheduleItem): BusyInterval | undefined {
  if (!item.start || !item.end) return undefined;
  try {
    const start = toEpochMs(item.start);
    const end = toEpochMs(item.end);
    return end > start ? { start, end, status: statusOf(item.status) } : undefined;
  } catch {
    return undefined;
  }
}

export function chunks<T>(items: T[], size = MAX_SCHEDULES_PER_CALL): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Consecutive windows covering [start, end), each at most MAX_WINDOW_MS long. */
export function windowsOf(range: { start: number; end: number }, max = MAX_WINDOW_MS): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (let s = range.start; s < range.end; s += max) out.push({ start: s, end: Math.min(s + max, range.end) });
  return out;
}
