/** The repositories over this process's Cosmos containers (built once, on first use). */
import { CalendarGuard } from "../booking/calendar-guard.js";
import type { BookingDeps } from "../booking/booking-deps.js";
import { loadConfig } from "../config/settings.js";
import { containers } from "./cosmos.js";
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

let repos: Promise<Repositories> | undefined;

export function repositories(): Promise<Repositories> {
  repos ??= containers().then(
    (c) => {
      const schedules = new CosmosScheduleRepository(c.schedules);
      return {
        directory: new CosmosDirectoryRepository(c.directory),
        schedules,
        meetings: new CosmosMeetingRepository(c.meetings),
        reservations: new CosmosReservationRepository(c.reservations),
        intents: new CosmosIntentRepository(c.intents),
        idempotency: new CosmosIdempotencyRepository(c.idempotency),
        guard: new CalendarGuard(schedules),
        reservationTtlMs: loadConfig().reservationTtlSeconds * 1000,
        intentGraceMs: loadConfig().intentGraceSeconds * 1000,
      };
    },
    (err) => {
      repos = undefined;
      throw err;
    },
  );
  return repos;
}
