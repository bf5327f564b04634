import type { OutboxEvent } from "../booking/model/events.js";
import type { DeliveryQueue, DeliveryRepository, OutboxRepository, SubscriptionRepository, WebhookSender } from "./ports.js";

/** The queue the webhooks-deliver function is triggered by (its poison queue: webhook-deliveries-poison). */
export const DELIVERY_QUEUE = "webhook-deliveries";

/** The Outlook write-back's part of dispatching: which events it wants, and its queue (absent: calendar sync off). */
export interface CalendarWriteOutlet {
  wants(event: OutboxEvent): Promise<boolean>;
  send(meetingId: string): Promise<void>;
}

/** Customer messages' part of dispatching: the meeting events it wants go on its queue, a chunk at a time (absent: messages off). */
export interface CustomerMessageOutlet {
  wants(event: OutboxEvent): boolean;
  send(events: OutboxEvent[]): Promise<void>;
}

/** What dispatching and delivering events need: ports and settings. */
export interface EventsDeps {
  outbox: OutboxRepository;
  subscriptions: SubscriptionRepository;
  deliveries: DeliveryRepository;
  queue: DeliveryQueue;
  sender: WebhookSender;
  /** Retry delays in seconds after tries 1, 2, ...; its length + 1 is the number of tries. */
  retrySchedule: number[];
  webhookTimeoutMs: number;
  /** How long a delivery waits, at most, for an earlier event of its aggregate that does not exist yet. */
  gapWaitMs: number;
  /**
   * Whether the operation that would write event seq of the aggregate is still in flight (its intent
   * exists). An event is written before its intent is deleted, so "no intent, then no event" means
   * it will never come (the change was undone, or predates events).
   */
  operationInFlight(aggregate: string, seq: number): Promise<boolean>;
  calendarWrites?: CalendarWriteOutlet;
  customerMessages?: CustomerMessageOutlet;
}
