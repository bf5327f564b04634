/**
 * The directory (employees, rooms, topics, customer types) in one container partitioned by kind.
 *
 * Reads are hot (every availability request needs the employee list) and writes are rare. At
 * 10,000 advisors one kind's list is ~5,200 RU to read, and every host instance refetching it each
 * time it changed (and every 15 s as a backstop) put ~13,000 RU/s on the one logical partition
 * "employee" and a ~73,000 RU burst after each change (issue 29). A re-key to kind:branch would
 * spread that, but get(kind, id) needs the key and most callers list a whole kind (a cross-partition
 * query costing the same RU), so the lists are refreshed incrementally instead:
 * - every write through this repository also rewrites one small version document
 *   (id "directory-version", kind "meta"); list() reads it (one point read) and reuses its list
 *   while the version is the one it refreshed at, so a change made by any process is seen by the
 *   next read everywhere;
 * - a list is refreshed by a DELTA query: the documents of the kind whose _ts (server seconds) is at
 *   least the highest _ts the list has seen minus DELTA_MARGIN_S (same-second writes are re-read;
 *   parse() makes a re-read unchanged document cheap), merged by id into the sorted list; a full
 *   query only fills an instance's list the first time;
 * - a delta query cannot see deletes: delete() first appends the delete to a second meta document
 *   (directory-deletions.ts), which list() reads when the version changed, BEFORE its query; the
 *   deletes since the list's last look are removed from it unless its copy was written after the delete
 *   (re-created; a copy of the same second is point-read), and the query brings back a document
 *   re-created since; a list that missed more deletes than the document keeps is refetched in full;
 * - backstops for writes that bypass the repository: a delta after maxAgeMs without a version
 *   change, a full refetch after fullRefreshMs;
 * - one refresh per kind at a time: requests that find the list stale at the same version share
 *   one query, a newer version's refresh starts from the list the one in flight leaves;
 * - parsed documents are remembered by id and _etag (a document with the same _etag has the same
 *   content), so an unchanged entity is validated with zod once, not on every read.
 * Neither is a guard of anything: bookings are guarded by the calendar documents.
 */
import type { Container } from "@azure/cosmos";
import { z } from "zod";
import { CustomerTypeBody, EmployeeBody, RoomFields, TopicBody } from "../../directory/directory.js";
import { MeetingTypeBody } from "../../directory/meeting-types.js";
import { BookingLinkBody } from "../../directory/booking-links.js";
import { CHANNELS } from "../../directory/clients.js";
import { ClosureBody, HolidayCalendarBody } from "../../directory/closures.js";
import { CustomerAdvisorBody } from "../../directory/customer-advisors.js";
import type { DirectoryEntities, DirectoryKind, DirectoryRepository } from "../../booking/model/ports.js";
import { isNotFound, isPreconditionFailed } from "./cosmos-errors.js";
import {
  deletesSince,
  deletionKeyOf,
  readDeletions,
  recordDeletion,
  stampOf,
  verdict,
  type DeletionEntry,
  type Deletions,
  type DeletionsSeen,
  type Stamp,
} from "./directory-deletions.js";

/** Documents are parsed on read: unknown and system fields (_rid, _etag, kind) are dropped. */
const DOCUMENT_SCHEMAS: { [K in DirectoryKind]: z.ZodType<DirectoryEntities[K]> } = {
  employee: EmployeeBody.extend({ id: z.string() }),
  room: RoomFields.extend({ id: z.string() }),
  topic: TopicBody.extend({ id: z.string() }),
  customerType: CustomerTypeBody.extend({ id: z.string() }),
  meetingType: MeetingTypeBody.and(z.object({ id: z.string() })),
  bookingLink: BookingLinkBody.extend({ id: z.string() }),
  client: z.object({ id: z.string(), name: z.string(), channel: z.enum(CHANNELS), portalId: z.string().optional() }),
  closure: ClosureBody.and(z.object({ id: z.string() })),
  holidayCalendar: HolidayCalendarBody.and(z.object({ id: z.string() })),
  customerAdvisor: CustomerAdvisorBody.and(z.object({ id: z.string() })),
};

