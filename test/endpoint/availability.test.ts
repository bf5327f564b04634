/** Availability (issue 4): GET /time-slots/available, GET /time-slots (grid) and GET /room-vacancies on the real stack. */
import { randomUUID } from "node:crypto";
import type { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ALL_DAYS,
  Api,
  availableFor,
  bookMeeting,
  createCustomerType,
  createEmployee,
  createRoom,
  createTopic,
  fieldsOf,
  hours,
  isoAt,
  localDate,
  nextDstSunday,
  nextWeekday,
  qs,
  reserveBody,
  wall,
  type AvailableSlot,
} from "../support/fixtures.js";
import { startInProcess, type InProcessStack } from "../support/in-process.js";

let stack: InProcessStack;
let api: Api;
beforeAll(async () => {
  stack = await startInProcess();
  api = new Api(stack);
});
afterAll(async () => stack?.stop());

/** "09:00", "09:30", ... up to and including `last`. */
function halfHours(first: string, last: string): string[] {
  const out: string[] = [];
  const toMin = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  for (let m = toMin(first); m <= toMin(last); m += 30)
    out.push(`${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`);
  return out;
}
const starts = (slots: AvailableSlot[]) => slots.map((s) => wall(s.startDate));
const employeesOf = (slots: AvailableSlot[]) => [...new Set(slots.map((s) => s.employeeId))].sort();
const sorted = (ids: string[]) => [...ids].sort();

async function available(params: Record<string, string | number | boolean | readonly string[] | undefined>) {
  return api.get(`/time-slots/available${qs(params)}`);
}

describe("slots across a DST change (employee 09:00-16:00 Europe/Copenhagen, every day)", () => {
  let employeeId: string;
  beforeAll(async () => {
    employeeId = (await createEmployee(api, { workingHours: hours(ALL_DAYS, "09:00", "16:00"), meetingTypes: ["Online"] })).id;
  });

  for (const [label, month, before, after] of [
    ["spring forward (last Sunday of March)", 3, 60, 120],
    ["fall back (last Sunday of October)", 10, 120, 60],
  ] as const) {
    it(`${label}: local times stay 09:00-16:00, UTC times shift by one hour, the 15:00-16:00 slot is included`, async () => {
      const sunday = nextDstSunday(month);
      const saturday = sunday.minus({ days: 1 });
      const monday = sunday.plus({ days: 1 });
      const slots = await availableFor(api, [employeeId], isoAt(saturday, "00:00"), "3.00:00:00");

      const days = [saturday, sunday, monday].map((d) => d.toISODate()!);
      expect([...new Set(slots.map((s) => localDate(s.startDate)))]).toEqual(days);
      for (const day of days) {
        const ofDay = slots.filter((s) => localDate(s.startDate) === day);
        expect(starts(ofDay)).toEqual(halfHours("09:00", "15:00"));
        for (const s of ofDay) expect(Date.parse(s.endDate) - Date.parse(s.startDate)).toBe(3_600_000);
        const last = ofDay[ofDay.length - 1];
        expect([wall(last.startDate), wall(last.endDate)]).toEqual(["15:00", "16:00"]);
      }
      // UTC: 09:00 local is 08:00Z at +01:00 and 07:00Z at +02:00.
      const utcHour = (offset: number, localHour: number) => localHour - offset / 60;
      const first = (d: DateTime) => slots.find((s) => localDate(s.startDate) === d.toISODate())!;
      expect(new Date(first(saturday).startDate).getUTCHours()).toBe(utcHour(before, 9));
      expect(new Date(first(monday).startDate).getUTCHours()).toBe(utcHour(after, 9));
      expect(new Date(first(sunday).startDate).getUTCHours()).toBe(utcHour(after, 9));
      expect(first(saturday).startDate).toBe(isoAt(saturday, "09:00"));
      expect(first(monday).startDate).toBe(isoAt(monday, "09:00"));
      const lastMonday = slots[slots.length - 1];
      expect(lastMonday.endDate).toBe(isoAt(monday, "16:00"));
      expect(new Date(lastMonday.endDate).getUTCHours()).toBe(utcHour(after, 16));
    });
  }
});

