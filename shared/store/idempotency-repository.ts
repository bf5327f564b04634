/** Idempotency-Key records: the first request's fingerprint and, once done, its response. */
import type { Container } from "@azure/cosmos";
import { z } from "zod";
import { deleteIfExists, isConflict } from "./cosmos-errors.js";

export const IdempotencyRecord = z.object({
  id: z.string(),
  fingerprint: z.string(),
  state: z.enum(["in-progress", "done"]),
  createdAt: z.string(),
  response: z.object({ status: z.number(), body: z.unknown().optional(), headers: z.record(z.string(), z.string()) }).optional(),
});
export type IdempotencyRecord = z.output<typeof IdempotencyRecord>;

export interface IdempotencyRepository {
  /** Claims the key; returns the existing record when someone claimed it first. */
  claim(record: IdempotencyRecord): Promise<IdempotencyRecord | undefined>;
  complete(record: IdempotencyRecord): Promise<void>;
  release(id: string): Promise<void>;
}

export class CosmosIdempotencyRepository implements IdempotencyRepository {
  constructor(private readonly container: Container) {}

  async claim(record: IdempotencyRecord) {
    try {
      await this.container.items.create(record);
      return undefined;
    } catch (err) {
      if (!isConflict(err)) throw err;
      const { resource } = await this.container.item(record.id, record.id).read();
      return IdempotencyRecord.parse(resource);
    }
  }

  async complete(record: IdempotencyRecord) {
    await this.container.items.upsert(record);
  }

  async release(id: string) {
    await deleteIfExists(this.container, id);
  }
}
