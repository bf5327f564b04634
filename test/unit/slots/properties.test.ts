/**
 * Property-based tests: random employees, hours, busy time, clocks and windows around DST
 * changes, checked against an oracle that reads wall-clock time through luxon per instant.
 */
import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { decodeSlotId, generateSlots, WEEKDAYS } from "../../../shared/slots/index.js";
import type { DailyRange, DateOverride, Interval, MeetingType, Slot, SlotEmployee, SlotInput } from "../../../shared/slots/index.js";
import { DAY, HOUR, isSorted, MINUTE } from "./fixtures.js";

const ZONES = [
  "Europe/Copenhagen",
  "America/New_York",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Australia/Adelaide",
  "Australia/Lord_Howe",
  "UTC",
];
/** Near DST changes of those zones in 2026, plus an ordinary date. */
const ANCHORS = ["2026-03-29", "2026-10-25", "2026-03-08", "2026-11-01", "2026-04-05", "2026-10-04", "2026-06-15"].map((d) =>
  Date.parse(`${d}T00:00:00Z`),
);
/**
 * Range boundaries on 15-minute marks, avoiding 00:15-03:45 where DST changes happen in these
 * zones, so a wall-clock oracle sampling every 15 minutes is exact.
 */
const BOUNDARIES = [
  "00:00",
  ...Array.from({ length: 81 }, (_, i) => {
    const m = 4 * 60 + i * 15;
    return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  }),
];
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

const rangeArb = fc
  .tuple(fc.integer({ min: 0, max: BOUNDARIES.length - 1 }), fc.integer({ min: 0, max: BOUNDARIES.length - 1 }))
  .filter(([a, b]) => a !== b)
  .map(([a, b]) => ({ start: BOUNDARIES[Math.min(a, b)], end: BOUNDARIES[Math.max(a, b)] }));

const intervalArb = (from: number, to: number) =>
  fc.tuple(fc.integer({ min: from, max: to }), fc.integer({ min: 1, max: 6 * HOUR })).map(([start, len]) => ({ start, end: start + len }));

const scenarioArb = fc
  .record({
    anchor: fc.constantFrom(...ANCHORS),
    startOffsetMin: fc.integer({ min: -36 * 60, max: 36 * 60 }),
    windowHours: fc.integer({ min: 1, max: 60 }),
    nowOffsetMs: fc.integer({ min: -2 * DAY, max: DAY }),
    duration: fc.constantFrom(15, 30, 45, 60, 90),
  })
  .chain((s) => {
    const startMs = s.anchor + s.startOffsetMin * MINUTE;
    const endMs = startMs + s.windowHours * HOUR;
    const employeeArb = fc.record({
      zone: fc.constantFrom(...ZONES),
      weekly: fc.array(fc.array(rangeArb, { maxLength: 3 }), { minLength: 7, maxLength: 7 }),
      override: fc.option(fc.tuple(fc.integer({ min: -2, max: 2 }), fc.array(rangeArb, { maxLength: 2 }))),
      absences: fc.array(intervalArb(startMs - DAY, endMs), { maxLength: 2 }),
      busy: fc.array(intervalArb(startMs - 8 * HOUR, endMs + 2 * HOUR), { maxLength: 6 }),
      before: fc.constantFrom(0, 5, 15, 30),
      after: fc.constantFrom(0, 10, 30),
      notice: fc.constantFrom(0, 30, 90),
      maxDays: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      types: fc.subarray<MeetingType>(["Physical", "Online", "Telephone", "Offsite"], { minLength: 1 }),
    });
    return fc.record({
      startMs: fc.constant(startMs),
      endMs: fc.constant(endMs),
      now: fc.constant(startMs + s.nowOffsetMs),
      duration: fc.constant(s.duration),
      employees: fc.array(employeeArb, { minLength: 1, maxLength: 4 }),
    });
  });

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function toInput(s: Scenario, mode: "pool" | "joint" = "pool"): SlotInput {
  const employees: SlotEmployee[] = s.employees.map((e, i) => {
    const workingHours: DailyRange[] = e.weekly.flatMap((ranges, d) => ranges.map((r) => ({ day: WEEKDAYS[d], ...r })));
    const overrides: DateOverride[] =
      e.override === null ? [] : [{ date: new Date(s.startMs + e.override[0] * DAY).toISOString().slice(0, 10), ranges: e.override[1] }];
    return {
      id: `e${i}`,
      timeZone: e.zone,
      workingHours,
      overrides,
      absences: e.absences,
      meetingTypes: e.types,
      locations: [],
      serviceGroups: [],
      topicIds: [],
      customerTypeIds: [],
      bufferBeforeMinutes: e.before,
      bufferAfterMinutes: e.after,
      minimumNoticeMinutes: e.notice,
      maxDaysAhead: e.maxDays,
    };
  });
  return {
    employees,
    rooms: [],
    employeeBusy: new Map(s.employees.map((e, i) => [`e${i}`, e.busy])),
    roomBusy: new Map(),
    now: s.now,
    request: {
      explicitEmployeeIds: employees.map((e) => e.id),
      startMs: s.startMs,
      endMs: s.endMs,
      employeeTypes: ["Global"],
      meetingTypes: [],
      requireRoom: false,
      requireEmployeeParticipation: mode === "joint",
      meetingDurationMinutes: s.duration,
    },
  };
}

