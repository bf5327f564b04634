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
 * - a delta query cannot see deletes: delete() first rewrites a second meta document
 *   ("directory-deletions"), which list() reads only when the version changed; if its ETag moved
 *   since the list was filled, the list is refetched in full (deletes are rare admin operations);
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
import { deleteIfExists, isNotFound } from "./cosmos-errors.js";

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
const DELETIONS_DOC = { id: "directory-deletions", kind: "meta" } as const;
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
}

interface Entity {
  id: string;
}

interface CachedList {
  /** The version document's ETag the list was refreshed at. */
  version: string;
  /** The deletions document's ETag when the list was last filled in full. */
  deletions: string;
  at: number;
  filledAt: number;
  /** The highest _ts among the documents read. */
  maxTs: number;
  /** Sorted by id. */
  items: Entity[];
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

  constructor(
    private readonly container: Container,
    options: DirectoryCacheOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.maxAgeMs = options.maxAgeMs ?? LIST_MAX_AGE_MS;
    this.fullRefreshMs = options.fullRefreshMs ?? FULL_REFRESH_MS;
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

  private async changed(deleted = false): Promise<void> {
    const changedAt = new Date(this.now()).toISOString();
    // Deletions first: a list that sees the new version must also see the new deletions ETag.
    if (deleted) await this.container.items.upsert({ ...DELETIONS_DOC, changedAt });
    await this.container.items.upsert({ ...VERSION_DOC, changedAt });
  }

  async get<K extends DirectoryKind>(kind: K, id: string) {
    try {
      const { resource } = await this.container.item(id, kind).read<Record<string, unknown>>();
      return resource ? this.parse(kind, resource) : undefined;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
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
    if (cached.version !== version) {
      const deletions = await this.tag(DELETIONS_DOC);
      if (deletions !== cached.deletions) return this.fill(kind, version, deletions);
    }
    return this.delta(kind, version, cached);
  }

  /** The whole kind (an instance's first list, after a delete, and every fullRefreshMs). */
  private async fill(kind: DirectoryKind, version: string, deletionsTag?: string): Promise<Entity[]> {
    const at = this.now();
    // Read before the query: a delete after it moves the ETag again, so the next new version refetches.
    const deletions = deletionsTag ?? (await this.tag(DELETIONS_DOC));
    const { resources } = await this.container.items
      .query({ query: "SELECT * FROM c WHERE c.kind = @kind", parameters: [{ name: "@kind", value: kind }] }, { partitionKey: kind })
      .fetchAll();
    const items = resources.map((doc) => this.parse(kind, doc) as Entity).sort(byId);
    this.lists.set(kind, { version, deletions, at, filledAt: at, maxTs: maxTs(resources), items });
    return items;
  }

  /** The documents of the kind written since the newest one the list has seen (minus the margin), merged in. */
  private async delta(kind: DirectoryKind, version: string, cached: CachedList): Promise<Entity[]> {
    const at = this.now();
    const { resources } = await this.container.items
      .query(
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
    const changed = resources.map((doc) => this.parse(kind, doc) as Entity);
    const items = changed.length === 0 ? cached.items : merge(cached.items, changed);
    this.lists.set(kind, { ...cached, version, at, maxTs: maxTs(resources, cached.maxTs), items });
    return items;
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
    if (!(await deleteIfExists(this.container, id, kind))) return false;
    await this.changed(true);
    return true;
  }

  async count() {
    const { resources } = await this.container.items
      .query<number>(`SELECT VALUE COUNT(1) FROM c WHERE c.kind != '${VERSION_DOC.kind}'`)
      .fetchAll();
    return resources[0] ?? 0;
  }
}
