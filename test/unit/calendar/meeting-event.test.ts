import { describe, expect, it } from "vitest";
import { meetingEvent } from "../../../shared/calendar/meeting-event.js";
import type { Employee, Room } from "../../../shared/schemas/directory.js";
import type { MeetingDoc } from "../../../shared/booking/documents.js";
import { SEALED_CPR } from "../../support/personal-data.js";

const employee = (id: string, email: string): Employee => ({
  id,
  name: `E ${id}`,
  email,
  timeZone: "Europe/Copenhagen",
  workingHours: [],
  overrides: [],
  meetingTypes: ["Physical", "Online"],
  locations: [],
  serviceGroups: [],
  topicIds: [],
  customerTypeIds: [],
  absences: [],
});
const room: Room = {
  id: "r1",
  name: "Aarhus room 1",
  capacity: 4,
  location: "Aarhus",
  features: [],
  timeZone: "Europe/Copenhagen",
  mailbox: "room1@bank.example",
  calendarSync: true,
};
const meeting = (over: Partial<MeetingDoc> = {}): MeetingDoc => ({
  id: "m-1",
  rev: 1,
  status: "Booked",
  apiVersion: "v2",
  bookedBy: "Customer",
  salesforceId: null,
  customerTypeId: null,
  timeSlotId: null,
  portalId: null,
  cpr: SEALED_CPR,
  customFields: [],
  externalAttendees: [{ name: "John Smith", email: "john@external.example" }],
  title: null,
  description: "Talk <about> pension",
  videoLink: null,
  additionalEmployees: ["e2"],
  roomId: "r1",
  startDate: "2026-12-14T09:00:00.000Z",
  endDate: "2026-12-14T10:00:00.000Z",
  type: "Physical",
  topicId: null,
  employeeId: "e1",
  customerId: "c-1",
  dateCreated: "",
  dateModified: "",
  holds: [],
  secretHash: null,
  cancellationReason: null,
  rescheduledFrom: null,
  history: [],
  meetingTypeId: null,
  selectionReason: null,
  confirmation: null,
  ...over,
});

describe("a booked meeting as an Outlook event", () => {
  const ctx = {
    employee: employee("e1", "advisor@bank.example"),
    additionalEmployees: [employee("e2", "colleague@bank.example")],
    room,
    inviteExternalAttendees: false,
  };

  it("goes into the advisor's mailbox with the meeting's times, the room as location and resource attendee, colleagues required", () => {
    const e = meetingEvent(meeting(), ctx);
    expect(e).toMatchObject({
      meetingId: "m-1",
      mailbox: "advisor@bank.example",
      start: Date.parse("2026-12-14T09:00:00Z"),
      end: Date.parse("2026-12-14T10:00:00Z"),
      location: "Aarhus room 1",
      online: false,
    });
    expect(e.attendees).toEqual([
      { email: "colleague@bank.example", name: "E e2", type: "required" },
      { email: "room1@bank.example", name: "Aarhus room 1", type: "resource" },
    ]);
  });

  it("invites the customer only when the setting allows; never carries the CPR; escapes the body", () => {
    expect(meetingEvent(meeting(), { ...ctx, inviteExternalAttendees: true }).attendees.map((a) => a.email)).toContain(
      "john@external.example",
    );
    const e = meetingEvent(meeting(), ctx);
    expect(JSON.stringify(e)).not.toContain(SEALED_CPR.ciphertext);
    expect(e.bodyHtml).toContain("Talk &#60;about&#62; pension");
  });

  it("an Online meeting without a video link asks Graph for an online meeting", () => {
    expect(meetingEvent(meeting({ type: "Online", roomId: null }), { ...ctx, room: undefined }).online).toBe(true);
    expect(meetingEvent(meeting({ type: "Online", videoLink: "https://meet.example/x" }), ctx).online).toBe(false);
  });
});
