/**
 * In-memory adapters of the booking ports, behaving like the Cosmos ones where it matters
 * (conditional writes: create-if-absent, If-Match replace; documents copied in and out), with
 * a fault plan: at the chosen write step the process can die ("crash": that write and every later
 * one fail, as if nothing ran after it) or the write can happen and its response be lost ("lost":
 * the caller sees an error once, later writes work). Writers interleave at every await, so races are real.
 */
import { randomUUID } from "node:crypto";
import type { IntentDoc, MeetingDoc, ReservationDoc } from "../../../shared/booking/model/documents.js";
import type {
  DirectoryEntities,
  DirectoryKind,
  DirectoryRepository,
  IdempotencyRecord,
  IdempotencyRepository,
  IntentRepository,
  AuditEntry,
  AuditTrail,
  MeetingFilter,
  MeetingRepository,
  ReservationRepository,
  ScheduleRepository,
  Stores,
  EventOutbox,
} from "../../../shared/booking/model/ports.js";
import type { OutboxEvent } from "../../../shared/booking/model/events.js";
import type { ResourceKey, ScheduleEntry } from "../../../shared/booking/model/schedule-entries.js";
import { fieldError, PreconditionFailedError, ValidationError } from "../../../shared/kernel/errors.js";
import { inScope } from "../../../shared/booking/model/caller.js";
import type { StoredDocuments } from "../../../dev/consistency.js";

const tick = () => new Promise<void>((r) => setImmediate(r));
const copy = <T>(value: T): T => structuredClone(value);

export class InjectedFault extends Error {
  constructor(
    readonly step: number,
    readonly write: string,
    readonly kind: FaultKind,
  ) {
    super(`injected ${kind} at write step ${step} (${write})`);
  }
}

export type FaultKind = "crash" | "lost";

/** Counts write steps and applies the armed fault. */
export class FaultPlan {
  private count = 0;
  readonly log: string[] = [];
  private armed?: { step: number; kind: FaultKind };

  arm(step: number, kind: FaultKind) {
    this.count = 0;
    this.log.length = 0;
    this.armed = { step, kind };
  }

  disarm() {
    this.armed = undefined;
  }

  get steps() {
    return this.count;
  }

  /** Runs one write step under the plan. */
  async write<T>(name: string, apply: () => T | Promise<T>): Promise<T> {
    const step = this.count++;
    this.log.push(name);
    if (this.armed?.kind === "crash" && step >= this.armed.step) throw new InjectedFault(step, name, "crash");
    const result = await apply();
    if (this.armed?.kind === "lost" && step === this.armed.step) throw new InjectedFault(step, name, "lost");
    return result;
  }
}

export class MemorySchedules implements ScheduleRepository {
  readonly docs = new Map<string, { entries: ScheduleEntry[]; version: number; resource: string; month: string }>();
  writes = 0;
  lostRaces = 0;

  constructor(private readonly faults = new FaultPlan()) {}

  async entriesOf(ids: string[]) {
    await tick();
    return new Map(ids.map((id) => [id, copy(this.docs.get(id)?.entries ?? [])] as const));
  }

  async update(id: string, resource: ResourceKey, month: string, change: (entries: ScheduleEntry[]) => ScheduleEntry[]) {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const read = this.docs.get(id);
      const version = read?.version ?? 0;
      const entries = copy(read?.entries ?? []);
      await tick();
      const next = change(entries);
      if (next === entries) return;
      await tick();
      if ((this.docs.get(id)?.version ?? 0) !== version) {
        this.lostRaces++;
        continue;
      }
      await this.faults.write(`schedules.update ${id}`, () => {
        this.docs.set(id, { entries: copy(next), version: version + 1, resource, month });
        this.writes++;
      });
      return;
    }
    throw new Error("too busy");
  }

  refs(id: string) {
    return (this.docs.get(id)?.entries ?? []).map((e) => `${e.ref}#${e.rev}`);
  }
}

class MemoryMeetings implements MeetingRepository {
  readonly docs = new Map<string, { meeting: MeetingDoc; etag: string }>();
  constructor(private readonly faults: FaultPlan) {}

  async get(id: string) {
    await tick();
    const found = this.docs.get(id);
    return found && copy(found);
  }

  async create(meeting: MeetingDoc) {
    await tick();
    return this.faults.write(`meetings.create`, () => {
      if (this.docs.has(meeting.id)) throw Object.assign(new Error("conflict"), { code: 409 });
      const etag = randomUUID();
      this.docs.set(meeting.id, { meeting: copy(meeting), etag });
      return etag;
    });
  }

