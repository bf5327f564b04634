/**
 * Concurrency (issue 5, "done when"): many simultaneous requests for the same time, spread over
 * TWO host processes that share one Cosmos server, book or reserve it exactly once.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ALL_DAYS,
  Api,
  cosmosOf,
  type Json,
  createEmployee,
  createRoom,
  hours,
  isoAt,
  meetingBody,
  nextWeekday,
  qs,
  reserveBody,
} from "../support/fixtures.js";
import { startStack, type Stack } from "../support/stack.js";

const N = 50;
let stack: Stack;
let api: Api;
beforeAll(async () => {
  stack = await startStack({ hosts: 2 });
  api = new Api(stack);
});
afterAll(async () => stack?.stop());

/** Sends the requests all at once, alternating between the two hosts. */
async function burst(requests: { path: string; body: unknown }[]) {
  const bases = api.bases();
  const headers = await stack.headers();
  const results = await Promise.all(
    requests.map(async ({ path, body }, i) => {
      const res = await fetch(`${bases[i % bases.length]}${path}`, { method: "POST", headers, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as Json, host: i % bases.length };
    }),
  );
  return results;
}
const count = (results: { status: number }[], status: number) => results.filter((r) => r.status === status).length;
const statuses = (results: { status: number }[]) =>
  results
    .map((r) => r.status)
    .sort()
    .join(",");

describe("double booking is impossible across hosts", () => {
  it(`${N} concurrent POST /meetings for the same advisor and time: exactly one 201, ${N - 1} 409s, one meeting`, async () => {
    expect(stack.hosts).toHaveLength(2);
    const day = nextWeekday(2);
    const employee = await createEmployee(api, { workingHours: hours(ALL_DAYS, "09:00", "16:00"), meetingTypes: ["Online"] });
    const results = await burst(
      Array.from({ length: N }, (_, i) => ({
        path: "/meetings",
        body: meetingBody(employee.id, isoAt(day, "10:00"), isoAt(day, "11:00"), { customerId: `customer-${i}` }),
      })),
    );
    expect(count(results, 201), statuses(results)).toBe(1);
    expect(count(results, 409), statuses(results)).toBe(N - 1);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.code).toBe("slot_taken");
    // both hosts took part in the race
    expect(new Set(results.map((r) => r.host)).size).toBe(2);

    const winner = results.find((r) => r.status === 201)!;
    const list = await api.get(`/meetings${qs({ employeeId: employee.id })}`);
    expect(list.status).toBe(200);
    expect(list.body.map((m: { id: string }) => m.id)).toEqual([winner.body.id]);
    expect(list.body[0]).toMatchObject({ startDate: isoAt(day, "10:00"), endDate: isoAt(day, "11:00") });
  });

  it(`${N} concurrent POST /meetings for one room with ${N} different advisors: exactly one 201, and the losers hold nothing`, async () => {
    const day = nextWeekday(3);
    const room = (await createRoom(api, { capacity: 4 })).id;
    const advisors = await Promise.all(
      Array.from({ length: N }, () => createEmployee(api, { workingHours: hours(ALL_DAYS, "09:00", "16:00"), meetingTypes: ["Physical"] })),
    );
    const results = await burst(
      advisors.map((a) => ({
        path: "/meetings",
        body: meetingBody(a.id, isoAt(day, "10:00"), isoAt(day, "11:00"), { type: "Physical", roomId: room }),
      })),
    );
    expect(count(results, 201), statuses(results)).toBe(1);
    expect(count(results, 409), statuses(results)).toBe(N - 1);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body).toMatchObject({ code: "slot_taken", resource: "room" });

    const winner = results.find((r) => r.status === 201)!;
    expect(winner.body.roomId).toBe(room);
    const grid = await api.get(`/time-slots${qs({ roomId: room, startDate: isoAt(day, "10:00"), endDate: isoAt(day, "11:00") })}`);
    expect(grid.body.map((s: { status: string }) => s.status)).toEqual(["Booked"]);
    // every losing advisor's own calendar was left free
    const losers = advisors.filter((a) => a.id !== winner.body.employeeId);
    const free = await api.get(
      `/time-slots/available${qs({ explicitEmployeeIds: losers.map((a) => a.id).join(","), employeeTypes: "Explicit", requireEmployeeParticipation: false, startDate: isoAt(day, "10:00"), lookForwardTime: "00:30:00" })}`,
    );
    expect(free.status).toBe(200);
    expect(new Set(free.body.map((s: { employeeId: string }) => s.employeeId)).size).toBe(N - 1);
  });

  it(`${N} concurrent reservations of the same slot with different tokens: exactly one 200`, async () => {
    const day = nextWeekday(4);
    const employee = await createEmployee(api, { workingHours: hours(ALL_DAYS, "09:00", "16:00"), meetingTypes: ["Online"] });
    const results = await burst(
      Array.from({ length: N }, () => ({
        path: "/time-slots/reserve",
        body: reserveBody({ startDate: isoAt(day, "13:00"), endDate: isoAt(day, "14:00"), employeeId: employee.id }, randomUUID()),
      })),
    );
    expect(count(results, 200), statuses(results)).toBe(1);
    expect(count(results, 409), statuses(results)).toBe(N - 1);
    const grid = await api.get(
      `/time-slots${qs({ employeeId: employee.id, startDate: isoAt(day, "13:00"), endDate: isoAt(day, "14:00") })}`,
    );
    expect(grid.body.map((s: { status: string }) => s.status)).toEqual(["Reserved"]);
    // the one reservation converts into the one meeting
    const winner = results.find((r) => r.status === 200)!;
    const booked = await api.post(`/meetings`, {
      bookedBy: "Customer",
      salesforceId: "sf",
      timeSlotId: winner.body.id,
      employeeId: employee.id,
      customerId: "c",
      type: "Online",
    });
    expect(booked.status, booked.text).toBe(201);
  });

  it(`${N} concurrent bookings of overlapping (not identical) times: the accepted ones never overlap`, async () => {
    const day = nextWeekday(5);
    const employee = await createEmployee(api, { workingHours: hours(ALL_DAYS, "08:00", "18:00"), meetingTypes: ["Online"] });
    // starts every 15 minutes from 09:00, one hour each: heavily overlapping
    const requests = Array.from({ length: N }, (_, i) => {
      const start = Date.parse(isoAt(day, "09:00")) + (i % 24) * 15 * 60_000;
      return {
        path: "/meetings",
        body: meetingBody(employee.id, new Date(start).toISOString(), new Date(start + 3_600_000).toISOString()),
      };
    });
    const results = await burst(requests);
    expect(count(results, 201) + count(results, 409), statuses(results)).toBe(N);
    const list = await api.get(`/meetings${qs({ employeeId: employee.id })}`);
    const meetings = list.body as { startDate: string; endDate: string }[];
    expect(meetings.length).toBe(count(results, 201));
    expect(meetings.length).toBeGreaterThanOrEqual(1);
    for (let i = 1; i < meetings.length; i++)
      expect(Date.parse(meetings[i].startDate)).toBeGreaterThanOrEqual(Date.parse(meetings[i - 1].endDate));
  });

  it("concurrent moves of one meeting to different times: one wins, and the meeting's new time stays held", async () => {
    const day = nextWeekday(1);
    const employee = await createEmployee(api, { workingHours: hours(ALL_DAYS, "08:00", "18:00"), meetingTypes: ["Online"] });
    const meeting = await api.post(`/meetings`, meetingBody(employee.id, isoAt(day, "08:00"), isoAt(day, "09:00")));
    expect(meeting.status).toBe(201);
    const targets = ["10:00", "11:00", "12:00", "13:00", "14:00", "15:00", "16:00", "17:00"];
    const bases = api.bases();
    const headers = await stack.headers();
    const results = await Promise.all(
      targets.map(async (t, i) => {
        const res = await fetch(`${bases[i % 2]}/meetings/${meeting.body.id}`, {
          method: "PUT",
          headers,
          body: JSON.stringify({ startDate: isoAt(day, t), endDate: isoAt(day, `${Number(t.slice(0, 2)) + 1}:00`) }),
        });
        return { status: res.status, body: (await res.json()) as Json };
      }),
    );
    const won = results.filter((r) => r.status === 200);
    expect(won.length, statuses(results)).toBeGreaterThanOrEqual(1);
    for (const r of results.filter((x) => x.status !== 200)) expect([409, 412], JSON.stringify(r.body)).toContain(r.status);

    const final = (await api.get(`/meetings/${meeting.body.id}`)).body;
    // the meeting's time is held: nobody else can book it ...
    const clash = await api.post(`/meetings`, meetingBody(employee.id, final.startDate, final.endDate));
    expect(clash.status, `the meeting at ${final.startDate} was not held`).toBe(409);
    // ... and every other time is free again
    const grid = await api.get(
      `/time-slots${qs({ employeeId: employee.id, startDate: isoAt(day, "08:00"), endDate: isoAt(day, "18:00"), status: "Booked" })}`,
    );
    const booked: string[] = grid.body.map((s: { startTime: string }) => s.startTime);
    const start = Date.parse(final.startDate);
    const overlapping = [start - 1_800_000, start, start + 1_800_000].map((ms) => new Date(ms).toISOString());
    expect(booked).toContain(final.startDate);
    for (const b of booked) expect(overlapping, `grid slot ${b} is Booked`).toContain(b);
  });

  it("concurrent cancels of one meeting: one 204, the others refused, and the time is free afterwards", async () => {
    const day = nextWeekday(1);
    const employee = await createEmployee(api, { workingHours: hours(ALL_DAYS, "08:00", "18:00"), meetingTypes: ["Online"] });
    const meeting = await api.post(`/meetings`, meetingBody(employee.id, isoAt(day, "09:00"), isoAt(day, "10:00")));
    const bases = api.bases();
    const headers = await stack.headers();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        fetch(`${bases[i % 2]}/meetings/${meeting.body.id}`, { method: "DELETE", headers }).then((r) => r.status),
      ),
    );
    expect(
      results.filter((s) => s === 204),
      results.join(","),
    ).toHaveLength(1);
    for (const s of results.filter((x) => x !== 204)) expect([404, 409, 412]).toContain(s);
    const after = await api.get(`/meetings/${meeting.body.id}`);
    expect(after.status).toBe(200); // cancelled meetings stay readable
    expect(after.body.status).toBe("Cancelled");
    expect((await api.post(`/meetings`, meetingBody(employee.id, isoAt(day, "09:00"), isoAt(day, "10:00")))).status).toBe(201);
  });

  it("after all the races no operation is left half-done: no intent records remain", async () => {
    const cosmos = cosmosOf(stack);
    try {
      expect(await cosmos.count("intents")).toBe(0);
    } finally {
      cosmos.dispose();
    }
  });
});
