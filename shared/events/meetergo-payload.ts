/**
 * meetergo's webhook payload (shared/spec/meetergo-create-booking.md, "Webhooks"), a format option of
 * a subscription: meeting.created is booking_created; a cancel and a move are booking_cancelled and
 * booking_rescheduled in the same shape. Attendee emails only with personal data allowed.
 */
import type { OutboxEvent } from "../booking/model/event-schema.js";

const WEBHOOK_TYPES: Partial<Record<OutboxEvent["type"], string>> = {
  "meeting.created": "booking_created",
  "meeting.cancelled": "booking_cancelled",
  "meeting.updated": "booking_updated",
  "meeting.no_show": "booking_no_show",
};

interface MeetingData {
  id?: string;
  startDate?: string;
  endDate?: string;
  employeeId?: string;
  meetingTypeId?: string | null;
  externalAttendees?: { name: string; email?: string }[];
  customFields?: { key: string; value: string }[];
  previous?: unknown;
}

export function meetergoPayload(e: OutboxEvent, includePersonalData: boolean): Record<string, unknown> {
  const d = e.data as MeetingData;
  const field = (key: string) => d.customFields?.find((f) => f.key === key)?.value;
  const webhookType =
    e.type === "meeting.updated" && d.previous ? "booking_rescheduled" : (WEBHOOK_TYPES[e.type] ?? e.type.replace(".", "_"));
  const attendees = (d.externalAttendees ?? []).map((a, i) => {
    const [first, ...rest] = a.name.split(" ");
    return {
      ...(includePersonalData && a.email ? { email: a.email } : {}),
      // The booking's own first/last name when meetergo sent them; else the name split at its first space.
      firstname: (i === 0 ? field("firstname") : undefined) ?? first,
      lastname: (i === 0 ? field("lastname") : undefined) ?? rest.join(" "),
    };
  });
  return {
    webhookType,
    id: d.id,
    start: d.startDate,
    end: d.endDate,
    attendees,
    hostIds: d.employeeId ? [d.employeeId] : [],
    meetingTypeId: d.meetingTypeId ?? null,
  };
}
