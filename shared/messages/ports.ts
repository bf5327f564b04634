/**
 * The ports of customer messages: the provider that sends e-mail and SMS (Azure Communication
 * Services in shared/adapters/acs), the store of reminders and delivery records (Cosmos DB,
 * container `messages`, partitioned by meeting), and the `customer-messages` queue.
 * Records hold ids, kinds, channels, statuses and times only: no addresses, names or bodies.
 */
import { z } from "zod";

export const LANGUAGES = ["da", "en", "de"] as const;
export type Language = (typeof LANGUAGES)[number];

export const MESSAGE_KINDS = [
  "confirmation",
  "confirm_request",
  "request_received",
  "updated",
  "cancelled",
  "declined",
  "expired",
  "reminder",
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
/** Every kind a delivery record may carry: the meeting kinds above and a waitlist offer (waitlist-offers.ts). */
export const DELIVERY_KINDS = [...MESSAGE_KINDS, "waitlist_offer"] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];
export type Channel = "email" | "sms";

export interface Attachment {
  name: string;
  contentType: string;
  contentBase64: string;
}

export interface OutgoingEmail {
  /** The idempotency key (a UUID derived from the message id): ACS's Operation-Id, the same on every try. */
  operationId: string;
  meetingId: string;
  to: { address: string; displayName?: string }[];
  subject: string;
  text: string;
  html: string;
  attachments: Attachment[];
  /** The recipient's opt-out page (shared/messages/opt-out-link.ts): the List-Unsubscribe header. */
  unsubscribeUrl?: string;
}

export interface OutgoingSms {
  operationId: string;
  meetingId: string;
  to: string;
  text: string;
}

export type ProviderOutcome =
  | { outcome: "sent"; providerId: string }
  /** Throttled, down or unreachable: try again later (after retryAfterMs when the provider said). */
  | { outcome: "retry"; status: number | null; retryAfterMs?: number }
  /** Refused for good (a 4xx other than 429): retrying would not help. */
  | { outcome: "rejected"; status: number; code: string }
  /** Not sent: every recipient opted out (shared/messages/opt-out.ts). Final, like a rejection, but no failure. */
  | { outcome: "suppressed" };

export interface MessageProvider {
  sendEmail(message: OutgoingEmail): Promise<ProviderOutcome>;
  sendSms(message: OutgoingSms): Promise<ProviderOutcome>;
}

export const ReminderDoc = z.object({
  id: z.string(),
  type: z.literal("reminder"),
  meetingId: z.string(),
  /** ISO 8601 duration before the start (P1D, PT2H). */
  offset: z.string(),
  /** The meeting's start this reminder is for: a move makes it stale (re-planned, never sent). */
  startDate: z.string(),
  dueAt: z.string(),
  /** The meeting rev it was planned from: an older plan never overwrites a newer one. */
  meetingRev: z.number(),
  status: z.enum(["planned", "claimed", "sent"]),
  claimedUntil: z.string().nullable(),
  updatedAt: z.string(),
});
export type ReminderDoc = z.output<typeof ReminderDoc>;

export const DeliveryRecord = z.object({
  /** delivery:{operationId} */
  id: z.string(),
  type: z.literal("delivery"),
  meetingId: z.string(),
  operationId: z.string(),
  kind: z.enum(DELIVERY_KINDS),
  channel: z.enum(["email", "sms"]),
  /** suppressed: not sent because the recipient opted out. */
  status: z.enum(["pending", "sending", "sent", "failed", "suppressed"]),
  attempts: z.number(),
  /** While sending: another host may take over after this (a crash mid-send). */
  leaseUntil: z.string().nullable(),
  lastStatus: z.number().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  sentAt: z.string().nullable(),
});
export type DeliveryRecord = z.output<typeof DeliveryRecord>;

export interface Stored<T> {
  doc: T;
  etag: string;
}

