/**
 * What both facades ask of BookMe's core, in one place: availability of a meeting type (its pool
 * narrowed by hostIds) as distinct times, and the meeting details a facade booking records.
 * The rules (durations, pool, routing, buffers, the calendars) stay in shared/booking.
 */
import { freeTimes } from "../../booking/queries/free-times.js";
import type { BookingDeps } from "../../booking/write/deps.js";
import type { Attendee, MeetingDetails } from "../../booking/model/commands.js";
import type { MeetingDoc } from "../../booking/model/documents.js";
import type { Interval, MeetingType } from "../../slots/index.js";

/** Distinct free times of a meeting type over [startMs, endMs), sorted (any advisor of the pool). */
export async function meetingTypeTimes(
  deps: BookingDeps,
  q: {
    meetingTypeId: string;
    startMs: number;
    endMs: number;
    hostIds?: string[];
    durationMinutes?: number;
    answers?: { questionId: string; answer: string }[];
  },
  now: number,
): Promise<Interval[]> {
  return freeTimes(
    deps,
    {
      meetingTypeId: q.meetingTypeId,
      explicitEmployeeIds: q.hostIds ?? [],
      answers: q.answers,
      startMs: q.startMs,
      endMs: q.endMs,
      meetingDurationMinutes: q.durationMinutes,
      employeeTypes: ["Explicit"],
      serviceGroups: [],
      meetingTypes: [],
      requireRoom: false,
      requireEmployeeParticipation: false,
    },
    now,
  );
}

/** The facade a booking came through and what it sent that BookMe has no field for, as custom fields. */
export function facadeFields(
  source: "meetergo" | "bots",
  fields: Record<string, string | number | boolean | null | undefined>,
): { key: string; value: string }[] {
  const out: { key: string; value: string }[] = [{ key: "source", value: source }];
  for (const [key, value] of Object.entries(fields))
    if (value !== undefined && value !== null && value !== "") out.push({ key, value: String(value) });
  return out;
}

export function fieldOf(meeting: MeetingDoc, key: string): string | undefined {
  return meeting.customFields.find((f) => f.key === key)?.value;
}

export function facadeDetails(input: {
  bookedBy: string;
  attendees: Attendee[];
  title?: string;
  description?: string;
  customFields: { key: string; value: string }[];
}): MeetingDetails {
  return {
    bookedBy: input.bookedBy,
    salesforceId: null,
    // No bank customer id reaches these APIs: the attendee's email identifies the customer.
    customerId: input.attendees[0]?.email.toLowerCase() ?? "unknown",
    customerTypeId: null,
    topicId: null,
    portalId: null,
    cpr: null,
    title: input.title ?? null,
    description: input.description ?? null,
    videoLink: null,
    customFields: input.customFields,
    externalAttendees: input.attendees,
  };
}

/** meetergo's channels as BookMe's meeting types. */
export function meetingTypeOfChannel(channel: string | undefined): MeetingType | undefined {
  if (!channel) return undefined;
  if (channel === "phone" || channel === "phone-incoming") return "Telephone";
  if (channel === "local" || channel === "local-attendee") return "Physical";
  return "Online";
}
