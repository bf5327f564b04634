/**
 * What the privacy jobs need from storage beyond the booking ports: the subject index queries and the
 * copies BookMe makes of a meeting (event log, outbox, intents, idempotency records, delivery logs,
 * customer messages). shared/adapters/cosmos/privacy-stores.ts implements them on Cosmos DB.
 */
import type { OutboxEvent } from "../booking/model/event-schema.js";
import type { BookingDeps } from "../booking/write/deps.js";
import type { EventOutbox } from "../booking/model/ports.js";
import type { PrivacyJobStore } from "./jobs.js";
import type { SubjectKeyer } from "./subject-keys.js";
import type { ShredKeyStore } from "./shredding-cipher.js";

export interface DeliveryLine {
  subscriptionId: string;
  eventId: string;
  eventType: string;
  attempt: number;
  at: string;
  outcome: string;
}

export interface MessageLine {
  kind: string;
  channel: string;
  status: string;
  at: string;
}

/** A waitlist entry (shared/messages/waitlist.ts) as the export shows it: the person's own data and what was offered. */
export interface WaitlistLine {
  id: string;
  meetingTypeId: string;
  bookingLinkId: string | null;
  from: string;
  to: string;
  contact: { name: string; email: string | null; phone: string | null };
  language: string;
  status: string;
  offers: { start: string; at: string }[];
  joinedAt: string;
}

export interface PrivacyStores {
  /** Meeting ids whose subject index holds any of these keys (a query on the index, never a scan). */
  meetingsOf(subjects: string[]): Promise<string[]>;
  /** Retention: meetings not erased yet that ended before `endedBefore`, or were cancelled and last changed before `cancelledBefore`. */
  expiredMeetings(endedBefore: string, cancelledBefore: string, limit: number): Promise<string[]>;
  /** A stored event (the log's copy) by id. */
  event(id: string): Promise<OutboxEvent | undefined>;
  /** Rewrites an event's data in the log and in the outbox when it is still pending there. */
  rewriteEvent(event: OutboxEvent): Promise<void>;
  /** Idempotency records whose stored response names one of these meetings: deleted; how many. */
  deleteIdempotencyOf(meetingIds: string[]): Promise<number>;
  /** Webhook delivery attempts of these events (ids and times only: the log holds no payload). */
  deliveriesOf(eventIds: string[]): Promise<DeliveryLine[]>;
  /**
   * Customer messages of a meeting (shared/messages, container `messages`): delivery records (kind, channel,
   * status, time: no addresses, no bodies) for the export; absent while that store is not deployed.
   */
  messagesOf?(meetingId: string): Promise<MessageLine[]>;
  /** Deletes the meeting's pending reminders (they would go to the erased person); how many. */
  deleteRemindersOf?(meetingId: string): Promise<number>;
  /** Waitlist entries carrying any of these subject keys (container `waitlist`); absent while that store is not deployed. */
  waitlistOf?(subjects: string[]): Promise<WaitlistLine[]>;
  /** Deletes the waitlist entries carrying any of these subject keys; how many. */
  deleteWaitlistOf?(subjects: string[]): Promise<number>;
  /** Whether BookMe wrote an Outlook event for the meeting (a calendar link). */
  hasCalendarEvent(meetingId: string): Promise<boolean>;
}

export interface PrivacyConfig {
  /** Meetings are erased this many days after they ended (RETENTION_DAYS). */
  retentionDays: number;
  /** Cancelled meetings, this many days after their cancellation (RETENTION_DAYS_CANCELLED). */
  retentionDaysCancelled: number;
  /** Exports are deleted this many hours after they were made (EXPORT_RETENTION_HOURS). */
  exportRetentionHours: number;
  /** How long a runner holds a job before another may take it over (PRIVACY_JOB_LEASE_SECONDS; default 60 s). */
  leaseMs?: number;
  /** Failed runs after which a job is marked Failed (PRIVACY_JOB_MAX_ATTEMPTS; default 5). */
  maxAttempts?: number;
}

export interface PrivacyDeps {
  keyer: SubjectKeyer;
  jobs: PrivacyJobStore;
  stores: PrivacyStores;
  config: PrivacyConfig;
  /** The shred keys of sealed values (the CPR): destroyed by an erasure; absent: no crypto-shredding (only the value is removed). */
  shredKeys?: ShredKeyStore;
  /** Where the privacy.erased event goes (the outbox: webhooks deliver it). */
  outbox: EventOutbox;
  /** Sends a calendar write for a meeting (its Outlook event rewritten from the erased meeting); absent: sync is off. */
  calendarWrite?: (meetingId: string) => Promise<void>;
}

/** Everything a job runs with: the booking services' ports (meetings through the write protocol) and the privacy ones. */
export type PrivacyJobDeps = BookingDeps & { privacy: PrivacyDeps };
