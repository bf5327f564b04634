/**
 * The slot engine after issue 19 (slot table, materialised on demand) gives exactly the slots
 * of the engine before it (test/support/reference-slots), on random inputs across DST changes.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateSlots, slotsOf, slotTable } from "../../../shared/slots/index.js";
import { generateSlots as referenceSlots } from "../../support/reference-slots/index.js";
import { slotInputArb } from "./random-input.js";

describe("slot engine equals the reference engine", () => {
  it("same slots, ids, order and keys on random inputs", () => {
    const reached = { slots: 0, rooms: 0, joint: 0 };
    fc.assert(
      fc.property(slotInputArb, (input) => {
        const expected = referenceSlots(input);
        if (expected.length > 0) reached.slots++;
        if (expected.some((s) => s.roomId !== undefined)) reached.rooms++;
        if (expected.some((s) => s.additionalEmployees !== undefined)) reached.joint++;
        expect(generateSlots(input)).toStrictEqual(expected);
      }),
      { numRuns: 800 },
    );
    // The generator must reach the interesting cases, or the comparison proves little.
    expect(reached.slots).toBeGreaterThan(150);
    expect(reached.rooms).toBeGreaterThan(10);
    expect(reached.joint).toBeGreaterThan(0);
  });

  it("same slots for joint requests (every explicit employee free at once)", () => {
    const joint = slotInputArb
      .filter((input) => input.employees.length >= 2 && input.request.meetingDurationMinutes > 0)
      .map((input) => ({
        ...input,
        // One zone for all keeps shared free time common enough to compare many slots.
        employees: input.employees.map((e) => ({
          ...e,
          timeZone: input.employees[0].timeZone,
          meetingTypes: [...e.meetingTypes, "Online" as const],
        })),
        request: {
          ...input.request,
          meetingTypes: [],
          requireEmployeeParticipation: true,
          explicitEmployeeIds: input.employees.slice(0, 3).map((e) => e.id),
        },
      }));
    let reached = 0;
    fc.assert(
      fc.property(joint, (input) => {
        const expected = referenceSlots(input);
        if (expected.some((s) => s.additionalEmployees !== undefined)) reached++;
        expect(generateSlots(input)).toStrictEqual(expected);
      }),
      { numRuns: 300 },
    );
    expect(reached).toBeGreaterThan(15);
  });

  it("the table counts what it holds; additionalEmployees arrays are not shared between slots", () => {
    fc.assert(
      fc.property(slotInputArb, (input) => {
        const table = slotTable(input);
        const slots = slotsOf(table);
        expect(slots.length).toBe(table.count);
        const arrays = slots.flatMap((s) => (s.additionalEmployees ? [s.additionalEmployees] : []));
        expect(new Set(arrays).size).toBe(arrays.length);
      }),
      { numRuns: 100 },
    );
  });
});
