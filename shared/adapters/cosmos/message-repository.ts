/**
 * Customer messages' store on the `messages` container (partition key /meetingId): reminders as
 * due-time documents and one delivery record per message. Every write is conditional: create-if-
 * absent with deterministic ids, replace and delete with If-Match.
 */
import type { Container } from "@azure/cosmos";
import { DeliveryRecord, ReminderDoc, type MessageStore, type OptOutDoc, type OptOutStore, type Stored } from "../../messages/ports.js";
import { isConflict, isNotFound, isPreconditionFailed } from "./cosmos-errors.js";

type Raw = Record<string, unknown> & { _etag?: string };

const reminderOf = (r: Raw): Stored<ReminderDoc> => ({ doc: ReminderDoc.parse(r), etag: r._etag ?? "" });
const deliveryOf = (r: Raw): Stored<DeliveryRecord> => ({ doc: DeliveryRecord.parse(r), etag: r._etag ?? "" });

export class CosmosMessageStore implements MessageStore, OptOutStore {
  constructor(private readonly container: Container) {}

  private async read(meetingId: string, id: string): Promise<Raw | undefined> {
    try {
      const { resource } = await this.container.item(id, meetingId).read<Raw>();
      return resource ?? undefined;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  private async create(doc: { id: string; meetingId: string }): Promise<Raw | undefined> {
    try {
      const { resource } = await this.container.items.create<Raw>(doc);
      return resource;
    } catch (err) {
      if (isConflict(err)) return undefined;
      throw err;
    }
  }

  private async replace(doc: { id: string; meetingId: string }, etag: string): Promise<string | undefined> {
    try {
      const { resource } = await this.container
        .item(doc.id, doc.meetingId)
        .replace<Raw>(doc as Raw, { accessCondition: { type: "IfMatch", condition: etag } });
      return resource?._etag ?? undefined;
    } catch (err) {
      if (isPreconditionFailed(err) || isNotFound(err)) return undefined;
      throw err;
    }
  }

  async reminders(meetingId: string) {
    const { resources } = await this.container.items
      .query<Raw>(
        { query: "SELECT * FROM c WHERE c.meetingId = @m AND c.type = 'reminder'", parameters: [{ name: "@m", value: meetingId }] },
        { partitionKey: meetingId },
      )
      .fetchAll();
    return resources.map(reminderOf);
  }

  async reminder(meetingId: string, id: string) {
    const raw = await this.read(meetingId, id);
    return raw ? reminderOf(raw) : undefined;
  }

  async createReminder(doc: ReminderDoc) {
    return (await this.create(doc)) !== undefined;
  }

  replaceReminder(doc: ReminderDoc, etag: string) {
    return this.replace(doc, etag);
  }

  async deleteReminder(doc: ReminderDoc, etag: string) {
    try {
      await this.container.item(doc.id, doc.meetingId).delete({ accessCondition: { type: "IfMatch", condition: etag } });
      return true;
    } catch (err) {
      if (isNotFound(err)) return true;
      if (isPreconditionFailed(err)) return false;
      throw err;
    }
  }

  async dueReminders(now: string, limit: number) {
    const { resources } = await this.container.items
      .query<Raw>(
        {
          query:
            "SELECT * FROM c WHERE c.type = 'reminder' AND ((c.status = 'planned' AND c.dueAt <= @now) OR (c.status = 'claimed' AND c.claimedUntil <= @now))",
          parameters: [{ name: "@now", value: now }],
        },
        { maxItemCount: limit },
      )
      .fetchNext();
    return resources.slice(0, limit).map(reminderOf);
  }

  async delivery(meetingId: string, id: string) {
    const raw = await this.read(meetingId, id);
    return raw ? deliveryOf(raw) : undefined;
  }

  async createDelivery(record: DeliveryRecord) {
    const created = await this.create(record);
    if (created) return deliveryOf(created);
    const existing = await this.read(record.meetingId, record.id);
    if (!existing) throw new Error(`delivery record ${record.id} conflicted but is gone`);
    return deliveryOf(existing);
  }

  replaceDelivery(record: DeliveryRecord, etag: string) {
    return this.replace(record, etag);
  }

  async deliveries(meetingId: string) {
    const { resources } = await this.container.items
      .query<Raw>(
        { query: "SELECT * FROM c WHERE c.meetingId = @m AND c.type = 'delivery'", parameters: [{ name: "@m", value: meetingId }] },
        { partitionKey: meetingId },
      )
      .fetchAll();
    return resources.map((r) => deliveryOf(r).doc);
  }

  /** Opt-outs: optout:{contactKey}, each its own partition (a point read per recipient before a send). */
  async isOptedOut(contactKey: string) {
    const id = `optout:${contactKey}`;
    return (await this.read(id, id)) !== undefined;
  }

  async optOut(contactKey: string, at: string) {
    const id = `optout:${contactKey}`;
    const doc: OptOutDoc = { id, type: "optout", meetingId: id, contactKey, createdAt: at };
    await this.create(doc);
  }

  async optIn(contactKey: string) {
    const id = `optout:${contactKey}`;
    try {
      await this.container.item(id, id).delete();
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
