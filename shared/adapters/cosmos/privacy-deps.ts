/** The privacy ports over the app's containers (the composition root builds them once). */
import type { EventOutbox } from "../../booking/model/ports.js";
import type { PrivacySettings } from "../../kernel/settings.js";
import type { PrivacyDeps } from "../../privacy/ports.js";
import type { SubjectKeyer } from "../../privacy/subject-keys.js";
import type { ShredKeyStore } from "../../privacy/shredding-cipher.js";
import type { Containers } from "./cosmos.js";
import { CosmosPrivacyJobStore } from "./privacy-jobs-store.js";
import { cosmosPrivacyStores } from "./privacy-stores.js";

export function cosmosPrivacyDeps(
  c: Containers,
  settings: PrivacySettings,
  keyer: SubjectKeyer,
  given: { outbox: EventOutbox; shredKeys?: ShredKeyStore; calendarWrite?: (meetingId: string) => Promise<void> },
): PrivacyDeps {
  return {
    keyer,
    jobs: new CosmosPrivacyJobStore(c.privacy),
    stores: cosmosPrivacyStores({
      meetings: c.meetings,
      events: c.events,
      outbox: c.outbox,
      idempotency: c.idempotency,
      deliveries: c.deliveries,
      calendarLinks: c["external-busy"],
      messages: c.messages,
      waitlist: c.waitlist,
    }),
    config: {
      retentionDays: settings.retentionDays,
      retentionDaysCancelled: settings.retentionDaysCancelled,
      exportRetentionHours: settings.exportRetentionHours,
      leaseMs: settings.jobLeaseMs,
      maxAttempts: settings.jobMaxAttempts,
    },
    outbox: given.outbox,
    shredKeys: given.shredKeys,
    calendarWrite: given.calendarWrite,
  };
}
