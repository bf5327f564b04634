/**
 * Random slot-engine inputs for comparison tests: up to 8 employees in zones with DST changes
 * (and +05:30/+05:45/+10:30-style offsets), windows around 2026's changes, any-minute hours
 * (including the skipped and repeated hours), overrides, absences, busy time, buffers, notice,
 * horizons, rooms with opening hours and busy time, pool and joint requests.
 */
import fc from "fast-check";
import { MEETING_TYPES, WEEKDAYS } from "../../../shared/slots/index.js";
import type { EmployeeType, Interval, MeetingType, SlotEmployee, SlotInput, SlotRoom } from "../../../shared/slots/index.js";
import { DAY, HOUR, MINUTE } from "./fixtures.js";

const ZONES = [
  "Europe/Copenhagen",
  "Europe/London",
  "America/New_York",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Australia/Lord_Howe",
  "UTC",
  "Not/AZone",
];
const ANCHORS = ["2026-03-29", "2026-10-25", "2026-03-08", "2026-11-01", "2026-04-05", "2026-10-04", "2026-06-15"].map((d) =>
  Date.parse(`${d}T00:00:00Z`),
);
const IDS = ["a", "b", "emp-1", "emp-2", "Ærø-7", "x/y+z", "zz", "m"];
const LOCATIONS = ["Aarhus", " aarhus ", "Odense"];

const clock = fc
  .integer({ min: 0, max: 24 * 4 })
  .map((q) => `${String(Math.floor(q / 4)).padStart(2, "0")}:${String((q % 4) * 15).padStart(2, "0")}`);
const anyMinute = fc
  .integer({ min: 0, max: 1439 })
  .map((m) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`);
const range = fc
  .tuple(fc.oneof(clock, anyMinute), fc.oneof(clock, anyMinute))
  .map(([a, b]) => (a < b ? { start: a, end: b } : { start: b, end: a }));
const interval = (from: number, to: number): fc.Arbitrary<Interval> =>
  fc.tuple(fc.integer({ min: from, max: to }), fc.integer({ min: 1, max: 8 * HOUR })).map(([start, len]) => ({ start, end: start + len }));
/** Often an ordinary office day, so joint requests (everyone free at once) produce slots too. */
const dayRange = fc.oneof({ arbitrary: fc.constant({ start: "08:00", end: "17:00" }), weight: 2 }, { arbitrary: range, weight: 3 });
const types = fc.subarray<MeetingType>([...MEETING_TYPES]);
const employeeTypes = fc.oneof(fc.constant<MeetingType[]>(["Physical", "Online"]), types);

export const slotInputArb: fc.Arbitrary<SlotInput> = fc
  .record({
    anchor: fc.constantFrom(...ANCHORS),
    startOffsetMin: fc.integer({ min: -3 * 24 * 60, max: 24 * 60 }),
    windowHours: fc.integer({ min: 1, max: 10 * 24 }),
    nowOffsetMs: fc.integer({ min: -2 * DAY, max: 2 * DAY }),
    duration: fc.constantFrom(15, 30, 45, 60, 90, 120, 0),
  })
  .chain((w) => {
    const startMs = w.anchor + w.startOffsetMin * MINUTE;
    const endMs = startMs + w.windowHours * HOUR;
    const employee = fc.record({
      zone: fc.constantFrom(...ZONES),
      weekly: fc.array(fc.array(dayRange, { maxLength: 3 }), { minLength: 7, maxLength: 7 }),
      overrides: fc.array(fc.tuple(fc.integer({ min: -2, max: 10 }), fc.array(range, { maxLength: 2 })), { maxLength: 2 }),
      absences: fc.array(interval(startMs - DAY, endMs), { maxLength: 2 }),
      busy: fc.array(interval(startMs - 8 * HOUR, endMs + 2 * HOUR), { maxLength: 8 }),
      before: fc.constantFrom(0, 5, 15, 30),
      after: fc.constantFrom(0, 10, 30),
      notice: fc.constantFrom(0, 30, 90, undefined),
      maxDays: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
      types: employeeTypes,
      location: fc.constantFrom(...LOCATIONS),
      group: fc.constantFrom<string[]>([], ["Pension"], ["pension ", "Loans"]),
    });
    const room = fc.record({
      capacity: fc.integer({ min: 1, max: 4 }),
      location: fc.constantFrom(...LOCATIONS),
      zone: fc.constantFrom(undefined, "Europe/Copenhagen", "Asia/Kolkata"),
      hours: fc.option(fc.array(fc.array(range, { maxLength: 2 }), { minLength: 7, maxLength: 7 }), { nil: undefined }),
      busy: fc.array(interval(startMs - 2 * HOUR, endMs + 2 * HOUR), { maxLength: 8 }),
    });
    return fc
      .record({
        employees: fc.array(employee, { minLength: 0, maxLength: IDS.length }),
        rooms: fc.array(room, { maxLength: 4 }),
        joint: fc.integer({ min: 0, max: 2 }).map((x) => x === 0),
        requireRoom: fc.integer({ min: 0, max: 3 }).map((x) => x === 0),
        meetingTypes: types,
        employeeTypes: fc.subarray<EmployeeType>(["Explicit", "Local", "ServiceGroup", "Global"], { minLength: 1 }),
        explicitCount: fc.integer({ min: 0, max: 4 }),
        location: fc.constantFrom(undefined, ...LOCATIONS),
        serviceGroups: fc.constantFrom<string[] | undefined>(undefined, [], ["PENSION"]),
      })
      .map((r): SlotInput => {
        const employees: SlotEmployee[] = r.employees.map((e, i) => ({
          id: IDS[i],
          timeZone: e.zone,
          workingHours: e.weekly.flatMap((ranges, d) => ranges.map((x) => ({ day: WEEKDAYS[d], ...x }))),
          overrides: e.overrides.map(([day, ranges]) => ({ date: new Date(startMs + day * DAY).toISOString().slice(0, 10), ranges })),
          absences: e.absences,
          meetingTypes: e.types,
          locations: [e.location],
          serviceGroups: e.group,
          topicIds: [],
          customerTypeIds: [],
          bufferBeforeMinutes: e.before,
          bufferAfterMinutes: e.after,
          minimumNoticeMinutes: e.notice,
          maxDaysAhead: e.maxDays,
        }));
        const rooms: SlotRoom[] = r.rooms.map((x, i) => ({
          id: `room-${i}`,
          location: x.location,
          capacity: x.capacity,
          timeZone: x.zone,
          openingHours: x.hours?.flatMap((ranges, d) => ranges.map((y) => ({ day: WEEKDAYS[d], ...y }))),
        }));
        return {
          employees: [...employees].reverse(),
          rooms,
          employeeBusy: new Map(r.employees.map((e, i) => [IDS[i], e.busy])),
          roomBusy: new Map(r.rooms.map((x, i) => [`room-${i}`, x.busy])),
          now: startMs + w.nowOffsetMs,
          request: {
            explicitEmployeeIds: employees
              .slice(0, r.explicitCount)
              .map((e) => e.id)
              .reverse(),
            startMs,
            endMs,
            employeeTypes: r.employeeTypes,
            serviceGroups: r.serviceGroups,
            meetingTypes: r.meetingTypes,
            customerLocation: r.location,
            requireRoom: r.requireRoom,
            requireEmployeeParticipation: r.joint,
            meetingDurationMinutes: w.duration,
          },
        };
      });
  });
