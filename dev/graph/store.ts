/**
 * The dev Graph's data: mailboxes, their events and the change-notification subscriptions, in
 * memory, written to a JSON file in the data folder after every change when a file is given.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { DateTimeTimeZone } from "../../shared/adapters/graph/date-time-zone.js";

export interface GraphEvent {
  id: string;
  mailbox: string;
  subject?: string;
  body?: { contentType: string; content: string };
  start: Required<DateTimeTimeZone>;
  end: Required<DateTimeTimeZone>;
  showAs: string;
  isAllDay: boolean;
  isCancelled: boolean;
  isOnlineMeeting?: boolean;
  onlineMeetingProvider?: string;
  /** Set for an online meeting: where attendees join (Graph fills it for Teams meetings). */
  onlineMeeting?: { joinUrl: string } | null;
  transactionId?: string;
  location?: { displayName?: string };
  attendees?: unknown[];
  singleValueExtendedProperties?: { id: string; value: string }[];
  createdDateTime: string;
  lastModifiedDateTime: string;
  changeKey: string;
}

export interface GraphSubscription {
  id: string;
  resource: string;
  mailbox: string;
  changeType: string;
  notificationUrl: string;
  clientState?: string;
  expirationDateTime: string;
  applicationId: string;
  latestSupportedTlsVersion: string;
}

interface Saved {
  mailboxes: string[];
  events: GraphEvent[];
  subscriptions: GraphSubscription[];
}

export const newGraphId = (prefix = "AAMkA") => `${prefix}${randomBytes(24).toString("base64url")}`;

export class GraphStore {
  readonly mailboxes = new Set<string>();
  readonly events = new Map<string, GraphEvent>();
  readonly subscriptions = new Map<string, GraphSubscription>();

  constructor(private readonly file?: string) {
    if (file && fs.existsSync(file)) {
      const saved = JSON.parse(fs.readFileSync(file, "utf8")) as Saved;
      saved.mailboxes.forEach((m) => this.mailboxes.add(m));
      saved.events.forEach((e) => this.events.set(e.id, e));
      saved.subscriptions.forEach((s) => this.subscriptions.set(s.id, s));
    }
  }

  save() {
    if (!this.file) return;
    const saved: Saved = {
      mailboxes: [...this.mailboxes],
      events: [...this.events.values()],
      subscriptions: [...this.subscriptions.values()],
    };
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    fs.writeFileSync(`${this.file}.tmp`, JSON.stringify(saved));
    fs.renameSync(`${this.file}.tmp`, this.file);
  }

  eventsOf(mailbox: string): GraphEvent[] {
    return [...this.events.values()].filter((e) => e.mailbox === mailbox);
  }
}
