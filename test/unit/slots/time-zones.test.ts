import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { employeeWorkingIntervals, generateSlots, gridSlots, roomOpenIntervals } from "../../../shared/slots/index.js";
import { ALL_DAYS, CPH, DAY, employee, hours, input, isoZ, local, utc, wall, wallStarts } from "./fixtures.js";

/** Slots of one employee working `ranges` every day, starting on the local date `date` in `zone`. */
function slotsOn(date: string, zone: string, ranges: [string, string][], duration = 60) {
  const dayStart = DateTime.fromISO(date, { zone }).startOf("day");
  return generateSlots(
    input({
      employees: [employee("e1", { timeZone: zone, workingHours: hours(ALL_DAYS, ...ranges) })],
      request: {
        startMs: dayStart.toMillis(),
        endMs: dayStart.plus({ days: 1 }).startOf("day").toMillis(),
        meetingDurationMinutes: duration,
      },
      now: dayStart.toMillis() - DAY,
    }),
  );
}

const startsZ = (slots: { start: number }[]) => slots.map((s) => isoZ(s.start));
const halfHourSteps = (fromIsoZ: string, count: number) => Array.from({ length: count }, (_, i) => isoZ(utc(fromIsoZ) + i * 1_800_000));

describe("spring forward in Europe/Copenhagen (2026-03-29, 02:00 → 03:00)", () => {
  const night = slotsOn("2026-03-29", CPH, [["00:00", "06:00"]]);

  it("no slot starts at a local time that does not exist", () => {
    expect(wallStarts(night).filter((w) => w.startsWith("02:"))).toEqual([]);
  });

  it("slots follow the real clock: 00:00 … 01:30 CET, then 03:00 … 05:00 CEST", () => {
    expect(wallStarts(night)).toEqual(["00:00", "00:30", "01:00", "01:30", "03:00", "03:30", "04:00", "04:30", "05:00"]);
    expect(startsZ(night)).toEqual(halfHourSteps("2026-03-28T23:00:00Z", 9));
  });

  it("every slot lasts 60 real minutes, also across the gap", () => {
    for (const s of night) expect(s.end - s.start).toBe(3_600_000);
    expect(wall(night[3].end)).toBe("03:30");
  });

  it("working hours starting inside the gap begin when the clock reaches 03:00", () => {
    const slots = slotsOn("2026-03-29", CPH, [["02:30", "05:00"]]);
    expect(wallStarts(slots)).toEqual(["03:00", "03:30", "04:00"]);
  });
});

describe("fall back in Europe/Copenhagen (2026-10-25, 03:00 → 02:00)", () => {
  const night = slotsOn("2026-10-25", CPH, [["00:00", "06:00"]]);

  it("the repeated hour gives each real instant one slot, none doubled", () => {
    const starts = night.map((s) => s.start);
    expect(new Set(starts).size).toBe(starts.length);
    expect(startsZ(night)).toEqual(halfHourSteps("2026-10-24T22:00:00Z", 13));
  });

  it("the 25-hour night offers all 7 working hours: 02:00 and 02:30 occur once per offset", () => {
    expect(wallStarts(night)).toEqual([
      "00:00",
      "00:30",
      "01:00",
      "01:30",
      "02:00",
      "02:30",
      "02:00",
      "02:30",
      "03:00",
      "03:30",
      "04:00",
      "04:30",
      "05:00",
    ]);
  });
});

describe("09:00-16:00 local follows the wall clock across both changes", () => {
  const e = employee("e1", { workingHours: hours(ALL_DAYS, ["09:00", "16:00"]) });
  it.each([
    ["2026-03-28", "winter, the day before spring forward", "08:00", "15:00"],
    ["2026-03-29", "summer, on the spring-forward day", "07:00", "14:00"],
    ["2026-10-24", "summer, the day before fall back", "07:00", "14:00"],
    ["2026-10-25", "winter, on the fall-back day", "08:00", "15:00"],
  ])("%s (%s) → %sZ-%sZ", (date, _label, fromZ, toZ) => {
    const dayStart = utc(`${date}T00:00:00Z`) - 3 * 3_600_000;
    expect(employeeWorkingIntervals(e, dayStart, dayStart + DAY)).toEqual([
      { start: utc(`${date}T${fromZ}:00Z`), end: utc(`${date}T${toZ}:00Z`) },
    ]);
    const slots = slotsOn(date, CPH, [["09:00", "16:00"]]);
    expect(isoZ(slots[0].start)).toBe(`${date}T${fromZ}Z`);
    expect(isoZ(slots[slots.length - 1].end)).toBe(`${date}T${toZ}Z`);
  });
});

