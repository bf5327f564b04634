/**
 * The dispatcher's customer-messages outlet: the meeting events of a dispatched chunk go on the
 * customer-messages queue as one message once they are committed; with the waitlist on, an event
 * that frees a time (waitlist-match.ts) goes on it once more as a waitlist job of its own (a
 * booking's waitlist entries are marked by its event job).
 */
import type { OutboxEvent } from "../booking/model/events.js";
import type { CustomerMessageOutlet } from "../events/events-deps.js";
import { MAX_EVENTS_PER_MESSAGE, type CustomerMessageQueue } from "./ports.js";
import { freedTimeOf } from "./waitlist-match.js";

const WANTED = new Set(["meeting.created", "meeting.updated", "meeting.cancelled"]);

export function customerMessageOutlet(queue: CustomerMessageQueue, options: { waitlist?: boolean } = {}): CustomerMessageOutlet {
  const forWaitlist = (event: OutboxEvent) => !!options.waitlist && freedTimeOf(event) !== undefined;
  return {
    wants: (event: OutboxEvent) => WANTED.has(event.type) || forWaitlist(event),
    send: async (events: OutboxEvent[]) => {
      const meetingEvents = events.filter((e) => WANTED.has(e.type)).map((e) => e.id);
      for (let i = 0; i < meetingEvents.length; i += MAX_EVENTS_PER_MESSAGE)
        await queue.send({ type: "event", eventIds: meetingEvents.slice(i, i + MAX_EVENTS_PER_MESSAGE) });
      for (const event of events.filter(forWaitlist)) await queue.send({ type: "waitlist", eventId: event.id });
    },
  };
}