export interface MessageStore {
  reminders(meetingId: string): Promise<Stored<ReminderDoc>[]>;
  reminder(meetingId: string, id: string): Promise<Stored<ReminderDoc> | undefined>;
  /** Create-if-absent: false when one exists. */
  createReminder(doc: ReminderDoc): Promise<boolean>;
  /** Replace with If-Match: its new etag, or undefined when it changed (or went) meanwhile. */
  replaceReminder(doc: ReminderDoc, etag: string): Promise<string | undefined>;
  /** Delete with If-Match: false when it changed meanwhile; true when gone. */
  deleteReminder(doc: ReminderDoc, etag: string): Promise<boolean>;
  /** Planned reminders due at `now`, and claims that ran out (a host died after claiming). */
  dueReminders(now: string, limit: number): Promise<Stored<ReminderDoc>[]>;
  delivery(meetingId: string, id: string): Promise<Stored<DeliveryRecord> | undefined>;
  /** Create-if-absent: the stored record either way. */
  createDelivery(record: DeliveryRecord): Promise<Stored<DeliveryRecord>>;
  /** Replace with If-Match: its new etag, or undefined when it changed meanwhile. */
  replaceDelivery(record: DeliveryRecord, etag: string): Promise<string | undefined>;
  deliveries(meetingId: string): Promise<DeliveryRecord[]>;
}

/** The queue the messages-send function is triggered by (its poison queue: customer-messages-poison). */
export const CUSTOMER_MESSAGE_QUEUE = "customer-messages";

/** Event ids in one customer-messages queue message (the dispatcher's chunk; well inside the queue's 64 KB). */
export const MAX_EVENTS_PER_MESSAGE = 32;

export const CustomerMessage = z.discriminatedUnion("type", [
  /**
   * The messages committed meeting events call for (and the re-plan of their reminders): one queue
   * message per dispatched chunk of events, not per event, as a queue transaction costs as much as
   * the work it carries; a retry carries only the events still to do.
   */
  z.object({
    type: z.literal("event"),
    eventIds: z.array(z.string().min(1)).min(1).max(MAX_EVENTS_PER_MESSAGE),
    attempt: z.number().int().positive().default(1),
  }),
  /** A claimed reminder, due. */
  z.object({
    type: z.literal("reminder"),
    meetingId: z.string().min(1),
    reminderId: z.string().min(1),
    attempt: z.number().int().positive().default(1),
  }),
  /** A committed event that may free a time (cancel, move, a hold's end) or book one: the waitlist's offers (waitlist-offers.ts). */
  z.object({ type: z.literal("waitlist"), eventId: z.string().min(1), attempt: z.number().int().positive().default(1) }),
]);
export type CustomerMessage = z.input<typeof CustomerMessage>;

export interface CustomerMessageQueue {
  send(message: CustomerMessage, delaySeconds?: number): Promise<void>;
}

/**
 * Opt-outs: one document per contact that asked for no more messages, keyed by the contact's keyed
 * hash (the privacy subject key of the normalised e-mail or phone: never the plain address), in the
 * messages container under its own partition (`meetingId` = the document id).
 */
export const OptOutDoc = z.object({
  /** optout:{contactKey} */
  id: z.string(),
  type: z.literal("optout"),
  meetingId: z.string(),
  contactKey: z.string(),
  createdAt: z.string(),
});
export type OptOutDoc = z.output<typeof OptOutDoc>;

export interface OptOutStore {
  isOptedOut(contactKey: string): Promise<boolean>;
  /** Create-if-absent: recording it twice is a no-op. */
  optOut(contactKey: string, at: string): Promise<void>;
  /** Receive messages again: delete the opt-out if there is one (a no-op otherwise). */
  optIn(contactKey: string): Promise<void>;
}

/** A contact as the opt-out list knows it: an e-mail address or a phone number (hashed by contactKey). */
export type Contact = { email: string } | { phone: string };
