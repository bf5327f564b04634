/**
 * Calendar documents, one per resource and UTC month. Every change is a read followed by a
 * conditional write (create-if-absent, or replace with If-Match on the ETag): two writers
 * can never both succeed on the same version, on real Cosmos DB and the embedded server alike.
 */
import type { Container } from "@azure/cosmos";
import { z } from "zod";
import { UnavailableError } from "../errors.js";
import type { ResourceKey, ScheduleEntry } from "../booking/schedule-entries.js";
import { isConflict, isNotFound, isPreconditionFailed } from "./cosmos-errors.js";

const EntrySchema = z.object({ ref: z.string(), rev: z.number(), start: z.string(), end: z.string(), expiresAt: z.string().optional() });
const DocSchema = z.object({ id: z.string(), resource: z.string(), month: z.string(), entries: z.array(EntrySchema) });

const MAX_ATTEMPTS = 40;

export interface ScheduleRepository {
  entries(id: string): Promise<ScheduleEntry[]>;
  entriesOf(ids: string[]): Promise<Map<string, ScheduleEntry[]>>;
  /** Applies `change` to the current entries and writes them back conditionally, retrying on a lost race.
   *  A change that returns its input unchanged (same array) writes nothing. */
  update(id: string, resource: ResourceKey, month: string, change: (entries: ScheduleEntry[]) => ScheduleEntry[]): Promise<void>;
}

export class CosmosScheduleRepository implements ScheduleRepository {
  constructor(private readonly container: Container) {}

  private async read(id: string): Promise<{ entries: ScheduleEntry[]; etag?: string }> {
    try {
      const { resource, etag } = await this.container.item(id, id).read();
      if (!resource) return { entries: [] };
      return { entries: DocSchema.parse(resource).entries, etag };
    } catch (err) {
      if (isNotFound(err)) return { entries: [] };
      throw err;
    }
  }

  async entries(id: string) {
    return (await this.read(id)).entries;
  }

  async entriesOf(ids: string[]) {
    const all = await Promise.all(ids.map(async (id) => [id, (await this.read(id)).entries] as const));
    return new Map(all);
  }

  async update(id: string, resource: ResourceKey, month: string, change: (entries: ScheduleEntry[]) => ScheduleEntry[]) {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.read(id);
      const entries = change(current.entries);
      if (entries === current.entries) return; // nothing to change
      const doc = { id, resource, month, entries };
      try {
        if (current.etag) await this.container.item(id, id).replace(doc, { accessCondition: { type: "IfMatch", condition: current.etag } });
        else await this.container.items.create(doc);
        return;
      } catch (err) {
        if (!isPreconditionFailed(err) && !isConflict(err) && !isNotFound(err)) throw err;
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 ** attempt)));
      }
    }
    throw new UnavailableError("the calendar is too busy right now; retry shortly");
  }
}
