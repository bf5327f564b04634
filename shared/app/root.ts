/**
 * The composition root: the one place that builds clients, repositories and services, once per
 * process, from the settings parsed once at start-up, and the only module that knows which adapters
 * implement the domain's ports.
 */
import type { CosmosClient } from "@azure/cosmos";
import { listingSource } from "../booking/queries/external-busy.js";
import { listingCalendars } from "../booking/queries/listing-calendars.js";
import { bookingDeps } from "../booking/write/deps.js";
import { graphCalendar } from "../adapters/graph/calendar-client.js";
import { loadSettings, type Settings } from "../kernel/settings.js";
import type { PersonalDataCipher } from "../booking/model/personal-data.js";
import { personalDataCipher } from "./personal-data-cipher.js";
import { externalBusySourceOf } from "../adapters/cosmos/external-busy-repository.js";
import type { HandlerDeps } from "../api/edge/handler-deps.js";
import { tokenVerifier } from "../api/edge/auth.js";
import { createCosmosClient, databaseProbe, ensureContainers, type Containers } from "../adapters/cosmos/cosmos.js";
import { cosmosStores } from "../adapters/cosmos/repositories.js";
import { CosmosApiKeyRepository } from "../adapters/cosmos/api-key-repository.js";
import { storageProbe } from "../adapters/queues/storage-ping.js";
import { deliveryQueue, lazyQueueService } from "../adapters/queues/delivery-queue.js";
import { buildEventsDeps } from "../adapters/cosmos/events-store.js";
import { CosmosCalendarLinkRepository } from "../adapters/cosmos/calendar-link-repository.js";
import { calendarWriteQueue } from "../adapters/queues/calendar-write-queue.js";
import { calendarWriteOutlet } from "../calendar/write-outlet.js";
import { messagesDeps } from "../adapters/acs/messages-deps.js";
import { customerMessageOutlet } from "../messages/outlet.js";
import { waitlistDeps, withWaitlist } from "./waitlist-deps.js";
import { subjectKeyer } from "../privacy/subject-keys.js";
import { cosmosPrivacyDeps } from "../adapters/cosmos/privacy-deps.js";
import { cosmosShredKeys } from "../adapters/cosmos/privacy-shred-keys.js";
import { shreddingCipher } from "../privacy/shredding-cipher.js";

/**
 * The handlers' dependencies over a set of containers (the app's, or a test's or benchmark's own client
 * with the stack's settings). The personal-data cipher comes from the settings unless given.
 */
export function composeApp(
  c: Containers,
  settings: Settings,
  given: { cosmos?: CosmosClient; personalData?: PersonalDataCipher } = {},
): HandlerDeps {
  const { app, calendar: calendarConfig } = settings;
  const timing = {
    reservationTtlMs: app.reservationTtlSeconds * 1000,
    intentGraceMs: app.intentGraceSeconds * 1000,
    maxLiveReservations: app.maxLiveReservations,
  };
  const externalBusy = externalBusySourceOf(c["external-busy"], calendarConfig);
  // The subject index: every meeting write carries its keys (shared/privacy/subject-keys.ts).
  const keyer = subjectKeyer(settings.privacy.indexKey);
  // Sealed values get a shred key of their own, which an erasure destroys (shared/privacy/shredding-cipher.ts).
  const shredKeys = cosmosShredKeys(c.privacy);
  const envelope = given.personalData ?? personalDataCipher(settings.personalData);
  // Availability listings may reuse calendar documents for a few seconds; the booking check always reads (listing-calendars.ts).
  const stores = cosmosStores(c, (m) => keyer.keysOf(m));
  const calendars = listingCalendars(stores.schedules, settings.availabilityCalendarCacheMs ?? 0);
  const booking = {
    ...bookingDeps({ ...stores, schedules: calendars.fresh }, timing, externalBusy, envelope && shreddingCipher(envelope, shredKeys)),
    listingBusy: externalBusy && listingSource(externalBusy, calendarConfig.listingCacheMs),
    listingSchedules: calendars.listing,
    queryLimits: settings.queryLimits,
  };
  const graph = graphCalendar(calendarConfig);
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
  const queues = lazyQueueService(settings.events);
  const links = new CosmosCalendarLinkRepository(c["external-busy"]);
  const writeQueue = calendarWriteQueue(queues);
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
  // Customer e-mail and SMS: the dispatcher queues meeting events, the messages-send function sends (absent: messages off).
  const messages = messagesDeps(settings.messages, {
    container: c.messages,
    queueService: queues,
    events: { get: (id) => events.outbox.get(id) },
    meetings: booking.meetings,
    directory: booking.directory,
    contactKey: (contact) => keyer.keyOf(contact),
    outbox: { add: (e) => booking.outbox.add(e), get: (id) => events.outbox.get(id) },
  });
  // The waitlist: joined through the APIs; its offers ride the messages (waitlist-offers.ts).
  const waitlist = waitlistDeps(c.waitlist, booking, keyer);
  const outlets = {
    ...(calendarWrites ? { calendarWrites: calendarWriteOutlet(booking.directory, links, writeQueue) } : {}),
    ...(messages ? { customerMessages: customerMessageOutlet(messages.queue, { waitlist: true }) } : {}),
  };
  const events = buildEventsDeps(c, settings.events, deliveryQueue(queues), outlets);
  return {
    ...booking,
    settings,
    authenticate: tokenVerifier(app),
    probes: {
      database: given.cosmos ? databaseProbe(given.cosmos, app.cosmosDatabase) : async () => undefined,
      storage: storageProbe(settings.hostStorage),
    },
    events,
    apiKeys: new CosmosApiKeyRepository(c["api-keys"]),
    calendar,
    calendarWrites,
    messages: withWaitlist(waitlist, messages),
    waitlist,
    privacy: cosmosPrivacyDeps(c, settings.privacy, keyer, {
      outbox: booking.outbox,
      shredKeys,
      calendarWrite: calendarWrites ? (meetingId) => writeQueue.send({ meetingId, attempt: 1 }) : undefined,
    }),
  };
}

let app: Promise<HandlerDeps> | undefined;

/** This process's dependencies, built on first use; a failed build (database down) is retried on the next call. */
export function appDeps(): Promise<HandlerDeps> {
  app ??= (async () => {
    const settings = loadSettings();
    const cosmos = createCosmosClient(settings.app);
    return composeApp(await ensureContainers(cosmos, settings.app.cosmosDatabase), settings, { cosmos });
  })().catch((err: unknown) => {
    app = undefined;
    throw err;
  });
  return app;
}
