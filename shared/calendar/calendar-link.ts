/**
 * Where a meeting's Outlook event is: meeting id -> {mailbox, Graph event id}, in its own document
 * (not on the meeting: writing the meeting would change its ETag, which clients send as If-Match,
 * and raise its rev, which numbers its events). The calendar writer reads it with the meeting and
 * writes it conditionally (create-if-absent, or replace on the ETag it read).
 */
import { z } from "zod";
import { TRANSACTION_PREFIX } from "./busy-mapping.js";

export const CalendarLink = z.object({
  meetingId: z.string(),
  /** The mailbox holding the event, or the one that refused it (status failed). */
  mailbox: z.string().nullable(),
  eventId: z.string().nullable(),
  /**
   * Numbers the creates: the current event's, or with no event the next create's. A create's
   * transactionId comes from it, so a retried create returns the same event, while an event made
   * after a cancel (the meeting moved away and back) is a new one.
   */
  generation: z.number().int().nonnegative(),
  /** The meeting rev the event (or the failure) reflects. */
  rev: z.number(),
  status: z.enum(["synced", "cancelled", "failed"]),
  /** Why Graph refused the mailbox (403 consent/RBAC, 404 unknown mailbox): status and code only, no address. */
  failure: z.object({ status: z.number(), code: z.string(), at: z.string() }).nullable(),
  updatedAt: z.string(),
});
export type CalendarLink = z.output<typeof CalendarLink>;

export interface CalendarLinkStore {
  get(meetingId: string): Promise<{ link: CalendarLink; etag: string } | undefined>;
  /** Creates (no etag) or replaces when the stored ETag is still `etag`; false when another writer got there first. */
  put(link: CalendarLink, etag?: string): Promise<boolean>;
}

/** Generation 0 is bookme-{meetingId} (what a first create always sent); later ones add ~n. */
export function transactionIdOf(meetingId: string, generation: number): string {
  return `${TRANSACTION_PREFIX}${meetingId}${generation === 0 ? "" : `~${generation}`}`;
}
