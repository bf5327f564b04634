/** The waitlist's shapes: V2 (camelCase, problem+json) and the bots API's (snake_case, its own errors). */
import { z } from "zod";
import { BookingLinkId, Slug } from "../../directory/booking-links.js";
import { Email, Id, Instant, Phone, ShortText } from "../../kernel/fields.js";
import { CustomerMeetingType } from "../public/schemas.js";
import { statusAt, WAITLIST_STATUSES, type WaitlistEntry } from "../../messages/waitlist.js";
import { LANGUAGES } from "../../messages/ports.js";

const Offer = z.object({ start: z.string(), offeredAt: z.string() });

export const WaitlistJoinV2 = z.object({
  meetingTypeId: Id,
  from: Instant.describe("Start of the wanted window (UTC ISO with Z or an offset); an offered time starts at or after it"),
  to: Instant.describe("End of the wanted window: an offered time ends by it; at most 31 days after from"),
  attendee: z.object({ name: ShortText, email: Email, phone: Phone.optional() }),
  language: z.enum(LANGUAGES).default("da").describe("The offers' language: da (default), en or de"),
});

export const WaitlistEntryView = z.object({
  id: z.string(),
  meetingTypeId: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  attendee: z.object({ name: z.string(), email: z.string().nullable(), phone: z.string().nullable() }),
  language: z.string(),
  status: z.enum(WAITLIST_STATUSES),
  offers: z.array(Offer),
  joinedAt: z.string(),
});

export const WaitlistParams = z.object({ id: z.string().trim().min(1).max(120) });

export function entryView(e: WaitlistEntry, now: number): z.output<typeof WaitlistEntryView> {
  return {
    id: e.id,
    meetingTypeId: e.meetingTypeId,
    from: e.fromTime,
    to: e.toTime,
    attendee: e.contact,
    language: e.language,
    status: statusAt(e, now),
    offers: e.offers.map((o) => ({ start: o.start, offeredAt: o.at })),
    joinedAt: e.joinedAt,
  };
}

/** A phone as people type it: spaces, hyphens and parentheses dropped, 8 digits alone are Danish (+45); then E.164. */
const TypedPhone = z.preprocess((v) => {
  if (typeof v !== "string") return v;
  const compact = v.replace(/[\s()-]/g, "");
  return /^\d{8}$/.test(compact) ? `+45${compact}` : compact.startsWith("00") ? `+${compact.slice(2)}` : compact;
}, Phone);

/** The booking page's join (POST /api/public/booking/waitlist): its choice, the week or day without free times, the contact. */
export const PublicWaitlistJoin = z.object({
  topicId: Id,
  customerTypeId: Id,
  meetingType: CustomerMeetingType,
  branch: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), ShortText.optional()),
  from: Instant,
  to: Instant,
  name: ShortText,
  email: Email,
  phone: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), TypedPhone.optional()),
  language: z.enum(LANGUAGES).default("da"),
});

export const PublicWaitlistJoined = z.object({ id: z.string(), status: z.enum(WAITLIST_STATUSES), from: z.string(), to: z.string() });

export const BotsWaitlistJoin = z
  .object({
    booking_link_id: BookingLinkId.optional(),
    slug: Slug.optional(),
    contact_name: z.string().trim().min(1).max(200),
    contact_email: z.email().max(254).optional(),
    contact_phone: Phone.optional(),
    from: Instant,
    to: Instant,
    language: z.enum(LANGUAGES).optional(),
  })
  .refine((b) => b.booking_link_id || b.slug, { message: "booking_link_id or slug is required", path: ["booking_link_id"] })
  .refine((b) => b.contact_email || b.contact_phone, { message: "contact_email or contact_phone is required", path: ["contact_email"] });

export const BotsWaitlistEntry = z.object({
  data: z.object({
    id: z.string(),
    booking_link_id: z.string().nullable(),
    status: z.enum(WAITLIST_STATUSES),
    contact_name: z.string(),
    contact_email: z.string().nullable(),
    contact_phone: z.string().nullable(),
    from: z.string(),
    to: z.string(),
    language: z.string(),
    created_at: z.string(),
  }),
});

export function botsEntryView(e: WaitlistEntry, now: number): z.output<typeof BotsWaitlistEntry> {
  return {
    data: {
      id: e.id,
      booking_link_id: e.bookingLinkId,
      status: statusAt(e, now),
      contact_name: e.contact.name,
      contact_email: e.contact.email,
      contact_phone: e.contact.phone,
      from: e.fromTime,
      to: e.toTime,
      language: e.language,
      created_at: e.joinedAt,
    },
  };
}