  async replace(meeting: MeetingDoc, etag: string) {
    await tick();
    return this.faults.write(`meetings.replace`, () => {
      if (this.docs.get(meeting.id)?.etag !== etag) throw new PreconditionFailedError();
      const next = randomUUID();
      this.docs.set(meeting.id, { meeting: copy(meeting), etag: next });
      return next;
    });
  }

  async list(filter: MeetingFilter, limit: number, continuationToken?: string) {
    await tick();
    // Like the Cosmos adapter: its tokens are JSON, anything else was not issued by this API.
    let offset = 0;
    if (continuationToken !== undefined) {
      try {
        offset = (JSON.parse(continuationToken) as { offset: number }).offset;
      } catch {
        offset = NaN;
      }
      if (!Number.isInteger(offset) || offset < 0)
        throw new ValidationError([fieldError("continuationToken", "is not a token this API returned", "format")]);
    }
    const items = [...this.docs.values()]
      .map((d) => d.meeting)
      .filter((m) =>
        filter.statuses?.length ? filter.statuses.includes(m.status) : filter.includeCancelled || filter.statuses || m.status === "Booked",
      )
      .filter((m) => !filter.employeeId || m.employeeId === filter.employeeId || m.additionalEmployees.includes(filter.employeeId))
      .filter((m) => inScope(filter.scope, m))
      .filter((m) => !filter.confirmationExpiredAt || (m.confirmation !== null && m.confirmation.expiresAt <= filter.confirmationExpiredAt))
      .filter((m) => !filter.timeSlotId || m.timeSlotId === filter.timeSlotId)
      .filter((m) => !filter.modifiedFrom || m.dateModified >= filter.modifiedFrom)
      .filter((m) => !filter.modifiedTo || m.dateModified <= filter.modifiedTo)
      .filter((m) => !filter.startFrom || m.startDate >= filter.startFrom)
      .filter((m) => !filter.startTo || m.startDate <= filter.startTo)
      .filter((m) => !filter.withMeetingType || (m.meetingTypeId ?? null) !== null)
      .filter(
        (m) =>
          !filter.customField ||
          (m.customFields ?? []).some((f) => f.key === filter.customField!.key && f.value === filter.customField!.value),
      )
      .filter((m) => !filter.ownerWithoutEntity || (m.owner?.channel === "Bot" && (m.owner as { entity?: string }).entity === undefined))
      .sort((a, b) => a.startDate.localeCompare(b.startDate) || a.id.localeCompare(b.id));
    const next = offset + limit;
    return {
      items: copy(items.slice(offset, next)),
      continuationToken: next < items.length ? JSON.stringify({ offset: next }) : undefined,
    };
  }

  /** The Cosmos adapter's COUNT and numbered window, over this store's list (its filters). */
  async count(filter: MeetingFilter) {
    return (await this.list(filter, Number.MAX_SAFE_INTEGER)).items.length;
  }

  async window(filter: MeetingFilter, offset: number, limit: number) {
    return (await this.list(filter, Number.MAX_SAFE_INTEGER)).items.slice(offset, offset + limit);
  }
}

class MemoryReservations implements ReservationRepository {
  readonly docs = new Map<string, ReservationDoc>();
  readonly tokens = new Map<string, string>();
  constructor(private readonly faults: FaultPlan) {}

  async get(id: string) {
    await tick();
    const found = this.docs.get(id);
    return found && copy(found);
  }

  async create(reservation: ReservationDoc) {
    await tick();
    await this.faults.write("reservations.create", () => void this.docs.set(reservation.id, copy(reservation)));
  }

  async delete(id: string) {
    await tick();
    await this.faults.write("reservations.delete", () => void this.docs.delete(id));
  }

  async tokenTarget(token: string) {
    await tick();
    return this.tokens.get(token);
  }

  async pointToken(token: string, reservationId: string) {
    await tick();
    return this.faults.write("reservations.pointToken", () => {
      const previous = this.tokens.get(token);
      this.tokens.set(token, reservationId);
      return previous;
    });
  }

  async clearToken(token: string, reservationId: string) {
    await tick();
    if (this.tokens.get(token) !== reservationId) return;
    await this.faults.write("reservations.clearToken", () => void this.tokens.delete(token));
  }

  async expired(nowIso: string, limit: number) {
    await tick();
    return copy([...this.docs.values()].filter((r) => r.expiresAt <= nowIso).slice(0, limit));
  }

  async countLive(holder: string, nowIso: string) {
    await tick();
    return [...this.docs.values()].filter((r) => r.holder === holder && r.expiresAt > nowIso).length;
  }
}

class MemoryIntents implements IntentRepository {
  readonly docs = new Map<string, IntentDoc>();
  constructor(private readonly faults: FaultPlan) {}

  async create(intent: IntentDoc) {
    await tick();
    return this.faults.write("intents.create", () => {
      if (this.docs.has(intent.id)) return false;
      this.docs.set(intent.id, copy(intent));
      return true;
    });
  }

