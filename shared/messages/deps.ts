/** What customer messages need: their store, the provider, their queue, and read access to events, meetings and the directory. */
import type { MeetingDoc } from "../booking/model/documents.js";
import type { OutboxEvent } from "../booking/model/events.js";
import type { DirectoryRepository } from "../booking/model/ports.js";
import type { NotificationOutbox } from "./notification-events.js";
import type { OptOuts } from "./opt-out.js";
import type { CustomerMessageQueue, MessageProvider, MessageStore } from "./ports.js";
import type { WaitlistDeps } from "./waitlist.js";

export interface MessagesDeps {
  store: MessageStore;
  provider: MessageProvider;
  queue: CustomerMessageQueue;
  events: { get(id: string): Promise<OutboxEvent | undefined> };
  meetings: { get(id: string): Promise<{ meeting: MeetingDoc } | undefined> };
  directory: DirectoryRepository;
  /** Reminder offsets (ISO 8601 durations before the start). */
  offsets: string[];
  /** Double opt-in links: the public base URL and the key that signs them (both or no link). */
  links?: { baseUrl: string; key: string };
  /** The opt-out list (its contact keys and store): the provider is wrapped with it; with links, every message carries its unsubscribe link. */
  optOuts?: OptOuts;
  /** notification.sent / notification.failed events (the outbox); absent: none. */
  outbox?: NotificationOutbox;
  /** The waitlist's entries and the meeting types' free times (offers for freed times); absent: no offers. */
  waitlist?: WaitlistDeps;
}
