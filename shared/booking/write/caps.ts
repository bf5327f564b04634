/**
 * Caps per advisor (meetings and/or booked minutes per day, week and month, in the advisor's zone),
 * enforced in the write: each period has a counter document beside the advisor's calendars
 * ("employee:{id}:cap-day-2026-12-24", "...:cap-week-2026-W52", "...:cap-month-2026-12"), whose
 * entries are the meetings and live reservations counted in it. The calendar guard takes an entry
 * there in the same all-or-nothing acquire as the calendar holds, by the same conditional write
 * (replace with If-Match on the document's ETag); a hold that would pass the cap is refused there,
 * so two bookings racing for the last allowed meeting cannot both win. Release, undo and moves
 * free the counter entries with the calendar entries (they are in the holder's document list).
 */
import { DateTime } from "luxon";
import type { Hold, HoldCap, ResourceKey, ScheduleEntry } from "../model/schedule-entries.js";
import { isLive } from "../model/schedule-entries.js";

export const CAP_PERIODS = ["day", "week", "month"] as const;
export type CapPeriod = (typeof CAP_PERIODS)[number];

export interface CapLimit {
  meetings?: number;
  minutes?: number;
}
/** An advisor's caps as configured (employee.caps). */
export type AdvisorCaps = Partial<Record<CapPeriod, CapLimit>>;

/** One counter a hold must fit in. */
export type CapRule = HoldCap;

/** The local period (key and UTC bounds) an instant falls in, in a zone. */
export function periodOf(period: CapPeriod, ms: number, zone: string): { key: string; start: number; end: number } {
  const local = DateTime.fromMillis(ms, { zone });
  const unit = period === "week" ? "week" : period;
  const start = local.startOf(unit);
  const key = period === "day" ? start.toISODate()! : period === "week" ? start.toFormat("kkkk-'W'WW") : start.toFormat("yyyy-MM");
  return { key, start: start.toMillis(), end: start.plus({ [`${unit}s`]: 1 }).toMillis() };
}

/** The counters a meeting starting at `start` counts in (a meeting counts in the period it starts in). */
export function capRulesFor(caps: AdvisorCaps | undefined, zone: string, start: number): CapRule[] {
  if (!caps) return [];
  return CAP_PERIODS.flatMap((period) => {
    const limit = caps[period];
    if (!limit || (limit.meetings === undefined && limit.minutes === undefined)) return [];
    return [{ period, key: periodOf(period, start, zone).key, limit }];
  });
}

export const capDocId = (resource: ResourceKey, period: CapPeriod, key: string) => `${resource}:cap-${period}-${key}`;

/** What a counter document holds, net of ignored holders (the one being moved or converted). */
export function capUsage(
  entries: readonly ScheduleEntry[],
  ignoreRefs: readonly string[],
  now: number,
): { meetings: number; minutes: number } {
  const refs = new Map<string, number>();
  for (const e of entries)
    if (isLive(e, now) && !ignoreRefs.includes(e.ref))
      refs.set(e.ref, Math.max(refs.get(e.ref) ?? 0, (Date.parse(e.end) - Date.parse(e.start)) / 60_000));
  let minutes = 0;
  for (const m of refs.values()) minutes += m;
  return { meetings: refs.size, minutes: Math.round(minutes) };
}

export type CapReason = "daily_cap" | "weekly_cap" | "monthly_cap";
const PERIOD_WORD: Record<CapPeriod, "daily" | "weekly" | "monthly"> = { day: "daily", week: "weekly", month: "monthly" };

/** Why one more hold does not fit (undefined: it fits). */
export function capExceeded(
  usage: { meetings: number; minutes: number },
  rule: CapRule,
  addedMinutes: number,
): { code: CapReason; detail: string } | undefined {
  const word = PERIOD_WORD[rule.period];
  if (rule.limit.meetings !== undefined && usage.meetings + 1 > rule.limit.meetings)
    return { code: `${word}_cap` as CapReason, detail: `${word} cap reached (${rule.limit.meetings} meetings) for ${rule.key}` };
  if (rule.limit.minutes !== undefined && usage.minutes + addedMinutes > rule.limit.minutes)
    return {
      code: `${word}_cap` as CapReason,
      detail: `${word} cap reached (${rule.limit.minutes} booked minutes; ${usage.minutes} booked) for ${rule.key}`,
    };
  return undefined;
}

/** The hold's minutes (the meeting itself, no buffers). */
export const holdMinutes = (hold: Hold) => Math.round((hold.end - hold.start) / 60_000);
