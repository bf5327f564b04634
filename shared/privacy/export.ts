/**
 * The access export (GDPR Art. 15): everything BookMe holds about a person, as one JSON document in a
 * stable schema (EXPORT_SCHEMA; documented in docs/personal-data.md). The CPR is reported as "on file",
 * never decrypted. Built from the subject index and the point reads that hang off each meeting.
 */
import { eventId } from "../booking/model/events.js";
import type { MeetingDoc } from "../booking/model/documents.js";
import type { PrivacyJobDeps } from "./ports.js";

export const EXPORT_SCHEMA = "bookme.personal-data-export/1";

export interface ExportedMeeting {
  id: string;
  status: string;
  type: string;
  startDate: string;
  endDate: string;
  employeeId: string;
  additionalEmployees: string[];
  roomId: string | null;
  topicId: string | null;
  meetingTypeId: string | null;
  customerId: string;
  customerTypeId: string | null;
  salesforceId: string | null;
  bookedBy: string;
  channel: string | null;
  title: string | null;
  description: string | null;
  attendees: { name: string; email: string }[];
  customFields: { key: string; value: string }[];
  /** "on file" when a CPR is stored (sealed); it is never decrypted into an export. */
  cpr: "on file" | null;
  cancellationReason: string | null;
  dateCreated: string;
  dateModified: string;
  erasedAt: string | null;
  history: { at: string; action: string; reason?: string; from?: unknown; to?: unknown }[];
  /** The audit trail: who changed it (channel and client only) and when. */
  audit: { at: string; action: string; channel: string; clientId: string }[];
}

export interface ExportedConsent {
  meetingId: string;
  source: string;
  accepted: boolean;
  recordedAt: string;
  policyVersion: string | null;
}

export interface PersonalDataExport {
  schema: typeof EXPORT_SCHEMA;
  generatedAt: string;
  /** Which identifier the request named (its value is not repeated here). */
  identifiedBy: "customerId" | "email" | "phone";
  meetings: ExportedMeeting[];
  /**
   * Reservations are anonymous holds (no personal data, no subject key; deleted when booked or expired): listed are
   * the reservation or slot ids the person's meetings were booked from.
   */
  reservations: { timeSlotId: string; meetingId: string }[];
  /** BookMe keeps no waitlist: always empty (kept for the schema's stability). */
  waitlist: never[];
  messages: { meetingId: string; kind: string; channel: string; status: string; at: string }[];
  webhookDeliveries: {
    meetingId: string;
    eventId: string;
    eventType: string;
    subscriptionId: string;
    attempt: number;
    at: string;
    outcome: string;
  }[];
  consents: ExportedConsent[];
}

const field = (m: MeetingDoc, key: string) => m.customFields.find((f) => f.key === key)?.value;

function consentsOf(m: MeetingDoc): ExportedConsent[] {
  const out: ExportedConsent[] = [];
  const policy = field(m, "dataPolicyAccepted");
  if (policy !== undefined)
    out.push({ meetingId: m.id, source: "meetergo", accepted: policy === "true", recordedAt: m.dateCreated, policyVersion: null });
  const page = field(m, "privacyNoticeAccepted");
  if (page !== undefined)
    out.push({
      meetingId: m.id,
      source: field(m, "channel") ?? "booking-page",
      accepted: page === "true",
      recordedAt: field(m, "privacyNoticeAcceptedAt") ?? m.dateCreated,
      policyVersion: field(m, "privacyNoticeVersion") ?? null,
    });
  return out;
}

export async function buildExport(
  deps: PrivacyJobDeps,
  subjects: string[],
  identifiedBy: PersonalDataExport["identifiedBy"],
  generatedAt: string,
): Promise<PersonalDataExport> {
  const ids = await deps.privacy.stores.meetingsOf(subjects);
  const out: PersonalDataExport = {
    schema: EXPORT_SCHEMA,
    generatedAt,
    identifiedBy,
    meetings: [],
    reservations: [],
    waitlist: [],
    messages: [],
    webhookDeliveries: [],
    consents: [],
  };
  for (const id of ids) {
    const found = await deps.meetings.get(id);
    if (!found) continue;
    const m = found.meeting;
    const audit = await deps.audit.forMeeting(id, 500);
    out.meetings.push({
      id: m.id,
      status: m.status,
      type: m.type,
      startDate: m.startDate,
      endDate: m.endDate,
      employeeId: m.employeeId,
      additionalEmployees: m.additionalEmployees,
      roomId: m.roomId,
      topicId: m.topicId,
      meetingTypeId: m.meetingTypeId,
      customerId: m.customerId,
      customerTypeId: m.customerTypeId,
      salesforceId: m.salesforceId,
      bookedBy: m.bookedBy,
      channel: m.owner?.channel ?? null,
      title: m.title,
      description: m.description,
      attendees: m.externalAttendees.map((a) => ({ name: a.name, email: a.email })),
      customFields: m.customFields,
      cpr: m.cpr ? "on file" : null,
      cancellationReason: m.cancellationReason,
      dateCreated: m.dateCreated,
      dateModified: m.dateModified,
      erasedAt: m.erasedAt ?? null,
      history: m.history,
      audit: audit.items.map((a) => ({ at: a.at, action: a.action, channel: a.actor.channel, clientId: a.actor.clientId })),
    });
    if (m.timeSlotId) out.reservations.push({ timeSlotId: m.timeSlotId, meetingId: m.id });
    const eventIds = Array.from({ length: m.rev }, (_, i) => eventId(`meeting:${m.id}`, i + 1));
    for (const d of await deps.privacy.stores.deliveriesOf(eventIds)) out.webhookDeliveries.push({ meetingId: m.id, ...d });
    for (const msg of (await deps.privacy.stores.messagesOf?.(m.id)) ?? []) out.messages.push({ meetingId: m.id, ...msg });
    out.consents.push(...consentsOf(m));
  }
  out.meetings.sort((a, b) => a.startDate.localeCompare(b.startDate) || a.id.localeCompare(b.id));
  return out;
}