/** Wall-clock oracle, one luxon conversion per 15-minute instant. */
class Oracle {
  private readonly cache = new Map<string, boolean>();
  constructor(private readonly input: SlotInput) {}

  private workingAt(e: SlotEmployee, t: number): boolean {
    const key = `${e.id}:${t}`;
    let v = this.cache.get(key);
    if (v === undefined) {
      const dt = DateTime.fromMillis(t, { zone: e.timeZone });
      const override = e.overrides?.find((o) => o.date === dt.toISODate());
      const ranges = override?.ranges ?? e.workingHours.filter((r) => r.day === WEEKDAYS[dt.weekday - 1]);
      const m = dt.hour * 60 + dt.minute;
      v = ranges.some((r) => minutesOf(r.start) <= m && m < minutesOf(r.end));
      this.cache.set(key, v);
    }
    return v;
  }

  onGrid(e: SlotEmployee, t: number): boolean {
    const dt = DateTime.fromMillis(t, { zone: e.timeZone });
    return dt.minute % 30 === 0 && dt.second === 0 && dt.millisecond === 0;
  }

  /** May `e` take [s, s + duration)? Every rule, checked directly. */
  free(e: SlotEmployee, s: number): boolean {
    const { request, now } = this.input;
    const end = s + request.meetingDurationMinutes * MINUTE;
    const before = (e.bufferBeforeMinutes ?? 0) * MINUTE;
    const after = (e.bufferAfterMinutes ?? 0) * MINUTE;
    if (s < request.startMs || s >= request.endMs || s < now + (e.minimumNoticeMinutes ?? 0) * MINUTE) return false;
    if (e.maxDaysAhead !== undefined && s > now + e.maxDaysAhead * DAY) return false;
    for (let t = s; t < end; t += 15 * MINUTE) if (!this.workingAt(e, t)) return false;
    if ((e.absences ?? []).some((a) => a.start < end && a.end > s)) return false;
    const busy: Interval[] = this.input.employeeBusy.get(e.id) ?? [];
    return !busy.some((b) => b.start < end + after && b.end > s - before);
  }

  /** Every start the employee should be offered, by brute force over 15-minute instants. */
  expectedStarts(e: SlotEmployee): number[] {
    const out: number[] = [];
    const first = Math.ceil(this.input.request.startMs / (15 * MINUTE)) * 15 * MINUTE;
    for (let t = first; t < this.input.request.endMs; t += 15 * MINUTE) if (this.onGrid(e, t) && this.free(e, t)) out.push(t);
    return out;
  }
}

const RUNS = { numRuns: 80 };

describe("generateSlots properties", () => {
  it("one employee: the slots are exactly the free grid starts the oracle finds", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const inp = toInput({ ...s, employees: s.employees.slice(0, 1) });
        const e = inp.employees[0];
        const starts = [...new Set(generateSlots(inp).map((x) => x.start))];
        expect(starts).toEqual(new Oracle(inp).expectedStarts(e));
      }),
      RUNS,
    );
  });

  it("several employees: every slot is free, on its employee's local grid, never before now; output sorted and deterministic", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const inp = toInput(s);
        const oracle = new Oracle(inp);
        const slots = generateSlots(inp);
        const byId = new Map(inp.employees.map((e) => [e.id, e]));
        for (const slot of slots) {
          const e = byId.get(slot.employeeId) as SlotEmployee;
          expect(slot.start).toBeGreaterThanOrEqual(inp.now);
          expect(slot.end - slot.start).toBe(inp.request.meetingDurationMinutes * MINUTE);
          expect(oracle.onGrid(e, slot.start)).toBe(true);
          expect(oracle.free(e, slot.start)).toBe(true);
          expect(e.meetingTypes).toContain(slot.meetingType);
          expect(decodeSlotId(slot.id)).toEqual({ ...slot, id: undefined, additionalEmployees: [], roomId: undefined });
        }
        expect(isSorted(slots)).toBe(true);
        expect(JSON.stringify(generateSlots(inp))).toBe(JSON.stringify(slots));
        const perEmployee = inp.employees.reduce((n, e) => n + oracle.expectedStarts(e).length * e.meetingTypes.length, 0);
        expect(slots.length).toBe(perEmployee);
      }),
      { numRuns: 40 },
    );
  });

  it("joint meetings: every participant is free for every slot, on the first one's grid", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const inp = toInput(s, "joint");
        const oracle = new Oracle(inp);
        const slots: Slot[] = generateSlots(inp);
        const [first, ...others] = inp.employees;
        const common = first.meetingTypes.filter((t) => others.every((o) => o.meetingTypes.includes(t)));
        const expected = oracle.expectedStarts(first).filter((t) => others.every((o) => oracle.free(o, t)));
        expect(slots.length).toBe(expected.length * common.length);
        expect([...new Set(slots.map((x) => x.start))]).toEqual(common.length > 0 ? expected : []);
        for (const slot of slots) {
          expect(slot.employeeId).toBe(first.id);
          expect(slot.additionalEmployees ?? []).toEqual(others.map((o) => o.id));
        }
      }),
      { numRuns: 40 },
    );
  });
});