describe("employee pools (requireEmployeeParticipation=false)", () => {
  const tag = randomUUID().slice(0, 8);
  const location = `Lokal-${tag}`;
  const group = `Gruppe-${tag}`;
  let day: DateTime;
  let explicit: string, local: string, grouped: string, other: string;
  beforeAll(async () => {
    day = nextWeekday(1);
    const base = { workingHours: hours(ALL_DAYS, "09:00", "12:00"), meetingTypes: ["Online"] };
    explicit = (await createEmployee(api, base)).id;
    local = (await createEmployee(api, { ...base, locations: [location, "Elsewhere"] })).id;
    grouped = (await createEmployee(api, { ...base, serviceGroups: [group] })).id;
    other = (await createEmployee(api, { ...base, locations: ["Far away"], serviceGroups: ["other group"] })).id;
  });
  const query = (extra: Record<string, string | string[]>) =>
    available({ startDate: isoAt(day, "00:00"), lookForwardTime: "1.00:00:00", requireEmployeeParticipation: false, ...extra });

  const cases: [string, () => Record<string, string | string[]>, () => string[]][] = [
    ["Explicit: only the listed employees", () => ({ employeeTypes: "Explicit", explicitEmployeeIds: [explicit] }), () => [explicit]],
    [
      "Local: employees serving customerLocation (case-insensitive)",
      () => ({ employeeTypes: "Local", customerLocation: location.toUpperCase() }),
      () => [local],
    ],
    [
      "ServiceGroup: employees in the given service group",
      () => ({ employeeTypes: "ServiceGroup", serviceGroups: group }),
      () => [grouped],
    ],
    [
      "Local without Explicit ignores explicitEmployeeIds",
      () => ({ employeeTypes: "Local", customerLocation: location, explicitEmployeeIds: [explicit] }),
      () => [local],
    ],
    [
      "Explicit + Local: the union",
      () => ({ employeeTypes: "Explicit,Local", explicitEmployeeIds: [explicit], customerLocation: location }),
      () => [explicit, local],
    ],
    [
      "Local + ServiceGroup as repeated parameters: the union",
      () => ({ employeeTypes: ["Local", "ServiceGroup"], customerLocation: location, serviceGroups: group }),
      () => [local, grouped],
    ],
    [
      "Explicit + Local + ServiceGroup: the union of all three, each employee once",
      () => ({
        employeeTypes: ["Explicit", "Local,ServiceGroup"],
        explicitEmployeeIds: [explicit, local],
        customerLocation: location,
        serviceGroups: group,
      }),
      () => [explicit, local, grouped],
    ],
  ];
  for (const [name, params, expected] of cases) {
    it(name, async () => {
      const res = await query(params());
      expect(res.status).toBe(200);
      expect(employeesOf(res.body)).toEqual(sorted(expected()));
      expect(res.body).not.toContainEqual(expect.objectContaining({ employeeId: other }));
      // each pool member offers its whole morning, each start once
      for (const id of expected())
        expect(starts(res.body.filter((s: AvailableSlot) => s.employeeId === id))).toEqual(halfHours("09:00", "11:00"));
    });
  }

  it("explicitEmployeeIds as repeated parameters and comma-separated give the same slots", async () => {
    const repeated = await query({ employeeTypes: "Explicit", explicitEmployeeIds: [explicit, grouped] });
    const comma = await query({ employeeTypes: "Explicit", explicitEmployeeIds: `${explicit},${grouped}` });
    expect(repeated.status).toBe(200);
    expect(employeesOf(repeated.body)).toEqual(sorted([explicit, grouped]));
    expect(comma.body).toEqual(repeated.body);
  });

  it("slots are sorted by start, then employee", async () => {
    const res = await query({ employeeTypes: "Explicit", explicitEmployeeIds: [grouped, explicit, local] });
    const keys = res.body.map((s: AvailableSlot) => `${s.startDate}|${s.employeeId}`);
    expect(keys).toEqual([...keys].sort());
  });
});

