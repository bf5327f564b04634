/**
 * Reservations: POST /time-slots/reserve, token replacement, expiry (with and without the
 * sweeper), conversion into a meeting and rescheduling. Host 0 keeps the default TTL (5 min);
 * host 1 runs with RESERVATION_TTL_SECONDS=2. The sweeper's timer is kept quiet (it fires once a
 * day, twelve hours from now) so expiry is seen without it; the sweeper test runs it through the
 * host's admin endpoint.
 */
import { randomUUID } from "node:crypto";
import type { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ALL_DAYS,
  Api,
  availableFor,
  bookMeeting,
  createEmployee,
  createRoom,
  fieldsOf,
  hours,
  isoAt,
  meetingBody,
  nextWeekday,
  qs,
  reserveBody,
  wall,
} from "../support/fixtures.js";
import { startInProcess, type InProcessStack } from "../support/in-process.js";

let stack: InProcessStack;
let api: Api;
beforeAll(async () => {
  stack = await startInProcess();
  api = new Api(stack);
});
afterAll(async () => stack?.stop());

const advisor = (over: Record<string, unknown> = {}) =>
  createEmployee(api, { workingHours: hours(ALL_DAYS, "09:00", "16:00"), meetingTypes: ["Physical", "Online"], ...over });
const slot = (day: DateTime, from: string, to: string, employeeId?: string, roomId?: string) => ({
  startDate: isoAt(day, from),
  endDate: isoAt(day, to),
  ...(employeeId ? { employeeId } : {}),
  ...(roomId ? { roomId } : {}),
});
async function gridStatus(employeeId: string, day: DateTime): Promise<Record<string, string>> {
  const res = await api.get(
    `/time-slots${qs({ employeeId, startDate: isoAt(day, "00:00"), endDate: isoAt(day.plus({ days: 1 }), "00:00") })}`,
  );
  expect(res.status, res.text).toBe(200);
  return Object.fromEntries(res.body.map((s: { startTime: string; status: string }) => [wall(s.startTime), s.status]));
}
const freeStarts = async (employeeId: string, day: DateTime) => [
  ...new Set((await availableFor(api, [employeeId], isoAt(day, "00:00"))).map((s) => wall(s.startDate))),
];
const bookFrom = (reservationId: string, employeeId: string, over: Record<string, unknown> = {}, on: Api = api) =>
  on.post(`/meetings`, {
    bookedBy: "Customer",
    salesforceId: "sf-1",
    timeSlotId: reservationId,
    employeeId,
    customerId: "c-1",
    type: "Online",
    ...over,
  });

