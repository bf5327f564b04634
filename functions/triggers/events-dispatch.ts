import { registerTimer } from "../../shared/app/register.js";
import { dispatch } from "../../shared/events/dispatcher.js";

/**
 * Every second: the outbox's events go to the delivery queue, one message per subscription.
 * A timer, not a Cosmos DB trigger: the embedded Cosmos server's change feed sees nothing after its
 * first read, and the outbox query is cheap because the outbox holds only what is not queued yet.
 */
export const eventsDispatch = registerTimer({
  name: "events-dispatch",
  schedule: "*/1 * * * * *",
  async run(deps, now, context) {
    const report = await dispatch(deps.events, now);
    if (report.events > 0) context.log(JSON.stringify({ message: "events dispatched", ...report }));
  },
});
