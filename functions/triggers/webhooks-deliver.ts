import { registerQueue } from "../../shared/app/register.js";
import { isUnavailable } from "../../shared/kernel/errors.js";
import { deliver } from "../../shared/events/delivery.js";
import { DeliveryMessage } from "../../shared/events/ports.js";
import { DELIVERY_QUEUE } from "../../shared/events/events-deps.js";

/** One webhook delivery per queue message; retries are new messages with a visibility delay (delivery.ts). */
export const webhooksDeliver = registerQueue({
  name: "webhooks-deliver",
  queueName: DELIVERY_QUEUE,
  connection: "AzureWebJobsStorage",
  async run(deps, message, now, context) {
    const parsed = DeliveryMessage.safeParse(message);
    if (!parsed.success) {
      context.warn(JSON.stringify({ message: "not a delivery message; dropped" }));
      return;
    }
    let outcome: string;
    try {
      outcome = await deliver(deps.events, parsed.data, now);
    } catch (err) {
      // The database is down: come back later instead of spending the host's few dequeues (and the poison queue) on an outage.
      if (!isUnavailable(err)) throw err;
      await deps.events.queue.send(parsed.data, 15);
      outcome = "deferred (database unavailable)";
    }
    context.log(
      JSON.stringify({
        message: "webhook delivery",
        outcome,
        eventId: parsed.data.eventId,
        subscriptionId: parsed.data.subscriptionId,
        attempt: parsed.data.attempt,
      }),
    );
  },
});
