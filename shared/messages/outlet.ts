/**
 * The dispatcher's customer-messages outlet: each meeting event goes on the customer-messages queue
 * once it is committed; with the waitlist on, an event that frees a time (waitlist-match.ts) goes on
 * it once more as a waitlist job (a booking's waitlist entries are marked by its event job).
 */
import type { OutboxEvent } from "../booking/model/events.js";
import type { CustomerMessageOutlet } from "../events/events-deps.js";
import type { CustomerMessageQueue } from "./ports.js";
import { freedTimeOf } from "./waitlist-match.js";

const WANTED = new Set(["meeting.created", "meeting.updated", "meeting.cancelled"]);

export function customerMessageOutlet(queue: CustomerMessageQueue, options: { waitlist?: boolean } = {}): CustomerMessageOutlet {
  const forWaitlist = (event: OutboxEvent) => !!options.waitlist && freedTimeOf(event) !== undefined;
  return {
    wants: (event: OutboxEvent) => WANTED.has(event.type) || forWaitlist(event),
    send: async (event: OutboxEvent) => {
      if (WANTED.has(event.type)) await queue.send({ type: "event", eventId: event.id });
      if (forWaitlist(event)) await queue.send({ type: "waitlist", eventId: event.id });
    },
  };
}
