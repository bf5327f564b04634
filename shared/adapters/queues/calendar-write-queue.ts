/** The calendar-writes queue on Azure Storage: base64 JSON messages, as the host's queue trigger decodes them. */
import type { QueueClient, QueueServiceClient } from "@azure/storage-queue";
import { CALENDAR_WRITE_QUEUE, type CalendarWriteMessage, type CalendarWriteQueue } from "../../calendar/write-queue.js";

export function calendarWriteQueue(queueService: () => QueueServiceClient): CalendarWriteQueue {
  let queue: QueueClient | undefined;
  let ready: Promise<unknown> | undefined;
  const get = async () => {
    queue ??= queueService().getQueueClient(CALENDAR_WRITE_QUEUE);
    ready ??= queue.createIfNotExists().catch((err: unknown) => {
      ready = undefined;
      throw err;
    });
    await ready;
    return queue;
  };
  return {
    async send(message: CalendarWriteMessage, delaySeconds = 0) {
      // Time to live -1: a write waiting out a long Graph outage must not expire (7 days by default).
      await (
        await get()
      ).sendMessage(Buffer.from(JSON.stringify(message)).toString("base64"), {
        visibilityTimeout: Math.ceil(delaySeconds),
        messageTimeToLive: -1,
      });
    },
  };
}
