/** The Cosmos DB implementations of the booking ports over a set of containers. */
import type { Stores } from "../../booking/model/ports.js";
import type { Containers } from "./cosmos.js";
import { CosmosDirectoryRepository } from "./directory-repository.js";
import { CosmosIdempotencyRepository } from "./idempotency-repository.js";
import { CosmosIntentRepository } from "./intent-repository.js";
import { CosmosMeetingRepository, type SubjectsOf } from "./meeting-repository.js";
import { CosmosReservationRepository } from "./reservation-repository.js";
import { CosmosScheduleRepository } from "./schedule-repository.js";
import { CosmosOutboxRepository } from "./outbox-repository.js";
import { CosmosAuditTrail } from "./audit-repository.js";

/** subjectsOf: the subject index the meetings carry (shared/privacy); absent: none written. */
export function cosmosStores(c: Containers, subjectsOf?: SubjectsOf): Stores {
  return {
    directory: new CosmosDirectoryRepository(c.directory),
    schedules: new CosmosScheduleRepository(c.schedules),
    meetings: new CosmosMeetingRepository(c.meetings, subjectsOf),
    reservations: new CosmosReservationRepository(c.reservations),
    intents: new CosmosIntentRepository(c.intents),
    idempotency: new CosmosIdempotencyRepository(c.idempotency),
    outbox: new CosmosOutboxRepository(c.events, c.outbox),
    audit: new CosmosAuditTrail(c.audit),
  };
}
