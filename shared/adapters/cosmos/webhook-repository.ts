/** Webhook subscriptions, one document each (a small container: listing is one query). */
import type { Container } from "@azure/cosmos";
import { WebhookSubscription, type SubscriptionRepository } from "../../events/ports.js";
import { deleteIfExists, isNotFound } from "./cosmos-errors.js";

export class CosmosSubscriptionRepository implements SubscriptionRepository {
  constructor(private readonly container: Container) {}

  async get(id: string) {
    try {
      const { resource } = await this.container.item(id, id).read<Record<string, unknown>>();
      return resource ? WebhookSubscription.parse(resource) : undefined;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async list() {
    const { resources } = await this.container.items.query("SELECT * FROM c ORDER BY c.createdAt").fetchAll();
    return resources.map((r) => WebhookSubscription.parse(r));
  }

  async create(sub: WebhookSubscription) {
    await this.container.items.create(sub);
  }

  async replace(sub: WebhookSubscription) {
    await this.container.item(sub.id, sub.id).replace(sub);
  }

  async delete(id: string) {
    return deleteIfExists(this.container, id);
  }
}
