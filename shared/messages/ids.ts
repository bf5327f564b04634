/**
 * Deterministic message ids: one per (event, kind, channel, recipient) and per (reminder offset,
 * meeting start, channel, recipient), so every retry, a second host or a replayed queue message
 * names the same message. The operation id is a UUID derived from it (ACS's Operation-Id).
 */
import { createHash } from "node:crypto";
import type { Channel, MessageKind } from "./ports.js";

export function operationIdOf(messageKey: string): string {
  const h = createHash("sha256").update(messageKey).digest("hex");
  // A version-4-shaped UUID (variant bits set), deterministic in the key.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const eventMessageKey = (eventId: string, kind: MessageKind, channel: Channel, recipient: number) =>
  `${eventId}/${kind}/${channel}/${recipient}`;

export const reminderMessageKey = (meetingId: string, offset: string, startDate: string, channel: Channel, recipient: number) =>
  `reminder/${meetingId}/${offset}/${startDate}/${channel}/${recipient}`;

export const reminderIdOf = (meetingId: string, offset: string) => `reminder:${meetingId}:${offset}`;

export const deliveryIdOf = (operationId: string) => `delivery:${operationId}`;

/** A waitlist offer's delivery records sit under its entry, apart from any meeting's own. */
const OFFER_PARTITION = "waitlist:";
export const offerPartition = (entryId: string) => `${OFFER_PARTITION}${entryId}`;
/** The waitlist entry a delivery record's partition names, if it is an offer's. */
export const entryOfPartition = (partition: string) =>
  partition.startsWith(OFFER_PARTITION) ? partition.slice(OFFER_PARTITION.length) : undefined;
