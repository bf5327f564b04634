/** Which messages an event calls for, and the reminder plan: re-planned by a move, removed by a cancel, ids stable. */
import { describe, expect, it } from "vitest";
import type { OutboxEvent } from "../../../shared/booking/model/events.js";
import {
  desiredReminders,
  eventMessages,
  factsOf,
  kindFor,
  reminderChanges,
  reminderMessages,
  type MeetingFacts,
} from "../../../shared/messages/plan.js";
import { parseOffsets } from "../../../shared/messages/offsets.js";
import type { ReminderDoc, Stored } from "../../../shared/messages/ports.js";

const NOW = Date.parse("2027-01-04T08:00:00Z");
const START = "2027-01-11T09:00:00.000Z";

function event(
  type: OutboxEvent["type"],
  seq: number,
  data: Record<string, unknown> = {},
  timestamp = "2027-01-04T08:00:00.000Z",
): OutboxEvent {
  return {
    id: `evt_meeting_m1_${seq}`,
    type,
    timestamp,
    aggregate: "meeting:m1",
    seq,
    data: {
      status: "Booked",
      startDate: START,
      endDate: "2027-01-11T09:30:00.000Z",
      externalAttendees: [{ name: "Karen Kunde", email: "karen@example.com" }],
      customFields: [],
      confirmation: null,
      ...data,
    },
  };
}

const meeting = (over: Partial<MeetingFacts> = {}): MeetingFacts => ({
  id: "m1",
  rev: 1,
  status: "Booked",
  startDate: START,
  externalAttendees: [{ name: "Karen Kunde", email: "karen@example.com" }],
  customFields: [],
  ...over,
});

