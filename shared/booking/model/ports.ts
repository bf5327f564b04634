/**
 * The ports of the booking domain: what it needs from storage, named by intent. shared/store
 * implements them on Cosmos DB; test/support/memory implements them in memory (with faults).
 */
import type { ListScope } from "./caller.js";
import type { ClientRegistration } from "../../directory/clients.js";
import type { CustomerType, Employee, Room, Topic } from "../../directory/directory.js";
import type { MeetingTypeConfig } from "../../directory/meeting-types.js";
import type { BookingLink } from "../../directory/booking-links.js";
import type { Closure, HolidayCalendar } from "../../directory/closures.js";
import type { CustomerAdvisor } from "../../directory/customer-advisors.js";
import type { IntentDoc, MeetingDoc, ReservationDoc } from "./documents.js";
import type { ResourceKey, ScheduleEntry } from "./schedule-entries.js";
import type { OutboxEvent } from "./event-schema.js";

export interface DirectoryEntities {
  employee: Employee;
  room: Room;
  topic: Topic;
  customerType: CustomerType;
  meetingType: MeetingTypeConfig;
  /** A bots booking link (the Bookings API for bots): a slug over a meeting type. */
  bookingLink: BookingLink;
  /** A registered client application (by its app id) and its channel. */
  client: ClientRegistration;
  /** A branch (or bank-wide) closure: dates or a range of dates. */
  closure: Closure;
  /** The holiday calendar (one document, id "default"): country, region, the bank's closing days. */
  holidayCalendar: HolidayCalendar;
  /** A customer's own and excluded advisors, by customer id. */
  customerAdvisor: CustomerAdvisor;
}
export type DirectoryKind = keyof DirectoryEntities;

export interface DirectoryRepository {
  get<K extends DirectoryKind>(kind: K, id: string): Promise<DirectoryEntities[K] | undefined>;
  list<K extends DirectoryKind>(kind: K): Promise<DirectoryEntities[K][]>;
  /** Create or replace; tells which. */
  put<K extends DirectoryKind>(kind: K, entity: DirectoryEntities[K]): Promise<{ created: boolean }>;
  /** Create only; false when the id exists. */
  create<K extends DirectoryKind>(kind: K, entity: DirectoryEntities[K]): Promise<boolean>;
  delete(kind: DirectoryKind, id: string): Promise<boolean>;
  count(): Promise<number>;
}

export interface ScheduleRepository {
  entriesOf(ids: string[]): Promise<Map<string, ScheduleEntry[]>>;
  /**
   * Applies `change` to the current entries and writes them back conditionally, retrying on a lost race.
   * A change that returns its input unchanged (same array) writes nothing.
   */
  update(id: string, resource: ResourceKey, month: string, change: (entries: ScheduleEntry[]) => ScheduleEntry[]): Promise<void>;
}

export interface MeetingFilter {
  employeeId?: string;
  timeSlotId?: string;
  modifiedFrom?: string;
  modifiedTo?: string;
  includeCancelled?: boolean;
  /** Provisional meetings whose confirmation expired at or before this instant. */
  confirmationExpiredAt?: string;
  /** Only these statuses (overrides includeCancelled); empty or all: any status. */
  statuses?: readonly MeetingDoc["status"][];
  /** The caller's reach (caller.ts listScope); absent: every meeting. */
  scope?: ListScope;
  /** Meetings starting at or after / at or before these instants (UTC ISO). */
  startFrom?: string;
  startTo?: string;
  /** Only meetings of a meeting type (what the facades book). */
  withMeetingType?: boolean;
  /** Only meetings carrying this custom field (e.g. the bots API's booking_link_id). */
  customField?: { key: string; value: string };
  /** Bot-channel owners recorded before owners had entities (the owner-entities migration's work). */
  ownerWithoutEntity?: boolean;
}

export interface Page<T> {
  items: T[];
  continuationToken?: string;
}

export interface MeetingRepository {
  get(id: string): Promise<{ meeting: MeetingDoc; etag: string } | undefined>;
  create(meeting: MeetingDoc): Promise<string>;
  /** Replaces only when the stored ETag is `etag`; else PreconditionFailedError. */
  replace(meeting: MeetingDoc, etag: string): Promise<string>;
  list(filter: MeetingFilter, limit: number, continuationToken?: string): Promise<Page<MeetingDoc>>;
  /** How many meetings match (a COUNT in the store). */
  count(filter: MeetingFilter): Promise<number>;
  /**
   * The matching meetings ordered by (startDate, id), `limit` of them from position `offset`: the
   * store skips by those keys alone and seeks from the last one (numbered pages without OFFSET).
   */
  window(filter: MeetingFilter, offset: number, limit: number): Promise<MeetingDoc[]>;
}

export interface ReservationRepository {
  get(id: string): Promise<ReservationDoc | undefined>;
  create(reservation: ReservationDoc): Promise<void>;
  delete(id: string): Promise<void>;
  /** The reservation the token points at now, if any. */
  tokenTarget(token: string): Promise<string | undefined>;
  /** Points the token at a reservation; returns the reservation it pointed at before. */
  pointToken(token: string, reservationId: string): Promise<string | undefined>;
  /** Removes the token pointer if it still points at this reservation. */
  clearToken(token: string, reservationId: string): Promise<void>;
  expired(nowIso: string, limit: number): Promise<ReservationDoc[]>;
  /** How many reservations of this holder are still live. */
  countLive(holder: string, nowIso: string): Promise<number>;
}

