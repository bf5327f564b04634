import { describe, expect, it } from "vitest";
import { decodeSlotId, generateSlots } from "../../../shared/slots/index.js";
import type { SlotRoom } from "../../../shared/slots/index.js";
import { between, employee, hours, input, MONDAY, room, wallStarts } from "./fixtures.js";
import type { InputOptions } from "./fixtures.js";

const ALL_STARTS = ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "12:00", "12:30", "13:00", "13:30", "14:00", "14:30", "15:00"];
const rooms: SlotRoom[] = [
  room("big", { capacity: 10 }),
  room("small-b", { capacity: 2 }),
  room("small-a", { capacity: 2 }),
  room("far", { location: "Odense", capacity: 1 }),
];
const withRoom = (o: InputOptions = {}) =>
  generateSlots(input({ rooms, ...o, request: { requireRoom: true, customerLocation: " AARHUS ", ...o.request } }));
const roomAt = (o: InputOptions) => Object.fromEntries(withRoom(o).map((s) => [wallStarts([s])[0], s.roomId]));

describe("requireRoom", () => {
  it("names the smallest room that fits, ties broken by id", () => {
    expect(new Set(withRoom().map((s) => s.roomId))).toEqual(new Set(["small-a"]));
  });

  it("moves to the next room while the first is busy", () => {
    const byStart = roomAt({ roomBusy: { "small-a": [between(MONDAY, "10:00", "11:00")] } });
    expect([byStart["09:00"], byStart["09:30"], byStart["10:00"], byStart["10:30"], byStart["11:00"]]).toEqual([
      "small-a",
      "small-b",
      "small-b",
      "small-b",
      "small-a",
    ]);
  });

  it("drops slots when no room at the location is free", () => {
    const busy = [between(MONDAY, "12:00", "13:00")];
    const slots = withRoom({ roomBusy: { "small-a": busy, "small-b": busy, big: busy } });
    expect(wallStarts(slots)).toEqual(["09:00", "09:30", "10:00", "10:30", "11:00", "13:00", "13:30", "14:00", "14:30", "15:00"]);
  });

  it("respects room opening hours", () => {
    const open = [room("only", { openingHours: hours(["monday"], ["08:00", "12:00"]) })];
    expect(wallStarts(withRoom({ rooms: open }))).toEqual(["09:00", "09:30", "10:00", "10:30", "11:00"]);
  });

  it("meetingLocation wins over customerLocation", () => {
    expect(new Set(withRoom({ request: { meetingLocation: "odense" } }).map((s) => s.roomId))).toEqual(new Set(["far"]));
  });

  it.each<[string, InputOptions]>([
    ["no location given", { request: { customerLocation: undefined } }],
    ["a blank location", { request: { customerLocation: "  " } }],
    ["no room at the location", { request: { customerLocation: "Aalborg" } }],
    ["no rooms at all", { rooms: [] }],
  ])("%s → no slots", (_name, o) => {
    expect(withRoom(o)).toEqual([]);
  });

  it("applies to every meeting type, not only Physical", () => {
    const e = employee("e1", { meetingTypes: ["Physical", "Online"] });
    const busy = [between(MONDAY, "09:00", "16:00")];
    expect(withRoom({ employees: [e], roomBusy: { "small-a": busy, "small-b": busy, big: busy } })).toEqual([]);
    expect(new Set(withRoom({ employees: [e] }).map((s) => s.meetingType))).toEqual(new Set(["Physical", "Online"]));
  });

  it("a joint meeting needs a room for everyone (capacity >= employees)", () => {
    const employees = [employee("a"), employee("b"), employee("c")];
    const slots = withRoom({ employees, request: { requireEmployeeParticipation: true, explicitEmployeeIds: ["a", "b", "c"] } });
    expect(wallStarts(slots)).toEqual(ALL_STARTS);
    expect(new Set(slots.map((s) => s.roomId))).toEqual(new Set(["big"]));
  });

  it("the slot id carries the room", () => {
    for (const s of withRoom()) expect(decodeSlotId(s.id)?.roomId).toBe(s.roomId);
  });

  it("without requireRoom no room is named", () => {
    expect(generateSlots(input({ rooms })).every((s) => s.roomId === undefined)).toBe(true);
  });
});
