/** Cost caps: the budget of an availability, grid or vacancy query, checked before any calendar is read. */
import { describe, expect, it } from "vitest";
import { searchAvailability, type AvailabilityQuery } from "../../../shared/booking/queries/availability.js";
import { bookingDeps } from "../../../shared/booking/write/deps.js";
import { availabilityCost, QueryTooLargeError, weeklyStarts } from "../../../shared/booking/queries/query-budget.js";
import { roomVacancies } from "../../../shared/booking/queries/room-vacancies.js";
import { slotGrid } from "../../../shared/booking/queries/slot-grid.js";
import { toSlotEmployee } from "../../../shared/booking/queries/slot-mapping.js";
import { problemFromDomainError } from "../../../shared/api/edge/problem.js";
import type { Employee, Room } from "../../../shared/directory/directory.js";
import { encodeSlotId, generateSlots } from "../../../shared/slots/index.js";
import { memoryStores } from "../../support/memory/stores.js";
import { meetingTypeTimes } from "../../../shared/api/facades/core-calls.js";
import { MeetingTypeBody } from "../../../shared/directory/meeting-types.js";
import { customerTimes } from "../../../shared/api/public/public-booking.js";
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from "../../../shared/booking/model/ports.js";

const NOW = Date.parse("2030-01-07T06:00:00Z"); // Monday
const DAY = 86_400_000;
const DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday"] as const;
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

function advisor(n: number, over: Partial<Employee> = {}): Employee {
  return {
    id: id(n),
    name: `A${n}`,
    email: `a${n}@bank.example`,
    timeZone: "UTC",
    workingHours: DAYS.map((day) => ({ day, start: "09:00", end: "17:00" })),
    overrides: [],
    meetingTypes: ["Physical", "Online", "Telephone"],
    locations: ["Branch"],
    serviceGroups: ["Pension"],
    topicIds: [],
    customerTypeIds: [],
    absences: [],
    ...over,
  };
}

const room = (n: number): Room =>
  ({ id: id(10_000 + n), name: `R${n}`, location: "Branch", capacity: 4, timeZone: "UTC", calendarSync: false }) as unknown as Room;

const query = (over: Partial<AvailabilityQuery> = {}): AvailabilityQuery => ({
  explicitEmployeeIds: [],
  startMs: Date.parse("2030-01-07T00:00:00Z"),
  endMs: Date.parse("2030-01-14T00:00:00Z"),
  employeeTypes: ["ServiceGroup"],
  serviceGroups: ["Pension"],
  meetingTypes: [],
  requireRoom: false,
  requireEmployeeParticipation: false,
  meetingDurationMinutes: 60,
  ...over,
});

const TOPIC = "00000000-0000-4000-8000-0000000000bb";
const CUSTOMER_TYPE = "00000000-0000-4000-8000-0000000000cc";

/** Memory stores with `advisors` advisors (serving TOPIC and CUSTOMER_TYPE) and `rooms` rooms, calendar reads counted. */
async function setup(advisors: number, rooms = 0, queryLimits?: QueryLimits) {
  const stores = memoryStores();
  for (let n = 1; n <= advisors; n++)
    await stores.directory.put("employee", advisor(n, { topicIds: [TOPIC], customerTypeIds: [CUSTOMER_TYPE] }));
  for (let n = 1; n <= rooms; n++) await stores.directory.put("room", room(n));
  const reads = { calls: 0, ids: 0 };
  const entriesOf = stores.schedules.entriesOf.bind(stores.schedules);
  stores.schedules.entriesOf = (ids: string[]) => {
    reads.calls++;
    reads.ids += ids.length;
    return entriesOf(ids);
  };
  return { deps: { ...bookingDeps(stores, { reservationTtlMs: 300_000 }), queryLimits }, reads, stores };
}

