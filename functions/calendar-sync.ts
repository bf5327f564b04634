import azureFunctions, { type InvocationContext, type Timer } from "@azure/functions";
import { syncDeps } from "../shared/calendar/sync-deps.js";
import { syncDue } from "../shared/calendar/sync.js";

const { app } = azureFunctions;

/** Every minute: Outlook busy times of synced resources not refreshed within the interval, and their subscriptions. */
export async function calendarSync(_timer: Timer, context: InvocationContext): Promise<void> {
  const deps = await syncDeps();
  if (!deps) return;
  const report = await syncDue(deps, Date.now());
  context.log(JSON.stringify({ message: "calendar sync done", ...report }));
}

app.timer("calendar-sync", { schedule: "0 */1 * * * *", handler: calendarSync });
