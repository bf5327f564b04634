/** The dispatcher's customer-messages outlet: each meeting event goes on the customer-messages queue once it is committed. */
import type { OutboxEvent } from "../booking/model/events.js";
import type { CustomerMessageOutlet } from "../events/events-deps.js";
import type { CustomerMessageQueue } from "./ports.js";

const WANTED = new Set(["meeting.created", "meeting.updated", "meeting.cancelled"]);

export function customerMessageOutlet(queue: CustomerMessageQueue): CustomerMessageOutlet {
  return {
    wants: (event: OutboxEvent) => WANTED.has(event.type),
    send: (event: OutboxEvent) => queue.send({ type: "event", eventId: event.id }),
  };
}
