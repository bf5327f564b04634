/** Query and body schemas of the time-slot endpoints, V1 and V2. */
import { z } from "zod";
import { MEETING_TYPES } from "../../../slots/types.js";
import { parseTimeSpan } from "../../../slots/timespan.js";
import type { ApiVersionName } from "../../../booking/model/documents.js";
import { timeSlotFields } from "../../../booking/model/views.js";
import {
  canonicalSpelling,
  caseInsensitiveEnum,
  durationMinutes,
  Id,
  Instant,
  queryBoolean,
  queryList,
  ShortText,
  TimeZone,
} from "../../../kernel/fields.js";

export const MAX_WINDOW_DAYS = 31;
export const DEFAULT_LOOK_FORWARD = "7.00:00:00";

const TimeSpan = z
  .string()
  .refine((s) => parseTimeSpan(s) !== null, { message: 'must be a .NET TimeSpan "d.hh:mm:ss" or "hh:mm:ss", e.g. "7.00:00:00"' })
  .refine((s) => (parseTimeSpan(s) ?? 0) <= MAX_WINDOW_DAYS * 86_400_000, {
    message: `must be at most ${MAX_WINDOW_DAYS} days ("${MAX_WINDOW_DAYS}.00:00:00")`,
  })
  .refine((s) => (parseTimeSpan(s) ?? 0) > 0, { message: "must be longer than zero" });

const EMPLOYEE_TYPES: Record<ApiVersionName, readonly [string, ...string[]]> = {
  v2: ["Explicit", "Local", "ServiceGroup"],
  v1: ["Explicit", "Global"],
};

/** When V1's Global (every employee) was superseded by V2's types: the Deprecation header's date (RFC 9745). */
export const GLOBAL_DEPRECATED_AT = Date.parse("2025-01-01T00:00:00Z");

/** V2 still accepts V1's Global, as a deprecated synonym of "every employee" (answered with a Deprecation header). */
function employeeType(version: ApiVersionName) {
  if (version === "v1") return caseInsensitiveEnum(EMPLOYEE_TYPES.v1);
  const all = [...EMPLOYEE_TYPES.v2, "Global"] as const;
  return z.preprocess(
    canonicalSpelling(all),
    z.union([
      z.enum(EMPLOYEE_TYPES.v2),
      z.literal("Global").meta({ deprecated: true, description: "Deprecated (V1): every employee; answered with a Deprecation header" }),
    ]),
  );
}
/** Item fields of GET /time-slots/available, in the order they are written; `fields=` picks among them. */
export const SLOT_FIELDS = [
  "id",
  "startDate",
  "endDate",
  "startTime",
  "endTime",
  "available",
  "meetingType",
  "employeeId",
  "roomId",
  "additionalEmployees",
] as const;
export type SlotField = (typeof SLOT_FIELDS)[number];
export const SLOT_GROUPINGS = ["start"] as const;

export function availableQuery(version: ApiVersionName) {
  return (
    z
      .object({
        explicitEmployeeIds: queryList(Id).default([]),
        startDate: Instant.optional(),
        lookForwardTime: TimeSpan.default(DEFAULT_LOOK_FORWARD),
        topic: Id.optional(),
        customerTypeId: Id.optional(),
        employeeTypes: queryList(employeeType(version), 4)
          .default([])
          .describe(
            version === "v1"
              ? "Explicit and/or Global; default Global (every employee)"
              : "Explicit, Local and/or ServiceGroup (Global: deprecated synonym of every employee)",
          ),
        serviceGroups: queryList(ShortText).default([]),
        meetingTypes: queryList(caseInsensitiveEnum(MEETING_TYPES), 4).default([]),
        customerLocation: ShortText.optional(),
        meetingLocation: ShortText.optional(),
        requireRoom: queryBoolean.default(false),
        requireEmployeeParticipation: queryBoolean,
        meetingDuration: durationMinutes(15, 480)
          .optional()
          .describe("Minutes (90) or a TimeSpan (\"01:30:00\"); default the meeting type's or topic's duration, else 60"),
        groupBy: caseInsensitiveEnum(SLOT_GROUPINGS).optional().meta({
          description:
            "start: one entry per start time, {startDate, endDate, roomId?, employees: [{employeeId, meetingTypes, ids?, additionalEmployees?}]} (AvailableStartView), instead of one item per slot. An extension: without it the contract's list is returned",
        }),
        fields: queryList(caseInsensitiveEnum(SLOT_FIELDS), SLOT_FIELDS.length)
          .optional()
          .meta({
            description: `Item fields to return (${SLOT_FIELDS.join(", ")}), always written in that order; default all. With groupBy=start: meetingType gives meetingTypes, id gives ids (parallel to meetingTypes), employeeId is always present, and the default is all but id.`,
          }),
        ...(version === "v2"
          ? {
              meetingTypeId: Id.optional().describe(
                "A meeting type: its pool of advisors and its rules; explicitEmployeeIds then narrow the pool",
              ),
              customerId: ShortText.optional().describe(
                "With a meetingTypeId: the customer; their excluded advisors are left out, and a type that requires the own advisor offers only theirs",
              ),
              timeZone: TimeZone.optional().describe("An IANA zone: each slot also gets startLocal/endLocal with that zone's offset"),
              explain: queryBoolean
                .default(false)
                .describe("true: answer {slots, explanations}: for each candidate advisor and local day without slots, the reasons"),
            }
          : {}),
      })
      // V1's default pool is every employee
      .transform((q) =>
        version === "v1" && !q.requireEmployeeParticipation && q.employeeTypes.length === 0 ? { ...q, employeeTypes: ["Global"] } : q,
      )
      .superRefine((q, ctx) => {
        // A meeting type names its own pool of advisors: explicitEmployeeIds then only narrow it.
        if ("meetingTypeId" in q && q.meetingTypeId) return;
        if (!q.requireEmployeeParticipation && q.employeeTypes.length === 0) {
          ctx.addIssue({
            code: "custom",
            path: ["employeeTypes"],
            message: `at least one of ${EMPLOYEE_TYPES[version].join(", ")} is required when requireEmployeeParticipation is false`,
          });
        }
        if (q.requireEmployeeParticipation && q.explicitEmployeeIds.length === 0) {
          ctx.addIssue({
            code: "custom",
            path: ["explicitEmployeeIds"],
            message: "at least one employee id is required when requireEmployeeParticipation is true",
          });
        }
        if (
          !q.requireEmployeeParticipation &&
          q.employeeTypes.includes("Explicit") &&
          q.explicitEmployeeIds.length === 0 &&
          q.employeeTypes.length === 1
        ) {
          ctx.addIssue({ code: "custom", path: ["explicitEmployeeIds"], message: "employeeTypes=Explicit needs explicitEmployeeIds" });
        }
        if (q.employeeTypes.includes("Local") && !q.customerLocation) {
          ctx.addIssue({ code: "custom", path: ["customerLocation"], message: "is required when employeeTypes includes Local" });
        }
        if (q.fields !== undefined && q.fields.length === 0) {
          ctx.addIssue({ code: "custom", path: ["fields"], message: `name at least one of ${SLOT_FIELDS.join(", ")}` });
        }
        if (q.requireRoom && !q.meetingLocation && !q.customerLocation) {
          ctx.addIssue({
            code: "custom",
            path: ["meetingLocation"],
            message: "meetingLocation (or customerLocation) is required when requireRoom is true",
          });
        }
      })
  );
}
export type AvailableQuery = z.output<ReturnType<typeof availableQuery>>;

