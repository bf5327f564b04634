/**
 * One queued delivery: POST the event to the subscription, signed, and decide what comes next.
 * - 2xx: delivered. 410 Gone: the subscription is disabled. Anything else (status, timeout, refused):
 *   the next try is queued with a delay from the retry schedule (with jitter, never before
 *   Retry-After); after the last try the message goes to the poison queue.
 * - Order per aggregate (a meeting, a reservation): seq n goes out to a subscription only when every
 *   earlier event of that aggregate the subscription gets is delivered or given up. Otherwise the
 *   message comes back later, without counting as a try.
 * - A message whose delivery is already final, or from a stale chain, is dropped (deduplication).
 */
import { eventId, webhookPayload, type OutboxEvent } from "../booking/model/events.js";
import { meetergoPayload } from "./meetergo-payload.js";
import type { EventsDeps } from "./events-deps.js";
import type { DeliveryAttempt, DeliveryMessage, DeliveryState, WebhookResponse, WebhookSubscription } from "./ports.js";
import { nextRetryDelay, retryAfterSeconds } from "./retry-schedule.js";
import { liveSecrets, signatureHeaders } from "./signing.js";

/** How far back the order check looks (older events of an aggregate were settled long ago). */
const MAX_WALK = 20;

export type DeliveryOutcome = "delivered" | "retrying" | "failed" | "disabled" | "waiting" | "dropped";

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Seconds to wait before event can go to subscriptionId, or undefined when it may go now. */
export async function orderingWait(
  deps: EventsDeps,
  subscriptionId: string,
  event: OutboxEvent,
  waits: number,
  now: number,
): Promise<number | undefined> {
  const backoff = clamp(2 ** waits, 1, 30);
  for (let k = event.seq - 1, steps = 0; k >= 1 && steps < MAX_WALK; k--, steps++) {
    const previousId = eventId(event.aggregate, k);
    const state = await deps.deliveries.getState(subscriptionId, previousId);
    if (state) {
      // Settled: it passed this same check itself, so everything before it is settled too.
      if (state.status !== "pending") return undefined;
      const next = state.nextAttemptAt ? (Date.parse(state.nextAttemptAt) - now) / 1000 + 1 : backoff;
      return clamp(next, 1, 3600);
    }
    if (await deps.outbox.isPending(previousId)) return backoff; // not queued yet: it may be for this subscription
    const inFlight = await deps.operationInFlight(event.aggregate, k); // read before the event: see EventsDeps
    if (!(await deps.outbox.get(previousId))) {
      // Not written yet: its operation is still running, or waiting for the sweeper to finish it.
      if (inFlight && now - Date.parse(event.timestamp) < deps.gapWaitMs) return backoff;
    }
    // Dispatched without a state for this subscription (not one of its event types), or given up: look further back.
  }
  return undefined;
}

function outcomeOf(res: WebhookResponse, delay: number | undefined): DeliveryAttempt["outcome"] {
  if (res.status !== null && res.status >= 200 && res.status < 300) return "delivered";
  if (res.status === 410) return "disabled";
  return delay === undefined ? "failed" : "retrying";
}

async function record(
  deps: EventsDeps,
  msg: DeliveryMessage,
  event: OutboxEvent,
  res: WebhookResponse,
  outcome: DeliveryAttempt["outcome"],
  now: number,
) {
  await deps.deliveries.addAttempt({
    id: `attempt:${event.id}:${msg.attempt}:${msg.chainId}`,
    kind: "attempt",
    subscriptionId: msg.subscriptionId,
    eventId: event.id,
    eventType: event.type,
    attempt: msg.attempt,
    replay: msg.replay,
    at: new Date(now).toISOString(),
    statusCode: res.status,
    error: res.error,
    latencyMs: res.latencyMs,
    outcome,
  });
}

async function settle(deps: EventsDeps, state: DeliveryState | undefined, patch: Partial<DeliveryState>, now: number) {
  if (state) await deps.deliveries.saveState({ ...state, ...patch, updatedAt: new Date(now).toISOString() });
}

async function disable(deps: EventsDeps, sub: WebhookSubscription, now: number) {
  const current = (await deps.subscriptions.get(sub.id)) ?? sub;
  await deps.subscriptions.replace({
    ...current,
    status: "disabled",
    disabledReason: "the receiver answered 410 Gone",
    updatedAt: new Date(now).toISOString(),
  });
}

export async function deliver(deps: EventsDeps, msg: DeliveryMessage, now: number): Promise<DeliveryOutcome> {
  const event = await deps.outbox.get(msg.eventId);
  if (!event) return "dropped";
  const state = msg.replay ? undefined : await deps.deliveries.getState(msg.subscriptionId, msg.eventId);
  if (!msg.replay && (!state || state.chainId !== msg.chainId || state.status !== "pending")) return "dropped";
  const sub = await deps.subscriptions.get(msg.subscriptionId);
  if (!sub || sub.status !== "active") {
    await settle(deps, state, { status: "failed", nextAttemptAt: null }, now);
    return "dropped";
  }
  if (!msg.replay) {
    const wait = await orderingWait(deps, sub.id, event, msg.waits, now);
    if (wait !== undefined) {
      await deps.queue.send({ ...msg, waits: msg.waits + 1 }, wait);
      return "waiting";
    }
  }

  const body = JSON.stringify(
    sub.format === "meetergo" ? meetergoPayload(event, sub.includePersonalData) : webhookPayload(event, sub.includePersonalData),
  );
  const headers = signatureHeaders(event.id, new Date(now), body, liveSecrets(sub.secrets, now));
  const res = await deps.sender.post(sub.url, headers, body, deps.webhookTimeoutMs);
  const done = Date.now();
  const delivered = res.status !== null && res.status >= 200 && res.status < 300;
  const delay =
    delivered || res.status === 410 ? undefined : nextRetryDelay(msg.attempt, deps.retrySchedule, retryAfterSeconds(res.retryAfter, done));
  const outcome = outcomeOf(res, delay);
  await record(deps, msg, event, res, outcome, now);

  if (outcome === "retrying") {
    await deps.queue.send({ ...msg, attempt: msg.attempt + 1, waits: 0 }, delay);
    await settle(deps, state, { attempts: msg.attempt, nextAttemptAt: new Date(done + delay! * 1000).toISOString() }, done);
    return outcome;
  }
  if (outcome === "failed") await deps.queue.sendToPoison(msg);
  if (outcome === "disabled") await disable(deps, sub, done);
  await settle(deps, state, { attempts: msg.attempt, status: outcome === "delivered" ? "delivered" : "failed", nextAttemptAt: null }, done);
  return outcome;
}
