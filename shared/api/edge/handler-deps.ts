import type { BookingDeps } from "../../booking/write/deps.js";
import type { ApiKeyRepository, HealthProbes } from "../../booking/model/ports.js";
import type { EventsDeps } from "../../events/events-deps.js";
import type { SyncDeps } from "../../calendar/sync.js";
import type { CalendarWriteDeps } from "../../calendar/write-back.js";
import type { CalendarWriteQueue } from "../../calendar/write-queue.js";
import type { Settings } from "../../kernel/settings.js";
import type { MessagesDeps } from "../../messages/deps.js";
import type { WaitlistAccess } from "../../messages/waitlist.js";
import type { Authenticate } from "./auth.js";
import type { PrivacyDeps } from "../../privacy/ports.js";

/** What handlers are given: the booking services' dependencies and the health probes. */
export interface HandlerDeps extends BookingDeps {
  /** The settings, parsed once at start-up. */
  settings: Settings;
  /** Verifies a bearer token (one JWKS client per process). */
  authenticate: Authenticate;
  probes: HealthProbes;
  /** Webhook subscriptions, the outbox dispatcher and deliveries. */
  events: EventsDeps;
  /** API keys of the seed-compatible facades. */
  apiKeys: ApiKeyRepository;
  /** The Outlook calendar sync (Graph, the busy-time store); absent when sync is off. */
  calendar?: SyncDeps;
  /** Meetings out: the calendar writer and its queue (its retries are new messages); absent when sync is off. */
  calendarWrites?: CalendarWriteDeps & { queue: CalendarWriteQueue };
  /** Customer e-mail and SMS (ACS), their reminders and delivery records; absent when messages are off. */
  messages?: MessagesDeps;
  /** Waitlist entries (joined through the bots and V2 APIs); absent in stacks without it (in-process tests). */
  waitlist?: WaitlistAccess;
  /** The personal data lifecycle (exports, erasures, retention); absent in stacks without it (in-process tests). */
  privacy?: PrivacyDeps;
}