const VERSION_DOC = { id: "directory-version", kind: "meta" } as const;
/** Without a version change a list is refreshed by a delta query after this long. */
export const LIST_MAX_AGE_MS = 15_000;
/** A list is refetched in full after this long in any case (a delete that bypassed the repository). */
export const FULL_REFRESH_MS = 10 * 60_000;
/** _ts is in server seconds: a delta re-reads this many seconds before the newest document seen. */
export const DELTA_MARGIN_S = 5;
const MAX_PARSED = 20_000;

export interface DirectoryCacheOptions {
  now?: () => number;
  maxAgeMs?: number;
  fullRefreshMs?: number;
  /** Entries the deletions document keeps (DELETIONS_KEPT). */
  keptDeletions?: number;
}

interface Entity {
  id: string;
}

interface CachedList {
  /** The version document's ETag the list was refreshed at. */
  version: string;
  /** The deletes the list reflects. */
  deletions: DeletionsSeen;
  at: number;
  filledAt: number;
  /** The highest _ts among the documents read. */
  maxTs: number;
  /** Sorted by id. */
  items: Entity[];
  /** Each item's _ts and _etag, to tell a deleted copy from a re-created one. */
  stamps: Map<string, Stamp>;
}

const byId = (a: Entity, b: Entity) => a.id.localeCompare(b.id);

/** Replaces or inserts each entity by id, keeping the list sorted by id (binary search). */
function merge(items: Entity[], changed: Entity[]): Entity[] {
  const out = [...items];
  for (const entity of changed) {
    let lo = 0;
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (byId(out[mid], entity) < 0) lo = mid + 1;
      else hi = mid;
    }
    if (out[lo]?.id === entity.id) out[lo] = entity;
    else out.splice(lo, 0, entity);
  }
  return out;
}

const maxTs = (docs: unknown[], from = 0) => docs.reduce<number>((m, d) => Math.max(m, Number((d as { _ts?: unknown })._ts) || 0), from);

export class CosmosDirectoryRepository implements DirectoryRepository {
  private readonly lists = new Map<DirectoryKind, CachedList>();
  private readonly parsed = new Map<string, { etag: string; entity: unknown }>();
  private readonly refreshing = new Map<string, Promise<Entity[]>>();
  private readonly lastRefresh = new Map<DirectoryKind, Promise<unknown>>();
  private readonly now: () => number;
  private readonly maxAgeMs: number;
  private readonly fullRefreshMs: number;
  private readonly keptDeletions?: number;

  constructor(
    private readonly container: Container,
    options: DirectoryCacheOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.maxAgeMs = options.maxAgeMs ?? LIST_MAX_AGE_MS;
    this.fullRefreshMs = options.fullRefreshMs ?? FULL_REFRESH_MS;
    this.keptDeletions = options.keptDeletions;
  }

  private parse<K extends DirectoryKind>(kind: K, doc: unknown): DirectoryEntities[K] {
    const { id, _etag: etag } = doc as { id?: unknown; _etag?: unknown };
    const key = `${kind}|${String(id)}`;
    const known = this.parsed.get(key);
    if (typeof etag === "string" && known?.etag === etag) return known.entity as DirectoryEntities[K];
    const entity = DOCUMENT_SCHEMAS[kind].parse(doc);
    if (typeof etag === "string") {
      if (this.parsed.size >= MAX_PARSED) this.parsed.clear();
      this.parsed.set(key, { etag, entity });
    }
    return entity;
  }

  /** A meta document's ETag ("none" when absent): it changes on every rewrite. */
  private async tag(doc: { id: string; kind: string }): Promise<string> {
    try {
      const { etag } = await this.container.item(doc.id, doc.kind).read();
      return etag ?? "none";
    } catch (err) {
      if (isNotFound(err)) return "none";
      throw err;
    }
  }

