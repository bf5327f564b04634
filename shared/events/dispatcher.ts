/**
 * Outbox -> delivery queue: for each pending event, one message per subscription that wants it,
 * for a meeting event that concerns a synced Outlook calendar one on the calendar-writes queue, and
 * for a meeting event one on the customer-messages queue (customer e-mail and SMS).
 * A delivery state (subscription, event) is created first, create-if-absent, so a dispatcher that
 * crashed after queueing re-queues only deliveries still pending, under the same chain id; the
 * event leaves the outbox once every subscription's message is queued.
 */
import { randomUUID } from "node:crypto";
import type { OutboxEvent } from "../booking/model/events.js";
import type { EventsDeps } from "./events-deps.js";
import type { WebhookSubscription } from "./ports.js";
import { wants } from "./subscriptions.js";

const BATCH = 100;
const PARALLEL = 16;
/** A timer run stops after this many batches; the next run carries on. */
const MAX_BATCHES = 20;

export interface DispatchReport {
  events: number;
  messages: number;
}

async function dispatchOne(deps: EventsDeps, event: OutboxEvent, subs: WebhookSubscription[], now: number): Promise<number> {
  let messages = 0;
  for (const sub of subs.filter((s) => wants(s, event.type))) {
    const state = await deps.deliveries.createState({
      id: "",
      kind: "state",
      subscriptionId: sub.id,
      eventId: event.id,
      chainId: randomUUID(),
      status: "pending",
      attempts: 0,
      nextAttemptAt: new Date(now).toISOString(),
      updatedAt: new Date(now).toISOString(),
    });
    // A state with tries behind it has its next message in the queue already.
    if (state.status !== "pending" || state.attempts > 0) continue;
    await deps.queue.send({ eventId: event.id, subscriptionId: sub.id, attempt: 1, chainId: state.chainId, replay: false, waits: 0 });
    messages++;
  }
  // Before the event leaves the outbox: a crash here sends it again, which the writer shrugs off.
  if (deps.calendarWrites && event.aggregate.startsWith("meeting:") && (await deps.calendarWrites.wants(event))) {
    await deps.calendarWrites.send(event.aggregate.slice("meeting:".length));
    messages++;
  }
  return messages;
}

/** One chunk: each event's deliveries, the chunk's customer messages in one go, then out of the outbox. */
async function dispatchChunk(deps: EventsDeps, events: OutboxEvent[], subs: WebhookSubscription[], now: number): Promise<number> {
  const counts = await Promise.all(events.map((e) => dispatchOne(deps, e, subs, now)));
  const outlet = deps.customerMessages;
  const forCustomers = outlet ? events.filter((e) => outlet.wants(e)) : [];
  if (outlet && forCustomers.length) await outlet.send(forCustomers);
  // Before the events leave the outbox: a crash here queues them again, which the senders shrug off.
  await Promise.all(events.map((e) => deps.outbox.markDispatched(e.id)));
  return counts.reduce((a, b) => a + b, 0) + forCustomers.length;
}

export async function dispatch(deps: EventsDeps, now: number): Promise<DispatchReport> {
  const report: DispatchReport = { events: 0, messages: 0 };
  let subs: WebhookSubscription[] | undefined;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const batch = await deps.outbox.pending(BATCH);
    if (batch.length === 0) break;
    subs ??= (await deps.subscriptions.list()).filter((s) => s.status === "active");
    for (let j = 0; j < batch.length; j += PARALLEL) report.messages += await dispatchChunk(deps, batch.slice(j, j + PARALLEL), subs, now);
    report.events += batch.length;
    if (batch.length < BATCH) break;
  }
  return report;
}
