/**
 * Meeting types (admin API): what a customer books, who may be assigned (the pool, a round-robin
 * queue), how the advisor is picked, the allowed durations and booking rules, whether a booking
 * needs confirming, the invitation text and qualification questions that route or reject.
 */
import { z } from "zod";
import { MEETING_TYPES } from "../slots/types.js";
import { bookingRuleFields } from "./directory.js";
import { OWN_ADVISOR_MODES } from "./customer-advisors.js";
import { skillRequirementFields } from "./skills.js";
import { caseInsensitiveEnum, Id, list, LongText, ReminderOffset, ShortText, TimeZone } from "../kernel/fields.js";

export const ASSIGNMENT_POLICIES = ["fairness", "weighted", "priority", "utilisation"] as const;
export const CONFIRMATION_MODES = ["none", "attendee", "host"] as const;

const Duration = z.number().int().min(15).max(480).multipleOf(5);

const Pool = z
  .object({
    /** Explicit advisors. */
    employeeIds: list(Id, 500).default([]),
    /** Advisors of a service group (combined with employeeIds). */
    serviceGroup: ShortText.optional(),
    /** Only advisors at this location (branch). */
    location: ShortText.optional(),
    /** Only advisors holding this skill (and level) on the meeting's day. */
    ...skillRequirementFields,
  })
  .refine((p) => p.employeeIds.length > 0 || p.serviceGroup !== undefined || p.skill !== undefined, {
    message: "give employeeIds, a serviceGroup or a skill",
    path: ["employeeIds"],
  });

/** A further required participant of a joint meeting: one member of this pool joins the primary advisor. */
const ParticipantPool = z
  .object({
    label: ShortText.optional().describe("What the participant is, e.g. pension specialist (explanations name it)"),
    employeeIds: list(Id, 500).default([]),
    serviceGroup: ShortText.optional(),
    ...skillRequirementFields,
    location: ShortText.optional().describe("Only members at this location (branch)"),
    sameBranch: z.boolean().default(false).describe("Only members sharing a location (branch) with the primary advisor"),
  })
  .refine((p) => p.employeeIds.length > 0 || p.serviceGroup !== undefined || p.skill !== undefined, {
    message: "give employeeIds, a serviceGroup or a skill",
    path: ["employeeIds"],
  })
  .describe("Members: employeeIds and serviceGroup members (everyone when neither is given), narrowed by skill and location");
export type ParticipantPool = z.output<typeof ParticipantPool>;

const Route = z
  .object({
    /** The answer this rule matches (case-insensitive). */
    answer: ShortText,
    /** Route to these advisors instead of the type's pool. */
    employeeIds: list(Id, 500).optional(),
    serviceGroup: ShortText.optional(),
    /** Refuse the booking (routing_rejected). */
    reject: z.boolean().default(false),
  })
  .refine((r) => r.reject || r.employeeIds?.length || r.serviceGroup, {
    message: "a route rejects or names employeeIds or a serviceGroup",
    path: ["answer"],
  });

const Question = z.object({
  id: z.string().trim().min(1).max(64),
  label: ShortText,
  required: z.boolean().default(false),
  options: list(ShortText, 50).optional(),
  routes: list(Route, 50).default([]),
});

