/**
 * A booked meeting as the Outlook event the advisor's calendar gets (the "write this event" of the
 * port): subject, body, times, location or room, online for Online meetings, attendees (additional
 * employees, the room mailbox, the customer's attendees when the setting allows). Pure: the calendar
 * writer (write-back.ts) reads the directory and calls createEvent/updateEvent/cancelEvent with the result.
 */
import type { Employee, Room, Topic } from "../directory/directory.js";
import type { MeetingDoc } from "../booking/model/documents.js";
import type { MeetingEvent } from "./port.js";

export interface MeetingEventContext {
  employee: Employee;
  additionalEmployees: Employee[];
  room?: Room;
  topic?: Topic;
  /** CALENDAR_INVITE_CUSTOMERS: whether external attendees (the customer) are invited by Outlook. */
  inviteExternalAttendees: boolean;
  /** CALENDAR_ONLINE_MEETINGS: whether Online meetings get a Teams meeting (the tenant allows it); default on. */
  onlineMeetings?: boolean;
  /** The calendar written to: the advisor's mailbox by default, the room's when only the room syncs. */
  mailbox?: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function meetingEvent(m: MeetingDoc, ctx: MeetingEventContext): MeetingEvent {
  const subject = m.title ?? (ctx.topic ? `${ctx.topic.name} (BookMe)` : "Customer meeting (BookMe)");
  const lines = [m.description, m.videoLink ? `Video: ${m.videoLink}` : null, `BookMe meeting ${m.id}, ${m.type}`].filter(
    (l): l is string => !!l,
  );
  return {
    meetingId: m.id,
    mailbox: ctx.mailbox ?? ctx.employee.email,
    subject,
    bodyHtml: lines.map((l) => `<p>${escapeHtml(l)}</p>`).join(""),
    start: Date.parse(m.startDate),
    end: Date.parse(m.endDate),
    timeZone: ctx.employee.timeZone,
    location: ctx.room ? ctx.room.name : m.type === "Telephone" ? "Telephone" : undefined,
    online: m.type === "Online" && !m.videoLink && ctx.onlineMeetings !== false,
    showAs: m.status === "Pending" ? "tentative" : "busy",
    attendees: [
      ...ctx.additionalEmployees.map((e) => ({ email: e.email, name: e.name, type: "required" as const })),
      ...(ctx.room?.mailbox && ctx.room.mailbox !== ctx.mailbox
        ? [{ email: ctx.room.mailbox, name: ctx.room.name, type: "resource" as const }]
        : []),
      ...(ctx.inviteExternalAttendees ? m.externalAttendees.map((a) => ({ email: a.email, name: a.name, type: "required" as const })) : []),
    ],
  };
}
