/** The customer-messages queue on Azure Storage: base64 JSON messages, as the host's queue trigger decodes them. */
import type { QueueClient, QueueServiceClient } from "@azure/storage-queue";
import { CUSTOMER_MESSAGE_QUEUE, type CustomerMessage, type CustomerMessageQueue } from "../../messages/ports.js";

export function customerMessageQueue(queueService: () => QueueServiceClient): CustomerMessageQueue {
  let queue: QueueClient | undefined;
  let ready: Promise<unknown> | undefined;
  const get = async () => {
    queue ??= queueService().getQueueClient(CUSTOMER_MESSAGE_QUEUE);
    ready ??= queue.createIfNotExists().catch((err: unknown) => {
      ready = undefined;
      throw err;
    });
    await ready;
    return queue;
  };
  return {
    async send(message: CustomerMessage, delaySeconds = 0) {
      // Time to live -1: a message waiting out a long provider outage must not expire (7 days by default).
      await (
        await get()
      ).sendMessage(Buffer.from(JSON.stringify(message)).toString("base64"), {
        visibilityTimeout: Math.ceil(delaySeconds),
        messageTimeToLive: -1,
      });
    },
  };
}