export const MeetingTypeBody = z
  .object({
    name: ShortText,
    description: LongText.optional(),
    /** The round-robin queue this type books through (meetergo's queueId); defaults to the type's id. */
    queueId: Id.optional(),
    durations: z.object({ defaultMinutes: Duration, allowedMinutes: list(Duration, 20).default([]) }),
    /** How the meeting takes place; empty: whatever the advisor offers. */
    meetingTypes: list(caseInsensitiveEnum(MEETING_TYPES), 4).default([]),
    topicId: Id.optional(),
    customerTypeIds: list(Id).default([]),
    pool: Pool,
    /**
     * Joint meetings: further required participants, one member of each pool with the primary advisor, all free for
     * the whole meeting (their buffers included) and held in the booking's one write.
     */
    participants: list(ParticipantPool, 4)
      .default([])
      .describe("Further required participants (joint meeting): one member of each pool joins the primary advisor"),
    assignment: z
      .object({
        policy: z.enum(ASSIGNMENT_POLICIES).default("fairness"),
        /** The rolling window (days before and after the slot) in which meetings are counted. */
        windowDays: z.number().int().min(1).max(365).default(30),
        weights: list(z.object({ employeeId: Id, weight: z.number().positive().max(1000) }), 500).default([]),
        priorities: list(z.object({ employeeId: Id, priority: z.number().int().min(0).max(1000) }), 500).default([]),
        /** policy utilisation: least booked minutes (or meetings) in the slot's week, month or the rolling window first. */
        utilisation: z
          .object({
            measure: z.enum(["minutes", "meetings"]).default("minutes"),
            period: z.enum(["week", "month", "window"]).default("week"),
          })
          .optional(),
      })
      .default({ policy: "fairness", windowDays: 30, weights: [], priorities: [] }),
    confirmation: z
      .object({
        mode: z.enum(CONFIRMATION_MODES).default("none"),
        expiryMinutes: z
          .number()
          .int()
          .min(5)
          .max(7 * 24 * 60)
          .default(60),
      })
      .default({ mode: "none", expiryMinutes: 60 }),
    invitation: z.object({ title: ShortText.optional(), description: LongText.optional() }).default({}),
    questions: list(Question, 20).default([]),
    /** A booking must carry acceptance of the privacy notice (V2 consent, meetergo dataPolicyAccepted, bots consent_accepted): else 400 consent_required. */
    consentRequired: z
      .boolean()
      .optional()
      .describe(
        "A booking must carry acceptance of the privacy notice (V2 consent, meetergo attendee.dataPolicyAccepted, bots consent_accepted); without it 400 consent_required naming the field",
      ),
    /** The customer's own advisor (config/customers/{customerId}): offered and assigned first (prefer), only (require), or not (none). */
    ownAdvisor: z
      .enum(OWN_ADVISOR_MODES)
      .optional()
      .describe("prefer: the customer's own advisor is assigned when free; require: only the own advisor is offered; default none"),
    /** The customer's reminders before the start (e-mail, and SMS to a phone); absent: the setting REMINDER_OFFSETS. */
    reminders: list(ReminderOffset, 5)
      .optional()
      .describe(
        'Customer reminders before the start, ISO 8601 durations, e.g. ["P1D","PT2H"]; absent: the setting REMINDER_OFFSETS; [] sends none',
      ),
    /** The zone its days are in (the bots API's availability date, meetergo's date grouping); default Europe/Copenhagen. */
    timeZone: TimeZone.optional().describe("The zone its days are in (facades' dates); default Europe/Copenhagen"),
    ...bookingRuleFields,
  })
  .superRefine((t, ctx) => {
    const allowed = t.durations.allowedMinutes;
    if (allowed.length && !allowed.includes(t.durations.defaultMinutes)) {
      ctx.addIssue({
        code: "custom",
        path: ["durations", "defaultMinutes"],
        message: `must be one of allowedMinutes (${allowed.join(", ")})`,
      });
    }
  });
export type MeetingTypeBody = z.output<typeof MeetingTypeBody>;
export type MeetingTypeConfig = MeetingTypeBody & { id: string };

export const MeetingTypeView = z.looseObject({ id: z.string(), name: z.string(), queueId: z.string() });

export function meetingTypeView(t: MeetingTypeConfig) {
  return { ...t, queueId: t.queueId ?? t.id, durations: { ...t.durations, allowedMinutes: allowedDurations(t) } };
}

/** The durations a booking may take: allowedMinutes, or just the default. */
export function allowedDurations(t: MeetingTypeConfig): number[] {
  return t.durations.allowedMinutes.length ? t.durations.allowedMinutes : [t.durations.defaultMinutes];
}
