/** The meeting bodies of the HTTP API mapped to the booking domain's commands. */
import { withConsent } from "../../booking/model/consent.js";
import type { BookMeetingCommand, ChangeMeetingCommand, TimeChoice } from "../../booking/model/commands.js";
import type { ApiVersionName } from "../../booking/model/documents.js";
import { msOf } from "../../kernel/instants.js";
import type { MeetingCreate, MeetingCreateV2, MeetingUpdate } from "./schemas/meetings.js";
import type { z } from "zod";

type TimeFields = { timeSlotId?: string | null; startDate?: string | null; endDate?: string | null };

export function timeChoice(body: TimeFields): TimeChoice {
  return {
    timeSlotId: body.timeSlotId ?? undefined,
    start: body.startDate ? msOf(body.startDate) : undefined,
    end: body.endDate ? msOf(body.endDate) : undefined,
  };
}

/** An attendee's `phone` (an extension) is kept as the custom field the customer messages read, unless one is sent there. */
function withPhone(fields: { key: string; value: string }[], attendees: readonly { phone?: string }[] | null | undefined) {
  const phone = attendees?.find((a) => a.phone)?.phone;
  return phone && !fields.some((f) => f.key === "phone") ? [...fields, { key: "phone", value: phone }] : fields;
}

/** V2's `language` (an extension) is kept as the custom field the customer messages read; it overrides one sent there. */
function withLanguage(fields: { key: string; value: string }[], language: string | null | undefined) {
  return language ? [...fields.filter((f) => f.key !== "language"), { key: "language", value: language }] : fields;
}

/** The body was parsed with the V2 schema exactly when the V2 API was called. */
const isV2Body = (body: MeetingCreate, version: ApiVersionName): body is z.output<typeof MeetingCreateV2> => version === "v2";

export function bookMeetingCommand(body: MeetingCreate, version: ApiVersionName): BookMeetingCommand {
  const v2 = isV2Body(body, version) ? body : undefined;
  return {
    version,
    time: timeChoice(body),
    employeeId: body.employeeId ?? undefined,
    meetingTypeId: v2?.meetingTypeId ?? undefined,
    hostIds: v2?.hostIds ?? undefined,
    answers: v2?.answers ?? undefined,
    additionalEmployees: body.additionalEmployees ?? undefined,
    roomId: body.roomId ?? undefined,
    type: body.type ?? undefined,
    details: {
      bookedBy: body.bookedBy,
      salesforceId: body.salesforceId ?? null,
      customerId: body.customerId,
      customerTypeId: body.customerTypeId ?? null,
      topicId: body.topicId ?? null,
      portalId: v2?.portalId ?? null,
      cpr: v2?.cpr ?? null,
      title: body.title ?? null,
      description: body.description ?? null,
      videoLink: v2?.videoLink ?? null,
      customFields: withConsent(withPhone(withLanguage(v2?.customFields ?? [], v2?.language), v2?.externalAttendees), v2?.consent),
      externalAttendees: (v2?.externalAttendees ?? []).map(({ name, email }) => ({ name, email })),
    },
    consentField: "consent",
  };
}

/** undefined (absent) keeps the stored value; null clears a nullable field. */
export function changeMeetingCommand(id: string, body: MeetingUpdate, ifMatch: string | undefined): ChangeMeetingCommand {
  const { id: sentId, status, bookedBy, portalId, dateCreated, dateModified } = body;
  return {
    id,
    ifMatch,
    time: timeChoice(body),
    employeeId: body.employeeId,
    additionalEmployees: body.additionalEmployees ?? undefined,
    roomId: body.roomId,
    type: body.type ?? undefined,
    details: {
      title: body.title,
      description: body.description,
      videoLink: body.videoLink,
      topicId: body.topicId,
      customerTypeId: body.customerTypeId,
      salesforceId: body.salesforceId,
      customerId: body.customerId,
      customFields: body.customFields ?? undefined,
    },
    externalAttendees: body.externalAttendees ?? undefined,
    readOnly: { id: sentId, status, bookedBy, portalId, dateCreated, dateModified },
  };
}