describe("the budget's arithmetic", () => {
  it("grid starts a week: (range - duration) / 30 min + 1 per range", () => {
    expect(weeklyStarts(advisor(1), 60 * 60_000)).toBe(5 * 15); // 8 h, 60 min meetings: 09:00 ... 16:00
    expect(weeklyStarts(advisor(1, { workingHours: [{ day: "monday", start: "09:00", end: "09:30" }] }), 60 * 60_000)).toBe(0);
  });

  it("estimates slots per candidate and meeting type, and is an upper bound of what the engine makes on free calendars", async () => {
    const { deps } = await setup(3);
    const q = query();
    const search = await searchAvailability(deps, q, NOW);
    const produced = generateSlots(search.input!).length;
    const cost = availabilityCost(search.candidates, 0, search.request, NOW);
    expect(cost).toMatchObject({ resources: 3, days: 7 });
    expect(cost.slots).toBe(3 * 75 * 3);
    expect(produced).toBeGreaterThan(0);
    expect(produced).toBeLessThanOrEqual(cost.slots!);
  });

  it("meetingTypes narrows the estimate; with requireEmployeeParticipation only the first participant's slots count", () => {
    const candidates = [advisor(1), advisor(2)].map(toSlotEmployee);
    const base = { ...query(), topic: undefined, meetingDurationMinutes: 60 };
    expect(availabilityCost(candidates, 0, { ...base, meetingTypes: ["Online"] }, NOW).slots).toBe(2 * 75);
    expect(availabilityCost(candidates, 0, { ...base, requireEmployeeParticipation: true }, NOW).slots).toBe(75 * 3);
  });

  it("the past part of the window costs nothing", () => {
    const candidates = [toSlotEmployee(advisor(1))];
    const base = { ...query(), topic: undefined, meetingDurationMinutes: 60 };
    expect(availabilityCost(candidates, 0, { ...base, startMs: NOW - 30 * DAY, endMs: NOW + DAY }, NOW).days).toBe(1);
  });
});

describe("availability over the budget answers query_too_large before any calendar is read", () => {
  it("every service-group advisor of a 2,000-advisor bank for 31 days", async () => {
    const { deps, reads } = await setup(2000);
    const q = query({ endMs: query().startMs + 31 * DAY });
    const err = await searchAvailability(deps, q, NOW).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueryTooLargeError);
    expect(reads.calls).toBe(0);
    const p = problemFromDomainError(err as QueryTooLargeError);
    expect(p).toMatchObject({ status: 400, code: "query_too_large", limit: "QUERY_MAX_RESOURCE_DAYS", max: 1500, resources: 2000 });
    expect(p.value).toBe(2000 * 31);
    expect(p.detail).toMatch(/explicitEmployeeIds.*serviceGroups.*meetingTypes.*lookForwardTime/);
  });

  it("a query within both limits reads the calendars (the counter counts)", async () => {
    const { deps, reads } = await setup(40, 6);
    const q = query({ employeeTypes: ["Local"], customerLocation: "Branch", requireRoom: true, endMs: query().startMs + 14 * DAY });
    const search = await searchAvailability(deps, q, NOW);
    expect(search.input?.employees).toHaveLength(40);
    expect(reads.calls).toBe(1);
    expect(reads.ids).toBeGreaterThan(0);
  });

  it("the slot estimate has its own limit: few resources, many slots", async () => {
    const { deps, reads } = await setup(40, 0, { maxResourceDays: 10_000, maxSlots: 1000 });
    const err = await searchAvailability(deps, query(), NOW).catch((e: unknown) => e);
    expect(problemFromDomainError(err as QueryTooLargeError)).toMatchObject({
      code: "query_too_large",
      limit: "QUERY_MAX_SLOTS",
      max: 1000,
      estimatedSlots: 40 * 75 * 3,
    });
    expect(reads.calls).toBe(0);
    // ... and a meetingTypes filter brings it under: 40 x 75 x 1 = 3,000 is still over, one type for 5 advisors is not
    const ok = await searchAvailability(
      deps,
      query({ employeeTypes: ["Explicit"], explicitEmployeeIds: [1, 2, 3, 4, 5].map(id), meetingTypes: ["Online"] }),
      NOW,
    );
    expect(ok.input?.employees).toHaveLength(5);
  });

  it("rooms count as resources when a room is required", async () => {
    const { deps, reads } = await setup(1, 20, { maxResourceDays: 7 * 20, maxSlots: DEFAULT_QUERY_LIMITS.maxSlots });
    const q = query({ employeeTypes: ["Local"], customerLocation: "Branch", requireRoom: true });
    await expect(searchAvailability(deps, q, NOW)).rejects.toMatchObject({ code: "query_too_large", extra: { resources: 21, days: 7 } });
    expect(reads.calls).toBe(0);
  });
});

describe("a meeting type's pool (the facades' availability) has the same cap", () => {
  it("a service-group pool of 2,000 advisors over 31 days: query_too_large, no calendar read; hostIds narrow it", async () => {
    const { deps, reads, stores } = await setup(2000);
    const type = MeetingTypeBody.parse({ name: "Advice", durations: { defaultMinutes: 60 }, pool: { serviceGroup: "Pension" } });
    const mt = "00000000-0000-4000-8000-0000000000aa";
    await stores.directory.put("meetingType", { ...type, id: mt });
    const window = { meetingTypeId: mt, startMs: query().startMs, endMs: query().startMs + 31 * DAY };
    await expect(meetingTypeTimes(deps, window, NOW)).rejects.toMatchObject({
      code: "query_too_large",
      extra: { resources: 2000, days: 31 },
    });
    expect(reads.calls).toBe(0);
    expect((await meetingTypeTimes(deps, { ...window, hostIds: [id(1), id(2)] }, NOW)).length).toBeGreaterThan(0);
    expect(reads.calls).toBe(1);
  });
});

