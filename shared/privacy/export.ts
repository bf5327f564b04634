/**
 * The access export (GDPR Art. 15): everything BookMe holds about a person, as one JSON document in a
 * stable schema (EXPORT_SCHEMA; documented in docs/personal-data.md). The CPR is reported as "on file",
 * never decrypted. Built from the subject index and the point reads that hang off each meeting.
 */
import { eventId } from "../booking/model/events.js";
import type { MeetingDoc } from "../booking/model/documents.js";
import type { PrivacyJobDeps, WaitlistLine } from "./ports.js";
import type { DirectoryRepository } from "../booking/model/ports.js";
import { CustomerId } from "../directory/customer-advisors.js";
import { customerIdsOf } from "./erasure.js";
import { consentOf, DATA_POLICY_KEY } from "../booking/model/consent.js";

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

/** The customer's own advisor and excluded advisors (config/customers/{customerId}): advisor ids only. */
export interface ExportedCustomerAdvisor {
  customerId: string;
  advisorId: string | null;
  excludedAdvisorIds: string[];
}

/** The relations recorded for these customer ids (point reads by id). */
export async function customerAdvisorsOf(
  directory: DirectoryRepository,
  customerIds: readonly string[],
): Promise<ExportedCustomerAdvisor[]> {
  const out: ExportedCustomerAdvisor[] = [];
  for (const id of new Set(customerIds)) {
    if (!CustomerId.safeParse(id).success) continue;
    const record = await directory.get("customerAdvisor", id);
    if (record) out.push({ customerId: record.id, advisorId: record.advisorId ?? null, excludedAdvisorIds: record.excludedAdvisorIds });
  }
  return out;
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
  /** The person's waitlist entries (found by their subject keys): window, contact, status and the times offered. */
  waitlist: WaitlistLine[];
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
  /** The customer-advisor relations of the person's customer ids (the one named in the request, and those on their meetings). */
  customerAdvisors: ExportedCustomerAdvisor[];
}

const field = (m: MeetingDoc, key: string) => m.customFields.find((f) => f.key === key)?.value;

function consentsOf(m: MeetingDoc): ExportedConsent[] {
  const out: ExportedConsent[] = [];
  const policy = field(m, DATA_POLICY_KEY);
  if (policy !== undefined)
    out.push({ meetingId: m.id, source: "meetergo", accepted: policy === "true", recordedAt: m.dateCreated, policyVersion: null });
  // V2's consent object, the booking page's checkbox, the bots API's consent_accepted (model/consent.ts).
  const consent = consentOf(m.customFields);
  if (consent)
    out.push({
      meetingId: m.id,
      source: consent.channel,
      accepted: true,
      recordedAt: consent.acceptedAt,
      policyVersion: consent.policyVersion,
    });
  return out;
}

export async function buildExport(
  deps: PrivacyJobDeps,
  subjects: string[],
  identifiedBy: PersonalDataExport["identifiedBy"],
  generatedAt: string,
  /** Relations found when the request was made (by the customer id it named, which the job does not keep). */
  seen: ExportedCustomerAdvisor[] = [],
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
    customerAdvisors: [],
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
  out.waitlist = (await deps.privacy.stores.waitlistOf?.(subjects)) ?? [];
  const relations = await customerAdvisorsOf(deps.directory, await customerIdsOf(deps, ids));
  for (const r of [...seen, ...relations])
    if (!out.customerAdvisors.some((c) => c.customerId === r.customerId)) out.customerAdvisors.push(r);
  out.meetings.sort((a, b) => a.startDate.localeCompare(b.startDate) || a.id.localeCompare(b.id));
  return out;
}