export interface IntentRepository {
  /**
   * Creates the record only if none has this id: false when one exists, i.e. the same operation
   * (e.g. moving meeting X from rev N) is already under way in another request, which owns it.
   */
  create(intent: IntentDoc): Promise<boolean>;
  get(id: string): Promise<IntentDoc | undefined>;
  delete(id: string): Promise<void>;
  olderThan(iso: string, limit: number): Promise<IntentDoc[]>;
}

export interface IdempotencyRecord {
  id: string;
  fingerprint: string;
  state: "in-progress" | "done";
  createdAt: string;
  response?: { status: number; body?: unknown; headers: Record<string, string> };
}

export interface IdempotencyRepository {
  /** Claims the key; returns the existing record when someone claimed it first. */
  claim(record: IdempotencyRecord): Promise<IdempotencyRecord | undefined>;
  complete(record: IdempotencyRecord): Promise<void>;
  release(id: string): Promise<void>;
}

export type StorageState = "ok" | "unreachable" | "identity-based";

/** Dependency checks for the health endpoint. */
export interface HealthProbes {
  /** Resolves when the database answers (bounded in time). */
  database(): Promise<void>;
  storage(): Promise<StorageState>;
}

/** Where committed changes leave their events: create-if-absent by the event's deterministic id. */
export interface EventOutbox {
  add(event: OutboxEvent): Promise<void>;
}

/** Every storage port the domain uses. */
export interface Stores {
  directory: DirectoryRepository;
  schedules: ScheduleRepository;
  meetings: MeetingRepository;
  reservations: ReservationRepository;
  intents: IntentRepository;
  idempotency: IdempotencyRepository;
  outbox: EventOutbox;
  audit: AuditTrail;
}

/** One line of a meeting's audit trail: written once per committed change, with its event (never changed after). */
export interface AuditEntry {
  /** audit_{event id}: a second write of the same change is a no-op. */
  id: string;
  meetingId: string;
  /** The meeting's rev after the change. */
  seq: number;
  /** meeting.created, meeting.updated, meeting.cancelled or meeting.no_show. */
  action: string;
  at: string;
  /** Actor (caller.ts), as stored: ids only. */
  actor: { channel: string; tenantId: string; clientId: string; userId?: string };
}

export interface AuditTrail {
  /** Create-if-absent by id: append-only. */
  append(entry: AuditEntry): Promise<void>;
  /** A meeting's entries, oldest first. */
  forMeeting(meetingId: string, limit: number, continuationToken?: string): Promise<Page<AuditEntry>>;
}

/** An API key of the seed-compatible facades, stored under the SHA-256 of the key (the key itself is shown once). */
export interface ApiKeyRecord {
  /** SHA-256 hex of the key: authentication is one point read. */
  id: string;
  keyId: string;
  name: string;
  scopes: string[];
  /** The channel its bookings are made through (recorded on them). */
  channel: string | null;
  /** The entity whose bookings it reaches (directory/api-keys.ts); absent on keys made before entities: the key alone. */
  entity?: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface ApiKeyRepository {
  byHash(hash: string): Promise<ApiKeyRecord | undefined>;
  create(record: ApiKeyRecord): Promise<void>;
  list(): Promise<ApiKeyRecord[]>;
  /** Marks the key revoked; false when no live key has this keyId. */
  revoke(keyId: string, at: string): Promise<boolean>;
}

/** Outlook busy times of synced resources, one document per resource and month (queries/external-busy.ts). */
export interface ExternalBusyMonth {
  items: { start: number; end: number; status: string }[];
  syncedAt?: number;
  /** Set when the last refresh failed; cleared by the next good one. */
  failedAt?: number;
}

export interface ExternalBusyPolicy {
  staleAfterMs: number;
  /** Months the sync keeps, from the current one: later (or earlier) months have no document to be stale. */
  syncedMonths: number;
  failClosed: boolean;
  tentativeBlocks: boolean;
}

/** The port: point reads of the months (a missing month is undefined). */
export interface ExternalBusySource {
  policy: ExternalBusyPolicy;
  months(ids: string[]): Promise<Map<string, ExternalBusyMonth | undefined>>;
}

/** Cost caps of availability and grid queries (queries/query-budget.ts). */
export interface QueryLimits {
  /** Resources whose calendars are read (employees and rooms) times days of the window. */
  maxResourceDays: number;
  /** Slots a query may produce (estimated before the engine runs). */
  maxSlots: number;
}

/** The settings' defaults (QUERY_MAX_RESOURCE_DAYS, QUERY_MAX_SLOTS): a branch of ~40 advisors over 31 days fits. */
export const DEFAULT_QUERY_LIMITS: QueryLimits = { maxResourceDays: 1500, maxSlots: 40_000 };
