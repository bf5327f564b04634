import { describe, expect, it } from "vitest";
import { meetingEvent } from "../../../shared/calendar/meeting-event.js";
import { employee, meeting, room } from "./calendar-fixtures.js";
import { SEALED_CPR } from "../../support/personal-data.js";

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

  it("no Teams meeting where the tenant does not allow it (CALENDAR_ONLINE_MEETINGS=false)", () => {
    expect(meetingEvent(meeting({ type: "Online", roomId: null }), { ...ctx, room: undefined, onlineMeetings: false }).online).toBe(false);
  });

  it("a provisional (Pending) meeting shows tentative, a booked one busy", () => {
    expect(meetingEvent(meeting({ status: "Pending" }), ctx).showAs).toBe("tentative");
    expect(meetingEvent(meeting(), ctx).showAs).toBe("busy");
  });

  it("written into the room's own calendar (only the room syncs), the room is not also its attendee", () => {
    const e = meetingEvent(meeting(), { ...ctx, mailbox: "room1@bank.example" });
    expect(e.mailbox).toBe("room1@bank.example");
    expect(e.attendees.map((a) => a.email)).toEqual(["colleague@bank.example"]);
  });
});
