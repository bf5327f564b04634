/** What the calendar-sync timer and the notification function work with, or undefined when sync is off. */
import { loadCalendarConfig } from "../config/settings.js";
import { containers } from "../store/cosmos.js";
import { externalBusySourceOf } from "../store/external-busy-repository.js";
import { repositories } from "../store/repositories.js";
import { graphCalendar } from "./calendar-client.js";
import type { SyncDeps } from "./sync.js";

export async function syncDeps(): Promise<SyncDeps | undefined> {
  const config = loadCalendarConfig();
  const calendar = graphCalendar();
  if (!config.enabled || !calendar) return undefined;
  const [repos, c] = await Promise.all([repositories(), containers()]);
  return { directory: repos.directory, store: externalBusySourceOf(c["external-busy"], config)!, calendar, syncIntervalMs: config.syncIntervalMs, notificationUrl: config.notificationUrl };
}
