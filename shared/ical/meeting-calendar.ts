/** A meeting as an iCalendar invitation (RFC 5545): REQUEST while booked, CANCEL once cancelled. */
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import type { MeetingDoc } from "../booking/model/documents.js";

export interface CalendarOverrides {
  title?: string;
  description?: string;
  location?: string;
}

export interface Organizer {
  name: string;
  email: string;
}

export function meetingCalendar(meeting: MeetingDoc, organizer: Organizer, overrides: CalendarOverrides = {}): string {
  const cancelled = meeting.status === "Cancelled";
  const calendar = ical({
    prodId: { company: "BookMe", product: "BookMe API", language: "EN" },
    method: cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.createEvent({
    id: `${meeting.id}@bookme`,
    sequence: meeting.rev - 1,
    stamp: new Date(meeting.dateModified),
    start: new Date(meeting.startDate),
    end: new Date(meeting.endDate),
    summary: overrides.title ?? meeting.title ?? `${meeting.type} meeting`,
    description: overrides.description ?? meeting.description ?? undefined,
    location: overrides.location ?? meeting.videoLink ?? undefined,
    url: meeting.videoLink ?? undefined,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: organizer.name, email: organizer.email },
    attendees: meeting.externalAttendees.map((a) => ({
      name: a.name,
      email: a.email,
      rsvp: !cancelled,
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
    })),
  });
  return calendar.toString();
}
