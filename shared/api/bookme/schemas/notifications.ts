/** GET /meetings/{id}/notifications: the delivery records of the customer messages about one meeting (no bodies, no addresses). */
import { z } from "zod";
import type { DeliveryRecord } from "../../../messages/ports.js";

export const NotificationView = z.object({
  id: z.string().describe("The message's id (its idempotency key at the provider; the id in notification.* webhook events)"),
  channel: z.enum(["email", "sms"]),
  kind: z
    .string()
    .describe("confirmation, confirm_request, request_received, updated, cancelled, declined, expired, reminder or waitlist_offer"),
  status: z
    .enum(["pending", "sending", "sent", "failed", "suppressed"])
    .describe("pending: waiting for a retry; sending: with the provider now; suppressed: not sent, the recipient opted out"),
  attempts: z.number().int().describe("Calls to the provider so far"),
  lastProviderStatus: z.number().int().nullable().describe("The provider's HTTP status of the last unsuccessful try"),
  createdAt: z.string().describe("When BookMe first tried to send it (UTC)"),
  updatedAt: z.string().describe("Last change (UTC)"),
  sentAt: z.string().nullable().describe("When the provider accepted it (UTC)"),
});
export type NotificationView = z.output<typeof NotificationView>;

export function notificationView(r: DeliveryRecord): NotificationView {
  return {
    id: r.operationId,
    channel: r.channel,
    kind: r.kind,
    status: r.status,
    attempts: r.attempts,
    lastProviderStatus: r.lastStatus,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    sentAt: r.sentAt,
  };
}
