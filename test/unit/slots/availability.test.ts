import { describe, expect, it } from "vitest";
import { generateSlots, MEETING_TYPES } from "../../../shared/slots/index.js";
import type { Interval, MeetingType } from "../../../shared/slots/index.js";
import { between, DAY, employee, hours, input, isSorted, local, MINUTE, MON_FRI, MONDAY, wallStarts } from "./fixtures.js";

const ALL_STARTS = ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "12:00", "12:30", "13:00", "13:30", "14:00", "14:30", "15:00"];
const at = (hhmm: string) => local(`${MONDAY}T${hhmm}`);
const slotsWith = (o: Parameters<typeof input>[0]) => wallStarts(generateSlots(input(o)));

describe("working hours 09:00-16:00 on one day", () => {
  it("offers every half hour, and the last slot of the day (15:00-16:00) is included", () => {
    const slots = generateSlots(input());
    expect(wallStarts(slots)).toEqual(ALL_STARTS);
    expect(slots[slots.length - 1].end).toBe(at("16:00"));
  });

  it.each([
    [30, [...ALL_STARTS, "15:30"]],
    [90, ALL_STARTS.slice(0, -2).concat("14:30")],
    [45, [...ALL_STARTS]],
  ])("a %d-minute meeting still starts on :00/:30 and ends by 16:00", (minutes, expected) => {
    const slots = generateSlots(input({ request: { meetingDurationMinutes: minutes } }));
    expect(wallStarts(slots)).toEqual(expected);
    for (const s of slots) expect(s.end - s.start).toBe(minutes * MINUTE);
  });

  it("a slot may span adjacent ranges (11:30-12:30 across 09-12 and 12-16)", () => {
    const e = employee("e1", { workingHours: hours(MON_FRI, ["09:00", "12:00"], ["12:00", "16:00"]) });
    expect(slotsWith({ employees: [e] })).toEqual(ALL_STARTS);
  });

  it("a lunch break between ranges is not bookable", () => {
    const e = employee("e1", { workingHours: hours(MON_FRI, ["09:00", "12:00"], ["13:00", "16:00"]) });
    expect(slotsWith({ employees: [e] })).toEqual([
      "09:00",
      "09:30",
      "10:00",
      "10:30",
      "11:00",
      "13:00",
      "13:30",
      "14:00",
      "14:30",
      "15:00",
    ]);
  });

  it("no working hours, no slots", () => {
    expect(slotsWith({ employees: [employee("e1", { workingHours: [] })] })).toEqual([]);
  });
});

describe("busy intervals", () => {
  const b = (from: string, to: string): Interval => between(MONDAY, from, to);
  it.each<[string, Interval[], string[]]>([
    [
      "one busy hour removes the slots overlapping it",
      [b("10:00", "11:00")],
      ["09:00", "11:00", "11:30", "12:00", "12:30", "13:00", "13:30", "14:00", "14:30", "15:00"],
    ],
    [
      "overlapping busy intervals act as their union",
      [b("10:00", "11:00"), b("10:30", "11:30")],
      ["09:00", "11:30", "12:00", "12:30", "13:00", "13:30", "14:00", "14:30", "15:00"],
    ],
    [
      "adjacent busy intervals act as one",
      [b("10:00", "11:00"), b("11:00", "12:00")],
      ["09:00", "12:00", "12:30", "13:00", "13:30", "14:00", "14:30", "15:00"],
    ],
    [
      "half-open ends: a slot may end when busy starts and start when it ends",
      [b("12:00", "13:00")],
      ["09:00", "09:30", "10:00", "10:30", "11:00", "13:00", "13:30", "14:00", "14:30", "15:00"],
    ],
    [
      "a one-minute busy interval blocks both slots covering it",
      [b("13:10", "13:11")],
      ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "12:00", "13:30", "14:00", "14:30", "15:00"],
    ],
    [
      "unsorted busy intervals are fine",
      [b("14:00", "15:00"), b("09:00", "10:00")],
      ["10:00", "10:30", "11:00", "11:30", "12:00", "12:30", "13:00", "15:00"],
    ],
    ["busy outside working time changes nothing", [b("06:00", "09:00"), b("16:00", "18:00")], ALL_STARTS],
    ["busy all day leaves nothing", [b("00:00", "23:00")], []],
  ])("%s", (_name, busy, expected) => {
    expect(slotsWith({ busy: { e1: busy } })).toEqual(expected);
  });

  it("busy intervals of another employee do not matter", () => {
    expect(slotsWith({ busy: { other: [b("09:00", "16:00")] } })).toEqual(ALL_STARTS);
  });
});