describe("zones with half-hour and 45-minute offsets", () => {
  it("Asia/Kolkata (+05:30): 09:00-12:00 local is 03:30Z-06:30Z on the local grid", () => {
    const slots = slotsOn("2026-06-01", "Asia/Kolkata", [["09:00", "12:00"]]);
    expect(wallStarts(slots, "Asia/Kolkata")).toEqual(["09:00", "09:30", "10:00", "10:30", "11:00"]);
    expect(isoZ(slots[0].start)).toBe("2026-06-01T03:30Z");
  });

  it("Asia/Kathmandu (+05:45): local :00/:30 starts are :15/:45 UTC", () => {
    const slots = slotsOn("2026-06-01", "Asia/Kathmandu", [["09:00", "11:00"]]);
    expect(startsZ(slots)).toEqual(["2026-06-01T03:15Z", "2026-06-01T03:45Z", "2026-06-01T04:15Z"]);
    expect(wallStarts(slots, "Asia/Kathmandu")).toEqual(["09:00", "09:30", "10:00"]);
  });

  it("Australia/Adelaide (+10:30 → +09:30 on 2026-04-05): grid stays local, no duplicates", () => {
    const zone = "Australia/Adelaide";
    const slots = slotsOn("2026-04-05", zone, [["00:00", "05:00"]]);
    expect(wallStarts(slots, zone)).toEqual([
      "00:00",
      "00:30",
      "01:00",
      "01:30",
      "02:00",
      "02:30",
      "02:00",
      "02:30",
      "03:00",
      "03:30",
      "04:00",
    ]);
    expect(new Set(slots.map((s) => s.start)).size).toBe(slots.length);
    for (const s of slots) expect(new Date(s.start).getUTCMinutes() % 30).toBe(0);
  });

  it("Australia/Adelaide on the spring-forward day (2026-10-04, 02:00 → 03:00) skips 02:xx", () => {
    const zone = "Australia/Adelaide";
    const slots = slotsOn("2026-10-04", zone, [["00:00", "05:00"]]);
    expect(wallStarts(slots, zone)).toEqual(["00:00", "00:30", "01:00", "01:30", "03:00", "03:30", "04:00"]);
  });

  it("Australia/Lord_Howe's 30-minute DST change keeps the :00/:30 grid", () => {
    const zone = "Australia/Lord_Howe";
    const slots = slotsOn("2026-10-04", zone, [["01:00", "04:00"]], 30);
    expect(wallStarts(slots, zone)).toEqual(["01:00", "01:30", "02:30", "03:00", "03:30"]);
  });

  it("Pacific/Apia skipped 2011-12-30 entirely: the 29th is followed by the 31st", () => {
    const e = employee("e1", { timeZone: "Pacific/Apia", workingHours: hours(ALL_DAYS, ["09:00", "17:00"]) });
    expect(employeeWorkingIntervals(e, utc("2011-12-29T12:00:00Z"), utc("2011-12-31T12:00:00Z"))).toEqual([
      { start: utc("2011-12-29T19:00:00Z"), end: utc("2011-12-30T03:00:00Z") },
      { start: utc("2011-12-30T19:00:00Z"), end: utc("2011-12-31T03:00:00Z") },
    ]);
  });

  it("America/Santiago skips local midnight (2026-09-06): the day starts at 01:00", () => {
    const zone = "America/Santiago";
    const slots = slotsOn("2026-09-06", zone, [["00:00", "03:00"]]);
    expect(wallStarts(slots, zone)).toEqual(["01:00", "01:30", "02:00"]);
  });
});

