/** Times in the customer's time zone: day keys, labels, the week view's days. */
import type { Time } from "./api.js";
import { currentLang } from "./i18n.js";

export const customerZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
const locale = () => (currentLang() === "da" ? "da-DK" : "en-GB");
const DAY_MS = 86_400_000;

/** YYYY-MM-DD of an instant in the zone. */
export function dayKey(ms: number, zone = customerZone()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(ms);
}

export function dayLabel(ms: number, zone = customerZone()): string {
  return new Intl.DateTimeFormat(locale(), { timeZone: zone, weekday: "long", day: "numeric", month: "long" }).format(ms);
}

export function shortDay(ms: number, zone = customerZone()): string {
  return new Intl.DateTimeFormat(locale(), { timeZone: zone, day: "numeric", month: "short" }).format(ms);
}

export function clock(ms: number, zone = customerZone()): string {
  return new Intl.DateTimeFormat(locale(), { timeZone: zone, hour: "2-digit", minute: "2-digit" }).format(ms);
}

export const range = (t: Time): string => `${clock(Date.parse(t.start))}–${clock(Date.parse(t.end))}`;
export const whenText = (t: Time): string => `${dayLabel(Date.parse(t.start))} ${range(t)}`;

/** The zone's name with its current short name, e.g. "Europe/Copenhagen (CET)". */
export function zoneLabel(zone = customerZone()): string {
  const part = new Intl.DateTimeFormat(locale(), { timeZone: zone, timeZoneName: "short" })
    .formatToParts(Date.now())
    .find((p) => p.type === "timeZoneName");
  return part ? `${zone} (${part.value})` : zone;
}

/** Local midnight (in the zone) of the day holding `ms`, as an instant. */
export function startOfDay(ms: number, zone = customerZone()): number {
  const key = dayKey(ms, zone);
  // Walk back from the instant to the first one whose day key is `key` (handles any offset and DST day).
  let lo = ms - DAY_MS - 3_600_000;
  let hi = ms;
  while (hi - lo > 60_000) {
    const mid = Math.floor((lo + hi) / 2);
    if (dayKey(mid, zone) === key) hi = mid;
    else lo = mid;
  }
  return Math.ceil(hi / 60_000) * 60_000;
}

export interface Day {
  key: string;
  start: number;
  times: Time[];
}

/** Seven days from `from` (local midnight), each with its times, in order. */
export function weekDays(from: number, times: readonly Time[], zone = customerZone()): Day[] {
  const days: Day[] = [];
  let cursor = from;
  for (let i = 0; i < 7; i++) {
    days.push({ key: dayKey(cursor, zone), start: cursor, times: [] });
    cursor = startOfDay(cursor + DAY_MS + 3 * 3_600_000, zone);
  }
  const byKey = new Map(days.map((d) => [d.key, d]));
  for (const t of times) byKey.get(dayKey(Date.parse(t.start), zone))?.times.push(t);
  return days;
}

export function countdown(msLeft: number): string {
  const s = Math.max(0, Math.ceil(msLeft / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}
