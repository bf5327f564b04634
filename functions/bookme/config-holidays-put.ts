import { registerEndpoint } from "../../shared/app/register.js";
import { HOLIDAY_CALENDAR_ID, HolidayCalendarBody, HolidayCalendarView, holidayCalendarView } from "../../shared/directory/closures.js";

export const configHolidaysPut = registerEndpoint({
  name: "config-holidays-put",
  method: "PUT",
  route: "config/holidays",
  versions: ["v2"],
  permission: "BookMe.Admin",
  summary: "Replace the holiday calendar: the country (and region) of the public holidays and the bank's own closing days",
  tags: ["Config"],
  body: HolidayCalendarBody,
  responses: {
    200: { description: "Replaced", schema: HolidayCalendarView },
    201: { description: "Created (the default calendar was in use)", schema: HolidayCalendarView },
    400: { description: "A field is missing or malformed (an unknown country or region, a rule date-holidays cannot read)" },
  },
  async handle({ body }, _ctx, { directory }) {
    const calendar = { ...body, id: HOLIDAY_CALENDAR_ID };
    const { created } = await directory.put("holidayCalendar", calendar);
    return { status: created ? 201 : 200, body: holidayCalendarView(calendar) };
  },
});
