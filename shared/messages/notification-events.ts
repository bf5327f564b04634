/**
 * `notification.sent` and `notification.failed` on the webhooks: one event per message once its
 * delivery record is final, through the outbox like every other event. The id is deterministic
 * (aggregate notification:{operationId}, seq 1; sent and failed share it, so only one can ever
 * exist), so a retry, a second host or a replayed queue message adds it at most once. The data are
 * the record's ids, kind, channel, status, attempts and times: no address, name or body. A waitlist
 * offer concerns no meeting yet: its event names the waitlist entry instead.
 */
import { eventId, type OutboxEvent } from "../booking/model/events.js";
import { entryOfPartition } from "./ids.js";
import type { DeliveryRecord } from "./ports.js";

export interface NotificationOutbox {
  add(event: OutboxEvent): Promise<void>;
  get(id: string): Promise<OutboxEvent | undefined>;
}

export const notificationAggregate = (operationId: string) => `notification:${operationId}`;

export function notificationEvent(record: DeliveryRecord): OutboxEvent | undefined {
  if (record.status !== "sent" && record.status !== "failed") return undefined;
  const aggregate = notificationAggregate(record.operationId);
  const waitlistEntryId = entryOfPartition(record.meetingId);
  return {
    id: eventId(aggregate, 1),
    type: record.status === "sent" ? "notification.sent" : "notification.failed",
    timestamp: record.sentAt ?? record.updatedAt,
    aggregate,
    seq: 1,
    data: {
      notificationId: record.operationId,
      meetingId: waitlistEntryId ? null : record.meetingId,
      ...(waitlistEntryId ? { waitlistEntryId } : {}),
      kind: record.kind,
      channel: record.channel,
      status: record.status,
      attempts: record.attempts,
      providerStatus: record.lastStatus,
      createdAt: record.createdAt,
      sentAt: record.sentAt,
      failedAt: record.status === "failed" ? record.updatedAt : null,
    },
  };
}

/**
 * Adds the final record's event (create-if-absent). `again`: the record was final before this try
 * (a retry after a crash between the record and the event): only added if the log lacks it, so a
 * dispatched event is not put back in the outbox.
 */
export async function publishNotification(outbox: NotificationOutbox | undefined, record: DeliveryRecord, again = false): Promise<void> {
  const event = outbox && notificationEvent(record);
  if (!outbox || !event) return;
  if (again && (await outbox.get(event.id))) return;
  await outbox.add(event);
}
