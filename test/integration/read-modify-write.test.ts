/** PUT /meetings/{id} with the body GET returned, changed or not, for every kind of meeting (issue 12). */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ALL_DAYS,
  Api,
  availableFor,
  bookMeeting,
  createEmployee,
  fieldsOf,
  hours,
  isoAt,
  nextWeekday,
  reserveBody,
  wall,
  type Json,
} from "../support/fixtures.js";
import { startStack, type Stack } from "../support/stack.js";

let stack: Stack;
let api: Api;
beforeAll(async () => {
  stack = await startStack();
  api = new Api(stack);
});
afterAll(async () => stack?.stop());

const advisor = () =>
  createEmployee(api, { workingHours: hours(ALL_DAYS, "09:00", "16:00"), meetingTypes: ["Physical", "Online", "Telephone"] });

/** GET, apply a change to the body, PUT it back with the ETag; then GET again. */
async function roundTrip(id: string, change: (body: Json) => void = () => undefined) {
  const got = await api.get(`/meetings/${id}`);
  expect(got.status, got.text).toBe(200);
  const body = structuredClone(got.body);
  change(body);
  const put = await api.put(`/meetings/${id}`, body, { headers: { "if-match": got.headers.get("etag")! } });
  const after = await api.get(`/meetings/${id}`);
  return { before: got.body, put, after: after.body };
}

async function slotAt(employeeId: string, day: ReturnType<typeof nextWeekday>, hhmm: string) {
  const slots = await availableFor(api, [employeeId], isoAt(day, "00:00"), "1.00:00:00", { meetingTypes: "Online" });
  const slot = slots.find((s) => wall(s.startDate) === hhmm);
  if (!slot) throw new Error(`no ${hhmm} slot`);
  return slot;
}

async function isFree(employeeId: string, day: ReturnType<typeof nextWeekday>, hhmm: string) {
  const slots = await availableFor(api, [employeeId], isoAt(day, "00:00"), "1.00:00:00", { meetingTypes: "Online" });
  return slots.some((s) => wall(s.startDate) === hhmm);
}

