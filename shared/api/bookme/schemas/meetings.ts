/** Meeting requests (V1 and V2), the stored document and the public view (no CPR, no attendee emails). */
import { z } from "zod";
import { isValidCpr } from "../../../booking/model/cpr.js";
import { BOOKED_BY_V1, MeetingView } from "../../../booking/model/views.js";
import { caseInsensitiveEnum, Email, Id, Instant, list, LongText, MeetingType, Phone, ShortText } from "../../../kernel/fields.js";
import { LANGUAGES } from "../../../messages/ports.js";

export const BOOKED_BY_V2 = ["Employee", "Customer", "PortalPartner", "PortalCustomer"] as const;

const Cpr = z
  .string()
  .refine(isValidCpr, { message: "must be a CPR number: 10 digits (DDMMYYSSSS), optionally with a hyphen after 6, and a real date" });
const CustomField = z.object({ key: ShortText.max(100), value: z.string().max(2000) });
const ExternalAttendee = z.object({
  name: ShortText,
  email: Email,
  phone: Phone.optional().describe(
    "BookMe extension: the attendee's mobile number for SMS reminders (E.164). The first one given is stored as the custom field `phone`, unless that is set",
  ),
});
const TimeSlotId = z.string().trim().min(1).max(500);
/** Acceptance of the privacy notice (shared/booking/model/consent.ts). */
const Consent = z
  .object({
    policyVersion: ShortText.max(100).describe("The version of the privacy notice the customer accepted"),
    acceptedAt: Instant.describe("When they accepted it"),
    channel: ShortText.max(100).describe("Where they accepted it (the client's app, a branch desk, ...)"),
  })
  .strict();
/**
 * A link people click in an invitation: an absolute https URL only (no javascript:, data:, file:,
 * http: or relative links, no user:password@ that disguises the host, no spaces or control characters).
 */
export const HttpsUrl = z
  .string()
  .max(2000)
  .meta({ format: "uri", pattern: "^https://" })
  .refine(isHttpsUrl, {
    message: "must be an absolute https URL (https://host/...); javascript:, data:, file:, http: and relative links are refused",
    params: { rule: "https_url" },
  });

export function isHttpsUrl(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f\\]/.test(text) || !/^https:\/\//i.test(text)) return false;
  try {
    const url = new URL(text);
    return url.protocol === "https:" && url.hostname !== "" && url.username === "" && url.password === "";
  } catch {
    return false;
  }
}

const timeRangeRule = <T extends { startDate?: string | null; endDate?: string | null }>(b: T) =>
  (b.startDate == null) === (b.endDate == null) && (b.startDate == null || Date.parse(b.startDate) < Date.parse(b.endDate!));

const common = {
  title: ShortText.nullish(),
  description: LongText.nullish(),
  additionalEmployees: list(Id, 10).nullish(),
  roomId: Id.nullish(),
  type: MeetingType.nullish(),
  employeeId: Id,
  customerId: ShortText.describe("A signed-in customer (Customer channel) sends their own: the token's customer id"),
  startDate: Instant.nullish(),
  endDate: Instant.nullish(),
};

export const MeetingCreateV2 = z
  .object({
    ...common,
    bookedBy: caseInsensitiveEnum(BOOKED_BY_V2)
      .optional()
      .describe(
        "Default: what the caller's channel books as (Employee for advisors and the back office, Customer for customers and bots, PortalPartner for portals); a value the channel may not use is a 403 field_not_allowed",
      ),
    salesforceId: ShortText,
    customerTypeId: Id.nullish(),
    timeSlotId: TimeSlotId.nullish(),
    topicId: Id.nullish(),
    portalId: Id.nullish(),
    cpr: Cpr.nullish(),
    customFields: list(CustomField, 50).nullish(),
    externalAttendees: list(ExternalAttendee, 50).nullish(),
    videoLink: HttpsUrl.nullish(),
    employeeId: Id.optional(),
    /** A meeting type: without employeeId, an advisor of its pool is assigned (round-robin). */
    meetingTypeId: Id.nullish(),
    /** With meetingTypeId: assign only among these advisors of the pool. */
    hostIds: list(Id, 100).nullish(),
    answers: list(z.object({ questionId: z.string().trim().min(1).max(64), answer: z.string().trim().max(500) }), 20).nullish(),
    language: z
      .enum(LANGUAGES)
      .nullish()
      .describe(
        "BookMe extension: the language of the customer's e-mails and SMS (da, en or de; default da). Stored as the custom field `language`, which it overrides",
      ),
    consent: Consent.nullish().describe(
      "The customer's acceptance of the privacy notice, stored with the meeting as the custom fields consent.policyVersion, consent.acceptedAt, consent.channel (docs/personal-data.md); required by a meeting type with consentRequired (else 400 consent_required)",
    ),
  })
  .refine(timeRangeRule, { message: "startDate and endDate go together, and endDate must be after startDate", path: ["endDate"] })
  .refine((b) => b.timeSlotId != null || b.startDate != null, {
    message: "give timeSlotId (a reservation or an available slot) or startDate and endDate",
    path: ["timeSlotId"],
  })
  // Checked even when other fields fail, so a client hears of every missing field at once.
  .refine((b) => b.employeeId != null || b.meetingTypeId != null, {
    message: "is required (or give a meetingTypeId to have an advisor assigned)",
    path: ["employeeId"],
    when: (payload) => typeof payload.value === "object" && payload.value !== null,
  });

