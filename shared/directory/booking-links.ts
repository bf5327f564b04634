/**
 * Booking links of the Bookings API for bots: a public slug over a meeting type, which carries the
 * pool, round-robin policy, durations and qualification questions (the rules live there, once).
 */
import { z } from "zod";
import { Id, list, ShortText } from "../kernel/fields.js";
import { EntityId } from "./api-keys.js";

/** link_ followed by letters, digits, _ or - (the ids the bots API hands out). */
export const BookingLinkId = z
  .string()
  .regex(/^link_[A-Za-z0-9_-]{1,60}$/, { message: "must look like link_abc123 (link_ then letters, digits, _ or -)" });
export const Slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: "must be lowercase letters and digits separated by single hyphens" })
  .max(100);

export const BookingLinkBody = z.object({
  slug: Slug,
  title: ShortText,
  /** Minutes; one of the meeting type's allowed durations (checked when booking). Absent: the type's default. */
  durationMinutes: z.number().int().min(5).max(480).optional(),
  meetingTypeId: Id,
  /** The meeting type's questions this link asks, in order (shown with the link); the type's rules apply to the answers. */
  questionIds: list(z.string().trim().min(1).max(64), 20).default([]),
  /** The entity whose API keys reach the link (directory/api-keys.ts); absent: every entity's. */
  entity: EntityId.optional().describe("Only this entity's API keys reach the link; absent: every entity's"),
});
export type BookingLinkBody = z.output<typeof BookingLinkBody>;
export type BookingLink = BookingLinkBody & { id: string };

export const BookingLinkParams = z.object({ id: BookingLinkId });
export const BookingLinkView = z.looseObject({ id: z.string(), slug: z.string(), title: z.string(), meetingTypeId: z.string() });
