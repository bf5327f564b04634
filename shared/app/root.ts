/**
 * The composition root: the one place that builds clients, repositories and services, once per
 * process, and the only module that knows which adapters implement the domain's ports.
 */
import { bookingDeps, type BookingTiming } from "../booking/booking-deps.js";
import { graphCalendar } from "../calendar/calendar-client.js";
import { loadCalendarConfig, loadConfig, loadQueryLimits } from "../config/settings.js";
import { externalBusySourceOf } from "../store/external-busy-repository.js";
import type { HandlerDeps } from "../http/handler-deps.js";
import { containers, pingDatabase, type Containers } from "../store/cosmos.js";
import { cosmosStores } from "../store/repositories.js";
import { CosmosApiKeyRepository } from "../store/api-key-repository.js";
import { pingStorage } from "../store/storage-ping.js";
import { buildEventsDeps } from "../store/events-store.js";

/** The handlers' dependencies over a set of containers (the app's, or a test's or benchmark's own client). */
export function composeApp(c: Containers, timing: BookingTiming): HandlerDeps {
  const calendarConfig = loadCalendarConfig();
  const externalBusy = externalBusySourceOf(c["external-busy"], calendarConfig);
  const booking = { ...bookingDeps(cosmosStores(c), timing, externalBusy), queryLimits: loadQueryLimits() };
  const graph = graphCalendar();
  const calendar =
    externalBusy && graph
      ? {
          directory: booking.directory,
          store: externalBusy,
          calendar: graph,
          syncIntervalMs: calendarConfig.syncIntervalMs,
          notificationUrl: calendarConfig.notificationUrl,
        }
      : undefined;
  return {
    ...booking,
    probes: { database: pingDatabase, storage: pingStorage },
    events: buildEventsDeps(c),
    apiKeys: new CosmosApiKeyRepository(c["api-keys"]),
    calendar,
  };
}

let app: Promise<HandlerDeps> | undefined;

/** This process's dependencies, built on first use; a failed build (database down) is retried on the next call. */
export function appDeps(): Promise<HandlerDeps> {
  app ??= containers().then(
    (c) => {
      const config = loadConfig();
      return composeApp(c, { reservationTtlMs: config.reservationTtlSeconds * 1000, intentGraceMs: config.intentGraceSeconds * 1000 });
    },
    (err: unknown) => {
      app = undefined;
      throw err;
    },
  );
  return app;
}
