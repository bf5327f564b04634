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
    await this.container.items.upsert(record);
  }

  async release(id: string) {
    await deleteIfExists(this.container, id);
  }
}
