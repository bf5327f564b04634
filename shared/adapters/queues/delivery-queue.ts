/**
 * The webhook delivery queue on Azure Storage (Azurite locally). Messages are base64-encoded JSON,
 * the encoding the Functions host's queue trigger decodes. Locally the AzureWebJobsStorage connection
 * string; in Azure the queue service URI with the managed identity (no keys).
 */
import { DefaultAzureCredential } from "@azure/identity";
import { QueueServiceClient, type QueueClient } from "@azure/storage-queue";
import type { EventsConfig } from "../../kernel/settings.js";
import { DELIVERY_QUEUE } from "../../events/events-deps.js";
import type { DeliveryMessage, DeliveryQueue } from "../../events/ports.js";

/**
 * The queue service client, made on first use (composing the app needs no storage) and then kept:
 * the composition root makes one per process, which every queue shares.
 */
export function lazyQueueService(config: EventsConfig): () => QueueServiceClient {
  let service: QueueServiceClient | undefined;
  return () => (service ??= createQueueService(config));
}

function createQueueService(config: EventsConfig): QueueServiceClient {
  if (config.queueServiceUri) {
    return new QueueServiceClient(
      config.queueServiceUri,
      new DefaultAzureCredential({ managedIdentityClientId: config.managedIdentityClientId }),
    );
  }
  if (config.storageConnection) return QueueServiceClient.fromConnectionString(config.storageConnection);
  throw new Error("no queue storage: set EVENTS_QUEUE_SERVICE_URI or AzureWebJobsStorage");
}

const encode = (message: DeliveryMessage) => Buffer.from(JSON.stringify(message)).toString("base64");

export class StorageDeliveryQueue implements DeliveryQueue {
  private ready: Promise<void> | undefined;

  constructor(
    private readonly queue: QueueClient,
    private readonly poison: QueueClient,
  ) {}

  private ensure(): Promise<void> {
    this.ready ??= Promise.all([this.queue.createIfNotExists(), this.poison.createIfNotExists()]).then(
      () => undefined,
      (err) => {
        this.ready = undefined;
        throw err;
      },
    );
    return this.ready;
  }

  async send(message: DeliveryMessage, delaySeconds = 0) {
    await this.ensure();
    // Time to live -1: a delivery waiting through the whole retry schedule must not expire (7 days by default).
    await this.queue.sendMessage(encode(message), { visibilityTimeout: Math.ceil(delaySeconds), messageTimeToLive: -1 });
  }

  async sendToPoison(message: DeliveryMessage) {
    await this.ensure();
    await this.poison.sendMessage(encode(message), { messageTimeToLive: -1 });
  }
}

/** The app's delivery queue over the queue service (made on first use). */
export function deliveryQueue(queueService: () => QueueServiceClient): DeliveryQueue {
  let queue: StorageDeliveryQueue | undefined;
  const get = () => {
    const s = queueService();
    return (queue ??= new StorageDeliveryQueue(s.getQueueClient(DELIVERY_QUEUE), s.getQueueClient(`${DELIVERY_QUEUE}-poison`)));
  };
  return { send: (m, delay) => get().send(m, delay), sendToPoison: (m) => get().sendToPoison(m) };
}
