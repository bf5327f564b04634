/**
 * Replay: deliver logged events to one subscription again, on request (one event, or a time range).
 * Replays go through the queue with the same retries, signed as always and with the same webhook-id
 * (receivers deduplicate by it), outside the delivered-once check and the per-aggregate order.
 */
import { randomUUID } from "node:crypto";
import { NotFoundError } from "../kernel/errors.js";
import type { OutboxEvent } from "../booking/model/events.js";
import type { EventsDeps } from "./events-deps.js";
import type { WebhookSubscription } from "./ports.js";

/** At most this many events per replay request; a longer range is cut (truncated: true). */
export const MAX_REPLAY = 1000;

export type ReplayRequest = { eventId: string } | { from: string; to: string };

async function eventsFor(deps: EventsDeps, request: ReplayRequest): Promise<{ events: OutboxEvent[]; truncated: boolean }> {
  if ("eventId" in request) {
    const event = await deps.outbox.get(request.eventId);
    if (!event) throw new NotFoundError("event", request.eventId);
    return { events: [event], truncated: false };
  }
  const events: OutboxEvent[] = [];
  let token: string | undefined;
  do {
    const page = await deps.outbox.between(request.from, request.to, 200, token);
    events.push(...page.items);
    token = page.continuationToken;
  } while (token && events.length < MAX_REPLAY);
  return { events: events.slice(0, MAX_REPLAY), truncated: events.length > MAX_REPLAY || token !== undefined };
}

export async function replay(
  deps: EventsDeps,
  sub: WebhookSubscription,
  request: ReplayRequest,
): Promise<{ queued: number; truncated: boolean }> {
  const { events, truncated } = await eventsFor(deps, request);
  const wanted = "eventId" in request ? events : events.filter((e) => sub.eventTypes.includes(e.type));
  for (const e of wanted) {
    await deps.queue.send({ eventId: e.id, subscriptionId: sub.id, attempt: 1, chainId: `replay-${randomUUID()}`, replay: true, waits: 0 });
  }
  return { queued: wanted.length, truncated };
}
