import azureFunctions, { type InvocationContext, type Timer } from "@azure/functions";
import { dispatch } from "../shared/events/dispatcher.js";
import { eventsDeps } from "../shared/store/events-store.js";

const { app } = azureFunctions;

/**
 * Every 2 seconds: the outbox's events go to the delivery queue, one message per subscription.
 * A timer, not a Cosmos DB trigger: the embedded Cosmos server's change feed sees nothing after its
 * first read, and the outbox query is cheap while the outbox stays near empty.
 */
export async function eventsDispatch(_timer: Timer, context: InvocationContext): Promise<void> {
  const report = await dispatch(await eventsDeps(), Date.now());
  if (report.events > 0) context.log(JSON.stringify({ message: "events dispatched", ...report }));
}

app.timer("events-dispatch", { schedule: "*/2 * * * * *", handler: eventsDispatch });