/** The contract's TimeSlot: startTime/endTime/available beside startDate/endDate (the same instants). */

export const AvailableSlotView = z.object({
  id: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  ...timeSlotFields,
  available: z.literal(true),
  meetingType: z.string(),
  employeeId: z.string(),
  roomId: z.string().optional(),
  additionalEmployees: z.array(z.string()).optional(),
});

/** An entry of groupBy=start: every employee free at one start (fields= may leave parts out). */
export const AvailableStartView = z.object({
  startDate: z.string().optional(),
  endDate: z.string().optional(),
  roomId: z.string().optional(),
  employees: z.array(
    z.object({
      employeeId: z.string(),
      meetingTypes: z.array(z.enum(MEETING_TYPES)).optional(),
      ids: z
        .array(z.string())
        .optional()
        .meta({ description: "Slot ids (as in the list form), one per meeting type in meetingTypes order; only with fields=...,id" }),
      additionalEmployees: z.array(z.string()).optional(),
    }),
  ),
});

/** Busy, OutOfOffice and Tentative: Outlook busy times of a resource with calendarSync. */
export const SLOT_STATUSES = ["Available", "Reserved", "Booked", "Busy", "OutOfOffice", "Tentative"] as const;

/** Every employee's grid at once is large: a shorter window keeps the response within reason. */
export const ALL_EMPLOYEES_WINDOW_DAYS = 7;

export const GridQuery = z
  .object({
    employeeId: Id.optional().describe("This employee's grid; with roomId, the employee's time in that room. Neither: every employee"),
    roomId: Id.optional().describe("This room's grid; with employeeId, the time both have free"),
    startDate: Instant,
    endDate: Instant,
    status: queryList(caseInsensitiveEnum(SLOT_STATUSES), SLOT_STATUSES.length).default([]),
    meetingDuration: durationMinutes(15, 480).default(60).describe('Minutes (90) or a TimeSpan ("01:30:00")'),
  })
  .refine((q) => Date.parse(q.endDate) > Date.parse(q.startDate), { message: "must be after startDate", path: ["endDate"] })
  .refine((q) => Date.parse(q.endDate) - Date.parse(q.startDate) <= MAX_WINDOW_DAYS * 86_400_000, {
    message: `the range may span at most ${MAX_WINDOW_DAYS} days`,
    path: ["endDate"],
  })
  .refine((q) => q.employeeId || q.roomId || Date.parse(q.endDate) - Date.parse(q.startDate) <= ALL_EMPLOYEES_WINDOW_DAYS * 86_400_000, {
    message: `without employeeId or roomId (every employee) the range may span at most ${ALL_EMPLOYEES_WINDOW_DAYS} days`,
    path: ["endDate"],
  });
export type GridQuery = z.output<typeof GridQuery>;

export const GridSlotView = z.object({
  id: z.string(),
  employeeId: z.string().nullable(),
  roomId: z.string().nullable(),
  startTime: z.string(),
  endTime: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  status: z.enum(SLOT_STATUSES),
  available: z.boolean(),
});

export const ReserveBody = z.object({
  timeSlot: z
    .object({
      startDate: Instant,
      endDate: Instant,
      status: z.preprocess(canonicalSpelling(["Reserved"]), z.literal("Reserved", { message: 'must be "Reserved"' })).default("Reserved"),
      employeeId: Id.nullish(),
      roomId: Id.nullish(),
      serviceGroup: ShortText.nullish(),
    })
    .refine((t) => Date.parse(t.endDate) > Date.parse(t.startDate), { message: "must be after startDate", path: ["endDate"] }),
  token: Id,
  existingMeetingId: Id.nullish(),
});

export const VacancyQuery = z.object({ location: ShortText, timeSlotId: z.string().trim().min(1).max(500) });