describe("PUT /meetings/{id} by read-modify-write", () => {
  it("a meeting booked from a reservation: sending GET's body back unchanged succeeds and moves nothing", async () => {
    const day = nextWeekday(1);
    const e = await advisor();
    const reserved = await api.post(
      `/time-slots/reserve`,
      reserveBody({ startDate: isoAt(day, "10:00"), endDate: isoAt(day, "11:00"), employeeId: e.id }),
    );
    expect(reserved.status, reserved.text).toBe(200);
    const booked = await api.post(`/meetings`, {
      bookedBy: "Employee",
      salesforceId: "sf",
      employeeId: e.id,
      customerId: "c1",
      timeSlotId: reserved.body.id,
      type: "Online",
    });
    expect(booked.status, booked.text).toBe(201);
    const { before, put, after } = await roundTrip(booked.body.id);
    expect(put.status, put.text).toBe(200);
    expect(after.startDate).toBe(before.startDate);
    expect(after.timeSlotId).toBe(reserved.body.id);
    expect(await isFree(e.id, day, "10:00")).toBe(false);
  });

  it("a meeting booked from a slot id: unchanged round trip succeeds; a changed title and salesforceId/customerId are applied", async () => {
    const day = nextWeekday(2);
    const e = await advisor();
    const slot = await slotAt(e.id, day, "09:00");
    const booked = await api.post(`/meetings`, {
      bookedBy: "Employee",
      salesforceId: "sf-1",
      employeeId: e.id,
      customerId: "c-1",
      timeSlotId: slot.id,
      type: "Online",
    });
    expect(booked.status, booked.text).toBe(201);
    expect((await roundTrip(booked.body.id)).put.status).toBe(200);
    const { put, after } = await roundTrip(booked.body.id, (b) =>
      Object.assign(b, { title: "Renamed", salesforceId: "sf-2", customerId: "c-2", description: "notes" }),
    );
    expect(put.status, put.text).toBe(200);
    expect(after).toMatchObject({
      title: "Renamed",
      salesforceId: "sf-2",
      customerId: "c-2",
      description: "notes",
      startDate: slot.startDate,
      timeSlotId: slot.id,
    });
  });

  it("a meeting booked from dates: moving by dates records the new time slot, so a later round trip does not move it back", async () => {
    const day = nextWeekday(3);
    const e = await advisor();
    const booked = await bookMeeting(api, e.id, isoAt(day, "09:00"), isoAt(day, "10:00"));
    const moved = await roundTrip(booked.id, (b) => Object.assign(b, { startDate: isoAt(day, "13:00"), endDate: isoAt(day, "14:00") }));
    expect(moved.put.status, moved.put.text).toBe(200);
    expect(wall(moved.after.startDate)).toBe("13:00");
    expect(moved.after.timeSlotId).toMatch(/^ts1\./);
    const again = await roundTrip(booked.id);
    expect(again.put.status, again.put.text).toBe(200);
    expect(wall(again.after.startDate)).toBe("13:00");
    expect(await isFree(e.id, day, "09:00")).toBe(true);
    expect(await isFree(e.id, day, "13:00")).toBe(false);
  });

  it("after a move by a new slot id, the round trip keeps the new time", async () => {
    const day = nextWeekday(4);
    const e = await advisor();
    const first = await slotAt(e.id, day, "09:00");
    const booked = await api.post(`/meetings`, {
      bookedBy: "Employee",
      salesforceId: "sf",
      employeeId: e.id,
      customerId: "c1",
      timeSlotId: first.id,
      type: "Online",
    });
    const second = await slotAt(e.id, day, "14:00");
    const moved = await roundTrip(booked.body.id, (b) => (b.timeSlotId = second.id)); // startDate/endDate left as GET returned them
    expect(moved.put.status, moved.put.text).toBe(200);
    expect(moved.after).toMatchObject({ startDate: second.startDate, timeSlotId: second.id });
    const again = await roundTrip(booked.body.id);
    expect(again.put.status).toBe(200);
    expect(again.after.startDate).toBe(second.startDate);
    expect(await isFree(e.id, day, "09:00")).toBe(true);
  });

  it("attendees sent back without email keep their stored email; a new attendee without one is a 400 naming the field", async () => {
    const day = nextWeekday(5);
    const e = await advisor();
    const booked = await bookMeeting(api, e.id, isoAt(day, "09:00"), isoAt(day, "10:00"), {
      externalAttendees: [{ name: "Ada Lovelace", email: "ada@example.com" }],
    });
    const kept = await roundTrip(booked.id);
    expect(kept.put.status, kept.put.text).toBe(200);
    expect(kept.after.externalAttendees).toEqual([{ name: "Ada Lovelace" }]);
    const ical = await api.post(`/meetings/${booked.id}/ical`, {});
    expect(ical.text).toContain("ada@example.com");
    const added = await roundTrip(booked.id, (b) => b.externalAttendees.push({ name: "Newcomer" }));
    expect(added.put.status).toBe(400);
    expect(fieldsOf(added.put.body)).toEqual(["externalAttendees[1].email"]);
  });

  it("read-only fields: unchanged are ignored, changed are a 400 naming each", async () => {
    const day = nextWeekday(6);
    const e = await advisor();
    const booked = await bookMeeting(api, e.id, isoAt(day, "09:00"), isoAt(day, "10:00"));
    const changed = await roundTrip(booked.id, (b) =>
      Object.assign(b, { id: randomUUID(), status: "Cancelled", dateCreated: "2020-01-01T00:00:00Z" }),
    );
    expect(changed.put.status).toBe(400);
    expect(fieldsOf(changed.put.body).sort()).toEqual(["dateCreated", "id", "status"]);
    expect(changed.after.status).toBe("Booked");
  });
});
