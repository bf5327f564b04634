/**
 * Closed days: a branch's own closures (a date or a range of dates, at one location or bank-wide)
 * and the bank's holiday calendar (the country's public holidays from date-holidays plus the
 * bank's own closing days, a setting the bank can change). Dates are local: a closed date is
 * closed in the zone of whoever it applies to (an advisor's, a room's).
 */
import { z } from "zod";
import { list, LocalDate, ShortText } from "../kernel/fields.js";
import { isClosingDayRule, isKnownCountry } from "./holidays.js";

/** How far one closure may reach (a branch refurbishment, not a permanent closure). */
export const MAX_CLOSURE_DAYS = 366;

const dayCount = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;

export const ClosureBody = z
  .object({
    /** The branch (a location as employees and rooms name it); absent: every branch (the whole bank). */
    location: ShortText.optional().describe("The branch (location) that is closed; absent: the whole bank"),
    /** One closed date, or `from`..`to` (both included). */
    date: LocalDate.optional().describe("One closed local date (yyyy-MM-dd); or give from and to"),
    from: LocalDate.optional().describe("First closed local date of a range"),
    to: LocalDate.optional().describe("Last closed local date of a range (included)"),
    reason: ShortText.describe("Shown in explanations: 'branch closed: <reason>'"),
  })
  .superRefine((c, ctx) => {
    if (c.date !== undefined && (c.from !== undefined || c.to !== undefined))
      ctx.addIssue({ code: "custom", path: ["date"], message: "give either date or from and to, not both" });
    else if (c.date === undefined && (c.from === undefined || c.to === undefined))
      ctx.addIssue({ code: "custom", path: [c.from === undefined ? "from" : "to"], message: "give date, or both from and to" });
    else if (c.from !== undefined && c.to !== undefined) {
      if (c.to < c.from) ctx.addIssue({ code: "custom", path: ["to"], message: "must not be before from" });
      else if (dayCount(c.from, c.to) > MAX_CLOSURE_DAYS)
        ctx.addIssue({ code: "custom", path: ["to"], message: `a closure spans at most ${MAX_CLOSURE_DAYS} days` });
    }
  });
export type ClosureBody = z.output<typeof ClosureBody>;
export type Closure = ClosureBody & { id: string };

export const ClosureView = z.object({
  id: z.string(),
  location: z.string().optional(),
  from: z.string(),
  to: z.string(),
  reason: z.string(),
});

/** A closure's first and last date (a single date is both). */
export function closureRange(c: ClosureBody): { from: string; to: string } {
  return c.date !== undefined ? { from: c.date, to: c.date } : { from: c.from!, to: c.to! };
}

export function closureView(c: Closure): z.output<typeof ClosureView> {
  return { id: c.id, ...(c.location !== undefined ? { location: c.location } : {}), ...closureRange(c), reason: c.reason };
}

/* ---- the holiday calendar (one document, id HOLIDAY_CALENDAR_ID) ---- */

export const HOLIDAY_CALENDAR_ID = "default";

/**
 * A closing day in date-holidays' rule grammar: "12-24" (a fixed date), "easter 40" (days after
 * Easter Sunday: the Friday after Ascension Day), "06-05", ... (see the date-holidays docs).
 */
export const ClosingDay = z.object({
  rule: z.string().trim().min(3).max(80).describe("A date-holidays rule: 'MM-DD' or 'easter N' and the like"),
  name: ShortText,
});

/** The Danish banks' closing days that are not public holidays (Store Bededag is gone since 2024). */
export const DANISH_BANK_CLOSING_DAYS: z.output<typeof ClosingDay>[] = [
  { rule: "easter 40", name: "Fredag efter Kristi Himmelfartsdag" },
  { rule: "06-05", name: "Grundlovsdag" },
  { rule: "12-24", name: "Juleaftensdag" },
  { rule: "12-31", name: "Nytårsaftensdag" },
];

export const HolidayCalendarBody = z
  .object({
    /** ISO 3166 country of the public holidays (date-holidays); "DK" by default. */
    country: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{2}$/, { message: "must be a two-letter ISO 3166 country code" })
      .transform((s) => s.toUpperCase())
      .default("DK"),
    /** A region of the country (date-holidays' state code), if its holidays differ. */
    region: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9]{1,6}$/, { message: "must be a date-holidays region code" })
      .optional(),
    /** The bank's own closing days on top of the public holidays. */
    bankClosingDays: list(ClosingDay, 50).default(DANISH_BANK_CLOSING_DAYS),
    /** false: no public holidays at all (only closing days and closures). */
    publicHolidays: z.boolean().default(true),
  })
  .superRefine((c, ctx) => {
    if (!isKnownCountry(c.country))
      ctx.addIssue({ code: "custom", path: ["country"], message: `date-holidays has no holidays for ${c.country}` });
    else if (c.region !== undefined && !isKnownCountry(c.country, c.region))
      ctx.addIssue({ code: "custom", path: ["region"], message: `date-holidays has no region ${c.region} in ${c.country}` });
    c.bankClosingDays.forEach((d, i) => {
      if (!isClosingDayRule(d.rule))
        ctx.addIssue({
          code: "custom",
          path: ["bankClosingDays", i, "rule"],
          message: "is not a date-holidays rule (e.g. '12-24' or 'easter 40')",
        });
    });
  });
export type HolidayCalendarBody = z.output<typeof HolidayCalendarBody>;
export type HolidayCalendar = HolidayCalendarBody & { id: string };

export const DEFAULT_HOLIDAY_CALENDAR: HolidayCalendar = { id: HOLIDAY_CALENDAR_ID, ...HolidayCalendarBody.parse({}) };

export const HolidayCalendarView = z.object({
  country: z.string(),
  region: z.string().optional(),
  bankClosingDays: z.array(z.object({ rule: z.string(), name: z.string() })),
  publicHolidays: z.boolean(),
});

export function holidayCalendarView(c: HolidayCalendar): z.output<typeof HolidayCalendarView> {
  return {
    country: c.country,
    ...(c.region !== undefined ? { region: c.region } : {}),
    bankClosingDays: c.bankClosingDays,
    publicHolidays: c.publicHolidays,
  };
}
