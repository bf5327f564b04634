/** Employees, rooms, topics and customer types: admin bodies, stored documents, public views. */
import { z } from "zod";
import { DEFAULT_TIME_ZONE } from "../slots/types.js";
import { AdvisorCapsBody } from "./advisor-caps.js";
import { Skill } from "./skills.js";
import { Email, Id, Instant, list, LocalDate, LocalTime, MeetingType, ShortText, TimeZone, Weekday, LongText } from "../kernel/fields.js";

const TimeRange = z
  .object({ start: LocalTime, end: LocalTime })
  .refine((r) => r.start < r.end, { message: "end must be after start", path: ["end"] });

export const WorkingHours = z
  .object({ day: Weekday, start: LocalTime, end: LocalTime })
  .refine((r) => r.start < r.end, { message: "end must be after start", path: ["end"] });

export const Absence = z
  .object({ start: Instant, end: Instant, reason: ShortText.optional() })
  .refine((a) => Date.parse(a.start) < Date.parse(a.end), { message: "end must be after start", path: ["end"] });

const Minutes = z
  .number()
  .int()
  .min(0)
  .max(24 * 60);

/** Buffers, minimum notice and horizon: set on an employee or a topic (the stricter one applies). */
export const bookingRuleFields = {
  bufferBeforeMinutes: Minutes.optional(),
  bufferAfterMinutes: Minutes.optional(),
  minimumNoticeMinutes: z
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 60)
    .optional(),
  maxDaysAhead: z.number().int().min(1).max(730).optional(),
};

export const EmployeeBody = z.object({
  name: ShortText,
  email: Email,
  title: ShortText.optional(),
  timeZone: TimeZone.default(DEFAULT_TIME_ZONE),
  workingHours: list(WorkingHours, 70).default([]),
  overrides: list(z.object({ date: LocalDate, ranges: list(TimeRange, 10) }), 366).default([]),
  meetingTypes: list(MeetingType, 4).min(1).default(["Physical", "Online", "Telephone"]),
  locations: list(ShortText).default([]),
  serviceGroups: list(ShortText).default([]),
  topicIds: list(Id).default([]),
  customerTypeIds: list(Id).default([]),
  absences: list(Absence, 500).default([]),
  /** Outlook busy times (of the mailbox `email`) shape availability; booked meetings are written there. */
  calendarSync: z.boolean().optional(),
  /** The advisor's Entra ID user (oid): an Employee-channel token of this user acts as this advisor. */
  entraObjectId: z.string().trim().min(1).max(100).optional(),
  /** At most so many meetings / booked minutes per day, week, month (enforced in the booking's write). */
  caps: AdvisorCapsBody.optional(),
  /** Skills with validity: a pool requiring a skill offers the advisor only on days it is valid. */
  skills: list(Skill, 50).optional(),
  ...bookingRuleFields,
});
export type EmployeeBody = z.output<typeof EmployeeBody>;
export type Employee = EmployeeBody & { id: string };

/** A room as stored (documents are read with this); admin bodies also get RoomBody's cross-field rule. */
export const RoomFields = z.object({
  name: ShortText,
  capacity: z.number().int().min(1).max(10_000),
  location: ShortText,
  features: list(ShortText).default([]),
  timeZone: TimeZone.default(DEFAULT_TIME_ZONE),
  openingHours: list(WorkingHours, 70).optional(),
  /** The room's Microsoft 365 resource mailbox; its busy times count only with calendarSync on (default off). */
  mailbox: Email.optional(),
  calendarSync: z.boolean().optional(),
});
export const RoomBody = RoomFields.refine((r) => !r.calendarSync || !!r.mailbox, {
  message: "a room whose Outlook calendar syncs needs its mailbox",
  path: ["mailbox"],
});
export type RoomBody = z.output<typeof RoomFields>;
export type Room = RoomBody & { id: string };

export const TopicBody = z.object({
  name: ShortText,
  description: LongText.optional(),
  customerTypeIds: list(Id).default([]),
  isCustomerVisible: z.boolean(),
  durationMinutes: z
    .number()
    .int()
    .min(15)
    .max(8 * 60)
    .multipleOf(15)
    .optional(),
  ...bookingRuleFields,
});
export type TopicBody = z.output<typeof TopicBody>;
export type Topic = TopicBody & { id: string };

export const CustomerTypeBody = z.object({
  id: Id.optional(),
  name: ShortText,
  description: LongText.optional(),
});
export type CustomerTypeBody = z.output<typeof CustomerTypeBody>;
export type CustomerType = { id: string; name: string; description?: string };

/* ---- responses (allow-lists: no _etag/_rid/_ts, no partition fields) ---- */

