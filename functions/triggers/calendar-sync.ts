import { registerTimer } from "../../shared/app/register.js";
import { syncDue } from "../../shared/calendar/sync.js";

/** Every minute: Outlook busy times of synced resources not refreshed within the interval, and their subscriptions. */
export const calendarSync = registerTimer({
  name: "calendar-sync",
  schedule: "0 */1 * * * *",
  async run(deps, now, context) {
    if (!deps.calendar) return;
    const report = await syncDue(deps.calendar, now);
    context.log(JSON.stringify({ message: "calendar sync done", ...report }));
  },
});