describe("requireEmployeeParticipation=true", () => {
  it("two employees: slots only where both are free, with the second as additionalEmployees, in their common meeting types", async () => {
    const day = nextWeekday(2);
    const first = (await createEmployee(api, { workingHours: hours(ALL_DAYS, "09:00", "16:00"), meetingTypes: ["Physical", "Online"] })).id;
    const second = (await createEmployee(api, { workingHours: hours(ALL_DAYS, "11:00", "17:00"), meetingTypes: ["Online", "Telephone"] }))
      .id;
    await bookMeeting(api, first, isoAt(day, "13:00"), isoAt(day, "14:00"), { type: "Online" });

    const res = await available({
      explicitEmployeeIds: [first, second],
      requireEmployeeParticipation: true,
      startDate: isoAt(day, "00:00"),
      lookForwardTime: "1.00:00:00",
    });
    expect(res.status).toBe(200);
    expect(starts(res.body)).toEqual(["11:00", "11:30", "12:00", "14:00", "14:30", "15:00"]);
    for (const s of res.body) expect(s).toMatchObject({ employeeId: first, additionalEmployees: [second], meetingType: "Online" });

    // the same two without joint participation: each on its own hours
    const pool = await available({
      explicitEmployeeIds: [first, second],
      employeeTypes: "Explicit",
      requireEmployeeParticipation: false,
      startDate: isoAt(day, "00:00"),
      lookForwardTime: "1.00:00:00",
    });
    expect(pool.body.some((s: AvailableSlot) => s.additionalEmployees)).toBe(false);
    expect(starts(pool.body.filter((s: AvailableSlot) => s.employeeId === second && s.meetingType === "Online"))).toEqual(
      halfHours("11:00", "16:00"),
    );
  });

  it("requireEmployeeParticipation=true without explicitEmployeeIds is 400", async () => {
    const res = await available({ requireEmployeeParticipation: true });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toContain("explicitEmployeeIds");
  });
});

describe("filters", () => {
  let day: DateTime;
  let all: string;
  beforeAll(async () => {
    day = nextWeekday(3);
    all = (
      await createEmployee(api, { workingHours: hours(ALL_DAYS, "09:00", "10:00"), meetingTypes: ["Physical", "Online", "Telephone"] })
    ).id;
  });

  it("meetingTypes narrows the types offered (case-insensitive, repeated or comma-separated)", async () => {
    const from = isoAt(day, "00:00");
    const types = (slots: AvailableSlot[]) => slots.map((s) => s.meetingType);
    expect(types(await availableFor(api, [all], from))).toEqual(["Physical", "Online", "Telephone"]);
    expect(types(await availableFor(api, [all], from, "1.00:00:00", { meetingTypes: "online" }))).toEqual(["Online"]);
    expect(types(await availableFor(api, [all], from, "1.00:00:00", { meetingTypes: "Physical,Telephone" }))).toEqual([
      "Physical",
      "Telephone",
    ]);
    expect(types(await availableFor(api, [all], from, "1.00:00:00", { meetingTypes: ["telephone", "PHYSICAL"] }))).toEqual([
      "Physical",
      "Telephone",
    ]);
    expect(await availableFor(api, [all], from, "1.00:00:00", { meetingTypes: "Offsite" })).toEqual([]);
    const bad = await available({
      explicitEmployeeIds: [all],
      employeeTypes: "Explicit",
      requireEmployeeParticipation: false,
      meetingTypes: "Hologram",
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)[0]).toMatch(/^meetingTypes/);
  });

  it("topic and customerTypeId keep only employees serving them; the topic's duration sets the slot length", async () => {
    const ct = (await createCustomerType(api)).id;
    const otherCt = (await createCustomerType(api)).id;
    const topic = (await createTopic(api, { customerTypeIds: [ct], isCustomerVisible: true, durationMinutes: 30 })).id;
    const base = { workingHours: hours(ALL_DAYS, "09:00", "11:00"), meetingTypes: ["Online"] };
    const serving = (await createEmployee(api, { ...base, topicIds: [topic], customerTypeIds: [ct] })).id;
    const notServing = (await createEmployee(api, base)).id;
    const from = isoAt(day, "00:00");

    expect(employeesOf(await availableFor(api, [serving, notServing], from))).toEqual(sorted([serving, notServing]));
    const byTopic = await availableFor(api, [serving, notServing], from, "1.00:00:00", { topic });
    expect(employeesOf(byTopic)).toEqual([serving]);
    expect(starts(byTopic)).toEqual(halfHours("09:00", "10:30"));
    for (const s of byTopic) expect(Date.parse(s.endDate) - Date.parse(s.startDate)).toBe(30 * 60_000);
    expect(employeesOf(await availableFor(api, [serving, notServing], from, "1.00:00:00", { customerTypeId: ct }))).toEqual([serving]);
    expect(await availableFor(api, [serving, notServing], from, "1.00:00:00", { customerTypeId: otherCt })).toEqual([]);
    // the topic is for `ct` only
    expect(await availableFor(api, [serving], from, "1.00:00:00", { topic, customerTypeId: otherCt })).toEqual([]);
    // an explicit duration wins over the topic's
    const long = await availableFor(api, [serving], from, "1.00:00:00", { topic, meetingDuration: "90" });
    expect(starts(long)).toEqual(["09:00", "09:30"]);

    const unknown = await available({
      explicitEmployeeIds: [serving],
      employeeTypes: "Explicit",
      requireEmployeeParticipation: false,
      topic: randomUUID(),
    });
    expect(unknown.status).toBe(400);
    expect(fieldsOf(unknown.body)).toContain("topic");
  });

  it("requireRoom offers only slots with a free room at meetingLocation and names it", async () => {
    const location = `Filial-${randomUUID().slice(0, 6)}`;
    const room = (await createRoom(api, { location, capacity: 4, openingHours: hours(ALL_DAYS, "08:00", "18:00") })).id;
    await createRoom(api, { location: "Somewhere else", capacity: 4 });
    const base = { workingHours: hours(ALL_DAYS, "09:00", "13:00"), meetingTypes: ["Physical"] };
    const advisor = (await createEmployee(api, base)).id;
    const colleague = (await createEmployee(api, base)).id;
    await bookMeeting(api, colleague, isoAt(day, "10:00"), isoAt(day, "11:00"), { type: "Physical", roomId: room });

    const from = isoAt(day, "00:00");
    const withRoom = await availableFor(api, [advisor], from, "1.00:00:00", { requireRoom: true, meetingLocation: location });
    expect(starts(withRoom)).toEqual(["09:00", "11:00", "11:30", "12:00"]);
    for (const s of withRoom) expect(s.roomId).toBe(room);
    // customerLocation stands in for meetingLocation
    expect(await availableFor(api, [advisor], from, "1.00:00:00", { requireRoom: true, customerLocation: location.toLowerCase() })).toEqual(
      withRoom,
    );
    const without = await availableFor(api, [advisor], from);
    expect(starts(without)).toEqual(halfHours("09:00", "12:00"));
    for (const s of without) expect(s.roomId).toBeUndefined();
    expect(await availableFor(api, [advisor], from, "1.00:00:00", { requireRoom: true, meetingLocation: "No rooms here" })).toEqual([]);

    const missing = await available({
      explicitEmployeeIds: [advisor],
      employeeTypes: "Explicit",
      requireEmployeeParticipation: false,
      requireRoom: true,
    });
    expect(missing.status).toBe(400);
    expect(fieldsOf(missing.body)).toContain("meetingLocation");
  });
});