describe("the message an event calls for", () => {
  it("booked: a confirmation; pending: the double opt-in request or the host-confirmation receipt", () => {
    expect(kindFor(factsOf(event("meeting.created", 1)))).toBe("confirmation");
    const pending = { status: "Pending", confirmation: { mode: "attendee", expiresAt: "2027-01-04T09:00:00.000Z" } };
    expect(kindFor(factsOf(event("meeting.created", 1, pending)))).toBe("confirm_request");
    expect(
      kindFor(factsOf(event("meeting.created", 1, { ...pending, confirmation: { mode: "host", expiresAt: "2027-01-04T09:00:00.000Z" } }))),
    ).toBe("request_received");
  });

  it("confirmed: the confirmation; moved: an update; a change that is no move: nothing", () => {
    const confirmed = {
      confirmation: { mode: "attendee", expiresAt: "2027-01-04T09:00:00.000Z", confirmedAt: "2027-01-04T08:10:00.000Z" },
    };
    expect(kindFor(factsOf(event("meeting.updated", 2, confirmed, "2027-01-04T08:10:00.000Z")))).toBe("confirmation");
    expect(kindFor(factsOf(event("meeting.updated", 2, { previous: { startDate: "2027-01-10T09:00:00.000Z" } })))).toBe("updated");
    expect(kindFor(factsOf(event("meeting.updated", 2, { previous: null })))).toBeUndefined();
    expect(kindFor(factsOf(event("meeting.no_show", 2)))).toBeUndefined();
  });

  it("cancelled: a cancellation; a pending one past its deadline: expired; before it: declined", () => {
    expect(kindFor(factsOf(event("meeting.cancelled", 2, { status: "Cancelled" })))).toBe("cancelled");
    const pending = { status: "Cancelled", confirmation: { mode: "attendee", expiresAt: "2027-01-04T08:00:00.000Z" } };
    expect(kindFor(factsOf(event("meeting.cancelled", 2, pending, "2027-01-04T08:00:01.000Z")))).toBe("expired");
    expect(kindFor(factsOf(event("meeting.cancelled", 2, pending, "2027-01-04T07:59:00.000Z")))).toBe("declined");
  });

  it("message ids are deterministic per event, kind, channel and recipient, and differ between events", () => {
    const a = eventMessages(factsOf(event("meeting.created", 1)));
    const again = eventMessages(factsOf(event("meeting.created", 1)));
    const moved = eventMessages(factsOf(event("meeting.updated", 2, { previous: { startDate: "x" } })));
    expect(a).toHaveLength(1);
    expect(again).toEqual(a);
    expect(a[0].operationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(moved[0].operationId).not.toBe(a[0].operationId);
  });

  it("one e-mail per attendee (meetergo's bringalongEmails), none with skipNotifications, SMS when phone-only", () => {
    const two = [
      { name: "Karen Kunde", email: "karen@example.com" },
      { name: "bo@example.com", email: "bo@example.com" },
    ];
    expect(eventMessages(factsOf(event("meeting.created", 1, { externalAttendees: two }))).map((m) => [m.channel, m.recipient])).toEqual([
      ["email", 0],
      ["email", 1],
    ]);
    expect(eventMessages(factsOf(event("meeting.created", 1, { customFields: [{ key: "skipNotifications", value: "true" }] })))).toEqual(
      [],
    );
    const phoneOnly = [
      { key: "phone", value: "+45 12 34 56 78" },
      { key: "phoneOnlyBooking", value: "true" },
    ];
    expect(eventMessages(factsOf(event("meeting.created", 1, { customFields: phoneOnly }))).map((m) => m.channel)).toEqual(["sms"]);
    expect(eventMessages(factsOf(event("meeting.created", 1, { externalAttendees: [] })))).toEqual([]);
  });
});

describe("reminders", () => {
  const offsets = parseOffsets("P1D,PT2H");
  const stored = (docs: ReminderDoc[]): Stored<ReminderDoc>[] => docs.map((doc, i) => ({ doc, etag: `e${i}` }));

  it("a booked meeting ahead gets one per offset, due that long before the start", () => {
    const plan = desiredReminders(meeting(), offsets, NOW);
    expect(plan.map((r) => [r.id, r.dueAt])).toEqual([
      ["reminder:m1:P1D", "2027-01-10T09:00:00.000Z"],
      ["reminder:m1:PT2H", "2027-01-11T07:00:00.000Z"],
    ]);
  });

  it("none for receiveReminders false, a cancelled meeting, one that started, or an attendee without a channel", () => {
    expect(desiredReminders(meeting({ customFields: [{ key: "receiveReminders", value: "false" }] }), offsets, NOW)).toEqual([]);
    expect(desiredReminders(meeting({ status: "Cancelled" }), offsets, NOW)).toEqual([]);
    expect(desiredReminders(meeting(), offsets, Date.parse(START))).toEqual([]);
    expect(desiredReminders(meeting({ externalAttendees: [] }), offsets, NOW)).toEqual([]);
  });

  it("a move re-plans them: same ids, the new start and due times, replaced with If-Match", () => {
    const before = stored(desiredReminders(meeting(), offsets, NOW));
    const moved = desiredReminders(meeting({ rev: 2, startDate: "2027-01-12T13:00:00.000Z" }), offsets, NOW);
    const changes = reminderChanges(before, moved, 2, NOW);
    expect(changes.create).toEqual([]);
    expect(changes.remove).toEqual([]);
    expect(changes.replace.map((r) => [r.doc.id, r.doc.startDate, r.doc.dueAt, r.etag])).toEqual([
      ["reminder:m1:P1D", "2027-01-12T13:00:00.000Z", "2027-01-11T13:00:00.000Z", "e0"],
      ["reminder:m1:PT2H", "2027-01-12T13:00:00.000Z", "2027-01-12T11:00:00.000Z", "e1"],
    ]);
  });

  it("a cancel removes them; planning the same state again changes nothing", () => {
    const before = stored(desiredReminders(meeting(), offsets, NOW));
    const cancelled = reminderChanges(before, desiredReminders(meeting({ rev: 2, status: "Cancelled" }), offsets, NOW), 2, NOW);
    expect(cancelled.remove.map((r) => r.doc.id)).toEqual(["reminder:m1:P1D", "reminder:m1:PT2H"]);
    const same = reminderChanges(before, desiredReminders(meeting(), offsets, NOW), 1, NOW);
    expect(same).toEqual({ create: [], replace: [], remove: [] });
  });

  it("a plan from an older rev never overwrites a newer one (events handled out of order)", () => {
    const newer = stored(desiredReminders(meeting({ rev: 3, startDate: "2027-01-12T13:00:00.000Z" }), offsets, NOW));
    const stale = reminderChanges(newer, desiredReminders(meeting({ rev: 1 }), offsets, NOW), 1, NOW);
    expect(stale).toEqual({ create: [], replace: [], remove: [] });
    const staleCancel = reminderChanges(newer, [], 1, NOW);
    expect(staleCancel.remove).toEqual([]);
  });

  it("an offset already past when the meeting is booked (short notice) is not planned", () => {
    const soon = meeting({ startDate: "2027-01-04T12:00:00.000Z" });
    const changes = reminderChanges([], desiredReminders(soon, offsets, NOW), 1, NOW);
    expect(changes.create.map((r) => r.offset)).toEqual(["PT2H"]);
  });

  it("a reminder's message ids name the meeting, offset and start: a moved meeting's reminder is a new message", () => {
    const [r] = desiredReminders(meeting(), offsets, NOW);
    const a = reminderMessages(r, meeting());
    const moved = reminderMessages({ ...r, startDate: "2027-01-12T13:00:00.000Z" }, meeting());
    expect(a.map((m) => m.kind)).toEqual(["reminder"]);
    expect(reminderMessages(r, meeting())).toEqual(a);
    expect(moved[0].operationId).not.toBe(a[0].operationId);
    const withPhone = reminderMessages(r, meeting({ customFields: [{ key: "phone", value: "+4512345678" }] }));
    expect(withPhone.map((m) => m.channel)).toEqual(["email", "sms"]);
  });

  it("offsets must be positive ISO 8601 durations", () => {
    expect(parseOffsets(" p1d , PT2H,PT2H")).toEqual(["P1D", "PT2H"]);
    expect(() => parseOffsets("P1D,2h")).toThrow(/2H/);
  });
});
