/** Working time of employees and opening time of rooms, as merged UTC intervals. */
import { mergeIntervals, subtractIntervals } from "./intervals.js";
import type { Interval, SlotEmployee, SlotRoom } from "./types.js";
import { DEFAULT_TIME_ZONE } from "./types.js";
import { compileHours, hoursToIntervals } from "./weekly-hours.js";
import { ZoneCalendars } from "./zone-calendar.js";

/** Working hours (with date overrides) minus absences, within [fromMs, toMs). Invalid zone → []. */
export function employeeWorkingIntervals(
  employee: SlotEmployee,
  fromMs: number,
  toMs: number,
  calendars: ZoneCalendars = new ZoneCalendars(),
): Interval[] {
  const cal = calendars.get(employee.timeZone);
  if (cal === null) return [];
  const hours = compileHours(employee.workingHours, employee.overrides);
  const working = hoursToIntervals(cal, hours, fromMs, toMs);
  const absences = employee.absences;
  return absences !== undefined && absences.length > 0 ? subtractIntervals(working, mergeIntervals(absences)) : working;
}

/** Opening hours of a room within [fromMs, toMs); no openingHours = open all the time. Invalid zone → []. */
export function roomOpenIntervals(
  room: SlotRoom,
  fromMs: number,
  toMs: number,
  calendars: ZoneCalendars = new ZoneCalendars(),
): Interval[] {
  if (!(toMs > fromMs)) return [];
  if (room.openingHours === undefined) return [{ start: fromMs, end: toMs }];
  const cal = calendars.get(room.timeZone ?? DEFAULT_TIME_ZONE);
  if (cal === null) return [];
  return hoursToIntervals(cal, compileHours(room.openingHours), fromMs, toMs);
}
