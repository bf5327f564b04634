/**
 * The public booking channel's shapes (the customer booking page's backend-for-frontend):
 * customer-facing choices in, times and customer-safe views out. No employee ids, no CPR,
 * no attendee data in any reply.
 */
import { z } from "zod";
import { isValidCpr } from "../../booking/model/cpr.js";
import { Email, Id, Instant, LongText, ShortText, caseInsensitiveEnum } from "../../kernel/fields.js";

/** How a customer can meet: at a branch, online, by phone. */
export const CUSTOMER_MEETING_TYPES = ["Physical", "Online", "Telephone"] as const;
export const CustomerMeetingType = caseInsensitiveEnum(CUSTOMER_MEETING_TYPES);

/** The bounded availability window: a customer page asks for at most two weeks at a time. */
export const MAX_DAYS = 14;
/** How far ahead the page looks for a free time (the advisors' and topic's own horizons can only shorten it). */
export const HORIZON_DAYS = 90;

export const TopicsQuery = z.object({ customerTypeId: Id.optional() });

/** Optional text: an empty string counts as not given. */
const emptyAsMissing = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/**
 * Which advisors and times a customer is choosing from. The branch is where a meeting at a branch
 * takes place (required for one); for an online or phone meeting it is only a preference.
 */
const choice = {
  topicId: Id,
  customerTypeId: Id,
  meetingType: CustomerMeetingType,
  branch: z.preprocess(emptyAsMissing, ShortText.optional()),
};

/** The ways to meet (and branches) that a qualified advisor offers for a topic and customer type. */
export const OptionsQuery = z.object({ customerTypeId: Id, topicId: Id });

/** The first free time of a choice from `from` (default now) within the horizon. */
export const NextFreeQuery = z.object({ ...choice, from: Instant.optional() });
export type NextFreeQuery = z.output<typeof NextFreeQuery>;

export const PublicAvailabilityQuery = z.object({
  ...choice,
  startDate: Instant.optional(),
  days: z.coerce.number().int().min(1).max(MAX_DAYS).default(7),
});
export type PublicAvailabilityQuery = z.output<typeof PublicAvailabilityQuery>;
export type CustomerChoice = Pick<PublicAvailabilityQuery, "topicId" | "customerTypeId" | "meetingType" | "branch">;

const timeRange = <T extends { start: string; end: string }>(b: T) => Date.parse(b.start) < Date.parse(b.end);

export const PublicReserveBody = z
  .object({ ...choice, token: z.guid().transform((s) => s.toLowerCase()), start: Instant, end: Instant })
  .refine(timeRange, { message: "end must be after start", path: ["end"] });

const Phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ()-]{5,19}$/, {
    message: "must be a phone number: digits, optionally with +, spaces, hyphens or parentheses (6-20 characters)",
  });
const Cpr = z
  .string()
  .trim()
  .refine(isValidCpr, { message: "must be a CPR number: 10 digits (DDMMYYSSSS), optionally with a hyphen after 6, and a real date" });

export const PublicBookBody = z.object({
  ...choice,
  token: z.guid().transform((s) => s.toLowerCase()),
  reservationId: Id,
  name: ShortText,
  email: Email,
  phone: Phone,
  /** Optional: an empty string counts as not given. */
  cpr: z.preprocess(emptyAsMissing, Cpr.optional()),
  notes: LongText.max(2000).optional(),
  /** The page's language: the customer's messages are written in it (de for a page served in German). */
  language: z.enum(["da", "en", "de"]).default("en"),
  /** The customer ticked "I accept the privacy notice" (required when PRIVACY_NOTICE_URL is set; recorded with the meeting). */
  privacyNoticeAccepted: z.boolean().optional(),
});
export type PublicBookBody = z.output<typeof PublicBookBody>;

/** The privacy notice the page links and asks to accept (PRIVACY_NOTICE_URL); url null: the page does not ask. */
export const PrivacyNoticeView = z.object({ url: z.string().nullable(), version: z.string().nullable() });

export const ManageParams = z.object({ id: Id });
export const CancelBody = z.object({ reason: z.string().trim().min(1).max(500) });
export const RescheduleBody = z
  .object({ start: Instant, end: Instant })
  .refine(timeRange, { message: "end must be after start", path: ["end"] });

export const TimeView = z.object({ start: z.string(), end: z.string() });

export const AvailabilityView = z.object({
  from: z.string(),
  to: z.string(),
  meetingType: z.string(),
  times: z.array(TimeView),
});

export const OptionsView = z.object({
  meetingTypes: z.array(
    z.object({
      meetingType: z.enum(CUSTOMER_MEETING_TYPES),
      /** Physical: where a qualified advisor meets in a room; Online/Telephone: branches to prefer (optional). */
      branches: z.array(z.string()),
    }),
  ),
});
export type OptionsView = z.output<typeof OptionsView>;

/** Why a choice has no free time in the horizon. */
export const NOTHING_FREE_REASONS = ["no_advisor", "no_room", "fully_booked", "beyond_horizon"] as const;
export type NothingFreeReason = (typeof NOTHING_FREE_REASONS)[number];

export const AlternativeView = z.object({ meetingType: z.enum(CUSTOMER_MEETING_TYPES), branch: z.string().nullable(), ...TimeView.shape });

export const NextFreeView = z.object({
  from: z.string(),
  horizonEnd: z.string(),
  /** The first free time, or null when none is free before horizonEnd. */
  next: TimeView.nullable(),
  /**
   * When next is null: no_advisor (none gives this topic this way), no_room (the branch has no meeting
   * room), fully_booked (until horizonEnd), beyond_horizon (from is past horizonEnd).
   */
  reason: z.enum(NOTHING_FREE_REASONS).nullable(),
  /** When next is null: other ways or branches with a free time, nearest first (at most 3). */
  alternatives: z.array(AlternativeView),
});

export const HoldView = z.object({
  reservationId: z.string(),
  token: z.string(),
  start: z.string(),
  end: z.string(),
  expiresAt: z.string(),
});

/** What the customer sees of a meeting. */
export const CustomerMeetingView = z.object({
  id: z.string(),
  status: z.string(),
  start: z.string(),
  end: z.string(),
  meetingType: z.string(),
  topicId: z.string().nullable(),
  topicName: z.string().nullable(),
  customerTypeId: z.string().nullable(),
  branch: z.string().nullable(),
  advisorName: z.string().nullable(),
});
export type CustomerMeetingView = z.output<typeof CustomerMeetingView>;

export const BookedView = z.object({ meeting: CustomerMeetingView, manage: z.object({ id: z.string(), secret: z.string() }) });
