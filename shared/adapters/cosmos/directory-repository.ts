/**
 * The directory (employees, rooms, topics, customer types) in one container partitioned by kind.
 *
 * Reads are hot (every availability request needs the employee list) and writes are rare, so:
 * - every write through this repository also rewrites one small version document
 *   (id "directory-version", kind "meta"); list() reads that document (one point read) and
 *   reuses the list it fetched at the same version, so a change made by any process is seen by
 *   the next read everywhere; a cached list is refetched after LIST_MAX_AGE_MS in any case (a
 *   backstop for writes that bypass the repository or whose version write failed); concurrent
 *   refetches of one kind at one version share a single query (a host's requests in flight when its
 *   list expires used to refetch it each: issue 29);
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
export const LIST_MAX_AGE_MS = 15_000;
const MAX_PARSED = 20_000;

export class CosmosDirectoryRepository implements DirectoryRepository {
  private readonly lists = new Map<DirectoryKind, { version: string; at: number; items: unknown[] }>();
  private readonly parsed = new Map<string, { etag: string; entity: unknown }>();
  private readonly fetching = new Map<string, Promise<unknown[]>>();

  constructor(private readonly container: Container) {}

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

  /** The version document's ETag: it changes on every directory write made through this repository. */
  private async version(): Promise<string> {
    try {
      const { etag } = await this.container.item(VERSION_DOC.id, VERSION_DOC.kind).read();
      return etag ?? "none";
    } catch (err) {
      if (isNotFound(err)) return "none";
      throw err;
    }
  }

  private async changed(): Promise<void> {
    this.lists.clear();
    await this.container.items.upsert({ ...VERSION_DOC, changedAt: new Date().toISOString() });
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

  async list<K extends DirectoryKind>(kind: K) {
    const version = await this.version();
    const cached = this.lists.get(kind);
    if (cached && cached.version === version && Date.now() - cached.at < LIST_MAX_AGE_MS)
      return [...cached.items] as DirectoryEntities[K][];
    // One refetch per kind and version at a time: requests that find the list stale while it is being
    // fetched at the version they read share that fetch (the same version: the same documents).
    const key = `${kind}|${version}`;
    let fetching = this.fetching.get(key);
    if (!fetching) {
      fetching = this.fetchList(kind, version).finally(() => this.fetching.delete(key));
      this.fetching.set(key, fetching);
    }
    return [...(await fetching)] as DirectoryEntities[K][];
  }

  private async fetchList(kind: DirectoryKind, version: string): Promise<unknown[]> {
    const at = Date.now();
    const { resources } = await this.container.items
      .query({ query: "SELECT * FROM c WHERE c.kind = @kind", parameters: [{ name: "@kind", value: kind }] }, { partitionKey: kind })
      .fetchAll();
    const items = resources.map((doc) => this.parse(kind, doc)).sort((a, b) => a.id.localeCompare(b.id));
    this.lists.set(kind, { version, at, items });
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
    await this.changed();
    return true;
  }

  async count() {
    const { resources } = await this.container.items
      .query<number>(`SELECT VALUE COUNT(1) FROM c WHERE c.kind != '${VERSION_DOC.kind}'`)
      .fetchAll();
    return resources[0] ?? 0;
  }
}