describe("POST /time-slots/reserve", () => {
  it("answers 200 with the reservation: id, Reserved, the slot, the token and expiresAt (5 minutes)", async () => {
    const day = nextWeekday(1);
    const e = await advisor();
    const token = randomUUID();
    const before = Date.now();
    const res = await api.post(`/time-slots/reserve`, reserveBody(slot(day, "10:00", "11:00", e.id), token));
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      status: "Reserved",
      startDate: isoAt(day, "10:00"),
      endDate: isoAt(day, "11:00"),
      employeeId: e.id,
      roomId: null,
      token,
    });
    const expires = Date.parse(res.body.expiresAt);
    expect(expires).toBeGreaterThanOrEqual(before + 299_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 301_000);
    expect((await gridStatus(e.id, day))["10:00"]).toBe("Reserved");
    expect(await freeStarts(e.id, day)).not.toContain("10:00");
  });

  it("the same token replaces its reservation: the old slot is free at once", async () => {
    const day = nextWeekday(1);
    const e = await advisor();
    const token = randomUUID();
    const first = await api.post(`/time-slots/reserve`, reserveBody(slot(day, "10:00", "11:00", e.id), token));
    expect(first.status).toBe(200);
    const second = await api.post(`/time-slots/reserve`, reserveBody(slot(day, "13:00", "14:00", e.id), token));
    expect(second.status).toBe(200);
    expect(second.body.id).not.toBe(first.body.id);

    const status = await gridStatus(e.id, day);
    expect(status["10:00"]).toBe("Available");
    expect(status["13:00"]).toBe("Reserved");
    expect(await freeStarts(e.id, day)).toContain("10:00");
    // the first reservation is gone: it cannot be booked, and someone else can reserve its slot
    const stale = await bookFrom(first.body.id, e.id);
    expect(stale.status).toBe(400);
    expect(fieldsOf(stale.body)).toContain("timeSlotId");
    expect((await api.post(`/time-slots/reserve`, reserveBody(slot(day, "10:00", "11:00", e.id)))).status).toBe(200);
  });

  it("the same token may move its reservation to an overlapping slot", async () => {
    const day = nextWeekday(1);
    const e = await advisor();
    const token = randomUUID();
    expect((await api.post(`/time-slots/reserve`, reserveBody(slot(day, "10:00", "11:00", e.id), token))).status).toBe(200);
    const moved = await api.post(`/time-slots/reserve`, reserveBody(slot(day, "10:30", "11:30", e.id), token));
    expect(moved.status, moved.text).toBe(200);
    const status = await gridStatus(e.id, day);
    expect(status["09:30"]).toBe("Available"); // 09:30-10:30 no longer overlaps a reservation
    expect(status["10:00"]).toBe("Reserved");
    expect(status["11:00"]).toBe("Reserved");
    expect(status["11:30"]).toBe("Available");
  });

  it("a replacement that fails (409) leaves the token's previous reservation holding its slot", async () => {
    const day = nextWeekday(1);
    const e = await advisor();
    const other = await advisor();
    const room = (await createRoom(api)).id;
    await bookMeeting(api, other.id, isoAt(day, "10:30"), isoAt(day, "11:30"), { roomId: room, type: "Physical" });
    const token = randomUUID();
    const first = await api.post(`/time-slots/reserve`, reserveBody(slot(day, "10:00", "11:00", e.id), token));
    expect(first.status).toBe(200);
    // same token, overlapping time for the same employee, plus a room that is taken
    const failed = await api.post(`/time-slots/reserve`, reserveBody(slot(day, "10:30", "11:30", e.id, room), token));
    expect(failed.status).toBe(409);
    expect(failed.body.resource).toBe("room");

    expect((await gridStatus(e.id, day))["10:00"]).toBe("Reserved");
    expect((await api.post(`/time-slots/reserve`, reserveBody(slot(day, "10:00", "11:00", e.id)))).status).toBe(409);
    expect((await bookFrom(first.body.id, e.id)).status).toBe(201);
  });

  it("different tokens hold separate reservations side by side", async () => {
    const day = nextWeekday(2);
    const e = await advisor();
    const a = await api.post(`/time-slots/reserve`, reserveBody(slot(day, "10:00", "11:00", e.id)));
    const b = await api.post(`/time-slots/reserve`, reserveBody(slot(day, "12:00", "13:00", e.id)));
    expect([a.status, b.status]).toEqual([200, 200]);
    const status = await gridStatus(e.id, day);
    expect([status["10:00"], status["12:00"]]).toEqual(["Reserved", "Reserved"]);
    expect((await bookFrom(a.body.id, e.id)).status).toBe(201);
    expect((await bookFrom(b.body.id, e.id)).status).toBe(201);
  });

  it("a slot held by one token is 409 slot_taken for another token (also overlapping) and for a booking", async () => {
    const day = nextWeekday(2);
    const e = await advisor();
    expect((await api.post(`/time-slots/reserve`, reserveBody(slot(day, "10:00", "11:00", e.id)))).status).toBe(200);
    const same = await api.post(`/time-slots/reserve`, reserveBody(slot(day, "10:00", "11:00", e.id)));
    expect(same.status).toBe(409);
    expect(same.body.code).toBe("slot_taken");
    expect(Array.isArray(same.body.alternatives)).toBe(true);
    expect((await api.post(`/time-slots/reserve`, reserveBody(slot(day, "10:30", "11:30", e.id)))).status).toBe(409);
    const booking = await api.post(`/meetings`, meetingBody(e.id, isoAt(day, "10:00"), isoAt(day, "11:00")));
    expect(booking.status).toBe(409);
    expect((await api.post(`/time-slots/reserve`, reserveBody(slot(day, "11:00", "12:00", e.id)))).status).toBe(200);
  });

  it("a room can be reserved on its own, and then is taken for others", async () => {
    const day = nextWeekday(2);
    const room = (await createRoom(api)).id;
    const e = await advisor();
    const held = await api.post(`/time-slots/reserve`, reserveBody(slot(day, "10:00", "11:00", undefined, room)));
    expect(held.status, held.text).toBe(200);
    expect(held.body).toMatchObject({ roomId: room, employeeId: null });
    const clash = await api.post(
      `/meetings`,
      meetingBody(e.id, isoAt(day, "10:00"), isoAt(day, "11:00"), { roomId: room, type: "Physical" }),
    );
    expect(clash.status).toBe(409);
    expect(clash.body.resource).toBe("room");
  });

  it("a service group reservation takes the first member who is free, then the next, then 409", async () => {
    const day = nextWeekday(2);
    const group = `sg-${randomUUID().slice(0, 8)}`;
    const members = [(await advisor({ serviceGroups: [group] })).id, (await advisor({ serviceGroups: [group] })).id].sort();
    const reserve = () =>
      api.post(`/time-slots/reserve`, {
        timeSlot: { startDate: isoAt(day, "10:00"), endDate: isoAt(day, "11:00"), status: "Reserved", serviceGroup: group.toUpperCase() },
        token: randomUUID(),
      });
    const first = await reserve();
    const second = await reserve();
    const third = await reserve();
    expect([first.status, second.status, third.status]).toEqual([200, 200, 409]);
    expect([first.body.employeeId, second.body.employeeId]).toEqual(members);
    expect(first.body.serviceGroup).toBe(group.toUpperCase());
  });

  it("invalid bodies are 400 naming the field; outside working hours is 422", async () => {
    const day = nextWeekday(2);
    const e = await advisor();
    const cases: [unknown, string][] = [
      [{ token: randomUUID() }, "timeSlot"],
      [{ ...reserveBody(slot(day, "10:00", "11:00", e.id)), token: "not-a-uuid" }, "token"],
      [{ ...reserveBody(slot(day, "10:00", "11:00", e.id)), token: undefined }, "token"],
      [reserveBody({ ...slot(day, "10:00", "11:00", e.id), status: "Booked" } as never), "timeSlot.status"],
      [reserveBody(slot(day, "11:00", "10:00", e.id)), "timeSlot.endDate"],
      [reserveBody({ startDate: "tomorrow", endDate: isoAt(day, "11:00"), employeeId: e.id }), "timeSlot.startDate"],
      [reserveBody(slot(day, "10:00", "11:00")), "timeSlot.employeeId"],
      [reserveBody(slot(day, "10:00", "11:00", e.id), randomUUID(), randomUUID()), "existingMeetingId"],
    ];
    for (const [body, field] of cases) {
      const res = await api.post(`/time-slots/reserve`, body);
      expect(res.status, `${field}: ${res.text}`).toBe(400);
      expect(fieldsOf(res.body)).toContain(field);
    }
    const late = await api.post(`/time-slots/reserve`, reserveBody(slot(day, "16:00", "17:00", e.id)));
    expect(late.status).toBe(422);
    expect(late.body.code).toBe("outside_working_hours");
  });
});

