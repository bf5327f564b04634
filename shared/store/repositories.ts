/** The repositories over this process's Cosmos containers (built once, on first use). */
import { CalendarGuard } from "../booking/calendar-guard.js";
import { installExternalBusySource } from "../booking/external-busy.js";
import type { BookingDeps } from "../booking/booking-deps.js";
import { loadConfig } from "../config/settings.js";
import { containers, type Containers } from "./cosmos.js";
import { externalBusySourceOf } from "./external-busy-repository.js";
import { CosmosDirectoryRepository, type DirectoryRepository } from "./directory-repository.js";
import { CosmosIdempotencyRepository, type IdempotencyRepository } from "./idempotency-repository.js";
import { CosmosIntentRepository } from "./intent-repository.js";
import { CosmosMeetingRepository } from "./meeting-repository.js";
import { CosmosReservationRepository } from "./reservation-repository.js";
import { CosmosScheduleRepository } from "./schedule-repository.js";

export interface Repositories extends BookingDeps {
  directory: DirectoryRepository;
  idempotency: IdempotencyRepository;
}

/** The repositories over a set of containers (the app's, or a test's or benchmark's own client). */
export function buildRepositories(c: Containers, timing: { reservationTtlMs: number; intentGraceMs?: number }): Repositories {
  const schedules = new CosmosScheduleRepository(c.schedules);
  return {
    directory: new CosmosDirectoryRepository(c.directory),
    schedules,
    meetings: new CosmosMeetingRepository(c.meetings),
    reservations: new CosmosReservationRepository(c.reservations),
    intents: new CosmosIntentRepository(c.intents),
    idempotency: new CosmosIdempotencyRepository(c.idempotency),
    guard: new CalendarGuard(schedules),
    ...timing,
  };
}

let repos: Promise<Repositories> | undefined;

export function repositories(): Promise<Repositories> {
  repos ??= containers().then(
    (c) => {
      const config = loadConfig();
      installExternalBusySource(externalBusySourceOf(c["external-busy"])); // Outlook busy times (issue 14)
      return buildRepositories(c, { reservationTtlMs: config.reservationTtlSeconds * 1000, intentGraceMs: config.intentGraceSeconds * 1000 });
    },
    (err) => {
      repos = undefined;
      throw err;
    },
  );
  return repos;
}