describe("invalid queries are 400 problem+json naming the parameter", () => {
  const id = randomUUID();
  const base = { requireEmployeeParticipation: "false", employeeTypes: "Explicit", explicitEmployeeIds: id };
  const cases: [string, Record<string, string | undefined>, string, RegExp?][] = [
    ["a malformed uuid", { explicitEmployeeIds: "not-a-uuid" }, "explicitEmployeeIds"],
    ["a malformed TimeSpan", { lookForwardTime: "7 days" }, "lookForwardTime", /TimeSpan/],
    ["hours beyond 23 in a TimeSpan", { lookForwardTime: "1.25:00:00" }, "lookForwardTime"],
    ["employeeTypes missing with requireEmployeeParticipation=false", { employeeTypes: undefined }, "employeeTypes"],
    ["an unknown employee type", { employeeTypes: "Everyone" }, "employeeTypes"],
    ["requireEmployeeParticipation missing", { requireEmployeeParticipation: undefined }, "requireEmployeeParticipation"],
    ["requireEmployeeParticipation not a boolean", { requireEmployeeParticipation: "maybe" }, "requireEmployeeParticipation"],
    ["a window longer than 31 days", { lookForwardTime: "32.00:00:00" }, "lookForwardTime", /31 days/],
    ["a startDate without an offset", { startDate: "2030-01-01T10:00:00" }, "startDate"],
    ["Local without customerLocation", { employeeTypes: "Local" }, "customerLocation"],
  ];
  for (const [name, change, field, message] of cases) {
    it(name, async () => {
      const params = { ...base, ...change };
      const res = await available(params);
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(res.body.code).toBe("validation_failed");
      const error = res.body.errors.find((e: { field: string }) => e.field === field || e.field.startsWith(`${field}.`));
      expect(error, `errors: ${JSON.stringify(res.body.errors)}`).toBeDefined();
      if (message) expect(error.message).toMatch(message);
    });
  }

  it("an explicit employee that does not exist is 400", async () => {
    const res = await available(base);
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toContain("explicitEmployeeIds");
  });

  it("a window of exactly 31 days is accepted", async () => {
    const employee = (await createEmployee(api)).id;
    const res = await available({ ...base, explicitEmployeeIds: employee, lookForwardTime: "31.00:00:00" });
    expect(res.status).toBe(200);
  });
});

