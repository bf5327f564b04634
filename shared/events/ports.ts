/**
 * The ports of event delivery: the outbox and event log, webhook subscriptions, delivery records,
 * the delivery queue and the HTTP sender. Cosmos DB and Azure Storage implement them in shared/store.
 */
import { z } from "zod";
import { EventType, OutboxEvent } from "../booking/model/events.js";

export interface Page<T> {
  items: T[];
  continuationToken?: string;
}

/**
 * Events exist once, by id. add() writes the event to the log (kept for replay) and to the outbox
 * (pending dispatch), each create-if-absent: writing an event again is a no-op. The dispatcher
 * removes it from the outbox once it is queued for every subscription.
 */
export interface OutboxRepository {
  add(event: OutboxEvent): Promise<void>;
  get(id: string): Promise<OutboxEvent | undefined>;
  /** Events still to dispatch, oldest first. */
  pending(limit: number): Promise<OutboxEvent[]>;
  /** True while the event has not been dispatched yet. */
  isPending(id: string): Promise<boolean>;
  markDispatched(id: string): Promise<void>;
  /** Logged events with from <= timestamp <= to, oldest first. */
  between(from: string, to: string, limit: number, continuationToken?: string): Promise<Page<OutboxEvent>>;
}

export const WebhookSecret = z.object({ secret: z.string(), createdAt: z.string(), expiresAt: z.string().nullable() });

export const WebhookSubscription = z.object({
  id: z.string(),
  url: z.string(),
  eventTypes: z.array(EventType),
  description: z.string().nullable(),
  includePersonalData: z.boolean(),
  /** The payload shape: BookMe's Standard Webhooks {type, timestamp, data}, or meetergo's booking_* payload. */
  format: z.enum(["bookme", "meetergo"]).default("bookme"),
  status: z.enum(["active", "disabled"]),
  disabledReason: z.string().nullable(),
  /** Newest first; an older one signs too until it expires (rotation grace). */
  secrets: z.array(WebhookSecret),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WebhookSubscription = z.output<typeof WebhookSubscription>;

export interface SubscriptionRepository {
  get(id: string): Promise<WebhookSubscription | undefined>;
  list(): Promise<WebhookSubscription[]>;
  create(sub: WebhookSubscription): Promise<void>;
  replace(sub: WebhookSubscription): Promise<void>;
  delete(id: string): Promise<boolean>;
}

/** Per (subscription, event): the delivery's progress; created by the dispatcher, final once delivered or given up. */
export const DeliveryState = z.object({
  id: z.string(),
  kind: z.literal("state"),
  subscriptionId: z.string(),
  eventId: z.string(),
  /** Identifies the message chain the dispatcher started; a duplicate chain is dropped. */
  chainId: z.string(),
  status: z.enum(["pending", "delivered", "failed"]),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type DeliveryState = z.output<typeof DeliveryState>;

export const DeliveryAttempt = z.object({
  id: z.string(),
  kind: z.literal("attempt"),
  subscriptionId: z.string(),
  eventId: z.string(),
  eventType: EventType,
  attempt: z.number(),
  replay: z.boolean(),
  at: z.string(),
  statusCode: z.number().nullable(),
  /** Why no answer came: timeout, connection_refused, network_error, redirect. */
  error: z.string().nullable(),
  latencyMs: z.number(),
  outcome: z.enum(["delivered", "retrying", "failed", "disabled"]),
});
export type DeliveryAttempt = z.output<typeof DeliveryAttempt>;

export interface DeliveryRepository {
  getState(subscriptionId: string, eventId: string): Promise<DeliveryState | undefined>;
  /** Create-if-absent: the existing state when there is one. */
  createState(state: DeliveryState): Promise<DeliveryState>;
  saveState(state: DeliveryState): Promise<void>;
  addAttempt(attempt: DeliveryAttempt): Promise<void>;
  attempts(subscriptionId: string, limit: number, continuationToken?: string): Promise<Page<DeliveryAttempt>>;
}

/** One queued delivery of one event to one subscription. */
export const DeliveryMessage = z.object({
  eventId: z.string(),
  subscriptionId: z.string(),
  /** 1-based number of the POST this message makes. */
  attempt: z.number().int().positive(),
  chainId: z.string(),
  /** A replay: delivered again on request, outside the ordering and the delivered-once check. */
  replay: z.boolean().default(false),
  /** How often this message waited for an earlier event of the same aggregate. */
  waits: z.number().int().nonnegative().default(0),
});
export type DeliveryMessage = z.output<typeof DeliveryMessage>;

export interface DeliveryQueue {
  /** Enqueues; the message becomes visible after delaySeconds. */
  send(message: DeliveryMessage, delaySeconds?: number): Promise<void>;
  /** The `<queue>-poison` queue, where a delivery goes after its last try. */
  sendToPoison(message: DeliveryMessage): Promise<void>;
}

export interface WebhookResponse {
  status: number | null;
  error: string | null;
  retryAfter: string | null;
  latencyMs: number;
}

export interface WebhookSender {
  post(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<WebhookResponse>;
}
