import { describe, expect, it } from "vitest";
import { busyQueryRange, generateSlots, isValidTimeZone, parseClockMinutes, resolveDurationMinutes } from "../../../shared/slots/index.js";
import { between, employee, input, local, MINUTE, MONDAY, wallStarts } from "./fixtures.js";

describe("parseClockMinutes", () => {
  it.each<[string, number | null]>([
    ["00:00", 0],
    ["09:30", 570],
    ["9:30", 570],
    ["23:59", 1439],
    ["24:00", 1440],
    [" 08:15 ", 495],
    ["24:01", null],
    ["25:00", null],
    ["12:60", null],
    ["12:5", null],
    ["ab:cd", null],
    ["", null],
    ["-1:00", null],
  ])("%j → %s", (text, minutes) => {
    expect(parseClockMinutes(text)).toBe(minutes);
  });
});

describe("resolveDurationMinutes", () => {
  it.each<[string, number | undefined, number | undefined, number]>([
    ["the requested duration wins", 45, 90, 45],
    ["else the topic's", undefined, 90, 90],
    ["else 60", undefined, undefined, 60],
    ["invalid values are skipped", 0, -5, 60],
  ])("%s", (_name, requested, topicMinutes, expected) => {
    expect(
      resolveDurationMinutes(
        requested,
        topicMinutes === undefined ? undefined : { id: "t", customerTypeIds: [], durationMinutes: topicMinutes },
      ),
    ).toBe(expected);
  });
});

describe("busyQueryRange", () => {
  it("covers every busy interval that can block a slot: window ± buffers, plus the last slot's length", () => {
    const o = {
      employees: [employee("e1", { bufferBeforeMinutes: 15 }), employee("e2", { bufferAfterMinutes: 30 })],
      now: local(`${MONDAY}T00:00`) - 1,
    };
    const inp = input(o);
    const range = busyQueryRange(inp);
    expect(range).toEqual({ start: inp.request.startMs - 15 * MINUTE, end: inp.request.endMs - 1 + 60 * MINUTE + 30 * MINUTE });
  });

  it("a busy interval just outside the range changes nothing", () => {
    const o = {
      employees: [employee("e1", { bufferBeforeMinutes: 15, workingHours: [{ day: "monday" as const, start: "00:00", end: "24:00" }] })],
    };
    const range = busyQueryRange(input(o));
    const outside = { start: range.start - 60 * MINUTE, end: range.start };
    expect(wallStarts(generateSlots(input({ ...o, busy: { e1: [outside] } })))).toEqual(wallStarts(generateSlots(input(o))));
    expect(generateSlots(input({ ...o, busy: { e1: [between(MONDAY, "00:00", "00:01")] } }))[0].start).toBe(local(`${MONDAY}T00:30`));
  });
});

describe("isValidTimeZone", () => {
  it.each([
    ["Europe/Copenhagen", true],
    ["Asia/Kathmandu", true],
    ["UTC", true],
    ["Mars/Olympus_Mons", false],
    ["", false],
  ])("%s → %s", (zone, valid) => {
    expect(isValidTimeZone(zone)).toBe(valid);
  });
});
