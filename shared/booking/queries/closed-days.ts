/**
 * Closed days as data for the slot engine: the bank's holiday calendar (public holidays and the
 * bank's closing days) and the branches' closures, turned into whole local days (in the zone of the
 * advisor or room they apply to, so a DST day is 23 or 25 hours) that availability passes to the
 * engine as absences (advisors) and busy time (rooms), booking refuses, and explain names.
 */
import {
  closureRange,
  DEFAULT_HOLIDAY_CALENDAR,
  HOLIDAY_CALENDAR_ID,
  type Closure,
  type HolidayCalendar,
} from "../../directory/closures.js";
import { closedDatesOf } from "../../directory/holidays.js";
import { textKey } from "../../slots/selection.js";
import { ZoneCalendars } from "../../slots/index.js";
import type { DirectoryRepository } from "../model/ports.js";

export interface ClosedSpan {
  /** The local date closed, yyyy-MM-dd. */
  date: string;
  start: number;
  end: number;
  code: "holiday" | "branch_closed";
  /** "public holiday: Juleaftensdag", "bank closing day: Nytårsaftensdag", "branch closed: Refurbishment (Aarhus)" */
  detail: string;
}

export class ClosedDays {
  private readonly zones = new ZoneCalendars();
  private readonly byYear = new Map<number, Map<string, ReturnType<typeof closedDatesOf>[number]>>();

  constructor(
    readonly calendar: HolidayCalendar,
    readonly closures: readonly Closure[],
  ) {}

  /** The calendar's closed dates of a year by date (kept for this instance's request). */
  private closedDatesIn(year: number) {
    let dates = this.byYear.get(year);
    if (!dates) this.byYear.set(year, (dates = new Map(closedDatesOf(this.calendar, year).map((d) => [d.date, d]))));
    return dates;
  }

  /** Why a local date is closed for someone at these locations (undefined: open). */
  reasonOn(date: string, locations: readonly string[]): Pick<ClosedSpan, "code" | "detail"> | undefined {
    const holiday = this.closedDatesIn(Number(date.slice(0, 4))).get(date);
    if (holiday)
      return { code: "holiday", detail: `${holiday.kind === "public" ? "public holiday" : "bank closing day"}: ${holiday.name}` };
    const keys = locations.map(textKey);
    for (const c of this.closures) {
      const { from, to } = closureRange(c);
      if (date < from || date > to) continue;
      if (c.location === undefined) return { code: "branch_closed", detail: `branch closed: ${c.reason} (all branches)` };
      if (keys.includes(textKey(c.location))) return { code: "branch_closed", detail: `branch closed: ${c.reason} (${c.location})` };
    }
    return undefined;
  }

  /**
   * The closed local days (in `zone`) of someone at these locations that [from, to) touches. Local
   * days from the slot engine's ZoneCalendar (offsets asked of luxon once per zone and date, kept in
   * this instance, which lives for one request): per advisor and day through luxon this was a tenth
   * of a branch availability request's CPU (issue 29's profile).
   */
  spans(zone: string, locations: readonly string[], from: number, to: number): ClosedSpan[] {
    const out: ClosedSpan[] = [];
    const calendar = this.zones.get(zone);
    if (!calendar) return out;
    for (let d = calendar.localDayNum(from); ; d++) {
      const day = calendar.day(d);
      if (day.startUtc >= to) break;
      const reason = this.reasonOn(day.isoDate, locations);
      if (reason) out.push({ date: day.isoDate, start: day.startUtc, end: day.endUtc, ...reason });
    }
    return out;
  }
}

/** The holiday calendar (default: Denmark with the Danish banks' closing days) and every closure. */
export async function loadClosedDays(directory: DirectoryRepository): Promise<ClosedDays> {
  const [calendar, closures] = await Promise.all([directory.get("holidayCalendar", HOLIDAY_CALENDAR_ID), directory.list("closure")]);
  return new ClosedDays(calendar ?? DEFAULT_HOLIDAY_CALENDAR, closures);
}
