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
  cosmosOf,
  createEmployee,
  createRoom,
  fieldsOf,
  hours,
  isoAt,
  meetingBody,
  nextWeekday,
  qs,
  quietSchedule,
  reserveBody,
  sleep,
  wall,
} from "../support/fixtures.js";
import { startStack, type Stack } from "../support/stack.js";

let stack: Stack;
let api: Api;
/** The same API on the host whose reservations last 2 seconds. */
let shortLived: Api;
beforeAll(async () => {
  stack = await startStack({ hostEnv: { TIMER_SCHEDULES: JSON.stringify({ "reservations-sweep": quietSchedule() }) } });
  const host = await stack.startHost({ RESERVATION_TTL_SECONDS: "2" });
  api = new Api(stack);
  shortLived = api.at(`${host.url}/api/v2/bookme`);
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

describe("expiry", () => {
  it("without the sweeper, an expired reservation stops blocking: the slot is Available and bookable after the TTL", async () => {
    const day = nextWeekday(3);
    const e = await advisor();
    const held = await shortLived.post(`/time-slots/reserve`, reserveBody(slot(day, "10:00", "11:00", e.id)));
    expect(held.status, held.text).toBe(200);
    expect(Date.parse(held.body.expiresAt) - Date.now()).toBeLessThanOrEqual(2_000);
    expect((await gridStatus(e.id, day))["10:00"]).toBe("Reserved");
    expect((await api.post(`/time-slots/reserve`, reserveBody(slot(day, "10:00", "11:00", e.id)))).status).toBe(409);

    await sleep(3_000);
    expect((await gridStatus(e.id, day))["10:00"]).toBe("Available");
    expect(await freeStarts(e.id, day)).toContain("10:00");
    // converting the expired reservation is refused ...
    const late = await bookFrom(held.body.id, e.id);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe("reservation_expired");
    // ... but anyone may book the time now (the reservation document is still there: no sweeper ran)
    expect((await api.post(`/meetings`, meetingBody(e.id, isoAt(day, "10:00"), isoAt(day, "11:00")))).status).toBe(201);
  });

  it("the sweeper (run through the host's admin endpoint) removes expired reservations and their calendar entries", async () => {
    const day = nextWeekday(3);
    const e = await advisor();
    const token = randomUUID();
    const held = await shortLived.post(`/time-slots/reserve`, reserveBody(slot(day, "13:00", "14:00", e.id), token));
    expect(held.status).toBe(200);
    const live = await api.post(`/time-slots/reserve`, reserveBody(slot(day, "15:00", "16:00", e.id)));
    expect(live.status).toBe(200);
    await sleep(3_000);
    const cosmos = cosmosOf(stack);
    try {
      expect(await cosmos.read("reservations", held.body.id)).toBeDefined();
      const month = (iso: string) => iso.slice(0, 7);
      const calendarId = `employee:${e.id}:${month(held.body.startDate)}`;
      const refs = async () => ((await cosmos.read("schedules", calendarId))?.entries as { ref: string }[]).map((x) => x.ref);
      expect(await refs()).toContain(`reservation:${held.body.id}`);

      const run = await fetch(`${stack.hosts[0].url}/admin/functions/reservations-sweep`, { method: "POST" });
      expect(run.status).toBe(202);

      expect(await cosmos.read("reservations", held.body.id)).toBeUndefined();
      expect(await cosmos.read("reservations", `token:${token}`)).toBeUndefined();
      expect(await refs()).not.toContain(`reservation:${held.body.id}`);
      // the live reservation stays
      expect(await cosmos.read("reservations", live.body.id)).toBeDefined();
      expect(await refs()).toContain(`reservation:${live.body.id}`);
    } finally {
      cosmos.dispose();
    }
    const gone = await bookFrom(held.body.id, e.id);
    expect(gone.status).toBe(400);
    expect(fieldsOf(gone.body)).toContain("timeSlotId");
    expect(stack.hosts[0].output.filter((l) => l.includes("sweep done"))).toHaveLength(1); // the one we ran, not the timer
  });
});

describe("conversion into a meeting", () => {
  it("POST /meetings with timeSlotId = reservation id books the reserved time; the reservation is gone after", async () => {
    const day = nextWeekday(4);
    const location = `Conv-${randomUUID().slice(0, 6)}`;
    const room = (await createRoom(api, { location })).id;
    const e = await advisor();
    const token = randomUUID();
    const held = await api.post(`/time-slots/reserve`, reserveBody(slot(day, "10:00", "11:00", e.id, room), token));
    expect(held.status).toBe(200);

    const res = await bookFrom(held.body.id, e.id, { type: "Physical" });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      startDate: isoAt(day, "10:00"),
      endDate: isoAt(day, "11:00"),
      employeeId: e.id,
      roomId: room,
      timeSlotId: held.body.id,
    });
    expect((await gridStatus(e.id, day))["10:00"]).toBe("Booked");

    const again = await bookFrom(held.body.id, e.id);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: "reservation_consumed", meetingId: res.body.id });
    const cosmos = cosmosOf(stack);
    try {
      expect(await cosmos.read("reservations", held.body.id)).toBeUndefined();
      expect(await cosmos.read("reservations", `token:${token}`)).toBeUndefined();
    } finally {
      cosmos.dispose();
    }
    // reusing the token afterwards does not touch the meeting
    expect((await api.post(`/time-slots/reserve`, reserveBody(slot(day, "13:00", "14:00", e.id), token))).status).toBe(200);
    expect((await api.get(`/meetings/${res.body.id}`)).status).toBe(200);
    expect((await gridStatus(e.id, day))["10:00"]).toBe("Booked");
  });
});