export const EmployeeView = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string().optional(),
  timeZone: z.string(),
  workingHours: z.array(z.object({ day: z.string(), start: z.string(), end: z.string() })),
  meetingTypes: z.array(z.string()),
  locations: z.array(z.string()),
  serviceGroups: z.array(z.string()),
  topicIds: z.array(z.string()),
  customerTypeIds: z.array(z.string()),
});
export const EmployeeAdminView = EmployeeView.extend({
  email: z.string(),
  overrides: z.array(z.object({ date: z.string(), ranges: z.array(z.object({ start: z.string(), end: z.string() })) })),
  absences: z.array(z.object({ start: z.string(), end: z.string(), reason: z.string().optional() })),
  bufferBeforeMinutes: z.number().optional(),
  bufferAfterMinutes: z.number().optional(),
  minimumNoticeMinutes: z.number().optional(),
  maxDaysAhead: z.number().optional(),
  calendarSync: z.boolean(),
  entraObjectId: z.string().optional(),
  caps: AdvisorCapsBody.optional(),
  skills: z.array(Skill).optional(),
});
export const RoomView = z.object({
  id: z.string(),
  name: z.string(),
  capacity: z.number(),
  location: z.string(),
  features: z.array(z.string()),
  timeZone: z.string(),
  available: z.boolean(),
});
export const TopicView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  customerTypeIds: z.array(z.string()),
  isCustomerVisible: z.boolean(),
  durationMinutes: z.number().optional(),
});
/** What PUT /config/rooms/{id} takes back: the view with the fields only administrators see. */
export const RoomAdminView = RoomView.omit({ available: true }).extend({
  openingHours: z.array(z.object({ day: z.string(), start: z.string(), end: z.string() })).optional(),
  mailbox: z.string().optional(),
  calendarSync: z.boolean(),
});
/** What PUT /config/topics/{id} takes back: the view with the topic's booking rules. */
export const TopicAdminView = TopicView.extend({
  bufferBeforeMinutes: z.number().optional(),
  bufferAfterMinutes: z.number().optional(),
  minimumNoticeMinutes: z.number().optional(),
  maxDaysAhead: z.number().optional(),
});
export const CustomerTypeView = z.object({ id: z.string(), name: z.string(), description: z.string().optional() });

export function employeeView(e: Employee): z.output<typeof EmployeeView> {
  return {
    id: e.id,
    name: e.name,
    title: e.title,
    timeZone: e.timeZone,
    workingHours: e.workingHours,
    meetingTypes: e.meetingTypes,
    locations: e.locations,
    serviceGroups: e.serviceGroups,
    topicIds: e.topicIds,
    customerTypeIds: e.customerTypeIds,
  };
}
export function employeeAdminView(e: Employee): z.output<typeof EmployeeAdminView> {
  return {
    ...employeeView(e),
    email: e.email,
    overrides: e.overrides,
    absences: e.absences,
    bufferBeforeMinutes: e.bufferBeforeMinutes,
    bufferAfterMinutes: e.bufferAfterMinutes,
    minimumNoticeMinutes: e.minimumNoticeMinutes,
    maxDaysAhead: e.maxDaysAhead,
    calendarSync: e.calendarSync ?? false,
    ...(e.entraObjectId ? { entraObjectId: e.entraObjectId } : {}),
    ...(e.caps ? { caps: e.caps } : {}),
    ...(e.skills?.length ? { skills: e.skills } : {}),
  };
}
export function roomView(r: Room, available = true): z.output<typeof RoomView> {
  return { id: r.id, name: r.name, capacity: r.capacity, location: r.location, features: r.features, timeZone: r.timeZone, available };
}
export function roomAdminView(r: Room): z.output<typeof RoomAdminView> {
  const { available: _available, ...view } = roomView(r);
  return {
    ...view,
    ...(r.openingHours ? { openingHours: r.openingHours } : {}),
    ...(r.mailbox ? { mailbox: r.mailbox } : {}),
    calendarSync: r.calendarSync ?? false,
  };
}
export function topicAdminView(t: Topic): z.output<typeof TopicAdminView> {
  return {
    ...topicView(t),
    bufferBeforeMinutes: t.bufferBeforeMinutes,
    bufferAfterMinutes: t.bufferAfterMinutes,
    minimumNoticeMinutes: t.minimumNoticeMinutes,
    maxDaysAhead: t.maxDaysAhead,
  };
}
export function topicView(t: Topic): z.output<typeof TopicView> {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    customerTypeIds: t.customerTypeIds,
    isCustomerVisible: t.isCustomerVisible,
    durationMinutes: t.durationMinutes,
  };
}
export function customerTypeView(c: CustomerType): z.output<typeof CustomerTypeView> {
  return { id: c.id, name: c.name, description: c.description };
}