/** Fields V1 does not have: V1 responses leave them out, V1 bodies that carry one are rejected. */
export const V2_ONLY_FIELDS = ["portalId", "cpr", "customFields", "externalAttendees", "videoLink", "language", "consent"] as const;

/**
 * A V1 body schema that rejects V2's fields by name (null counts as absent): dropping them
 * silently would lose what the client meant to store.
 */
export function rejectingV2Fields<T extends z.ZodType>(schema: T) {
  return z.preprocess((value, ctx) => {
    if (!value || typeof value !== "object" || Array.isArray(value)) return value;
    for (const [key, v] of Object.entries(value)) {
      const name = V2_ONLY_FIELDS.find((f) => f.toLowerCase() === key.toLowerCase());
      if (name && v != null) {
        ctx.addIssue({
          code: "custom",
          path: [name],
          input: v,
          params: { rule: "v2_only" },
          message: `is a V2 field: V1 has no ${name} (use /api/v2/bookme)`,
        });
      }
    }
    return value;
  }, schema);
}

export const MeetingCreateV1 = rejectingV2Fields(
  z
    .object({
      ...common,
      bookedBy: caseInsensitiveEnum(BOOKED_BY_V1)
        .optional()
        .describe(
          "Default: what the caller's channel books as (Employee for advisors and the back office, Customer for customers and bots, PortalPartner for portals); a value the channel may not use is a 403 field_not_allowed",
        ),
      salesforceId: ShortText.nullish(),
      customerTypeId: Id,
      timeSlotId: TimeSlotId,
      topicId: Id,
    })
    .refine(timeRangeRule, { message: "startDate and endDate go together, and endDate must be after startDate", path: ["endDate"] }),
);

export type MeetingCreate = z.output<typeof MeetingCreateV2> | z.output<typeof MeetingCreateV1>;

/**
 * PUT: what GET returned, changed or not (read-modify-write); absent fields keep their value. A new time
 * comes from a timeSlotId other than the stored one, or other startDate/endDate. Read-only fields are
 * accepted back unchanged; the domain rejects a changed one naming it.
 */
export const MeetingUpdate = z
  .object({
    title: ShortText.nullish(),
    description: LongText.nullish(),
    videoLink: HttpsUrl.nullish(),
    type: MeetingType.nullish(),
    employeeId: Id.optional(),
    roomId: Id.nullish(),
    additionalEmployees: list(Id, 10).nullish(),
    topicId: Id.nullish(),
    customerTypeId: Id.nullish(),
    salesforceId: ShortText.nullish(),
    customerId: ShortText.optional(),
    timeSlotId: TimeSlotId.nullish(),
    startDate: Instant.nullish(),
    endDate: Instant.nullish(),
    customFields: list(CustomField, 50).nullish(),
    externalAttendees: list(z.object({ name: ShortText, email: Email.optional() }), 50).nullish(),
    id: z.string().optional(),
    status: z.string().optional(),
    bookedBy: z.string().optional(),
    portalId: z.string().nullish(),
    dateCreated: z.string().optional(),
    dateModified: z.string().optional(),
  })
  .refine(timeRangeRule, { message: "startDate and endDate go together, and endDate must be after startDate", path: ["endDate"] });
export type MeetingUpdate = z.output<typeof MeetingUpdate>;

/** The create response: the meeting and, once, its self-service secret. */
export const BookedMeetingView = MeetingView.extend({
  /** Shown once: with the header BookMe-Manage-Secret it lets its holder get, cancel or reschedule this meeting. */
  secret: z.string().optional(),
});

export const CancelBody = z.object({ reason: z.string().trim().min(1).max(500).nullish() }).default({});
export type CancelBody = z.output<typeof CancelBody>;

/** A new time: a time slot id (a reservation or an available slot), or startDate and endDate. */
export const RescheduleBody = z
  .object({ timeSlotId: TimeSlotId.nullish(), startDate: Instant.nullish(), endDate: Instant.nullish() })
  .refine(timeRangeRule, { message: "startDate and endDate go together, and endDate must be after startDate", path: ["endDate"] })
  .refine((b) => b.timeSlotId != null || b.startDate != null, {
    message: "give timeSlotId (a reservation or an available slot) or startDate and endDate",
    path: ["timeSlotId"],
  });
export type RescheduleBody = z.output<typeof RescheduleBody>;

export const SecretView = z.object({ id: z.string(), secret: z.string() });