describe("the public booking page's availability has the same cap", () => {
  it("a branch over the limit: query_too_large before any calendar read", async () => {
    const { deps, reads, stores } = await setup(40, 0, { maxResourceDays: 100, maxSlots: DEFAULT_QUERY_LIMITS.maxSlots });
    await stores.directory.put("topic", { id: TOPIC, name: "Pension", customerTypeIds: [], isCustomerVisible: true });
    const choice = { topicId: TOPIC, customerTypeId: CUSTOMER_TYPE, meetingType: "Online" as const, branch: "Branch" };
    await expect(customerTimes(deps, choice, NOW, NOW + 14 * DAY, NOW)).rejects.toMatchObject({
      code: "query_too_large",
      extra: { resources: 40 },
    });
    expect(reads.calls).toBe(0);
    expect((await customerTimes(deps, choice, NOW, NOW + 2 * DAY, NOW)).length).toBeGreaterThan(0);
  });
});

describe("the grid and room vacancies have the same caps", () => {
  it("every employee's grid for 7 days over the limit: no calendar read", async () => {
    const { deps, reads } = await setup(300, 0, { maxResourceDays: 1000, maxSlots: 1_000_000 });
    const grid = { startDate: "2030-01-07T00:00:00Z", endDate: "2030-01-14T00:00:00Z", status: [], meetingDuration: 60 };
    await expect(slotGrid(deps, grid, NOW)).rejects.toMatchObject({
      code: "query_too_large",
      extra: { resources: 300, days: 7, value: 2100 },
    });
    expect(reads.calls).toBe(0);
    // one employee's is fine
    const one = await slotGrid(deps, { ...grid, employeeId: id(1) }, NOW);
    expect(one.length).toBe(5 * 15);
    expect(reads.calls).toBe(1);
  });

  it("every employee's grid is refused before any working time is computed", async () => {
    const { deps, stores } = await setup(300, 0, { maxResourceDays: 1000, maxSlots: 1_000_000 });
    let hoursRead = 0;
    const list = stores.directory.list.bind(stores.directory);
    stores.directory.list = (async (kind: "employee") =>
      (await list(kind)).map(
        (e) =>
          new Proxy(e, {
            get: (target, prop, receiver) => (prop === "workingHours" && hoursRead++, Reflect.get(target, prop, receiver) as unknown),
          }),
      )) as typeof stores.directory.list;
    const grid = { startDate: "2030-01-07T00:00:00Z", endDate: "2030-01-14T00:00:00Z", status: [], meetingDuration: 60 };
    await expect(slotGrid(deps, grid, NOW)).rejects.toMatchObject({ code: "query_too_large" });
    expect(hoursRead).toBe(0);
    await slotGrid({ ...deps, queryLimits: DEFAULT_QUERY_LIMITS }, { ...grid, endDate: "2030-01-09T00:00:00Z" }, NOW);
    expect(hoursRead).toBeGreaterThan(0); // the counter counts
  });

  it("the grid's slot count comes from the owners' open time", async () => {
    const { deps, reads } = await setup(30, 0, { maxResourceDays: 10_000, maxSlots: 500 });
    const grid = { startDate: "2030-01-07T00:00:00Z", endDate: "2030-01-14T00:00:00Z", status: [], meetingDuration: 60 };
    await expect(slotGrid(deps, grid, NOW)).rejects.toMatchObject({ extra: { limit: "QUERY_MAX_SLOTS", value: 30 * 5 * 16 } });
    expect(reads.calls).toBe(0);
  });

  it("room vacancies for a slot spanning months at a location with many rooms", async () => {
    const { deps, reads } = await setup(1, 50, { maxResourceDays: 1000, maxSlots: 1000 });
    const slot = encodeSlotId({ employeeId: id(1), start: NOW + DAY, end: NOW + 60 * DAY, meetingType: "Physical" });
    await expect(roomVacancies(deps, "Branch", slot, NOW)).rejects.toMatchObject({
      code: "query_too_large",
      extra: { resources: 50, days: 59 },
    });
    expect(reads.calls).toBe(0);
  });
});
