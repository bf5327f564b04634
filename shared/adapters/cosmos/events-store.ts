/** The event ports over a set of Cosmos containers and the storage queue (the composition root builds them once). */
import type { EventsConfig } from "../../kernel/settings.js";
import type { EventsDeps } from "../../events/events-deps.js";
import type { DeliveryQueue } from "../../events/ports.js";
import { fetchSender } from "../webhook-sender/fetch-sender.js";
import { parseSchedule } from "../../events/retry-schedule.js";
import type { Container } from "@azure/cosmos";
import type { Containers } from "./cosmos.js";
import { isNotFound } from "./cosmos-errors.js";
import { CosmosDeliveryRepository } from "./delivery-repository.js";
import { CosmosOutboxRepository } from "./outbox-repository.js";
import { CosmosSubscriptionRepository } from "./webhook-repository.js";

/** The intents that would write event seq of an aggregate (write-protocol intent ids). */
export function intentIdsFor(aggregate: string, seq: number): string[] {
  const [kind, id] = [aggregate.slice(0, aggregate.indexOf(":")), aggregate.slice(aggregate.indexOf(":") + 1)];
  if (kind === "reservation") return seq === 1 ? [`reserve:${id}`] : [];
  return seq === 1 ? [`book:${id}`] : [`move:${id}:${seq}`, `cancel:${id}:${seq}`];
}

async function exists(container: Container, id: string): Promise<boolean> {
  try {
    const { resource } = await container.item(id, id).read<Record<string, unknown>>();
    return resource !== undefined;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}

export function buildEventsDeps(
  c: Containers,
  config: EventsConfig,
  queue: DeliveryQueue,
  overrides: Partial<EventsDeps> = {},
): EventsDeps {
  return {
    outbox: new CosmosOutboxRepository(c.events, c.outbox),
    subscriptions: new CosmosSubscriptionRepository(c.webhooks),
    deliveries: new CosmosDeliveryRepository(c.deliveries),
    queue,
    sender: fetchSender,
    retrySchedule: parseSchedule(config.retrySchedule),
    webhookTimeoutMs: config.webhookTimeoutSeconds * 1000,
    gapWaitMs: config.gapWaitMs,
    operationInFlight: async (aggregate, seq) =>
      (await Promise.all(intentIdsFor(aggregate, seq).map((id) => exists(c.intents, id)))).some(Boolean),
    ...overrides,
  };
}
