/** A Booked meeting and its meeting.created event, for the message jobs' unit tests. */
import type { MeetingDoc } from "../../../shared/booking/model/documents.js";
import type { OutboxEvent } from "../../../shared/booking/model/events.js";

export const meetingDoc = (over: Partial<MeetingDoc> = {}): MeetingDoc =>
  ({
    id: "m1",
    rev: 1,
    status: "Booked",
    meetingTypeId: null,
    externalAttendees: [{ name: "Karen Kunde", email: "karen@example.com" }],
    customFields: [],
    startDate: "2027-01-10T09:00:00.000Z",
    endDate: "2027-01-10T09:30:00.000Z",
    dateModified: "2027-01-09T08:00:00.000Z",
    employeeId: "e1",
    type: "Online",
    videoLink: null,
    secretHash: null,
    confirmation: null,
    ...over,
  }) as MeetingDoc;

export const createdEvent = (m: MeetingDoc): OutboxEvent => ({
  id: `evt_meeting_${m.id}_1`,
  type: "meeting.created",
  timestamp: m.dateModified,
  aggregate: `meeting:${m.id}`,
  seq: 1,
  data: { ...m },
});
