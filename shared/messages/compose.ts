/** A planned message made concrete: addresses from the meeting, texts from the templates, the .ics from shared/ical. */
import type { MeetingDoc } from "../booking/model/documents.js";
import { meetingCalendar } from "../ical/meeting-calendar.js";
import type { PlannedMessage } from "./plan.js";
import type { Contact, Language, OutgoingEmail, OutgoingSms } from "./ports.js";
import { render } from "./templates.js";

export interface Advisor {
  name: string;
  email: string;
  timeZone: string;
}

export interface ComposeInput {
  /** The meeting as the event saw it (its times, status and rev). */
  meeting: MeetingDoc;
  advisor: Advisor;
  language: Language;
  phone: string | null;
  where: string | null;
  reason: string | null;
  confirmUrl: string | null;
  /** The recipient's unsubscribe link (opt-out-link.ts), when links are on. */
  unsubscribe?: (contact: Contact) => string | null;
}

const WITH_ICS = new Set(["confirmation", "updated", "cancelled"]);

export function compose(plan: PlannedMessage, input: ComposeInput): OutgoingEmail | OutgoingSms {
  const { meeting } = input;
  const attendee = meeting.externalAttendees[plan.recipient] ?? meeting.externalAttendees[0];
  const contact: Contact | null =
    plan.channel === "sms" ? (input.phone ? { phone: input.phone } : null) : attendee?.email ? { email: attendee.email } : null;
  const unsubscribeUrl = (contact && input.unsubscribe?.(contact)) || null;
  const rendered = render({
    kind: plan.kind,
    language: input.language,
    attendeeName: attendee?.name && attendee.name !== attendee.email ? attendee.name : "",
    advisorName: input.advisor.name,
    startDate: meeting.startDate,
    endDate: meeting.endDate,
    timeZone: input.advisor.timeZone,
    meetingType: meeting.type,
    where: input.where,
    reason: input.reason,
    confirmUrl: input.confirmUrl,
    expiresAt: plan.kind === "confirm_request" ? (meeting.confirmation?.expiresAt ?? null) : null,
    unsubscribeUrl,
  });
  if (plan.channel === "sms") return { operationId: plan.operationId, meetingId: meeting.id, to: input.phone ?? "", text: rendered.sms };
  const ics = WITH_ICS.has(plan.kind)
    ? [
        {
          name: plan.kind === "cancelled" ? "cancel.ics" : "invite.ics",
          contentType: "text/calendar",
          contentBase64: Buffer.from(meetingCalendar(meeting, { name: input.advisor.name, email: input.advisor.email })).toString("base64"),
        },
      ]
    : [];
  return {
    operationId: plan.operationId,
    meetingId: meeting.id,
    to: [{ address: attendee.email, ...(attendee.name && attendee.name !== attendee.email ? { displayName: attendee.name } : {}) }],
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    attachments: ics,
    ...(unsubscribeUrl ? { unsubscribeUrl } : {}),
  };
}
