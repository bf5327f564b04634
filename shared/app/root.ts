/**
 * The composition root: the one place that builds clients, repositories and services, once per
 * process, and the only module that knows which adapters implement the domain's ports.
 */
import { listingSource } from "../booking/queries/external-busy.js";
import { bookingDeps, type BookingTiming } from "../booking/write/deps.js";
import { graphCalendar } from "../adapters/graph/calendar-client.js";
import { loadCalendarConfig, loadConfig, loadPersonalDataConfig, loadQueryLimits } from "../kernel/settings.js";
import type { PersonalDataCipher } from "../booking/model/personal-data.js";
import { personalDataCipher } from "./personal-data-cipher.js";
import { externalBusySourceOf } from "../adapters/cosmos/external-busy-repository.js";
import type { HandlerDeps } from "../api/edge/handler-deps.js";
import { containers, pingDatabase, type Containers } from "../adapters/cosmos/cosmos.js";
import { cosmosStores } from "../adapters/cosmos/repositories.js";
import { CosmosApiKeyRepository } from "../adapters/cosmos/api-key-repository.js";
import { pingStorage } from "../adapters/queues/storage-ping.js";
import { buildEventsDeps } from "../adapters/cosmos/events-store.js";
import { CosmosCalendarLinkRepository } from "../adapters/cosmos/calendar-link-repository.js";
import { calendarWriteQueue } from "../adapters/queues/calendar-write-queue.js";
import { calendarWriteOutlet } from "../calendar/write-outlet.js";

/**
 * The handlers' dependencies over a set of containers (the app's, or a test's or benchmark's own client).
 * The personal-data cipher comes from the settings unless given (a test process opening the stack's values).
 */
export function composeApp(
  c: Containers,
  timing: BookingTiming,
  personalData: PersonalDataCipher | undefined = personalDataCipher(loadPersonalDataConfig()),
): HandlerDeps {
  const calendarConfig = loadCalendarConfig();
  const externalBusy = externalBusySourceOf(c["external-busy"], calendarConfig);
  const booking = {
    ...bookingDeps(cosmosStores(c), timing, externalBusy, personalData),
    listingBusy: externalBusy && listingSource(externalBusy, calendarConfig.listingCacheMs),
    queryLimits: loadQueryLimits(),
  };
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
  // Meetings out: the dispatcher queues meeting changes of synced calendars, the calendar-write function applies them.
  const links = new CosmosCalendarLinkRepository(c["external-busy"]);
  const writeQueue = calendarWriteQueue();
  const calendarWrites =
    calendar && graph
      ? {
          meetings: booking.meetings,
          directory: booking.directory,
          links,
          calendar: graph,
          queue: writeQueue,
          inviteCustomers: calendarConfig.inviteCustomers,
          onlineMeetings: calendarConfig.onlineMeetings,
        }
      : undefined;
  return {
    ...booking,
    probes: { database: pingDatabase, storage: pingStorage },
    events: buildEventsDeps(c, calendarWrites ? { calendarWrites: calendarWriteOutlet(booking.directory, links, writeQueue) } : {}),
    apiKeys: new CosmosApiKeyRepository(c["api-keys"]),
    calendar,
    calendarWrites,
  };
}

let app: Promise<HandlerDeps> | undefined;

/** This process's dependencies, built on first use; a failed build (database down) is retried on the next call. */
export function appDeps(): Promise<HandlerDeps> {
  app ??= containers().then(
    (c) => {
      const config = loadConfig();
      return composeApp(c, {
        reservationTtlMs: config.reservationTtlSeconds * 1000,
        intentGraceMs: config.intentGraceSeconds * 1000,
        maxLiveReservations: config.maxLiveReservations,
      });
    },
    (err: unknown) => {
      app = undefined;
      throw err;
    },
  );
  return app;
}
