/**
 * The external-busy container: Outlook busy times per synced resource and UTC month (point reads on
 * the availability and booking paths), and the Graph subscriptions of the synced mailboxes.
 * Only start, end and free/busy status are stored: no subjects, no attendees.
 */
import type { Container } from "@azure/cosmos";
import { z } from "zod";
import type { CalendarConfig } from "../../kernel/settings.js";
import { isNotFound } from "./cosmos-errors.js";
import { SYNC_MONTHS } from "../../calendar/sync-months.js";
import { type ExternalBusyMonth, type ExternalBusyPolicy, type ExternalBusySource } from "../../booking/model/ports.js";

const Item = z.object({ start: z.number(), end: z.number(), status: z.string() });
const MonthDoc = z.object({
  id: z.string(),
  resource: z.string(),
  month: z.string(),
  items: z.array(Item),
  syncedAt: z.string().optional(),
  failedAt: z.string().optional(),
  failure: z.string().optional(),
});
const SubscriptionDoc = z.object({
  id: z.string(),
  resource: z.string(),
  mailbox: z.string(),
  subscriptionId: z.string(),
  clientState: z.string(),
  expiresAt: z.string(),
});
const PointerDoc = z.object({ id: z.string(), resource: z.string(), clientState: z.string() });

export type SubscriptionRecord = z.output<typeof SubscriptionDoc>;

export class CosmosExternalBusyRepository implements ExternalBusySource {
  constructor(
    private readonly container: Container,
    readonly policy: ExternalBusyPolicy,
  ) {}

  private async read<T>(id: string, schema: z.ZodType<T>): Promise<T | undefined> {
    try {
      const { resource } = await this.container.item(id, id).read<Record<string, unknown>>();
      return resource ? schema.parse(resource) : undefined;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async months(ids: string[]): Promise<Map<string, ExternalBusyMonth | undefined>> {
    const docs = await Promise.all(ids.map(async (id) => [id, await this.read(id, MonthDoc)] as const));
    return new Map(
      docs.map(([id, d]) => [
        id,
        d && {
          items: d.items,
          syncedAt: d.syncedAt ? Date.parse(d.syncedAt) : undefined,
          failedAt: d.failedAt ? Date.parse(d.failedAt) : undefined,
        },
      ]),
    );
  }

  /** A good refresh: the month's busy times replace the previous ones. */
  async putMonth(resource: string, month: string, items: z.output<typeof Item>[], syncedAt: number) {
    await this.container.items.upsert({ id: `${resource}:${month}`, resource, month, items, syncedAt: new Date(syncedAt).toISOString() });
  }

  /** A failed refresh keeps the last known busy times and their syncedAt, and says when and why it failed. */
  async markFailed(resource: string, month: string, failure: string, at: number) {
    const current = await this.read(`${resource}:${month}`, MonthDoc);
    await this.container.items.upsert({
      ...(current ?? { id: `${resource}:${month}`, resource, month, items: [] }),
      failedAt: new Date(at).toISOString(),
      failure: failure.slice(0, 80),
    });
  }

  subscription(resource: string): Promise<SubscriptionRecord | undefined> {
    return this.read(`subscription:${resource}`, SubscriptionDoc);
  }

  /** The subscription of a notification, by Graph's subscription id. */
  subscriptionById(subscriptionId: string): Promise<z.output<typeof PointerDoc> | undefined> {
    return this.read(`graph-subscription:${subscriptionId}`, PointerDoc);
  }

  async putSubscription(record: Omit<SubscriptionRecord, "id">) {
    await this.container.items.upsert({
      id: `graph-subscription:${record.subscriptionId}`,
      resource: record.resource,
      clientState: record.clientState,
    });
    await this.container.items.upsert({ id: `subscription:${record.resource}`, ...record });
  }
}

/** The busy-time source for availability over this container, or undefined when calendar sync is off. */
export function externalBusySourceOf(container: Container, config: CalendarConfig): CosmosExternalBusyRepository | undefined {
  if (!config.enabled) return undefined;
  return new CosmosExternalBusyRepository(container, {
    staleAfterMs: config.staleAfterMs,
    syncedMonths: SYNC_MONTHS,
    failClosed: config.stalePolicy === "closed",
    tentativeBlocks: config.tentativeBlocks,
  });
}
