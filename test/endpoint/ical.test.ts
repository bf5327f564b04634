/** iCal (V2 only): POST /meetings/{id}/ical, parsed back with node-ical. */
import { randomUUID } from "node:crypto";
import ical, { type VEvent } from "node-ical";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_DAYS, Api, bookMeeting, createEmployee, hours, isoAt, nextWeekday } from "../support/fixtures.js";
import { startInProcess, type InProcessStack } from "../support/in-process.js";

let stack: InProcessStack;
let api: Api;
beforeAll(async () => {
  stack = await startInProcess();
  api = new Api(stack);
});
afterAll(async () => stack?.stop());

interface Parsed {
  method: string | undefined;
  event: VEvent;
  text: string;
}

async function icalOf(meetingId: string, body?: unknown): Promise<Parsed> {
  const res = await api.post(`/meetings/${meetingId}/ical`, body);
  expect(res.status, res.text).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/calendar/);
  expect(res.headers.get("content-disposition")).toContain(`meeting-${meetingId}.ics`);
  const data = ical.sync.parseICS(res.text);
  const events = Object.values(data).filter((c): c is VEvent => c?.type === "VEVENT");
  expect(events).toHaveLength(1);
  const calendar = Object.values(data).find((c) => c?.type === "VCALENDAR") as { method?: string } | undefined;
  return { method: calendar?.method, event: events[0], text: res.text };
}

const mailOf = (value: unknown) =>
  String((value as { val: string }).val)
    .replace(/^mailto:/i, "")
    .toLowerCase();
const attendeesOf = (event: VEvent) => {
  const list = event.attendee === undefined ? [] : Array.isArray(event.attendee) ? event.attendee : [event.attendee];
  return list.map((a) => ({ email: mailOf(a), name: (a as { params: { CN: string } }).params.CN }));
};

describe("POST /meetings/{id}/ical", () => {
  let employee: { id: string; name: string; email: string };
  let day: ReturnType<typeof nextWeekday>;
  beforeAll(async () => {
    day = nextWeekday(2);
    employee = await createEmployee(api, {
      name: "Anna Jensen",
      email: "anna.jensen@bank.example",
      workingHours: hours(ALL_DAYS, "09:00", "16:00"),
      meetingTypes: ["Online"],
    });
  });

  it("is a REQUEST with the meeting's UTC start and end, a stable UID, the employee as organizer and the external attendees", async () => {
    const m = await bookMeeting(api, employee.id, isoAt(day, "10:00"), isoAt(day, "11:00"), {
      title: "Pension review",
      description: "Bring payslips",
      videoLink: "https://meet.example.com/room123",
      externalAttendees: [
        { name: "John Smith", email: "john.smith@external.com" },
        { name: "Jane Roe", email: "jane.roe@external.com" },
      ],
    });
    const first = await icalOf(m.id);
    expect(first.method).toBe("REQUEST");
    expect(first.text).toMatch(/^BEGIN:VCALENDAR\r?\n/);
    expect(first.text).toMatch(/\r?\nMETHOD:REQUEST\r?\n/);
    const e = first.event;
    expect(e.start.toISOString()).toBe(isoAt(day, "10:00"));
    expect(e.end?.toISOString()).toBe(isoAt(day, "11:00"));
    expect(e.uid).toContain(m.id);
    expect(e.summary).toBe("Pension review");
    expect(e.description).toBe("Bring payslips");
    expect(e.status).toBe("CONFIRMED");
    expect(Number(e.sequence)).toBe(0);
    expect(mailOf(e.organizer)).toBe("anna.jensen@bank.example");
    expect((e.organizer as unknown as { params: { CN: string } }).params.CN).toBe("Anna Jensen");
    expect(attendeesOf(e)).toEqual([
      { email: "john.smith@external.com", name: "John Smith" },
      { email: "jane.roe@external.com", name: "Jane Roe" },
    ]);
    // DTSTART/DTEND are written in UTC
    expect(first.text).toMatch(/DTSTART:\d{8}T\d{6}Z/);

    const second = await icalOf(m.id);
    expect(second.event.uid).toBe(e.uid);
    expect(Number(second.event.sequence)).toBe(0);
  });

  it("title, description and location in the body override the meeting's own", async () => {
    const m = await bookMeeting(api, employee.id, isoAt(day, "12:00"), isoAt(day, "13:00"), { title: "Original" });
    const { event } = await icalOf(m.id, {
      title: "Custom Meeting Title",
      description: "Meeting description for calendar",
      location: "Online via Teams",
    });
    expect(event.summary).toBe("Custom Meeting Title");
    expect(event.description).toBe("Meeting description for calendar");
    expect(event.location).toBe("Online via Teams");
    const bad = await api.post(`/meetings/${m.id}/ical`, { title: "x".repeat(500) });
    expect(bad.status).toBe(400);
  });

  it("SEQUENCE grows with every change (a move), with the same UID and the new times", async () => {
    const m = await bookMeeting(api, employee.id, isoAt(day, "14:00"), isoAt(day, "15:00"), {
      externalAttendees: [{ name: "John Smith", email: "john.smith@external.com" }],
    });
    const before = await icalOf(m.id);
    const moved = await api.put(`/meetings/${m.id}`, { startDate: isoAt(day, "15:00"), endDate: isoAt(day, "16:00") });
    expect(moved.status, moved.text).toBe(200);
    const after = await icalOf(m.id);
    expect(after.event.uid).toBe(before.event.uid);
    expect(Number(after.event.sequence)).toBeGreaterThan(Number(before.event.sequence));
    expect(after.event.start.toISOString()).toBe(isoAt(day, "15:00"));
    expect(after.event.end?.toISOString()).toBe(isoAt(day, "16:00"));
    expect(after.method).toBe("REQUEST");

    const renamed = await api.put(`/meetings/${m.id}`, { title: "Renamed" });
    expect(renamed.status).toBe(200);
    const third = await icalOf(m.id);
    expect(Number(third.event.sequence)).toBeGreaterThan(Number(after.event.sequence));
    expect(third.event.summary).toBe("Renamed");
  });

  it("after DELETE it is a CANCEL: METHOD:CANCEL, STATUS:CANCELLED, same UID, higher SEQUENCE", async () => {
    const m = await bookMeeting(api, employee.id, isoAt(day, "09:00"), isoAt(day, "10:00"), {
      externalAttendees: [{ name: "John Smith", email: "john.smith@external.com" }],
    });
    const booked = await icalOf(m.id);
    expect((await api.delete(`/meetings/${m.id}`)).status).toBe(204);
    const cancelled = await icalOf(m.id);
    expect(cancelled.method).toBe("CANCEL");
    expect(cancelled.text).toMatch(/\r?\nMETHOD:CANCEL\r?\n/);
    expect(cancelled.text).toMatch(/\r?\nSTATUS:CANCELLED\r?\n/);
    expect(cancelled.event.status).toBe("CANCELLED");
    expect(cancelled.event.uid).toBe(booked.event.uid);
    expect(Number(cancelled.event.sequence)).toBeGreaterThan(Number(booked.event.sequence));
    expect(cancelled.event.start.toISOString()).toBe(isoAt(day, "09:00"));
    expect(attendeesOf(cancelled.event).map((a) => a.email)).toEqual(["john.smith@external.com"]);
  });

  it("an unknown meeting is 404; a malformed id is 400", async () => {
    const missing = await api.post(`/meetings/${randomUUID()}/ical`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toContain("application/problem+json");
    expect((await api.post(`/meetings/not-a-uuid/ical`)).status).toBe(400);
  });
});
