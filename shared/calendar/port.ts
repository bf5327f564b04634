/**
 * What the domain sees of an external calendar (Microsoft 365 via Graph): busy intervals per
 * mailbox, and "write this event" for a booked meeting. The Graph adapter implements it.
 */
export type FreeBusyStatus = "busy" | "oof" | "tentative" | "free" | "workingElsewhere" | "unknown";

export interface BusyInterval {
  start: number;
  end: number;
  status: FreeBusyStatus;
}

/** A mailbox's busy times over a range, or why they could not be read (unknown mailbox, 403, ...). */
export type MailboxBusy = { ok: true; items: BusyInterval[] } | { ok: false; reason: string };

export interface MeetingEvent {
  /** Stable per meeting: Graph's transactionId makes a retried create return the first event. */
  meetingId: string;
  mailbox: string;
  subject: string;
  bodyHtml: string;
  start: number;
  end: number;
  timeZone: string;
  location?: string;
  online: boolean;
  /** busy by default; a provisional (Pending) meeting shows tentative. */
  showAs?: "busy" | "tentative";
  /** Graph's transactionId for the create; default bookme-{meetingId}. */
  transactionId?: string;
  attendees: { email: string; name?: string; type: "required" | "optional" | "resource" }[];
}

export interface CalendarPort {
  busyTimes(mailboxes: string[], range: { start: number; end: number }): Promise<Map<string, MailboxBusy>>;
  /** Start/end of the events BookMe itself wrote into the mailbox over the range (not counted as external busy). */
  ownEvents(mailboxes: string[], range: { start: number; end: number }): Promise<Map<string, { start: number; end: number }[]>>;
  createEvent(event: MeetingEvent): Promise<{ eventId: string }>;
  updateEvent(eventId: string, event: MeetingEvent): Promise<void>;
  cancelEvent(mailbox: string, eventId: string): Promise<void>;
}

/** A Graph change-notification subscription of a synced mailbox. */
export interface SubscriptionRecord {
  resource: string;
  mailbox: string;
  subscriptionId: string;
  clientState: string;
  expiresAt: string;
}

/** What the sync needs of the calendar: busy times, BookMe's own events, and change notifications. */
export interface SyncCalendar extends Pick<CalendarPort, "busyTimes" | "ownEvents"> {
  subscribe(mailbox: string, notificationUrl: string, clientState: string, expiresAt: number): Promise<{ id: string; expiresAt: number }>;
  /** false when the calendar no longer has the subscription. */
  renew(mailbox: string, subscriptionId: string, expiresAt: number): Promise<boolean>;
}

/** Where the sync keeps busy times per resource and month, and the subscriptions. */
export interface BusyTimeStore {
  months(ids: string[]): Promise<Map<string, { syncedAt?: number; failedAt?: number } | undefined>>;
  putMonth(resource: string, month: string, items: { start: number; end: number; status: string }[], syncedAt: number): Promise<void>;
  markFailed(resource: string, month: string, failure: string, at: number): Promise<void>;
  subscription(resource: string): Promise<SubscriptionRecord | undefined>;
  /** A change notification's subscription, by the calendar's subscription id. */
  subscriptionById(subscriptionId: string): Promise<Pick<SubscriptionRecord, "resource" | "clientState"> | undefined>;
  putSubscription(record: SubscriptionRecord): Promise<void>;
}

export class CalendarUnavailableError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** What Graph's Retry-After asked for, when it answered 429/503 with one. */
    readonly retryAfterMs?: number,
  ) {
    super(`Graph answered ${status} ${code}`);
  }
}
