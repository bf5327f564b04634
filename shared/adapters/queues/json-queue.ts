/**
 * A storage queue of base64 JSON messages, as the host's queue trigger decodes them; the queue is
 * created on first use. Time to live -1: a message waiting out a long outage (Graph, the e-mail
 * provider) must not expire (7 days by default).
 */
import type { QueueClient, QueueServiceClient } from "@azure/storage-queue";

export function jsonQueue<M>(
  queueService: () => QueueServiceClient,
  name: string,
): { send(message: M, delaySeconds?: number): Promise<void> } {
  let queue: QueueClient | undefined;
  let ready: Promise<unknown> | undefined;
  const get = async () => {
    queue ??= queueService().getQueueClient(name);
    ready ??= queue.createIfNotExists().catch((err: unknown) => {
      ready = undefined;
      throw err;
    });
    await ready;
    return queue;
  };
  return {
    async send(message: M, delaySeconds = 0) {
      await (
        await get()
      ).sendMessage(Buffer.from(JSON.stringify(message)).toString("base64"), {
        visibilityTimeout: Math.ceil(delaySeconds),
        messageTimeToLive: -1,
      });
    },
  };
}
