/** Calendar entries and the overlap rule (pure, clock passed in). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  busyIntervals,
  findConflict,
  isLive,
  monthsOf,
  scheduleDocId,
  type Hold,
  type ScheduleEntry,
} from "../../../shared/booking/model/schedule-entries.js";

const t = (iso: string) => Date.parse(iso);
const MIN = 60_000;
const entry = (ref: string, start: string, end: string, expiresAt?: string): ScheduleEntry => ({
  ref,
  rev: 1,
  start,
  end,
  ...(expiresAt ? { expiresAt } : {}),
});
const hold = (start: string, end: string, before = 0, after = 0): Hold => ({
  resource: "employee:e1",
  start: t(start),
  end: t(end),
  bufferBeforeMs: before * MIN,
  bufferAfterMs: after * MIN,
});
const NOW = t("2030-01-01T00:00:00Z");

describe("monthsOf", () => {
  it("a range inside one month touches that month", () => {
    expect(monthsOf(t("2030-03-10T09:00:00Z"), t("2030-03-10T10:00:00Z"))).toEqual(["2030-03"]);
  });
  it("a range over a month end touches both months", () => {
    expect(monthsOf(t("2030-03-31T23:30:00Z"), t("2030-04-01T00:30:00Z"))).toEqual(["2030-03", "2030-04"]);
  });
  it("the end is exclusive: ending at midnight of the 1st does not touch the next month", () => {
    expect(monthsOf(t("2030-03-31T23:00:00Z"), t("2030-04-01T00:00:00Z"))).toEqual(["2030-03"]);
  });
  it("crosses a year", () => {
    expect(monthsOf(t("2030-12-31T23:00:00Z"), t("2031-01-01T01:00:00Z"))).toEqual(["2030-12", "2031-01"]);
  });
  it("months are UTC months (Copenhagen's 1 April 01:30 is 31 March in UTC)", () => {
    expect(monthsOf(t("2030-03-31T23:30:00Z"), t("2030-03-31T23:45:00Z"))).toEqual(["2030-03"]);
  });
  it("every instant of the range lies in one of the months returned, and no month is extra", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: t("2020-01-01T00:00:00Z"), max: t("2040-01-01T00:00:00Z") }),
        fc.integer({ min: 1, max: 200 * 86_400_000 }),
        (start, length) => {
          const months = monthsOf(start, start + length);
          const key = (ms: number) => new Date(ms).toISOString().slice(0, 7);
          expect(months[0]).toBe(key(start));
          expect(months[months.length - 1]).toBe(key(start + length - 1));
          expect(new Set(months).size).toBe(months.length);
        },
      ),
    );
  });
});

describe("scheduleDocId", () => {
  it("is resource and month", () => {
    expect(scheduleDocId("room:r1", "2030-03")).toBe("room:r1:2030-03");
  });
});

describe("isLive", () => {
  it("entries without expiresAt (meetings) are always live", () => {
    expect(isLive(entry("meeting:m", "2030-01-02T09:00:00Z", "2030-01-02T10:00:00Z"), NOW + 1e12)).toBe(true);
  });
  it("a reservation is live until expiresAt, and not at it", () => {
    const e = entry("reservation:r", "2030-01-02T09:00:00Z", "2030-01-02T10:00:00Z", "2030-01-01T00:05:00Z");
    expect(isLive(e, t("2030-01-01T00:04:59.999Z"))).toBe(true);
    expect(isLive(e, t("2030-01-01T00:05:00Z"))).toBe(false);
  });
});

describe("findConflict", () => {
  const meeting = entry("meeting:m", "2030-01-02T10:00:00Z", "2030-01-02T11:00:00Z");

  it("an overlapping entry conflicts", () => {
    expect(findConflict([meeting], hold("2030-01-02T10:30:00Z", "2030-01-02T11:30:00Z"), [], NOW)).toBe(meeting);
    expect(findConflict([meeting], hold("2030-01-02T10:15:00Z", "2030-01-02T10:45:00Z"), [], NOW)).toBe(meeting);
    expect(findConflict([meeting], hold("2030-01-02T09:00:00Z", "2030-01-02T12:00:00Z"), [], NOW)).toBe(meeting);
  });
  it("back-to-back entries do not conflict", () => {
    expect(findConflict([meeting], hold("2030-01-02T11:00:00Z", "2030-01-02T12:00:00Z"), [], NOW)).toBeUndefined();
    expect(findConflict([meeting], hold("2030-01-02T09:00:00Z", "2030-01-02T10:00:00Z"), [], NOW)).toBeUndefined();
  });
  it("buffers widen the hold: back-to-back conflicts when a buffer is needed", () => {
    expect(findConflict([meeting], hold("2030-01-02T11:00:00Z", "2030-01-02T12:00:00Z", 15, 0), [], NOW)).toBe(meeting);
    expect(findConflict([meeting], hold("2030-01-02T09:00:00Z", "2030-01-02T10:00:00Z", 0, 15), [], NOW)).toBe(meeting);
    expect(findConflict([meeting], hold("2030-01-02T11:15:00Z", "2030-01-02T12:00:00Z", 15, 0), [], NOW)).toBeUndefined();
  });
  it("ignored holders (a meeting being moved) do not conflict", () => {
    expect(findConflict([meeting], hold("2030-01-02T10:30:00Z", "2030-01-02T11:30:00Z"), ["meeting:m"], NOW)).toBeUndefined();
    expect(findConflict([meeting], hold("2030-01-02T10:30:00Z", "2030-01-02T11:30:00Z"), ["meeting:other"], NOW)).toBe(meeting);
  });
  it("an expired reservation does not conflict; a live one does", () => {
    const expired = entry("reservation:r", "2030-01-02T10:00:00Z", "2030-01-02T11:00:00Z", "2029-12-31T23:59:00Z");
    const live = entry("reservation:s", "2030-01-02T10:00:00Z", "2030-01-02T11:00:00Z", "2030-01-01T00:05:00Z");
    expect(findConflict([expired], hold("2030-01-02T10:00:00Z", "2030-01-02T11:00:00Z"), [], NOW)).toBeUndefined();
    expect(findConflict([expired, live], hold("2030-01-02T10:00:00Z", "2030-01-02T11:00:00Z"), [], NOW)).toBe(live);
  });
  it("agrees with half-open interval overlap for any two intervals (no buffers)", () => {
    const base = t("2030-01-02T00:00:00Z");
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 96 }),
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 0, max: 96 }),
        fc.integer({ min: 1, max: 16 }),
        (a, al, b, bl) => {
          const q = 15 * MIN;
          const e: ScheduleEntry = {
            ref: "meeting:x",
            rev: 1,
            start: new Date(base + a * q).toISOString(),
            end: new Date(base + (a + al) * q).toISOString(),
          };
          const h: Hold = { resource: "employee:e", start: base + b * q, end: base + (b + bl) * q, bufferBeforeMs: 0, bufferAfterMs: 0 };
          const overlaps = a < b + bl && b < a + al;
          expect(findConflict([e], h, [], NOW) !== undefined).toBe(overlaps);
        },
      ),
    );
  });
});

describe("busyIntervals", () => {
  it("lists live entries as epoch intervals, without expired or ignored holders", () => {
    const entries = [
      entry("meeting:a", "2030-01-02T09:00:00Z", "2030-01-02T10:00:00Z"),
      entry("reservation:b", "2030-01-02T11:00:00Z", "2030-01-02T12:00:00Z", "2030-01-01T00:05:00Z"),
      entry("reservation:c", "2030-01-02T13:00:00Z", "2030-01-02T14:00:00Z", "2029-12-31T00:00:00Z"),
      entry("meeting:d", "2030-01-02T15:00:00Z", "2030-01-02T16:00:00Z"),
    ];
    expect(busyIntervals(entries, NOW, ["meeting:d"])).toEqual([
      { start: t("2030-01-02T09:00:00Z"), end: t("2030-01-02T10:00:00Z") },
      { start: t("2030-01-02T11:00:00Z"), end: t("2030-01-02T12:00:00Z") },
    ]);
  });
});
