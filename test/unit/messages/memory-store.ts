/** An in-memory MessageStore with etags, for unit tests of planning and delivery. */
import type { DeliveryRecord, MessageStore, ReminderDoc, Stored } from "../../../shared/messages/ports.js";

export class MemoryMessageStore implements MessageStore {
  docs = new Map<string, { doc: ReminderDoc | DeliveryRecord; etag: string }>();
  private n = 0;
  private tag = () => `"${++this.n}"`;

  private put<T extends ReminderDoc | DeliveryRecord>(doc: T): string {
    const etag = this.tag();
    this.docs.set(doc.id, { doc: structuredClone(doc), etag });
    return etag;
  }

  private replace<T extends ReminderDoc | DeliveryRecord>(doc: T, etag: string): string | undefined {
    const cur = this.docs.get(doc.id);
    if (!cur || cur.etag !== etag) return undefined;
    return this.put(doc);
  }

  private all<T>(type: string, meetingId?: string): Stored<T>[] {
    return [...this.docs.values()]
      .filter((e) => e.doc.type === type && (!meetingId || e.doc.meetingId === meetingId))
      .map((e) => ({ doc: structuredClone(e.doc) as T, etag: e.etag }));
  }

  async reminders(meetingId: string) {
    return this.all<ReminderDoc>("reminder", meetingId);
  }
  async reminder(_meetingId: string, id: string) {
    const e = this.docs.get(id);
    return e && e.doc.type === "reminder" ? { doc: structuredClone(e.doc), etag: e.etag } : undefined;
  }
  async createReminder(doc: ReminderDoc) {
    if (this.docs.has(doc.id)) return false;
    this.put(doc);
    return true;
  }
  async replaceReminder(doc: ReminderDoc, etag: string) {
    return this.replace(doc, etag);
  }
  async deleteReminder(doc: ReminderDoc, etag: string) {
    const cur = this.docs.get(doc.id);
    if (!cur) return true;
    if (cur.etag !== etag) return false;
    this.docs.delete(doc.id);
    return true;
  }
  async dueReminders(now: string, limit: number) {
    return this.all<ReminderDoc>("reminder")
      .filter(({ doc }) => (doc.status === "planned" && doc.dueAt <= now) || (doc.status === "claimed" && (doc.claimedUntil ?? "") <= now))
      .slice(0, limit);
  }
  async delivery(_meetingId: string, id: string) {
    const e = this.docs.get(id);
    return e && e.doc.type === "delivery" ? { doc: structuredClone(e.doc), etag: e.etag } : undefined;
  }
  async createDelivery(record: DeliveryRecord) {
    if (!this.docs.has(record.id)) this.put(record);
    return (await this.delivery(record.meetingId, record.id))!;
  }
  async replaceDelivery(record: DeliveryRecord, etag: string) {
    return this.replace(record, etag);
  }
  async deliveries(meetingId: string) {
    return this.all<DeliveryRecord>("delivery", meetingId).map((s) => s.doc);
  }
}
