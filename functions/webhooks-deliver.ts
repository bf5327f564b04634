import azureFunctions, { type InvocationContext } from "@azure/functions";
import { deliver } from "../shared/events/delivery.js";
import { DeliveryMessage } from "../shared/events/ports.js";
import { DELIVERY_QUEUE } from "../shared/store/delivery-queue.js";
import { eventsDeps } from "../shared/store/events-store.js";

const { app } = azureFunctions;

/** One webhook delivery per queue message; retries are new messages with a visibility delay (delivery.ts). */
export async function webhooksDeliver(message: unknown, context: InvocationContext): Promise<void> {
  const parsed = DeliveryMessage.safeParse(message);
  if (!parsed.success) {
    context.warn(JSON.stringify({ message: "not a delivery message; dropped" }));
    return;
  }
  const outcome = await deliver(await eventsDeps(), parsed.data, Date.now());
  context.log(JSON.stringify({ message: "webhook delivery", outcome, eventId: parsed.data.eventId, subscriptionId: parsed.data.subscriptionId, attempt: parsed.data.attempt }));
}

app.storageQueue("webhooks-deliver", { queueName: DELIVERY_QUEUE, connection: "AzureWebJobsStorage", handler: webhooksDeliver });