describe("working ranges, 24:00 and overrides", () => {
  const day = (d: string) => ({ startMs: local(`${d}T00:00`), endMs: local(`${d}T00:00`) + DAY });

  it("a range ending 24:00 offers its last slot 23:00-24:00", () => {
    const slots = generateSlots(
      input({ employees: [employee("e1", { workingHours: hours(["monday"], ["22:00", "24:00"]) })], request: day("2026-06-01") }),
    );
    expect(wallStarts(slots)).toEqual(["22:00", "22:30", "23:00"]);
    expect(slots[2].end).toBe(local("2026-06-02T00:00"));
  });

  it("ranges touching at midnight merge: a slot may run 23:30-00:30", () => {
    const e = employee("e1", { workingHours: [...hours(["monday"], ["23:00", "24:00"]), ...hours(["tuesday"], ["00:00", "01:00"])] });
    const slots = generateSlots(
      input({ employees: [e], request: { startMs: local("2026-06-01T00:00"), endMs: local("2026-06-03T00:00") } }),
    );
    expect(wallStarts(slots)).toEqual(["23:00", "23:30", "00:00"]);
  });

  it("a date override replaces that date's weekday hours; [] is a day off", () => {
    const e = employee("e1", {
      overrides: [
        { date: "2026-06-01", ranges: [{ start: "13:00", end: "14:30" }] },
        { date: "2026-06-02", ranges: [] },
      ],
    });
    const slots = generateSlots(
      input({ employees: [e], request: { startMs: local("2026-06-01T00:00"), endMs: local("2026-06-04T00:00") } }),
    );
    expect(slots.map((s) => `${new Date(s.start + 2 * 3_600_000).toISOString().slice(0, 10)} ${wall(s.start)}`).slice(0, 3)).toEqual([
      "2026-06-01 13:00",
      "2026-06-01 13:30",
      "2026-06-03 09:00",
    ]);
  });

  it("malformed ranges are ignored, the valid ones still count", () => {
    const e = employee("e1", {
      workingHours: [
        { day: "monday", start: "9am", end: "10:00" },
        { day: "monday", start: "12:00", end: "11:00" },
        { day: "monday", start: "14:00", end: "15:00" },
      ],
    });
    expect(wallStarts(generateSlots(input({ employees: [e] })))).toEqual(["14:00"]);
  });

  it("an unknown time zone means no working time rather than a crash", () => {
    const e = employee("e1", { timeZone: "Mars/Olympus_Mons" });
    expect(generateSlots(input({ employees: [e] }))).toEqual([]);
    expect(employeeWorkingIntervals(e, 0, DAY)).toEqual([]);
  });

  it("absences are subtracted from working time", () => {
    const e = employee("e1", { absences: [{ start: local("2026-06-01T10:00"), end: local("2026-06-01T15:00") }] });
    expect(employeeWorkingIntervals(e, local("2026-06-01T00:00"), local("2026-06-02T00:00"))).toEqual([
      { start: local("2026-06-01T09:00"), end: local("2026-06-01T10:00") },
      { start: local("2026-06-01T15:00"), end: local("2026-06-01T16:00") },
    ]);
  });
});

describe("grid endpoint helpers", () => {
  it("gridSlots returns the local :00/:30 slots fitting inside the intervals", () => {
    const from = local("2026-06-01T00:00");
    const intervals = [{ start: local("2026-06-01T09:10"), end: local("2026-06-01T11:00") }];
    expect(gridSlots(intervals, CPH, 30, from, from + DAY).map((s) => wall(s.start))).toEqual(["09:30", "10:00", "10:30"]);
    expect(gridSlots(intervals, "Asia/Kathmandu", 30, from, from + DAY)).toEqual([
      { start: utc("2026-06-01T07:15:00Z"), end: utc("2026-06-01T07:45:00Z") },
      { start: utc("2026-06-01T07:45:00Z"), end: utc("2026-06-01T08:15:00Z") },
      { start: utc("2026-06-01T08:15:00Z"), end: utc("2026-06-01T08:45:00Z") },
    ]);
  });

  it("gridSlots only offers starts inside [from, to)", () => {
    const intervals = [{ start: local("2026-06-01T09:00"), end: local("2026-06-01T12:00") }];
    const slots = gridSlots(intervals, CPH, 60, local("2026-06-01T09:30"), local("2026-06-01T10:30"));
    expect(slots.map((s) => wall(s.start))).toEqual(["09:30", "10:00"]);
  });

  it("roomOpenIntervals: no opening hours means always open; hours follow the room's zone", () => {
    const from = local("2026-06-01T00:00");
    expect(roomOpenIntervals({ id: "r", location: "x", capacity: 1 }, from, from + DAY)).toEqual([{ start: from, end: from + DAY }]);
    const open = roomOpenIntervals(
      { id: "r", location: "x", capacity: 1, timeZone: "Europe/London", openingHours: hours(["monday"], ["08:00", "12:00"]) },
      from,
      from + DAY,
    );
    expect(open).toEqual([{ start: utc("2026-06-01T07:00:00Z"), end: utc("2026-06-01T11:00:00Z") }]);
  });
});
