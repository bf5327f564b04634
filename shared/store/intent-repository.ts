/**
 * Write-ahead records of in-flight booking operations. Written before the calendars change
 * and deleted when the operation is complete; the sweeper finishes or undoes any left behind.
 */
import type { Container } from "@azure/cosmos";
import { z } from "zod";
import { deleteIfExists, isConflict } from "./cosmos-errors.js";

export const IntentDoc = z.object({
  id: z.string(),
  op: z.enum(["reserve", "book", "move", "cancel"]),
  /** The holder whose entries this operation adds or removes ("meeting:{id}" / "reservation:{id}"). */
  ref: z.string(),
  /** Calendar documents the operation adds entries to, and the rev of those entries. */
  addedTo: z.array(z.string()),
  addedRev: z.number(),
  /** Calendar documents whose entries of (ref, removedRev) go once the operation commits. */
  removeFrom: z.array(z.string()),
  removedRev: z.number().nullable(),
  /** A reservation converted by this operation. */
  reservationId: z.string().nullable(),
  createdAt: z.string(),
});
export type IntentDoc = z.output<typeof IntentDoc>;

export interface IntentRepository {
  /**
   * Creates the record only if none has this id: false when one exists, i.e. the same operation
   * (e.g. moving meeting X from rev N) is already under way in another request, which owns it.
   */
  create(intent: IntentDoc): Promise<boolean>;
  delete(id: string): Promise<void>;
  olderThan(iso: string, limit: number): Promise<IntentDoc[]>;
}

export class CosmosIntentRepository implements IntentRepository {
  constructor(private readonly container: Container) {}

  async create(intent: IntentDoc) {
    try {
      await this.container.items.create(intent);
      return true;
    } catch (err) {
      if (isConflict(err)) return false;
      throw err;
    }
  }

  async delete(id: string) {
    await deleteIfExists(this.container, id);
  }

  async olderThan(iso: string, limit: number) {
    const { resources } = await this.container.items
      .query({ query: "SELECT * FROM c WHERE c.createdAt <= @t", parameters: [{ name: "@t", value: iso }] }, { maxItemCount: limit })
      .fetchNext();
    return resources.map((r) => IntentDoc.parse(r));
  }
}
