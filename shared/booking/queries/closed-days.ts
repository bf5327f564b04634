/**
 * Closed days as data for the slot engine: the bank's holiday calendar (public holidays and the
 * bank's closing days) and the branches' closures, turned into whole local days (in the zone of the
 * advisor or room they apply to, so a DST day is 23 or 25 hours) that availability passes to the
 * engine as absences (advisors) and busy time (rooms), booking refuses, and explain names.
 */
import { DateTime } from "luxon";
import {
  closureRange,
  DEFAULT_HOLIDAY_CALENDAR,
  HOLIDAY_CALENDAR_ID,
  type Closure,
  type HolidayCalendar,
} from "../../directory/closures.js";
import { closedDatesOf } from "../../directory/holidays.js";
import { textKey } from "../../slots/selection.js";
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
  constructor(
    readonly calendar: HolidayCalendar,
    readonly closures: readonly Closure[],
  ) {}

  /** Why a local date is closed for someone at these locations (undefined: open). */
  reasonOn(date: string, locations: readonly string[]): Pick<ClosedSpan, "code" | "detail"> | undefined {
    const year = Number(date.slice(0, 4));
    const holiday = closedDatesOf(this.calendar, year).find((d) => d.date === date);
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

  /** The closed local days (in `zone`) of someone at these locations that [from, to) touches. */
  spans(zone: string, locations: readonly string[], from: number, to: number): ClosedSpan[] {
    const out: ClosedSpan[] = [];
    let day = DateTime.fromMillis(from, { zone }).startOf("day");
    if (!day.isValid) return out;
    for (; day.toMillis() < to; day = day.plus({ days: 1 })) {
      const date = day.toISODate();
      const reason = this.reasonOn(date, locations);
      if (reason) out.push({ date, start: day.toMillis(), end: day.plus({ days: 1 }).startOf("day").toMillis(), ...reason });
    }
    return out;
  }
}

/** The holiday calendar (default: Denmark with the Danish banks' closing days) and every closure. */
export async function loadClosedDays(directory: DirectoryRepository): Promise<ClosedDays> {
  const [calendar, closures] = await Promise.all([directory.get("holidayCalendar", HOLIDAY_CALENDAR_ID), directory.list("closure")]);
  return new ClosedDays(calendar ?? DEFAULT_HOLIDAY_CALENDAR, closures);
}
