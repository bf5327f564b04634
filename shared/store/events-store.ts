/** The event ports over a set of Cosmos containers and the storage queue (the composition root builds them once). */
import { loadEventsConfig } from "../config/settings.js";
import type { EventsDeps } from "../events/events-deps.js";
import { fetchSender } from "../events/fetch-sender.js";
import { parseSchedule } from "../events/retry-schedule.js";
import type { Containers } from "./cosmos.js";
import { CosmosDeliveryRepository } from "./delivery-repository.js";
import { deliveryQueue } from "./delivery-queue.js";
import { CosmosOutboxRepository } from "./outbox-repository.js";
import { CosmosSubscriptionRepository } from "./webhook-repository.js";

export function buildEventsDeps(c: Containers, overrides: Partial<EventsDeps> = {}): EventsDeps {
  const config = loadEventsConfig();
  return {
    outbox: new CosmosOutboxRepository(c.events, c.outbox),
    subscriptions: new CosmosSubscriptionRepository(c.webhooks),
    deliveries: new CosmosDeliveryRepository(c.deliveries),
    queue: overrides.queue ?? deliveryQueue(),
    sender: fetchSender,
    retrySchedule: parseSchedule(config.retrySchedule),
    webhookTimeoutMs: config.webhookTimeoutSeconds * 1000,
    gapWaitMs: config.gapWaitMs,
    ...overrides,
  };
}
