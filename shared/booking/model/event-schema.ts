/** The stored shape of an event (no imports beyond zod: the booking documents embed it in intents). */
import { z } from "zod";

export const EVENT_TYPES = [
  "meeting.created",
  "meeting.updated",
  "meeting.cancelled",
  /** A booked meeting's attendee did not come (status NoShow); undoing it is a meeting.updated back to Booked. */
  "meeting.no_show",
  "reservation.created",
  "reservation.expired",
  "reservation.released",
  /** A person's data was erased (shared/privacy): carries the subject keys and meeting ids only, so integrators erase their copies. */
  "privacy.erased",
  /** A customer message (shared/messages) went out, or was refused for good: ids, kind, channel, attempts and times only. */
  "notification.sent",
  "notification.failed",
] as const;
export const EventType = z.enum(EVENT_TYPES);
export type EventType = z.output<typeof EventType>;

/** Who made a change (ids only): kept with the event for the audit trail, never sent in a webhook. */
export const ActorDoc = z.object({
  channel: z.string(),
  tenantId: z.string(),
  clientId: z.string(),
  userId: z.string().optional(),
  /** Owners on the Bot channel: the entity the meeting belongs to (every key and client of it reaches it). */
  entity: z.string().optional(),
});

export const OutboxEvent = z.object({
  id: z.string(),
  type: EventType,
  /** When the change committed (UTC ISO). */
  timestamp: z.string(),
  /** "meeting:{id}" or "reservation:{id}": events of one aggregate are delivered in seq order. */
  aggregate: z.string(),
  seq: z.number().int().positive(),
  data: z.record(z.string(), z.unknown()),
  actor: ActorDoc.optional(),
});
export type OutboxEvent = z.output<typeof OutboxEvent>;