  private async changed(): Promise<void> {
    await this.container.items.upsert({ ...VERSION_DOC, changedAt: new Date(this.now()).toISOString() });
  }

  async get<K extends DirectoryKind>(kind: K, id: string) {
    const doc = await this.readRaw(kind, id);
    return doc ? this.parse(kind, doc) : undefined;
  }

  private fresh(cached: CachedList, version: string): boolean {
    return cached.version === version && this.now() - cached.at < this.maxAgeMs;
  }

  async list<K extends DirectoryKind>(kind: K) {
    const version = await this.tag(VERSION_DOC);
    const cached = this.lists.get(kind);
    if (cached && this.fresh(cached, version)) return [...cached.items] as DirectoryEntities[K][];
    // One refresh per kind and version: requests that find the list stale share it. A refresh at another
    // version waits for the one in flight, so it starts from (and does not overwrite) the newer list.
    const key = `${kind}|${version}`;
    let refreshing = this.refreshing.get(key);
    if (!refreshing) {
      const previous = this.lastRefresh.get(kind) ?? Promise.resolve();
      refreshing = previous
        .catch(() => undefined)
        .then(() => this.refresh(kind, version))
        .finally(() => this.refreshing.delete(key));
      this.refreshing.set(key, refreshing);
      this.lastRefresh.set(kind, refreshing);
    }
    return [...(await refreshing)] as DirectoryEntities[K][];
  }

  private async refresh(kind: DirectoryKind, version: string): Promise<Entity[]> {
    const cached = this.lists.get(kind);
    if (cached && this.fresh(cached, version)) return cached.items;
    if (!cached || this.now() - cached.filledAt >= this.fullRefreshMs) return this.fill(kind, version);
    if (cached.version === version) return this.delta(kind, version, cached, [], cached.deletions);
    // Read before the query: a document listed as deleted can only come back from it re-created.
    const deletions = await readDeletions(this.container);
    const deletes = deletesSince(deletions, cached.deletions);
    if (!deletes) return this.fill(kind, version, deletions);
    return this.delta(kind, version, cached, deletes, deletions);
  }

  /** The whole kind (an instance's first list, after missing more deletes than are kept, and every fullRefreshMs). */
  private async fill(kind: DirectoryKind, version: string, read?: Deletions): Promise<Entity[]> {
    const at = this.now();
    // Read before the query: a delete after it has a later seq, which the next refresh applies.
    const { epoch, seq } = read ?? (await readDeletions(this.container));
    const { resources } = await this.container.items
      .query<Record<string, unknown>>(
        { query: "SELECT * FROM c WHERE c.kind = @kind", parameters: [{ name: "@kind", value: kind }] },
        { partitionKey: kind },
      )
      .fetchAll();
    const items = resources.map((doc) => this.parse(kind, doc) as Entity).sort(byId);
    const stamps = new Map(resources.map((doc) => [String(doc.id), stampOf(doc)]));
    this.lists.set(kind, { version, deletions: { epoch, seq }, at, filledAt: at, maxTs: maxTs(resources), items, stamps });
    return items;
  }

