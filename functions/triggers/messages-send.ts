import { registerQueue } from "../../shared/app/register.js";
import { isUnavailable } from "../../shared/kernel/errors.js";
import { handleCustomerMessage } from "../../shared/messages/handle.js";
import { CUSTOMER_MESSAGE_QUEUE, CustomerMessage } from "../../shared/messages/ports.js";
import { retryDelaySeconds } from "../../shared/calendar/write-queue.js";

/**
 * Customer e-mail and SMS, one queue message per dispatched chunk of committed meeting events (queued
 * by the events dispatcher) or due reminder (queued by messages-reminders). ACS throttled or down, another host
 * sending the same message, or a database outage come back as a new delayed message (Retry-After
 * honoured, backoff up to 10 minutes), so an outage of any length delays and never loses a message;
 * the delivery records keep every message to one send. Logs carry ids, kinds and counts only.
 */
export const messagesSend = registerQueue({
  name: "messages-send",
  queueName: CUSTOMER_MESSAGE_QUEUE,
  connection: "AzureWebJobsStorage",
  async run(deps, message, now, context) {
    const parsed = CustomerMessage.safeParse(message);
    const messages = deps.messages;
    if (!parsed.success || !messages) {
      context.warn(JSON.stringify({ message: parsed.success ? "customer messages are off; dropped" : "not a customer message; dropped" }));
      return;
    }
    const job = parsed.data;
    const ref =
      job.type === "reminder"
        ? { reminderId: job.reminderId }
        : job.type === "event"
          ? { events: job.eventIds.length }
          : { eventId: job.eventId };
    let line: Record<string, unknown>;
    try {
      const report = await handleCustomerMessage(messages, job, now);
      line = { message: "customer messages", type: job.type, ...ref, attempt: job.attempt, ...report };
      if (report.outcome === "retry") {
        const delay = retryDelaySeconds(job.attempt, report.retryAfterMs);
        // An event message comes back with only the events still to do.
        const rest = job.type === "event" && report.retryEventIds ? { ...job, eventIds: report.retryEventIds } : job;
        await messages.queue.send({ ...rest, attempt: job.attempt + 1 }, delay);
        line.retryInSeconds = delay;
      }
    } catch (err) {
      if (!isUnavailable(err)) throw err;
      await messages.queue.send({ ...job, attempt: job.attempt + 1 }, 15);
      line = { message: "customer messages", type: job.type, ...ref, attempt: job.attempt, outcome: "retry", code: "database_unavailable" };
    }
    if (line.failed) context.warn(JSON.stringify(line));
    else context.log(JSON.stringify(line));
  },
});
