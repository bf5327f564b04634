/**
 * What erasure leaves of a person's records: the non-personal facts (times, advisor, room, status, type,
 * topic, meeting type, owner) stay, so statistics and the advisors' calendars stay whole; names,
 * e-mails, phones, the customer and CRM ids, the CPR, titles, descriptions, custom fields (answers,
 * notes, phone, consent flags) and free-text reasons go. Pure functions over the stored shapes.
 */
import type { MeetingDoc } from "../booking/model/documents.js";
import { MAX_HISTORY } from "../booking/model/documents.js";
import type { Actor } from "../booking/model/caller.js";

/** What a redacted meeting's customer id reads: no person, and no subject key (shared by every erased meeting). */
export const ERASED_CUSTOMER_ID = "erased";

/** The actor recorded on erasure changes: the privacy job (who asked is on the job and in its audit line). */
export const PRIVACY_ACTOR: Actor = { channel: "System", tenantId: "bookme", clientId: "privacy" };

/** The meeting without personal data, as the next rev. */
export function redactedMeeting(m: MeetingDoc, at: string, actor: Actor = PRIVACY_ACTOR): MeetingDoc {
  return {
    ...m,
    rev: m.rev + 1,
    dateModified: at,
    changedBy: actor,
    salesforceId: null,
    customerId: ERASED_CUSTOMER_ID,
    cpr: null,
    customFields: [],
    externalAttendees: [],
    title: null,
    description: null,
    cancellationReason: null,
    secretHash: null,
    history: m.history.map(({ reason: _reason, ...entry }) => entry).slice(-MAX_HISTORY),
    subjects: [],
    erasedAt: at,
  };
}

/** Keys of a stored event's data (the meeting view plus attendee e-mails) that carry personal data, and what they become. */
const EVENT_FIELDS: Record<string, unknown> = {
  salesforceId: null,
  customerId: ERASED_CUSTOMER_ID,
  title: null,
  description: null,
  customFields: [],
  externalAttendees: [],
  cancellationReason: null,
  reason: null,
  hasCpr: false,
};

/** A stored event's data without personal data; the same object when there was none (nothing to write). */
export function redactedEventData(data: Record<string, unknown>): Record<string, unknown> {
  let changed = false;
  const out: Record<string, unknown> = { ...data };
  for (const [key, value] of Object.entries(EVENT_FIELDS)) {
    if (!(key in data)) continue;
    if (JSON.stringify(data[key]) === JSON.stringify(value)) continue;
    // A reservation's release reason ("booked"/"replaced") is no free text.
    if (key === "reason" && (data.reason === "booked" || data.reason === "replaced")) continue;
    out[key] = value;
    changed = true;
  }
  return changed ? out : data;
}

/** Whether a meeting still holds personal data. */
export const holdsPersonalData = (m: MeetingDoc) =>
  m.erasedAt === undefined ||
  m.externalAttendees.length > 0 ||
  m.customerId !== ERASED_CUSTOMER_ID ||
  m.cpr !== null ||
  m.customFields.length > 0 ||
  m.title !== null ||
  m.description !== null;
