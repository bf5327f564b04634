import { describe, expect, it } from "vitest";
import { decodeSlotId, encodeSlotId, generateSlots } from "../../../shared/slots/index.js";
import type { SlotIdSource } from "../../../shared/slots/index.js";
import { employee, input, utc } from "./fixtures.js";

const start = utc("2026-06-01T07:00:00Z");

describe("slot ids round-trip", () => {
  it.each<[string, SlotIdSource]>([
    ["a plain slot", { employeeId: "3fa85f64-5717-4562-b3fc-2c963f66afa6", start, end: start + 3_600_000, meetingType: "Online" }],
    [
      "additional employees and a room",
      { employeeId: "a", additionalEmployees: ["b", "c"], start, end: start + 1_800_000, meetingType: "Physical", roomId: "room-1" },
    ],
    [
      "ids with separators and unicode",
      { employeeId: "a.b~c|d", additionalEmployees: ["ø/æ?å"], start, end: start + 60_000, meetingType: "Offsite", roomId: "r.1~x" },
    ],
    ["a start before 1970", { employeeId: "x", start: -86_400_000, end: -86_400_000 + 60_000, meetingType: "Telephone" }],
  ])("%s", (_name, slot) => {
    const id = encodeSlotId(slot);
    expect(id).toMatch(/^ts1\.[A-Za-z0-9_.~-]+$/);
    expect(decodeSlotId(id)).toEqual({
      employeeId: slot.employeeId,
      additionalEmployees: slot.additionalEmployees ?? [],
      start: slot.start,
      end: slot.end,
      meetingType: slot.meetingType,
      roomId: slot.roomId,
    });
  });

  it("every generated slot carries the id of its own fields", () => {
    const slots = generateSlots(input({ employees: [employee("e1", { meetingTypes: ["Online", "Physical"] })] }));
    expect(slots.length).toBeGreaterThan(0);
    for (const slot of slots) {
      expect(slot.id).toBe(encodeSlotId(slot));
      expect(decodeSlotId(slot.id)).toMatchObject({
        employeeId: slot.employeeId,
        start: slot.start,
        end: slot.end,
        meetingType: slot.meetingType,
      });
    }
    expect(new Set(slots.map((s) => s.id)).size).toBe(slots.length);
  });

  it("JSON of a slot includes its id", () => {
    const [slot] = generateSlots(input());
    expect(JSON.parse(JSON.stringify(slot))).toMatchObject({ id: slot.id, start: slot.start });
  });
});

describe("garbage slot ids decode to null", () => {
  const good = encodeSlotId({ employeeId: "e1", start, end: start + 3_600_000, meetingType: "Online", roomId: "r1" });
  it.each<[string, unknown]>([
    ["empty string", ""],
    ["a uuid", "3fa85f64-5717-4562-b3fc-2c963f66afa6"],
    ["the prefix alone", "ts1."],
    ["an unknown version", good.replace(/^ts1/, "ts2")],
    ["a missing part", good.split(".").slice(0, 5).join(".")],
    ["an extra part", `${good}.x`],
    ["a meeting type out of range", good.replace(/\.1\.([^.]*)$/, ".7.$1")],
    ["a zero duration", good.replace(/^(ts1\.[^.]+\.[^.]+)\.[^.]+\./, "$1.0.")],
    ["a non-base36 start", good.replace(/^(ts1\.[^.]+)\.[^.]+\./, "$1.ZZ.")],
    ["characters outside base64url", good.replace(/^ts1\.[^.]+/, "ts1.a+b/")],
    ["a non-canonical base64 look-alike of the same employee", good.replace(/^ts1\.ZTE\./, "ts1.ZTF.")],
    ["a huge string", `ts1.${"A".repeat(10_000)}`],
    ["a number", 42],
    ["null", null],
    ["an object", { id: good }],
  ])("%s", (_name, id) => {
    expect(() => decodeSlotId(id)).not.toThrow();
    expect(decodeSlotId(id)).toBeNull();
  });

  it("the untouched id still decodes, and the look-alike really reads as the same employee", () => {
    expect(decodeSlotId(good)).not.toBeNull();
    expect(good.startsWith("ts1.ZTE.")).toBe(true);
    expect(Buffer.from("ZTF", "base64url").toString()).toBe("e1");
  });
});

describe("room grid slot ids", () => {
  it("a slot with a room and no employee round-trips", () => {
    const id = encodeSlotId({
      employeeId: "",
      start: 1_800_000_000_000,
      end: 1_800_003_600_000,
      meetingType: "Physical",
      roomId: "room-1",
    });
    expect(decodeSlotId(id)).toMatchObject({ employeeId: "", roomId: "room-1", start: 1_800_000_000_000, end: 1_800_003_600_000 });
  });

  it("a slot with neither employee nor room is rejected", () => {
    expect(
      decodeSlotId(encodeSlotId({ employeeId: "", start: 1_800_000_000_000, end: 1_800_003_600_000, meetingType: "Physical" })),
    ).toBeNull();
  });
});
