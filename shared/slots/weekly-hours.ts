/** Weekly opening/working hours compiled to minutes of the local day, and expanded to UTC intervals. */
import { mergeIntervals } from "./intervals.js";
import type { DailyRange, DateOverride, Interval } from "./types.js";
import { WEEKDAYS } from "./types.js";
import type { ZoneCalendar } from "./zone-calendar.js";
import { MINUTE_MS } from "./zone-calendar.js";

/** [startMinute, endMinute) of a local day; endMinute may be 1440. */
export type MinuteRange = readonly [number, number];

export interface CompiledHours {
  /** Index 0 = Monday. Sorted by start. */
  byWeekday: MinuteRange[][];
  /** Local "YYYY-MM-DD" → ranges replacing that date's weekday hours. */
  overrides: Map<string, MinuteRange[]>;
}

const CLOCK = /^(\d{1,2}):([0-5]\d)$/;

const digit = (text: string, i: number): number => {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
};

/** "HH:mm" (or "H:mm") → minutes after local midnight; "24:00" → 1440. null when malformed. */
export function parseClockMinutes(text: string): number | null {
  if (typeof text !== "string") return null;
  let minutes: number;
  if (text.length === 5 && text.charCodeAt(2) === 58) {
    // Fast path for the usual "HH:mm", no regex.
    const m = digit(text, 3) * 10 + digit(text, 4);
    minutes = m < 60 ? (digit(text, 0) * 10 + digit(text, 1)) * 60 + m : NaN;
  } else {
    const match = CLOCK.exec(text.trim());
    minutes = match === null ? NaN : Number(match[1]) * 60 + Number(match[2]);
  }
  return minutes <= 1440 ? minutes : null;
}

function toRange(start: string, end: string): MinuteRange | null {
  const s = parseClockMinutes(start);
  const e = parseClockMinutes(end);
  if (s === null || e === null || s >= e || s === 1440) return null;
  return [s, e];
}

const WEEKDAY_INDEX = new Map<string, number>(WEEKDAYS.map((d, i) => [d, i]));

/** Malformed or empty ranges are ignored. */
export function compileHours(weekly: readonly DailyRange[], overrides: readonly DateOverride[] = []): CompiledHours {
  const byWeekday: MinuteRange[][] = WEEKDAYS.map(() => []);
  for (const r of weekly) {
    const idx = WEEKDAY_INDEX.get(typeof r.day === "string" ? r.day.toLowerCase() : "");
    const range = toRange(r.start, r.end);
    if (idx !== undefined && range !== null) byWeekday[idx].push(range);
  }
  for (const list of byWeekday) list.sort((a, b) => a[0] - b[0]);
  const byDate = new Map<string, MinuteRange[]>();
  for (const o of overrides) {
    const list = byDate.get(o.date) ?? [];
    for (const r of o.ranges) {
      const range = toRange(r.start, r.end);
      if (range !== null) list.push(range);
    }
    byDate.set(
      o.date,
      list.sort((a, b) => a[0] - b[0]),
    );
  }
  return { byWeekday, overrides: byDate };
}

/**
 * Hours expanded to merged UTC intervals within [fromMs, toMs). One calendar lookup per local
 * day; ranges arrive in time order, so they are merged and clipped as they are produced.
 */
export function hoursToIntervals(cal: ZoneCalendar, hours: CompiledHours, fromMs: number, toMs: number): Interval[] {
  const out: Interval[] = [];
  if (!(toMs > fromMs)) return out;
  const lastDay = cal.localDayNum(toMs - 1);
  const hasOverrides = hours.overrides.size > 0;
  let cur: Interval | undefined;
  let sorted = true;
  for (let d = cal.localDayNum(fromMs); d <= lastDay; d++) {
    const day = cal.day(d);
    const ranges = (hasOverrides ? hours.overrides.get(day.isoDate) : undefined) ?? hours.byWeekday[day.weekday];
    for (const r of ranges) {
      let start: number;
      let end: number;
      if (day.offsetMs !== null) {
        start = day.startUtc + r[0] * MINUTE_MS;
        end = day.startUtc + r[1] * MINUTE_MS;
      } else {
        start = cal.wallToUtc(day, r[0]);
        end = cal.wallToUtc(day, r[1]);
      }
      if (start < fromMs) start = fromMs;
      if (end > toMs) end = toMs;
      if (start >= end) continue;
      if (cur !== undefined && start <= cur.end) {
        if (start < cur.start) sorted = false;
        if (end > cur.end) cur.end = end;
      } else {
        if (cur !== undefined && start < cur.start) sorted = false;
        cur = { start, end };
        out.push(cur);
      }
    }
  }
  return sorted ? out : mergeIntervals(out);
}
