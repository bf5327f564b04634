/**
 * Calendar documents, one per resource and UTC month. Every change is a read followed by a
 * conditional write (create-if-absent, or replace with If-Match on the ETag): two writers
 * can never both succeed on the same version, on real Cosmos DB and the embedded server alike.
 */
import type { Container } from "@azure/cosmos";
import { z } from "zod";
import { UnavailableError } from "../../kernel/errors.js";
import type { ScheduleRepository } from "../../booking/model/ports.js";
import type { ResourceKey, ScheduleEntry } from "../../booking/model/schedule-entries.js";
import { isConflict, isNotFound, isPreconditionFailed } from "./cosmos-errors.js";

const EntrySchema = z.object({ ref: z.string(), rev: z.number(), start: z.string(), end: z.string(), expiresAt: z.string().optional() });
const DocSchema = z.object({ id: z.string(), resource: z.string(), month: z.string(), entries: z.array(EntrySchema) });

const MAX_ATTEMPTS = 40;

/** How many calendar versions this process remembers (a document is a few KB at most). */
const MAX_REMEMBERED = 2000;

interface Version {
  entries: ScheduleEntry[];
  etag?: string;
}

export class CosmosScheduleRepository implements ScheduleRepository {
  /**
   * The last version of each calendar this process read or wrote. update() tries its conditional
   * write against it first, saving the read: if another writer changed the document meanwhile, the
   * If-Match fails and the document is read afresh. A change that would write nothing or that
   * rejects the version (a conflict) is always decided again on a fresh read, so a stale version
   * can cost a retry but never changes an outcome. Reads for callers are never served from here.
   */
  private readonly versions = new Map<string, Version>();

  constructor(private readonly container: Container) {}

  private remember(id: string, version: Version) {
    if (!version.etag) return;
    if (this.versions.size >= MAX_REMEMBERED && !this.versions.has(id)) this.versions.clear();
    this.versions.set(id, version);
  }

  private async read(id: string): Promise<Version> {
    try {
      const { resource, etag } = await this.container.item(id, id).read<Record<string, unknown>>();
      if (!resource) return { entries: [] };
      const version = { entries: DocSchema.parse(resource).entries, etag };
      this.remember(id, version);
      return version;
    } catch (err) {
      if (isNotFound(err)) return { entries: [] };
      throw err;
    }
  }

  /** Point reads, one per calendar (ids are deterministic): the hot path never queries. */
  async entriesOf(ids: string[]) {
    const all = await Promise.all(ids.map(async (id) => [id, (await this.read(id)).entries] as const));
    return new Map(all);
  }

  async update(id: string, resource: ResourceKey, month: string, change: (entries: ScheduleEntry[]) => ScheduleEntry[]) {
    let remembered = this.versions.get(id);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const fromMemory = remembered !== undefined;
      const current = remembered ?? (await this.read(id));
      remembered = undefined;
      let entries: ScheduleEntry[];
      try {
        entries = change(current.entries);
      } catch (err) {
        if (fromMemory) continue; // decide a rejection on the current document
        throw err;
      }
      if (entries === current.entries) {
        if (fromMemory) continue; // "nothing to change" must hold for the current document
        return;
      }
      const doc = { id, resource, month, entries };
      try {
        const written = current.etag
          ? await this.container.item(id, id).replace(doc, { accessCondition: { type: "IfMatch", condition: current.etag } })
          : await this.container.items.create(doc);
        this.remember(id, { entries, etag: written.etag });
        return;
      } catch (err) {
        this.versions.delete(id);
        if (!isPreconditionFailed(err) && !isConflict(err) && !isNotFound(err)) throw err;
        if (!fromMemory) await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 ** attempt)));
      }
    }
    throw new UnavailableError("the calendar is too busy right now; retry shortly");
  }
}
