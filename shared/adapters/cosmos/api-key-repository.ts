/** API keys in their own container, partitioned by id = SHA-256 of the key: authentication is one point read. */
import type { Container } from "@azure/cosmos";
import { z } from "zod";
import type { ApiKeyRecord, ApiKeyRepository } from "../../booking/model/ports.js";
import { isNotFound } from "./cosmos-errors.js";

const ApiKeyDoc = z.object({
  id: z.string(),
  keyId: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  channel: z.string().nullable(),
  entity: z.string().optional(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});

export class CosmosApiKeyRepository implements ApiKeyRepository {
  constructor(private readonly container: Container) {}

  async byHash(hash: string): Promise<ApiKeyRecord | undefined> {
    try {
      const { resource } = await this.container.item(hash, hash).read<Record<string, unknown>>();
      return resource ? ApiKeyDoc.parse(resource) : undefined;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async create(record: ApiKeyRecord): Promise<void> {
    await this.container.items.create(record);
  }

  async list(): Promise<ApiKeyRecord[]> {
    const { resources } = await this.container.items.query({ query: "SELECT * FROM c" }).fetchAll();
    return resources.map((r) => ApiKeyDoc.parse(r)).sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  }

  async revoke(keyId: string, at: string): Promise<boolean> {
    const { resources } = await this.container.items
      .query({ query: "SELECT * FROM c WHERE c.keyId = @k", parameters: [{ name: "@k", value: keyId }] })
      .fetchAll();
    const live = resources.map((r) => ApiKeyDoc.parse(r)).find((r) => !r.revokedAt);
    if (!live) return false;
    await this.container.item(live.id, live.id).replace({ ...live, revokedAt: at });
    return true;
  }
}