  async get(id: string) {
    await tick();
    const found = this.docs.get(id);
    return found && copy(found);
  }

  async delete(id: string) {
    await tick();
    await this.faults.write("intents.delete", () => void this.docs.delete(id));
  }

  async olderThan(iso: string, limit: number) {
    await tick();
    return copy([...this.docs.values()].filter((i) => i.createdAt <= iso).slice(0, limit));
  }
}

/** The outbox: create-if-absent by event id, a write step like any other. */
export class MemoryOutbox implements EventOutbox {
  readonly events = new Map<string, OutboxEvent>();
  constructor(private readonly faults: FaultPlan) {}

  async add(event: OutboxEvent) {
    await tick();
    await this.faults.write("outbox.add", () => {
      if (!this.events.has(event.id)) this.events.set(event.id, copy(event));
    });
  }
}

class MemoryDirectory implements DirectoryRepository {
  private readonly kinds = new Map<DirectoryKind, Map<string, unknown>>();

  private of(kind: DirectoryKind) {
    let map = this.kinds.get(kind);
    if (!map) this.kinds.set(kind, (map = new Map()));
    return map;
  }

  async get<K extends DirectoryKind>(kind: K, id: string) {
    return this.of(kind).get(id) as DirectoryEntities[K] | undefined;
  }

  async list<K extends DirectoryKind>(kind: K) {
    return [...this.of(kind).values()].sort((a, b) =>
      String((a as { id: string }).id).localeCompare((b as { id: string }).id),
    ) as DirectoryEntities[K][];
  }

  async put<K extends DirectoryKind>(kind: K, entity: DirectoryEntities[K]) {
    const created = !this.of(kind).has(entity.id);
    this.of(kind).set(entity.id, entity);
    return { created };
  }

  async create<K extends DirectoryKind>(kind: K, entity: DirectoryEntities[K]) {
    if (this.of(kind).has(entity.id)) return false;
    this.of(kind).set(entity.id, entity);
    return true;
  }

  async delete(kind: DirectoryKind, id: string) {
    return this.of(kind).delete(id);
  }

  async count() {
    return [...this.kinds.values()].reduce((n, m) => n + m.size, 0);
  }
}

export class MemoryIdempotency implements IdempotencyRepository {
  private readonly records = new Map<string, IdempotencyRecord>();

  async claim(record: IdempotencyRecord) {
    const existing = this.records.get(record.id);
    if (existing) return copy(existing);
    this.records.set(record.id, copy(record));
    return undefined;
  }

  async complete(record: IdempotencyRecord) {
    this.records.set(record.id, copy(record));
  }

  async release(id: string) {
    this.records.delete(id);
  }
}

/** The audit trail: create-if-absent, a write step like any other. */
class MemoryAudit implements AuditTrail {
  readonly entries = new Map<string, AuditEntry>();
  constructor(private readonly faults: FaultPlan) {}

  async append(entry: AuditEntry) {
    await tick();
    await this.faults.write("audit.append", () => {
      if (!this.entries.has(entry.id)) this.entries.set(entry.id, copy(entry));
    });
  }

  async forMeeting(meetingId: string, limit: number) {
    await tick();
    const items = [...this.entries.values()].filter((e) => e.meetingId === meetingId).sort((a, b) => a.seq - b.seq);
    return { items: copy(items.slice(0, limit)) };
  }
}

export interface MemoryStores extends Stores {
  audit: MemoryAudit;
  faults: FaultPlan;
  outbox: MemoryOutbox;
  intents: MemoryIntents;
  schedules: MemorySchedules;
  /** Every document, in the shape the consistency check reads from the database. */
  snapshot(): StoredDocuments;
}

export function memoryStores(): MemoryStores {
  const faults = new FaultPlan();
  const schedules = new MemorySchedules(faults);
  const meetings = new MemoryMeetings(faults);
  const reservations = new MemoryReservations(faults);
  const intents = new MemoryIntents(faults);
  return {
    faults,
    directory: new MemoryDirectory(),
    schedules,
    meetings,
    reservations,
    intents,
    idempotency: new MemoryIdempotency(),
    outbox: new MemoryOutbox(faults),
    audit: new MemoryAudit(faults),
    snapshot: () =>
      copy({
        meetings: [...meetings.docs.values()].map((d) => d.meeting),
        reservationDocs: [...reservations.docs.values(), ...[...reservations.tokens.keys()].map(() => ({ kind: "token" as const }))],
        calendars: [...schedules.docs.entries()].map(([id, d]) => ({ id, resource: d.resource, entries: d.entries })),
        intents: [...intents.docs.values()],
      }),
  };
}
