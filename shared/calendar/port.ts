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
