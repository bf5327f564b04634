/**
 * Delivery records, partitioned by subscription: one state document per (subscription, event)
 * (`state:{eventId}`) and one document per attempt (the delivery log the admin API lists).
 */
import type { Container } from "@azure/cosmos";
import { DeliveryAttempt, DeliveryState, type DeliveryRepository, type Page } from "../../events/ports.js";
import { isConflict, isNotFound } from "./cosmos-errors.js";
import { queryPage } from "./query-page.js";

const stateId = (eventId: string) => `state:${eventId}`;

export class CosmosDeliveryRepository implements DeliveryRepository {
  constructor(private readonly container: Container) {}

  async getState(subscriptionId: string, eventId: string) {
    try {
      const { resource } = await this.container.item(stateId(eventId), subscriptionId).read<Record<string, unknown>>();
      return resource ? DeliveryState.parse(resource) : undefined;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async createState(state: DeliveryState) {
    try {
      await this.container.items.create({ ...state, id: stateId(state.eventId) });
      return state;
    } catch (err) {
      if (!isConflict(err)) throw err;
      const existing = await this.getState(state.subscriptionId, state.eventId);
      if (!existing) throw err;
      return existing;
    }
  }

  async saveState(state: DeliveryState) {
    await this.container.items.upsert({ ...state, id: stateId(state.eventId) });
  }

  async addAttempt(attempt: DeliveryAttempt) {
    await this.container.items.upsert(attempt);
  }

  async attempts(subscriptionId: string, limit: number, continuationToken?: string): Promise<Page<DeliveryAttempt>> {
    const query = {
      query: "SELECT * FROM c WHERE c.subscriptionId = @s AND c.kind = 'attempt' ORDER BY c.at DESC",
      parameters: [{ name: "@s", value: subscriptionId }],
    };
    const page = await queryPage<unknown>(this.container, query, { limit, continuationToken });
    return { items: page.resources.map((r) => DeliveryAttempt.parse(r)), continuationToken: page.continuationToken };
  }
}