describe("buffers widen busy time", () => {
  const busy = { e1: [between(MONDAY, "12:00", "13:00")] };
  it.each<[string, object, object | undefined, string[]]>([
    ["no buffers", {}, undefined, ["09:00", "09:30", "10:00", "10:30", "11:00", "13:00", "13:30", "14:00", "14:30", "15:00"]],
    [
      "15 minutes before the slot: nothing may end within 15 min of its start",
      { bufferBeforeMinutes: 15 },
      undefined,
      ["09:00", "09:30", "10:00", "10:30", "11:00", "13:30", "14:00", "14:30", "15:00"],
    ],
    [
      "30 minutes after the slot: nothing may start within 30 min of its end",
      { bufferAfterMinutes: 30 },
      undefined,
      ["09:00", "09:30", "10:00", "10:30", "13:00", "13:30", "14:00", "14:30", "15:00"],
    ],
    [
      "both buffers",
      { bufferBeforeMinutes: 30, bufferAfterMinutes: 30 },
      undefined,
      ["09:00", "09:30", "10:00", "10:30", "13:30", "14:00", "14:30", "15:00"],
    ],
    [
      "topic buffers extend the employee's (max)",
      { bufferBeforeMinutes: 15 },
      { bufferBeforeMinutes: 45, bufferAfterMinutes: 30 },
      ["09:00", "09:30", "10:00", "10:30", "14:00", "14:30", "15:00"],
    ],
    [
      "smaller topic buffers do not shrink the employee's",
      { bufferBeforeMinutes: 45 },
      { bufferBeforeMinutes: 15 },
      ["09:00", "09:30", "10:00", "10:30", "11:00", "14:00", "14:30", "15:00"],
    ],
  ])("%s", (_name, employeeOver, topicOver, expected) => {
    const e = employee("e1", { topicIds: ["t"], ...employeeOver });
    const topic = topicOver === undefined ? undefined : { id: "t", customerTypeIds: [], ...topicOver };
    expect(slotsWith({ employees: [e], busy, request: { topic } })).toEqual(expected);
  });

  it("buffers do not shrink working time: the 09:00 and 15:00 slots stay", () => {
    const e = employee("e1", { bufferBeforeMinutes: 30, bufferAfterMinutes: 30 });
    expect(slotsWith({ employees: [e] })).toEqual(ALL_STARTS);
  });
});

describe("the clock: never in the past, minimum notice, maxDaysAhead, window", () => {
  it.each<[string, number, object, string[]]>([
    ["now exactly on a slot start keeps that slot", at("11:00"), {}, ALL_STARTS.slice(4)],
    ["never a slot starting before now", at("11:05"), {}, ALL_STARTS.slice(5)],
    ["minimum notice pushes the first slot", at("09:10"), { minimumNoticeMinutes: 60 }, ALL_STARTS.slice(3)],
    ["notice reaching past the day leaves nothing", at("09:00"), { minimumNoticeMinutes: 7 * 60 }, []],
    ["now after working hours leaves nothing", at("17:00"), {}, []],
  ])("%s", (_name, now, over, expected) => {
    expect(slotsWith({ employees: [employee("e1", over)], now })).toEqual(expected);
  });

  it("topic notice extends the employee's", () => {
    const e = employee("e1", { minimumNoticeMinutes: 30, topicIds: ["t"] });
    const topic = { id: "t", customerTypeIds: [], minimumNoticeMinutes: 120 };
    expect(slotsWith({ employees: [e], now: at("09:00"), request: { topic } })).toEqual(ALL_STARTS.slice(4));
  });

  it.each<[string, object, object | undefined, number]>([
    ["unlimited by default", {}, undefined, 5],
    ["maxDaysAhead 2 keeps starts within 2 × 24 h of now", { maxDaysAhead: 2 }, undefined, 3],
    ["maxDaysAhead 0 keeps only starts at now", { maxDaysAhead: 0 }, undefined, 1],
    ["the topic's shorter horizon wins", { maxDaysAhead: 10 }, { maxDaysAhead: 1 }, 2],
  ])("%s", (_name, employeeOver, topicOver, days) => {
    const now = at("09:00");
    const e = employee("e1", { topicIds: ["t"], ...employeeOver });
    const topic = topicOver === undefined ? undefined : { id: "t", customerTypeIds: [], ...topicOver };
    const slots = generateSlots(input({ employees: [e], now, request: { endMs: at("00:00") + 7 * DAY, topic } }));
    const dates = new Set(slots.map((s) => new Date(s.start).toISOString().slice(0, 10)));
    expect(dates.size).toBe(days);
    for (const s of slots) expect(s.start).toBeLessThanOrEqual(now + (e.maxDaysAhead ?? 99) * DAY);
  });

  it("a slot is offered when its start is inside [startMs, endMs), even if it ends later", () => {
    expect(slotsWith({ request: { startMs: at("10:00"), endMs: at("11:00") } })).toEqual(["10:00", "10:30"]);
  });

  it("an empty or inverted window gives nothing", () => {
    expect(slotsWith({ request: { startMs: at("10:00"), endMs: at("10:00") } })).toEqual([]);
    expect(slotsWith({ request: { startMs: at("12:00"), endMs: at("10:00") } })).toEqual([]);
  });

  it("a non-positive duration gives nothing", () => {
    expect(slotsWith({ request: { meetingDurationMinutes: 0 } })).toEqual([]);
  });
});

