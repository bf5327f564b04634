/**
 * One message, sent at most once and never lost: its delivery record (id from the message's
 * operation id) is created if absent, leased with If-Match before the provider is called, and marked
 * sent after. The provider gets the same operation id on every try (ACS e-mail's Operation-Id), so a
 * host that died between the provider's 202 and the record's update is retried without a second
 * e-mail. Throttling and outages leave the record pending for the next try.
 */
import { isoOf, msOf } from "../kernel/instants.js";
import { deliveryIdOf } from "./ids.js";
import { publishNotification, type NotificationOutbox } from "./notification-events.js";
import type { PlannedMessage } from "./plan.js";
import type { DeliveryKind, DeliveryRecord, MessageProvider, MessageStore, OutgoingEmail, OutgoingSms } from "./ports.js";

/** How long a host may be sending one message before another may take it over. */
export const SEND_LEASE_MS = 60_000;

export type DeliverResult =
  | { result: "sent" | "already_sent" | "failed" | "suppressed" }
  /** Another host is sending it now, or the provider asked to wait: try the message again later. */
  | { result: "retry"; delayMs?: number; status: number | null };

export async function deliverOnce(
  store: MessageStore,
  provider: MessageProvider,
  meetingId: string,
  plan: Pick<PlannedMessage, "operationId" | "channel"> & { kind: DeliveryKind },
  build: () => OutgoingEmail | OutgoingSms,
  now: number,
  /** Where notification.sent / notification.failed go (the outbox); absent: no events. */
  outbox?: NotificationOutbox,
): Promise<DeliverResult> {
  const at = isoOf(now);
  const stored = await store.createDelivery({
    id: deliveryIdOf(plan.operationId),
    type: "delivery",
    meetingId,
    operationId: plan.operationId,
    kind: plan.kind,
    channel: plan.channel,
    status: "pending",
    attempts: 0,
    leaseUntil: null,
    lastStatus: null,
    createdAt: at,
    updatedAt: at,
    sentAt: null,
  });
  const record = stored.doc;
  // Final already: its event again if a crash came between the record and the event (a no-op otherwise).
  if (record.status === "sent" || record.status === "failed") await publishNotification(outbox, record, true);
  if (record.status === "sent") return { result: "already_sent" };
  if (record.status === "failed") return { result: "failed" };
  if (record.status === "suppressed") return { result: "suppressed" };
  if (record.status === "sending" && record.leaseUntil && msOf(record.leaseUntil) > now)
    return { result: "retry", delayMs: msOf(record.leaseUntil) - now, status: null };
  const leased: DeliveryRecord = {
    ...record,
    status: "sending",
    attempts: record.attempts + 1,
    leaseUntil: isoOf(now + SEND_LEASE_MS),
    updatedAt: at,
  };
  const leaseEtag = await store.replaceDelivery(leased, stored.etag);
  if (!leaseEtag) return { result: "retry", delayMs: 1000, status: null };
  const message = build();
  const outcome = "subject" in message ? await provider.sendEmail(message) : await provider.sendSms(message);
  const done = isoOf(Date.now());
  const next: DeliveryRecord =
    outcome.outcome === "sent"
      ? { ...leased, status: "sent", leaseUntil: null, lastStatus: null, sentAt: done, updatedAt: done }
      : outcome.outcome === "retry"
        ? { ...leased, status: "pending", leaseUntil: null, lastStatus: outcome.status, updatedAt: done }
        : outcome.outcome === "suppressed"
          ? { ...leased, status: "suppressed", leaseUntil: null, updatedAt: done }
          : { ...leased, status: "failed", leaseUntil: null, lastStatus: outcome.status, updatedAt: done };
  // Lost the lease meanwhile (took longer than it): the other host's record stands; the operation id keeps it one message.
  await store.replaceDelivery(next, leaseEtag);
  await publishNotification(outbox, next);
  if (outcome.outcome === "sent") return { result: "sent" };
  if (outcome.outcome === "suppressed") return { result: "suppressed" };
  if (outcome.outcome === "rejected") return { result: "failed" };
  return { result: "retry", delayMs: outcome.retryAfterMs, status: outcome.status };
}