describe("conversion into a meeting", () => {
  it("a conversion that fails (409 on a room) leaves the reservation holding its time", async () => {
    const day = nextWeekday(4);
    const room = (await createRoom(api)).id;
    const e = await advisor();
    const other = await advisor();
    await bookMeeting(api, other.id, isoAt(day, "14:00"), isoAt(day, "15:00"), { roomId: room, type: "Physical" });
    const held = await api.post(`/time-slots/reserve`, reserveBody(slot(day, "14:00", "15:00", e.id)));
    expect(held.status).toBe(200);
    const failed = await bookFrom(held.body.id, e.id, { roomId: room, type: "Physical" });
    expect(failed.status).toBe(409);
    expect(failed.body.resource).toBe("room");
    expect((await gridStatus(e.id, day))["14:00"]).toBe("Reserved");
    expect((await api.post(`/time-slots/reserve`, reserveBody(slot(day, "14:00", "15:00", e.id)))).status).toBe(409);
    expect((await bookFrom(held.body.id, e.id)).status).toBe(201);
  });

  it("a reservation of one employee cannot be booked for another (400 naming employeeId)", async () => {
    const day = nextWeekday(4);
    const a = await advisor();
    const b = await advisor();
    const held = await api.post(`/time-slots/reserve`, reserveBody(slot(day, "12:00", "13:00", a.id)));
    const res = await bookFrom(held.body.id, b.id);
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toContain("employeeId");
    expect((await gridStatus(a.id, day))["12:00"]).toBe("Reserved");
  });
});