describe("meeting types and order", () => {
  it.each<[string, MeetingType[], MeetingType[]]>([
    ["empty request = every type the employee supports, in MEETING_TYPES order", [], ["Physical", "Online", "Offsite"]],
    ["a filter keeps the supported requested types", ["Online", "Telephone"], ["Online"]],
    ["a filter with no supported type gives nothing", ["Telephone"], []],
  ])("%s", (_name, requested, expected) => {
    const e = employee("e1", { meetingTypes: ["Offsite", "Online", "Physical"] });
    const slots = generateSlots(input({ employees: [e], request: { meetingTypes: requested } }));
    expect(slots.filter((s) => s.start === at("09:00")).map((s) => s.meetingType)).toEqual(expected);
    expect(slots.length).toBe(ALL_STARTS.length * expected.length);
  });

  it("output is sorted by start, then employeeId, then meeting type, whatever the input order", () => {
    const employees = [
      employee("carol", { meetingTypes: ["Telephone", "Physical"] }),
      employee("alice", { meetingTypes: ["Online"], workingHours: hours(MON_FRI, ["10:00", "12:00"]) }),
      employee("bob", { meetingTypes: [...MEETING_TYPES], timeZone: "Europe/London" }),
    ];
    const slots = generateSlots(input({ employees }));
    expect(isSorted(slots)).toBe(true);
    expect(slots.slice(0, 5).map((s) => `${wallStarts([s])[0]} ${s.employeeId} ${s.meetingType}`)).toEqual([
      "09:00 carol Physical",
      "09:00 carol Telephone",
      "09:30 carol Physical",
      "09:30 carol Telephone",
      "10:00 alice Online",
    ]);
    expect(generateSlots(input({ employees: [...employees].reverse() }))).toEqual(slots);
  });

  it("sorted also when starts are sparse (months apart) or on different grids (+05:45)", () => {
    const employees = [
      employee("late", { workingHours: [], overrides: [{ date: "2026-12-01", ranges: [{ start: "09:00", end: "12:00" }] }] }),
      employee("early", { workingHours: [], overrides: [{ date: "2026-06-01", ranges: [{ start: "09:00", end: "12:00" }] }] }),
      employee("nepal", {
        timeZone: "Asia/Kathmandu",
        workingHours: [],
        overrides: [{ date: "2026-06-01", ranges: [{ start: "13:00", end: "16:00" }] }],
      }),
    ];
    const slots = generateSlots(input({ employees, request: { endMs: at("00:00") + 200 * DAY } }));
    expect(slots.length).toBe(15);
    expect(isSorted(slots)).toBe(true);
    expect(slots.map((s) => s.employeeId).slice(0, 4)).toEqual(["early", "nepal", "early", "nepal"]);
  });

  it("slots are plain objects carrying only the fields that apply", () => {
    const [pool] = generateSlots(input());
    expect(Object.keys(pool)).toEqual(["id", "employeeId", "start", "end", "meetingType"]);
    expect({ ...pool }).toEqual(pool);
    const [joint] = generateSlots(
      input({
        employees: [employee("a"), employee("b")],
        request: { requireEmployeeParticipation: true, explicitEmployeeIds: ["a", "b"] },
      }),
    );
    expect(Object.keys(joint)).toEqual(["id", "employeeId", "additionalEmployees", "start", "end", "meetingType"]);
  });

  it("the same input gives the same output", () => {
    const o = {
      employees: [employee("a"), employee("b", { meetingTypes: ["Physical", "Online"] })],
      busy: { a: [between(MONDAY, "10:00", "11:00")] },
    };
    expect(JSON.stringify(generateSlots(input(o)))).toBe(JSON.stringify(generateSlots(input(o))));
  });
});
