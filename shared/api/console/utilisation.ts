/**
 * Utilisation per advisor and day, counted in the branch's time zone (a day is that zone's calendar
 * day, 23 or 25 hours long across a DST change; never a UTC day): working minutes from the advisor's
 * working hours (a date's override replaces them; absences are taken out), booked minutes of the
 * meetings held (Booked and NoShow) within the day, and the day's meetings, cancellations and no-shows
 * by start. Pure: the endpoint reads the advisors and meetings.
 */
import { DateTime } from "luxon";
import type { Employee } from "../../directory/directory.js";
import type { MeetingDoc } from "../../booking/model/documents.js";

export interface DayFigures {
  date: string;
  workingMinutes: number;
  bookedMinutes: number;
  meetings: number;
  cancellations: number;
  noShows: number;
}

export interface Totals {
  workingMinutes: number;
  bookedMinutes: number;
  /** bookedMinutes / workingMinutes, 0..1 (rounded to 4 places); 0 without working minutes. */
  utilisation: number;
  meetings: number;
  cancellations: number;
  noShows: number;
}

export interface Utilisation {
  timeZone: string;
  from: string;
  to: string;
  days: string[];
  advisors: { employeeId: string; name: string; days: DayFigures[]; totals: Totals }[];
  totals: Totals;
}

type Interval = [number, number];

const overlap = (a: Interval, b: Interval) => Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]));
const minutes = (ms: number) => Math.round(ms / 60_000);

export function localDays(from: string, to: string, zone: string): string[] {
  const days: string[] = [];
  for (let d = DateTime.fromISO(from, { zone }); d.toISODate()! <= to; d = d.plus({ days: 1 })) days.push(d.toISODate()!);
  return days;
}

function dayWindow(date: string, zone: string): Interval {
  const start = DateTime.fromISO(date, { zone }).startOf("day");
  return [start.toMillis(), start.plus({ days: 1 }).toMillis()];
}

/** The advisor's working intervals on the branch's local date (in the advisor's own zone), absences removed. */
function workingIntervals(employee: Employee, date: string): Interval[] {
  const zone = employee.timeZone;
  const day = DateTime.fromISO(date, { zone });
  const weekday = day.setLocale("en").toFormat("cccc").toLowerCase();
  const override = employee.overrides.find((o) => o.date === date);
  const ranges = override ? override.ranges : employee.workingHours.filter((w) => w.day === weekday);
  const at = (time: string) => DateTime.fromISO(`${date}T${time}`, { zone }).toMillis();
  let intervals: Interval[] = ranges.map((r) => [at(r.start), at(r.end)]);
  for (const absence of employee.absences) {
    const a: Interval = [Date.parse(absence.start), Date.parse(absence.end)];
    intervals = intervals.flatMap(([s, e]): Interval[] => {
      if (a[1] <= s || a[0] >= e) return [[s, e]];
      const parts: Interval[] = [];
      if (a[0] > s) parts.push([s, a[0]]);
      if (a[1] < e) parts.push([a[1], e]);
      return parts;
    });
  }
  return intervals;
}

function totalsOf(days: DayFigures[]): Totals {
  const sum = (k: keyof Omit<DayFigures, "date">) => days.reduce((n, d) => n + d[k], 0);
  const workingMinutes = sum("workingMinutes");
  const bookedMinutes = sum("bookedMinutes");
  return {
    workingMinutes,
    bookedMinutes,
    utilisation: workingMinutes ? Math.round((bookedMinutes / workingMinutes) * 10_000) / 10_000 : 0,
    meetings: sum("meetings"),
    cancellations: sum("cancellations"),
    noShows: sum("noShows"),
  };
}

export function utilisationOf(advisors: Employee[], meetings: MeetingDoc[], from: string, to: string, zone: string): Utilisation {
  const days = localDays(from, to, zone);
  const windows = new Map(days.map((d) => [d, dayWindow(d, zone)]));
  const rows = advisors.map((employee) => {
    const own = meetings.filter((m) => m.employeeId === employee.id);
    const figures = days.map((date): DayFigures => {
      const window = windows.get(date)!;
      const working = workingIntervals(employee, date).reduce((n, i) => n + overlap(i, window), 0);
      const startsToday = own.filter((m) => {
        const start = Date.parse(m.startDate);
        return start >= window[0] && start < window[1];
      });
      const held = own.filter((m) => m.status === "Booked" || m.status === "NoShow");
      return {
        date,
        workingMinutes: minutes(working),
        bookedMinutes: minutes(held.reduce((n, m) => n + overlap([Date.parse(m.startDate), Date.parse(m.endDate)], window), 0)),
        meetings: startsToday.filter((m) => m.status === "Booked" || m.status === "NoShow").length,
        cancellations: startsToday.filter((m) => m.status === "Cancelled").length,
        noShows: startsToday.filter((m) => m.status === "NoShow").length,
      };
    });
    return { employeeId: employee.id, name: employee.name, days: figures, totals: totalsOf(figures) };
  });
  return { timeZone: zone, from, to, days, advisors: rows, totals: totalsOf(rows.flatMap((r) => r.days)) };
}
