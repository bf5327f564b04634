/** meetergo's request and response shapes (shared/spec/meetergo-*.md), as zod schemas. */
import { z } from "zod";

const Text = (max: number) => z.string().trim().max(max);
const Instant = z.iso.datetime({
  offset: true,
  error: (issue) =>
    issue.input === undefined ? undefined : "must be an ISO 8601 date-time with Z or an offset, e.g. 2024-01-15T09:00:00+01:00",
});
const Ids = z.array(z.string().trim().min(1).max(100)).max(50);
/** hostIds as a query: repeated, comma-separated or hostIds[] (the edge normalises the forms). */
const QueryIds = z.preprocess(
  (v) =>
    typeof v === "string"
      ? v.split(",").filter((s) => s !== "")
      : Array.isArray(v)
        ? v.flatMap((s) => String(s).split(",")).filter((s) => s !== "")
        : v,
  Ids,
);

export const CHANNELS = [
  "local",
  "local-attendee",
  "google",
  "zoom",
  "phone",
  "phone-incoming",
  "whatsapp",
  "connect",
  "webex",
  "whereby",
  "kmeet",
  "jitsi",
  "zava",
  "teamsForBusiness2",
  "custom",
  "resource",
] as const;

export const Attendee = z.object({
  email: z.email().max(254),
  firstname: Text(100).optional(),
  lastname: Text(100).optional(),
  fullname: Text(200).optional(),
  phone: Text(40).optional(),
  receiveReminders: z.boolean(),
  /** Form field answers, UTM parameters and metadata, keyed by form field identifier. */
  notes: z
    .record(z.string().max(100), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]))
    .refine((n) => Object.keys(n).length <= 50, "at most 50 entries"),
  language: Text(10).optional(),
  timezone: Text(64).optional(),
  bringalongEmails: z.array(z.email().max(254)).max(5).optional(),
  dataPolicyAccepted: z.boolean().optional(),
});

export const BookingCreate = z.object({
  attendee: Attendee,
  meetingTypeId: z.string().trim().min(1).max(100),
  start: Instant,
  hostIds: Ids.optional(),
  queueId: z.string().trim().min(1).max(100).optional(),
  appointmentId: z.string().max(100).optional(),
  location: Text(200).optional(),
  locationId: z.number().optional(),
  channel: z.enum(CHANNELS).optional(),
  duration: z.number().int().positive().max(1440).optional(),
  routingFormId: z.string().max(100).optional(),
  ignoreAvailability: z.boolean().optional(),
  attendeePendingId: z.number().optional(),
  paymentId: z.string().max(100).optional(),
  resourceChannelIds: z.array(z.string().max(100)).max(20).optional(),
  oneTimeLinkId: z.string().max(100).optional(),
  skipNotifications: z.boolean().optional(),
  phoneOnlyBooking: z.boolean().optional(),
  icsTitle: z.string().max(200).optional(),
  icsDescription: z.string().max(2000).optional(),
});
export type BookingCreate = z.output<typeof BookingCreate>;

export const BookingCreated = z.object({
  appointmentId: z.string().optional(),
  secret: z.string().optional(),
  attendeeEmail: z.string().optional(),
  bookingType: z.enum(["doubleOptIn", "requireHostConfirmation"]).optional(),
  provisionalBookingId: z.string().optional(),
});

export const AvailabilityV2Query = z.object({
  meetingTypeId: z.string().trim().min(1).max(100),
  queueId: z.string().trim().min(1).max(100).optional(),
  start: Instant,
  end: Instant,
});
export const AvailabilityV4Query = AvailabilityV2Query.extend({
  hostIds: QueryIds.optional(),
  meetingDuration: z.coerce.number().int().positive().max(1440).optional(),
  timezone: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .optional()
    .describe("IANA zone whose local dates group the spots; default: the meeting type's timeZone when it has one, else UTC"),
});

const Window = z.object({ start: z.string(), end: z.string() });
export const TimeframesView = z.object({ timezone: z.string(), timeframes: z.array(Window) });
export const DatesView = z.object({
  timezone: z.string(),
  dates: z.array(z.object({ date: z.string(), spots: z.array(z.object({ startTime: z.string(), endTime: z.string() })) })),
});

export const MeetingTypeParams = z.object({ id: z.string().trim().min(1).max(100) });
export const MeetingTypeView = z.looseObject({
  id: z.string(),
  name: z.string(),
  queueId: z.string(),
  duration: z.number(),
  allowedDurations: z.array(z.number()),
  hostIds: z.array(z.string()),
});

export const AppointmentParams = z.object({ appointmentId: z.string().trim().min(1).max(100) });
export const CancelBody = z.object({ secret: z.string().min(1).max(200), cancelReason: z.string().max(2000).optional() });
export const RescheduleBody = z.object({
  secret: z.string().min(1).max(200),
  start: Instant,
  duration: z.number().int().positive().max(1440).optional(),
});
export const AppointmentView = z.looseObject({ appointmentId: z.string(), start: z.string(), end: z.string(), status: z.string() });

export const MeetergoError = z.object({ statusCode: z.number(), message: z.string(), error: z.string() });
