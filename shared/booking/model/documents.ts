/**
 * The stored shapes the booking domain reads and writes. The store parses documents with these
 * schemas when it reads them, so unknown and system fields (_rid, _etag, ...) never reach the domain.
 */
import { z } from "zod";
import { ActorDoc, OutboxEvent } from "./event-schema.js";
import { MEETING_TYPES } from "../../slots/types.js";
import { SealedValue } from "./personal-data.js";

/**
 * Pending: a provisional booking (double opt-in or host confirmation) that holds its time until confirmed, declined or expired.
 * NoShow: a booked meeting whose attendee did not come (marked after its start; undone within 24 hours). It keeps its
 * time and is no cancellation.
 */
export const MEETING_STATUSES = ["Booked", "Cancelled", "Pending", "NoShow"] as const;
/** The statuses whose meetings hold their time in the calendars. */
export const HOLDING_STATUSES: readonly MeetingStatus[] = ["Booked", "Pending", "NoShow"];
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const API_VERSIONS = ["v1", "v2"] as const;
export type ApiVersionName = (typeof API_VERSIONS)[number];

const CustomFieldDoc = z.object({ key: z.string(), value: z.string() });
const AttendeeDoc = z.object({ name: z.string(), email: z.string() });
const TimesDoc = z.object({ startDate: z.string(), endDate: z.string() });
const HistoryEntry = z.object({
  at: z.string(),
  action: z.enum(["rescheduled", "cancelled", "confirmed", "no_show", "no_show_undone"]),
  from: TimesDoc.optional(),
  to: TimesDoc.optional(),
  reason: z.string().optional(),
});
export const MAX_HISTORY = 50;

export const MeetingDoc = z.object({
  id: z.string(),
  rev: z.number(),
  status: z.enum(MEETING_STATUSES),
  apiVersion: z.enum(API_VERSIONS),
  bookedBy: z.string(),
  salesforceId: z.string().nullable(),
  customerTypeId: z.string().nullable(),
  timeSlotId: z.string().nullable(),
  portalId: z.string().nullable(),
  /**
   * The CPR, sealed (personal-data.ts): never plaintext at rest. A plaintext string (documents written
   * before encryption, dev databases only) is dropped on read, so the next write of the meeting erases it.
   */
  cpr: z.preprocess((v) => (typeof v === "string" ? null : v), SealedValue.nullable()),
  customFields: z.array(CustomFieldDoc),
  externalAttendees: z.array(AttendeeDoc),
  title: z.string().nullable(),
  description: z.string().nullable(),
  videoLink: z.string().nullable(),
  additionalEmployees: z.array(z.string()),
  roomId: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string(),
  type: z.enum(MEETING_TYPES),
  topicId: z.string().nullable(),
  employeeId: z.string(),
  customerId: z.string(),
  dateCreated: z.string(),
  dateModified: z.string(),
  /** Resources and months this meeting holds in the calendars (for release and recovery). */
  holds: z.array(z.string()),
  /** Who made it (the Bot channel reaches the meetings its client made); absent on meetings made before owners were recorded. */
  owner: ActorDoc.optional(),
  /** Who made the latest change (its event carries it into the audit trail). */
  changedBy: ActorDoc.optional(),
  /** SHA-256 of the self-service secret (the secret itself is shown once, never stored); null: revoked. */
  secretHash: z.string().nullable().default(null),
  cancellationReason: z.string().nullable().default(null),
  /** The times before the last reschedule. */
  rescheduledFrom: TimesDoc.nullable().default(null),
  history: z.array(HistoryEntry).default([]),
  meetingTypeId: z.string().nullable().default(null),
  /** Why a round-robin booking went to this advisor. */
  selectionReason: z.string().nullable().default(null),
  /** Provisional bookings: who must confirm, by when; confirmedAt once they did. */
  confirmation: z
    .object({ mode: z.enum(["attendee", "host"]), expiresAt: z.string(), confirmedAt: z.string().optional() })
    .nullable()
    .default(null),
  /** When it was marked a no-show (status NoShow; absent otherwise). Undoing it is allowed for 24 hours after. */
  noShowAt: z.string().optional(),
  /**
   * The subject index (shared/privacy/subject-keys.ts): keyed hashes of the customer id, attendee e-mails and
   * phone numbers, written by the store with every write, so a person's meetings are found by query. Never in a view.
   */
  subjects: z.array(z.string()).optional(),
  /** When its personal data was erased (a request or retention: shared/privacy); it keeps times, advisor, status and type. */
  erasedAt: z.string().optional(),
});
export type MeetingDoc = z.output<typeof MeetingDoc>;

export const ReservationDoc = z.object({
  id: z.string(),
  kind: z.literal("reservation"),
  token: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  employeeId: z.string().nullable(),
  roomId: z.string().nullable(),
  serviceGroup: z.string().nullable(),
  existingMeetingId: z.string().nullable(),
  expiresAt: z.string(),
  createdAt: z.string(),
  holds: z.array(z.string()),
  /** The caller that made it (caller.ts holderKey): only it replaces, converts or releases the hold. */
  holder: z.string().optional(),
});
export type ReservationDoc = z.output<typeof ReservationDoc>;

export const INTENT_OPS = ["reserve", "book", "move", "cancel"] as const;
export type IntentOp = (typeof INTENT_OPS)[number];

/** Write-ahead record of an in-flight operation; see write-protocol.ts for what each field means to the sweeper. */
export const IntentDoc = z.object({
  id: z.string(),
  op: z.enum(INTENT_OPS),
  /** The holder whose entries this operation adds or removes ("meeting:{id}" / "reservation:{id}"). */
  ref: z.string(),
  /** Calendar documents the operation adds entries to, and the rev of those entries. */
  addedTo: z.array(z.string()),
  addedRev: z.number(),
  /** Calendar documents whose older entries of ref go once the operation commits. */
  removeFrom: z.array(z.string()),
  removedRev: z.number().nullable(),
  /** A reservation this operation converts (book, move) or replaces (reserve): released once it commits. */
  reservationId: z.string().nullable(),
  createdAt: z.string(),
  /** The events of the change, computed before it commits; written (once, by id) when it has (write-protocol.ts finish). */
  events: z.array(OutboxEvent).optional(),
});
export type IntentDoc = z.output<typeof IntentDoc>;