describe("booked and reserved time", () => {
  let day: DateTime;
  let employee: string;
  beforeAll(async () => {
    day = nextWeekday(4);
    employee = (await createEmployee(api, { workingHours: hours(ALL_DAYS, "09:00", "16:00"), meetingTypes: ["Online"] })).id;
    await bookMeeting(api, employee, isoAt(day, "10:00"), isoAt(day, "11:00"));
    const reserved = await api.post(
      `/time-slots/reserve`,
      reserveBody({ startDate: isoAt(day, "13:00"), endDate: isoAt(day, "14:00"), employeeId: employee }),
    );
    expect(reserved.status).toBe(200);
  });

  it("a booked meeting and a live reservation remove the slots they overlap", async () => {
    const slots = await availableFor(api, [employee], isoAt(day, "00:00"));
    expect(starts(slots)).toEqual(["09:00", "11:00", "11:30", "12:00", "14:00", "14:30", "15:00"]);
  });

  it("GET /time-slots shows each grid slot as Available, Reserved or Booked", async () => {
    const res = await api.get(
      `/time-slots${qs({ employeeId: employee, startDate: isoAt(day, "00:00"), endDate: isoAt(day.plus({ days: 1 }), "00:00") })}`,
    );
    expect(res.status).toBe(200);
    const status = Object.fromEntries(res.body.map((s: { startTime: string; status: string }) => [wall(s.startTime), s.status]));
    expect(status).toEqual({
      "09:00": "Available",
      "09:30": "Booked",
      "10:00": "Booked",
      "10:30": "Booked",
      "11:00": "Available",
      "11:30": "Available",
      "12:00": "Available",
      "12:30": "Reserved",
      "13:00": "Reserved",
      "13:30": "Reserved",
      "14:00": "Available",
      "14:30": "Available",
      "15:00": "Available",
    });
    for (const s of res.body) {
      expect(s.employeeId).toBe(employee);
      expect(s.available).toBe(s.status === "Available");
      expect(Date.parse(s.endTime) - Date.parse(s.startTime)).toBe(3_600_000);
    }
  });

  it("GET /time-slots filters by status (one value, several, any case)", async () => {
    const grid = (status: string | string[]) =>
      api.get(
        `/time-slots${qs({ employeeId: employee, startDate: isoAt(day, "00:00"), endDate: isoAt(day.plus({ days: 1 }), "00:00"), status })}`,
      );
    const booked = await grid("Booked");
    expect(booked.body.map((s: { startTime: string }) => wall(s.startTime))).toEqual(["09:30", "10:00", "10:30"]);
    const held = await grid(["reserved", "BOOKED"]);
    expect(held.body).toHaveLength(6);
    const free = await grid("Available");
    expect(free.body.every((s: { status: string }) => s.status === "Available")).toBe(true);
    expect(free.body).toHaveLength(7);
    const bad = await grid("Occupied");
    expect(bad.status).toBe(400);
  });

  it("GET /time-slots for a room, and its 400/404s", async () => {
    const room = (await createRoom(api, { openingHours: hours(ALL_DAYS, "08:00", "10:00") })).id;
    const res = await api.get(
      `/time-slots${qs({ roomId: room, startDate: isoAt(day, "00:00"), endDate: isoAt(day.plus({ days: 1 }), "00:00") })}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.map((s: { startTime: string; roomId: string }) => [wall(s.startTime), s.roomId])).toEqual([
      ["08:00", room],
      ["08:30", room],
      ["09:00", room],
    ]);
    // neither employeeId nor roomId: every employee's grid (rooms are asked for by id)
    const neither = await api.get(`/time-slots${qs({ startDate: isoAt(day, "00:00"), endDate: isoAt(day, "12:00") })}`);
    expect(neither.status).toBe(200);
    expect(neither.body.some((s: { roomId: string | null }) => s.roomId === room)).toBe(false);
    expect(
      (await api.get(`/time-slots${qs({ employeeId: randomUUID(), startDate: isoAt(day, "00:00"), endDate: isoAt(day, "12:00") })}`))
        .status,
    ).toBe(404);
    const tooLong = await api.get(
      `/time-slots${qs({ employeeId: employee, startDate: isoAt(day, "00:00"), endDate: isoAt(day.plus({ days: 40 }), "00:00") })}`,
    );
    expect(tooLong.status).toBe(400);
    expect(fieldsOf(tooLong.body)).toContain("endDate");
  });

  it("a room grid slot's id is accepted as timeSlotId (GET /room-vacancies)", async () => {
    const location = `Grid-room-${randomUUID().slice(0, 6)}`;
    const room = (await createRoom(api, { location, openingHours: hours(ALL_DAYS, "08:00", "10:00") })).id;
    const grid = await api.get(
      `/time-slots${qs({ roomId: room, startDate: isoAt(day, "00:00"), endDate: isoAt(day.plus({ days: 1 }), "00:00") })}`,
    );
    const res = await api.get(`/room-vacancies${qs({ location, timeSlotId: grid.body[0].id })}`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.map((r: { id: string }) => r.id)).toEqual([room]);
  });

  it("cancelling the meeting makes its slots available again at once", async () => {
    const other = (await createEmployee(api, { workingHours: hours(ALL_DAYS, "09:00", "11:00"), meetingTypes: ["Online"] })).id;
    const { id } = await bookMeeting(api, other, isoAt(day, "09:00"), isoAt(day, "10:00"));
    expect(starts(await availableFor(api, [other], isoAt(day, "00:00")))).toEqual(["10:00"]);
    expect((await api.delete(`/meetings/${id}`)).status).toBe(204);
    expect(starts(await availableFor(api, [other], isoAt(day, "00:00")))).toEqual(["09:00", "09:30", "10:00"]);
  });
});

describe("GET /room-vacancies", () => {
  it("lists the rooms at the location that are open and free for the slot (slot id or reservation id)", async () => {
    const day = nextWeekday(5);
    const location = `Vacancy-${randomUUID().slice(0, 6)}`;
    const small = (await createRoom(api, { location, capacity: 2, openingHours: hours(ALL_DAYS, "08:00", "18:00") })).id;
    const big = (await createRoom(api, { location, capacity: 10, openingHours: hours(ALL_DAYS, "08:00", "12:00") })).id;
    await createRoom(api, { location: "Another town", capacity: 4 });
    const advisor = (await createEmployee(api, { workingHours: hours(ALL_DAYS, "09:00", "16:00"), meetingTypes: ["Physical"] })).id;
    const colleague = (await createEmployee(api, { workingHours: hours(ALL_DAYS, "09:00", "16:00"), meetingTypes: ["Physical"] })).id;
    await bookMeeting(api, colleague, isoAt(day, "09:00"), isoAt(day, "10:00"), { type: "Physical", roomId: small });

    const slots = await availableFor(api, [advisor], isoAt(day, "00:00"));
    const slotAt = (t: string) => slots.find((s) => wall(s.startDate) === t)!.id;
    const vacant = async (timeSlotId: string, loc = location) => {
      const res = await api.get(`/room-vacancies${qs({ location: loc, timeSlotId })}`);
      expect(res.status, res.text).toBe(200);
      return res.body.map((r: { id: string }) => r.id).sort();
    };
    expect(await vacant(slotAt("09:00"))).toEqual([big]); // small is booked
    expect(await vacant(slotAt("10:00"))).toEqual(sorted([small, big]));
    expect(await vacant(slotAt("13:00"))).toEqual([small]); // big closes at 12:00
    expect(await vacant(slotAt("10:00"), location.toUpperCase())).toEqual(sorted([small, big]));
    expect(await vacant(slotAt("10:00"), "Nowhere")).toEqual([]);

    // a reservation id works as the time slot; a room the reservation holds itself is not counted as busy
    const reserved = await api.post(
      `/time-slots/reserve`,
      reserveBody({ startDate: isoAt(day, "14:00"), endDate: isoAt(day, "15:00"), employeeId: advisor, roomId: small }),
    );
    expect(reserved.status).toBe(200);
    expect(await vacant(reserved.body.id)).toEqual([small]);
    expect(await vacant(slotAt("14:00"))).toEqual([]); // held by the reservation, big closed

    const missing = await api.get(`/room-vacancies${qs({ timeSlotId: slotAt("10:00") })}`);
    expect(missing.status).toBe(400);
    expect(fieldsOf(missing.body)).toContain("location");
    const junk = await api.get(`/room-vacancies${qs({ location, timeSlotId: "not-a-slot" })}`);
    expect(junk.status).toBe(400);
    expect(fieldsOf(junk.body)).toContain("timeSlotId");
  });
});
