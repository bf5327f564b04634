/**
 * Write-ahead records of in-flight booking operations. Written before the calendars change
 * and deleted when the operation is complete; the sweeper finishes or undoes any left behind.
 */
import type { Container } from "@azure/cosmos";
import { IntentDoc } from "../../booking/model/documents.js";
import type { IntentRepository } from "../../booking/model/ports.js";
import { deleteIfExists, isConflict, isNotFound } from "./cosmos-errors.js";

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

  async get(id: string) {
    try {
      const { resource } = await this.container.item(id, id).read<Record<string, unknown>>();
      return resource ? IntentDoc.parse(resource) : undefined;
    } catch (err) {
      if (isNotFound(err)) return undefined;
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