describe("rescheduling", () => {
  it("reserve with existingMeetingId may overlap the meeting's own time; PUT with that reservation id moves the meeting", async () => {
    const day = nextWeekday(5);
    const e = await advisor();
    const m = await bookMeeting(api, e.id, isoAt(day, "10:00"), isoAt(day, "11:00"));

    const without = await api.post(`/time-slots/reserve`, reserveBody(slot(day, "10:30", "11:30", e.id)));
    expect(without.status).toBe(409);
    const held = await api.post(`/time-slots/reserve`, reserveBody(slot(day, "10:30", "11:30", e.id), randomUUID(), m.id));
    expect(held.status, held.text).toBe(200);
    expect(held.body.existingMeetingId).toBe(m.id);

    const moved = await api.put(`/meetings/${m.id}`, { timeSlotId: held.body.id }, { headers: { "if-match": m.etag } });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body).toMatchObject({ id: m.id, startDate: isoAt(day, "10:30"), endDate: isoAt(day, "11:30"), timeSlotId: held.body.id });

    const status = await gridStatus(e.id, day);
    expect(status["09:30"]).toBe("Available");
    expect(status["10:00"]).toBe("Booked");
    expect(status["11:00"]).toBe("Booked");
    expect(status["11:30"]).toBe("Available");
    const used = await bookFrom(held.body.id, e.id); // the reservation was used up, by the move
    expect(used.status).toBe(409);
    expect(used.body).toMatchObject({ code: "reservation_consumed", meetingId: m.id });
    expect((await api.get(`/meetings?employeeId=${e.id}`)).body).toHaveLength(1);
  });

  it("a reschedule that fails (409 on a room) leaves both the meeting and the reservation as they were", async () => {
    const day = nextWeekday(5);
    const room = (await createRoom(api)).id;
    const e = await advisor();
    const other = await advisor();
    await bookMeeting(api, other.id, isoAt(day, "14:00"), isoAt(day, "15:00"), { roomId: room, type: "Physical" });
    const m = await bookMeeting(api, e.id, isoAt(day, "10:00"), isoAt(day, "11:00"));
    const held = await api.post(`/time-slots/reserve`, reserveBody(slot(day, "14:00", "15:00", e.id), randomUUID(), m.id));
    expect(held.status).toBe(200);
    const failed = await api.put(`/meetings/${m.id}`, { timeSlotId: held.body.id, roomId: room, type: "Physical" });
    expect(failed.status).toBe(409);
    const status = await gridStatus(e.id, day);
    expect([status["10:00"], status["14:00"]]).toEqual(["Booked", "Reserved"]);
    expect((await api.get(`/meetings/${m.id}`)).body).toMatchObject({ startDate: isoAt(day, "10:00"), roomId: null });
  });

  it("a reschedule reservation elsewhere holds the new time while the meeting keeps its old time until the PUT", async () => {
    const day = nextWeekday(5);
    const e = await advisor();
    const m = await bookMeeting(api, e.id, isoAt(day, "10:00"), isoAt(day, "11:00"));
    const held = await api.post(`/time-slots/reserve`, reserveBody(slot(day, "14:00", "15:00", e.id), randomUUID(), m.id));
    expect(held.status).toBe(200);
    let status = await gridStatus(e.id, day);
    expect([status["10:00"], status["14:00"]]).toEqual(["Booked", "Reserved"]);
    const moved = await api.put(`/meetings/${m.id}`, { timeSlotId: held.body.id });
    expect(moved.status, moved.text).toBe(200);
    status = await gridStatus(e.id, day);
    expect([status["10:00"], status["14:00"]]).toEqual(["Available", "Booked"]);
  });
});
