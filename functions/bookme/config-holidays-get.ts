import { z } from "zod";
import { registerEndpoint } from "../../shared/app/register.js";
import {
  DEFAULT_HOLIDAY_CALENDAR,
  HOLIDAY_CALENDAR_ID,
  HolidayCalendarView,
  holidayCalendarView,
} from "../../shared/directory/closures.js";
import { closedDatesOf } from "../../shared/directory/holidays.js";

const Query = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

export const configHolidaysGet = registerEndpoint({
  name: "config-holidays-get",
  method: "GET",
  route: "config/holidays",
  versions: ["v2"],
  permission: "BookMe.Read",
  summary: "The holiday calendar (country, region, the bank's closing days) and, for a year, the closed dates it makes",
  tags: ["Config"],
  query: Query,
  responses: {
    200: {
      description:
        "The calendar (default: Denmark with the Danish banks' closing days) and its closed dates in `year` (default: this year)",
      schema: HolidayCalendarView.extend({
        year: z.number(),
        closedDates: z.array(z.object({ date: z.string(), name: z.string(), kind: z.enum(["public", "bank"]) })),
      }),
    },
  },
  async handle({ query }, ctx, { directory }) {
    const calendar = (await directory.get("holidayCalendar", HOLIDAY_CALENDAR_ID)) ?? DEFAULT_HOLIDAY_CALENDAR;
    const year = query.year ?? new Date(ctx.now).getUTCFullYear();
    return { status: 200, body: { ...holidayCalendarView(calendar), year, closedDates: closedDatesOf(calendar, year) } };
  },
});
