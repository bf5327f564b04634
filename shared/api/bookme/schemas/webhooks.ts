/** Webhook subscription requests and views (the admin API), and replay requests. */
import { z } from "zod";
import { EVENT_TYPES, EventType } from "../../../booking/model/events.js";
import { DeliveryAttempt } from "../../../events/ports.js";
import { Instant, LIMITS } from "../../../kernel/fields.js";

const EventTypes = z
  .array(EventType)
  .min(1)
  .max(EVENT_TYPES.length)
  .refine((types) => new Set(types).size === types.length, { message: "must not repeat an event type" });

const fields = {
  url: z.url({ error: "must be an absolute URL" }).max(2000),
  eventTypes: EventTypes.optional(),
  description: z.string().max(LIMITS.shortText).nullish(),
  includePersonalData: z.boolean().default(false),
  /** bookme: {type, timestamp, data}; meetergo: meetergo's payload ({webhookType: "booking_created", id, start, end, attendees, hostIds, meetingTypeId}). */
  format: z.enum(["bookme", "meetergo"]).default("bookme"),
};

export const WebhookCreate = z.object(fields);
export type WebhookCreate = z.output<typeof WebhookCreate>;

/** PUT replaces the subscription's settings; status "active" re-enables one that a 410 disabled. */
export const WebhookUpdate = z.object({ ...fields, status: z.enum(["active", "disabled"]).default("active") });
export type WebhookUpdate = z.output<typeof WebhookUpdate>;

export const WebhookView = z.object({
  id: z.string(),
  url: z.string(),
  eventTypes: z.array(EventType),
  description: z.string().nullable(),
  includePersonalData: z.boolean(),
  format: z.enum(["bookme", "meetergo"]),
  status: z.enum(["active", "disabled"]),
  disabledReason: z.string().nullable(),
  /** While a rotation's grace lasts, the previous secret signs too, until this time. */
  previousSecretExpiresAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** Only in the answers to create and rotate-secret: the secret is not shown again. */
export const WebhookWithSecret = WebhookView.extend({ secret: z.string() });

export const ReplayBody = z
  .object({ eventId: z.string().trim().min(1).max(300).optional(), from: Instant.optional(), to: Instant.optional() })
  .refine((b) => (b.eventId !== undefined) !== (b.from !== undefined || b.to !== undefined), {
    message: "give either eventId or from and to",
    path: ["eventId"],
  })
  .refine((b) => (b.from === undefined) === (b.to === undefined), { message: "from and to go together", path: ["to"] })
  .refine((b) => b.from === undefined || Date.parse(b.from) <= Date.parse(b.to!), { message: "must not be before from", path: ["to"] });

export const ReplayReply = z.object({ queued: z.number(), truncated: z.boolean() });

export const DeliveriesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  continuationToken: z.string().max(4000).optional(),
});

/** A delivery attempt as the log shows it: the stored attempt less its keys. */
export const DeliveryView = DeliveryAttempt.omit({ id: true, kind: true, subscriptionId: true });
export const DeliveriesPage = z.object({ items: z.array(DeliveryView), continuationToken: z.string().nullable() });
