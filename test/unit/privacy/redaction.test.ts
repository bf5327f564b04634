import { describe, expect, it } from "vitest";
import type { MeetingDoc } from "../../../shared/booking/model/documents.js";
import { meetingCancelled, meetingCreated } from "../../../shared/booking/model/events.js";
import { holdsPersonalData, redactedEventData, redactedMeeting } from "../../../shared/privacy/redaction.js";
import { SEALED_CPR } from "../../support/personal-data.js";

const PERSONAL = ["Ingrid Privatsen", "ingrid@example.com", "12345678", "cust-77", "sf-77", "A256GCM"];

const meeting: MeetingDoc = {
  id: "m-1",
  rev: 2,
  status: "Cancelled",
  apiVersion: "v2",
  bookedBy: "Customer",
  salesforceId: "sf-77",
  customerTypeId: "ct-1",
  timeSlotId: null,
  portalId: null,
  cpr: SEALED_CPR,
  customFields: [{ key: "phone", value: "12345678" }],
  externalAttendees: [{ name: "Ingrid Privatsen", email: "ingrid@example.com" }],
  title: "Pension with Ingrid Privatsen",
  description: "call 12345678",
  videoLink: null,
  additionalEmployees: [],
  roomId: "room-1",
  startDate: "2030-01-07T09:00:00.000Z",
  endDate: "2030-01-07T10:00:00.000Z",
  type: "Physical",
  topicId: "t-1",
  employeeId: "e-1",
  customerId: "cust-77",
  dateCreated: "2029-12-01T09:00:00.000Z",
  dateModified: "2029-12-02T09:00:00.000Z",
  holds: [],
  secretHash: "abc",
  cancellationReason: "Ingrid Privatsen moved away",
  rescheduledFrom: null,
  history: [{ at: "2029-12-02T09:00:00.000Z", action: "cancelled", reason: "Ingrid Privatsen moved away" }],
  meetingTypeId: null,
  selectionReason: null,
  confirmation: null,
  subjects: ["sk1_x"],
};

const leaks = (value: unknown) => PERSONAL.filter((p) => JSON.stringify(value).includes(p));

describe("redaction", () => {
  it("a redacted meeting keeps times, advisor, room, status, type and topic, and none of the person's values", () => {
    const out = redactedMeeting(meeting, "2030-02-01T00:00:00.000Z");
    expect(leaks(out)).toEqual([]);
    expect(out).toMatchObject({
      rev: 3,
      status: "Cancelled",
      startDate: meeting.startDate,
      endDate: meeting.endDate,
      employeeId: "e-1",
      roomId: "room-1",
      type: "Physical",
      topicId: "t-1",
      erasedAt: "2030-02-01T00:00:00.000Z",
    });
    expect(out.history).toEqual([{ at: "2029-12-02T09:00:00.000Z", action: "cancelled" }]);
    expect(holdsPersonalData(meeting)).toBe(true);
    expect(holdsPersonalData(out)).toBe(false);
  });

  it("a stored event's data loses the person's values; data without any comes back as the same object (nothing to write)", () => {
    for (const event of [meetingCreated(meeting), meetingCancelled(meeting, "Ingrid Privatsen moved away")]) {
      expect(leaks(event.data).length).toBeGreaterThan(0);
      const data = redactedEventData(event.data);
      expect(leaks(data)).toEqual([]);
      expect(data.startDate).toBe(meeting.startDate);
      expect(redactedEventData(data)).toBe(data);
    }
    const released = { status: "Released", reason: "booked", meetingId: "m-1" };
    expect(redactedEventData(released)).toBe(released);
  });
});
