/** Idempotency-Key records: the first request's fingerprint and, once done, its response. */
import type { Container } from "@azure/cosmos";
import { z } from "zod";
import type { IdempotencyRecord, IdempotencyRepository } from "../../booking/model/ports.js";
import { deleteIfExists, isConflict } from "./cosmos-errors.js";

const RecordSchema: z.ZodType<IdempotencyRecord> = z.object({
  id: z.string(),
  fingerprint: z.string(),
  state: z.enum(["in-progress", "done"]),
  createdAt: z.string(),
  response: z.object({ status: z.number(), body: z.unknown().optional(), headers: z.record(z.string(), z.string()) }).optional(),
});

export class CosmosIdempotencyRepository implements IdempotencyRepository {
  constructor(private readonly container: Container) {}

  async claim(record: IdempotencyRecord) {
    try {
      await this.container.items.create(record);
      return undefined;
    } catch (err) {
      if (!isConflict(err)) throw err;
      const { resource } = await this.container.item(record.id, record.id).read<Record<string, unknown>>();
      return RecordSchema.parse(resource);
    }
  }

  async complete(record: IdempotencyRecord) {
    // refs: the ids (UUIDs) its stored response names, so an erasure finds the records that copied a meeting (privacy-stores.ts).
    await this.container.items.upsert({ ...record, refs: idsIn(record.response?.body) });
  }

  async release(id: string) {
    await deleteIfExists(this.container, id);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The UUIDs among a response body's string values (at most 50, a few levels deep). */
function idsIn(body: unknown, depth = 0, found = new Set<string>()): string[] {
  if (typeof body === "string" && UUID.test(body)) found.add(body.toLowerCase());
  else if (body && typeof body === "object" && depth < 4 && found.size < 50)
    for (const value of Array.isArray(body) ? body : Object.values(body)) idsIn(value, depth + 1, found);
  return [...found];
}
