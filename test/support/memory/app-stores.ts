/**
 * In-memory adapters of the ports the handlers need beyond the booking stores (memory/stores.ts):
 * the event log and outbox, webhook subscriptions and deliveries, the delivery queue, API keys.
 * Documents are copied in and out, as a database would; create-if-absent where the Cosmos adapters are.
 */
import type { OutboxEvent } from "../../../shared/booking/model/events.js";
import type { ApiKeyRecord, ApiKeyRepository } from "../../../shared/booking/model/ports.js";
import type {
  DeliveryAttempt,
  DeliveryMessage,
  DeliveryQueue,
  DeliveryRepository,
  DeliveryState,
  OutboxRepository,
  Page,
  SubscriptionRepository,
  WebhookSubscription,
} from "../../../shared/events/ports.js";

const copy = <T>(value: T): T => structuredClone(value);

function page<T>(items: T[], limit: number, continuationToken?: string): Page<T> {
  const start = continuationToken ? Number(continuationToken) : 0;
  const next = start + limit;
  return { items: copy(items.slice(start, next)), continuationToken: next < items.length ? String(next) : undefined };
}

/** The event log (kept for replay) and the outbox (pending dispatch), both create-if-absent by event id. */
export class MemoryEventLog implements OutboxRepository {
  readonly log = new Map<string, OutboxEvent>();
  readonly pendingIds = new Set<string>();

  async add(event: OutboxEvent) {
    if (this.log.has(event.id)) return;
    this.log.set(event.id, copy(event));
    this.pendingIds.add(event.id);
  }
  async get(id: string) {
    const found = this.log.get(id);
    return found && copy(found);
  }
  async pending(limit: number) {
    const items = [...this.pendingIds].map((id) => this.log.get(id)!).sort((a, b) => a.timestamp.localeCompare(b.timestamp));
    return copy(items.slice(0, limit));
  }
  async isPending(id: string) {
    return this.pendingIds.has(id);
  }
  async markDispatched(id: string) {
    this.pendingIds.delete(id);
  }
  async between(from: string, to: string, limit: number, continuationToken?: string) {
    const items = [...this.log.values()]
      .filter((e) => e.timestamp >= from && e.timestamp <= to)
      .sort((a, b) => a.timestamp.localeCompare(b.timestamp));
    return page(items, limit, continuationToken);
  }
}

export class MemorySubscriptions implements SubscriptionRepository {
  readonly docs = new Map<string, WebhookSubscription>();
  async get(id: string) {
    const found = this.docs.get(id);
    return found && copy(found);
  }
  async list() {
    return copy([...this.docs.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt)));
  }
  async create(sub: WebhookSubscription) {
    if (this.docs.has(sub.id)) throw Object.assign(new Error("conflict"), { code: 409 });
    this.docs.set(sub.id, copy(sub));
  }
  async replace(sub: WebhookSubscription) {
    this.docs.set(sub.id, copy(sub));
  }
  async delete(id: string) {
    return this.docs.delete(id);
  }
}

export class MemoryDeliveries implements DeliveryRepository {
  readonly states = new Map<string, DeliveryState>();
  readonly attemptList: DeliveryAttempt[] = [];
  private key = (subscriptionId: string, eventId: string) => `${subscriptionId}|${eventId}`;

  async getState(subscriptionId: string, eventId: string) {
    const found = this.states.get(this.key(subscriptionId, eventId));
    return found && copy(found);
  }
  async createState(state: DeliveryState) {
    const k = this.key(state.subscriptionId, state.eventId);
    const existing = this.states.get(k);
    if (existing) return copy(existing);
    this.states.set(k, copy(state));
    return copy(state);
  }
  async saveState(state: DeliveryState) {
    this.states.set(this.key(state.subscriptionId, state.eventId), copy(state));
  }
  async addAttempt(attempt: DeliveryAttempt) {
    if (!this.attemptList.some((a) => a.id === attempt.id)) this.attemptList.push(copy(attempt));
  }
  async attempts(subscriptionId: string, limit: number, continuationToken?: string) {
    const items = this.attemptList.filter((a) => a.subscriptionId === subscriptionId).sort((a, b) => b.at.localeCompare(a.at));
    return page(items, limit, continuationToken);
  }
}

/** The delivery queue: messages are kept (nothing triggers on them in process). */
export class MemoryDeliveryQueue implements DeliveryQueue {
  readonly messages: { message: DeliveryMessage; delaySeconds: number }[] = [];
  readonly poison: DeliveryMessage[] = [];
  async send(message: DeliveryMessage, delaySeconds = 0) {
    this.messages.push({ message: copy(message), delaySeconds });
  }
  async sendToPoison(message: DeliveryMessage) {
    this.poison.push(copy(message));
  }
}

export class MemoryApiKeys implements ApiKeyRepository {
  readonly docs = new Map<string, ApiKeyRecord>();
  async byHash(hash: string) {
    const found = this.docs.get(hash);
    return found && copy(found);
  }
  async create(record: ApiKeyRecord) {
    if (this.docs.has(record.id)) throw Object.assign(new Error("conflict"), { code: 409 });
    this.docs.set(record.id, copy(record));
  }
  async list() {
    return copy([...this.docs.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt)));
  }
  async revoke(keyId: string, at: string) {
    const found = [...this.docs.values()].find((r) => r.keyId === keyId && r.revokedAt === null);
    if (!found) return false;
    found.revokedAt = at;
    return true;
  }
}