  /**
   * The deletes of the kind removed, then the documents written since the newest one the list has seen
   * (minus the margin) merged in: a document re-created after its delete comes back with the query.
   */
  private async delta(kind: DirectoryKind, version: string, cached: CachedList, deletes: DeletionEntry[], seen: DeletionsSeen) {
    const at = this.now();
    const { resources } = await this.container.items
      .query<Record<string, unknown>>(
        {
          query: "SELECT * FROM c WHERE c.kind = @kind AND c._ts >= @since",
          parameters: [
            { name: "@kind", value: kind },
            { name: "@since", value: cached.maxTs - DELTA_MARGIN_S },
          ],
        },
        { partitionKey: kind },
      )
      .fetchAll();
    const { removed, recheck } = this.verdicts(kind, cached, deletes);
    const returned = new Set(resources.map((doc) => String(doc.id)));
    for (const id of recheck.filter((r) => !returned.has(r))) {
      const doc = await this.readRaw(kind, id);
      if (doc) resources.push(doc);
      else removed.add(id);
    }
    let { items, stamps } = cached;
    if (removed.size > 0 || resources.length > 0) {
      stamps = new Map(stamps);
      if (removed.size > 0) items = items.filter((e) => !removed.has(e.id));
      for (const id of removed) stamps.delete(id);
      items = merge(
        items,
        resources.map((doc) => this.parse(kind, doc) as Entity),
      );
      for (const doc of resources) stamps.set(String(doc.id), stampOf(doc));
    }
    const deletions = { epoch: seen.epoch, seq: seen.seq };
    this.lists.set(kind, { ...cached, version, deletions, at, maxTs: maxTs(resources, cached.maxTs), items, stamps });
    return items;
  }

  /** The cached ids a delete of the kind removes, and those of the same second as the delete (to point-read). */
  private verdicts(kind: DirectoryKind, cached: CachedList, deletes: DeletionEntry[]) {
    const removed = new Set<string>();
    const recheck = new Set<string>();
    if (deletes.length === 0) return { removed, recheck: [] };
    const idOf = new Map([...cached.stamps.keys()].map((id) => [deletionKeyOf(kind, id), id]));
    for (const deleted of deletes) {
      const id = idOf.get(deleted.key);
      const stamp = id !== undefined ? cached.stamps.get(id) : undefined;
      if (id === undefined || !stamp) continue;
      const v = verdict(stamp, deleted);
      if (v === "remove") removed.add(id);
      else if (v === "recheck") recheck.add(id);
    }
    return { removed, recheck: [...recheck].filter((id) => !removed.has(id)) };
  }

  private async readRaw(kind: DirectoryKind, id: string): Promise<Record<string, unknown> | undefined> {
    try {
      return (await this.container.item(id, kind).read<Record<string, unknown>>()).resource;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async put<K extends DirectoryKind>(kind: K, entity: DirectoryEntities[K]) {
    const existed = (await this.get(kind, entity.id)) !== undefined;
    await this.container.items.upsert({ ...entity, kind });
    await this.changed();
    return { created: !existed };
  }

  async create<K extends DirectoryKind>(kind: K, entity: DirectoryEntities[K]) {
    try {
      await this.container.items.create({ ...entity, kind });
    } catch (err) {
      if ((err as { code?: number }).code === 409) return false;
      throw err;
    }
    await this.changed();
    return true;
  }

  async delete(kind: DirectoryKind, id: string) {
    const deleted = await this.deleteCurrent(kind, id);
    if (!deleted) return false;
    // The deletions document before the version: a list that sees the new version also sees the delete.
    await recordDeletion(
      this.container,
      { key: deletionKeyOf(kind, id), ...deleted },
      { kept: this.keptDeletions, changedAt: new Date(this.now()).toISOString() },
    );
    await this.changed();
    return true;
  }

  /** Deletes the current version under If-Match, so the deletions entry names the version deleted. */
  private async deleteCurrent(kind: DirectoryKind, id: string): Promise<Stamp | undefined> {
    for (let attempt = 1; ; attempt++) {
      const doc = await this.readRaw(kind, id);
      if (!doc) return undefined;
      const stamp = stampOf(doc);
      try {
        await this.container.item(id, kind).delete({ accessCondition: { type: "IfMatch", condition: stamp.etag } });
        return stamp;
      } catch (err) {
        if (isNotFound(err)) return undefined;
        if (!isPreconditionFailed(err) || attempt >= 5) throw err;
      }
    }
  }

  async count() {
    const { resources } = await this.container.items
      .query<number>(`SELECT VALUE COUNT(1) FROM c WHERE c.kind != '${VERSION_DOC.kind}'`)
      .fetchAll();
    return resources[0] ?? 0;
  }
}
