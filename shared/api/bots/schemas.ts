/** The Bookings API for bots (shared/spec/bookings-api-for-bots.md), as zod schemas. */
import { z } from "zod";
import { BookingLinkId, Slug } from "../../directory/booking-links.js";
import { TimeZone } from "../../kernel/fields.js";

const Instant = z.iso.datetime({
  offset: true,
  error: (issue) => (issue.input === undefined ? undefined : "must be an ISO 8601 date-time with Z or an offset"),
});

export const AvailabilityQuery = z
  .object({
    booking_link_id: BookingLinkId.optional(),
    slug: Slug.optional(),
    date: z.iso
      .date({ error: (issue) => (issue.input === undefined ? undefined : "must be a date YYYY-MM-DD") })
      .describe("The day, in client_timezone when given, else in the link's zone (its meeting type's timeZone, default Europe/Copenhagen)"),
    client_timezone: TimeZone.optional().describe(
      "An IANA zone (e.g. Europe/London): date is a day there, from its local midnight to the next",
    ),
  })
  .refine((q) => q.booking_link_id || q.slug, { message: "booking_link_id or slug is required", path: ["booking_link_id"] });

export const BookingCreate = z
  .object({
    booking_link_id: BookingLinkId.optional(),
    slug: Slug.optional(),
    contact_name: z.string().trim().min(1).max(200),
    contact_email: z.email().max(254),
    start_time: Instant,
    contact_phone: z.string().trim().max(40).optional(),
    notes: z.string().max(4000).optional(),
    service_id: z.string().max(100).optional(),
    staff_id: z.string().max(100).optional(),
    client_timezone: z.string().max(64).optional(),
    consent_accepted: z
      .boolean()
      .optional()
      .describe(
        "The contact accepted the bank's privacy notice (recorded with the booking; required by some booking links' meeting types)",
      ),
    answers: z
      .array(z.object({ question_id: z.string().trim().min(1).max(64), answer: z.string().max(1000) }))
      .max(20)
      .optional(),
  })
  .refine((b) => b.booking_link_id || b.slug, { message: "booking_link_id or slug is required", path: ["booking_link_id"] });
export type BookingCreate = z.output<typeof BookingCreate>;

export const STATUSES = ["confirmed", "cancelled", "pending", "no_show"] as const;
export const ListQuery = z.object({
  booking_link_id: BookingLinkId.optional(),
  status: z.enum(STATUSES).optional(),
  from: Instant.optional(),
  to: Instant.optional(),
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const BookingParams = z.object({ id: z.string().trim().min(1).max(100) });
export const CancelBody = z.object({ reason: z.string().max(2000).optional() }).optional();

export const Booking = z.object({
  id: z.string(),
  booking_link_id: z.string().nullable(),
  status: z.string(),
  contact_name: z.string().nullable(),
  contact_email: z.string().nullable(),
  contact_phone: z.string().nullable(),
  start_time: z.string(),
  end_time: z.string(),
  staff_id: z.string(),
  notes: z.string().nullable(),
  client_timezone: z.string().nullable(),
  cancellation_reason: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export const BookingDetail = Booking.extend({ link_title: z.string().nullable(), duration_minutes: z.number() });
export const BookingList = z.object({
  data: z.array(Booking),
  pagination: z.object({ page: z.number(), limit: z.number(), total: z.number(), hasMore: z.boolean() }),
});
export const AvailabilityView = z.object({
  data: z.object({
    booking_link_id: z.string(),
    slug: z.string(),
    date: z.string(),
    timezone: z.string().describe("The zone the date is a day in: client_timezone, else the link's"),
    slots: z.array(z.object({ start: z.string(), end: z.string() })),
  }),
});
export const Cancelled = z.object({ data: z.object({ id: z.string(), status: z.literal("cancelled"), reason: z.string().nullable() }) });
export const BotsError = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
