/**
 * The JSON written from the slot table equals JSON.stringify of the objects the handler built
 * before issue 19 from the reference engine's slots, and groupBy=start / fields= hold the same
 * slots in their compact shapes.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { slotListJson, slotsByStartJson } from "../../../shared/api/bookme/slot-json.js";
import { SLOT_FIELDS, type SlotField } from "../../../shared/api/bookme/schemas/time-slots.js";
import { decodeSlotId, MEETING_TYPES, slotTable } from "../../../shared/slots/index.js";
import { generateSlots as referenceSlots } from "../../support/reference-slots/index.js";
import type { Slot } from "../../support/reference-slots/index.js";
import { slotInputArb } from "../slots/random-input.js";

/** The handler's mapping before issue 19 (functions/bookme/time-slots-available.ts), with the TimeSlot model's fields of issue 12. */
const contractItem = (s: Slot) => ({
  id: s.id,
  startDate: new Date(s.start).toISOString(),
  endDate: new Date(s.end).toISOString(),
  startTime: new Date(s.start).toISOString(),
  endTime: new Date(s.end).toISOString(),
  available: true,
  meetingType: s.meetingType,
  employeeId: s.employeeId,
  ...(s.roomId ? { roomId: s.roomId } : {}),
  ...(s.additionalEmployees?.length ? { additionalEmployees: s.additionalEmployees } : {}),
});

const fieldsArb = fc.subarray<SlotField>([...SLOT_FIELDS], { minLength: 1 });

describe("slot list JSON", () => {
  it("default shape: byte for byte what JSON.stringify gave for the reference engine's slots", () => {
    fc.assert(
      fc.property(slotInputArb, (input) => {
        expect(slotListJson(slotTable(input)).toString("utf8")).toBe(JSON.stringify(referenceSlots(input).map(contractItem)));
      }),
      { numRuns: 400 },
    );
  });

  it("fields= keeps exactly the named fields, in the contract's order", () => {
    fc.assert(
      fc.property(slotInputArb, fieldsArb, (input, fields) => {
        const expected = referenceSlots(input).map((s) => {
          const full = contractItem(s) as Record<string, unknown>;
          return Object.fromEntries(SLOT_FIELDS.filter((f) => fields.includes(f) && f in full).map((f) => [f, full[f]]));
        });
        expect(slotListJson(slotTable(input), [...fields].reverse()).toString("utf8")).toBe(JSON.stringify(expected));
      }),
      { numRuns: 200 },
    );
  });
});

describe("groupBy=start JSON", () => {
  it("one entry per start, in order, holding every slot of that start; ids decode to those slots", () => {
    fc.assert(
      fc.property(slotInputArb, (input) => {
        const slots = referenceSlots(input);
        const grouped = JSON.parse(slotsByStartJson(slotTable(input), SLOT_FIELDS)) as {
          startDate: string;
          endDate: string;
          roomId?: string;
          employees: { employeeId: string; meetingTypes: string[]; ids: string[]; additionalEmployees?: string[] }[];
        }[];
        const starts = [...new Set(slots.map((s) => s.start))];
        expect(grouped.map((g) => Date.parse(g.startDate))).toEqual(starts);
        const flattened = grouped.flatMap((g) =>
          g.employees.flatMap((e) =>
            e.meetingTypes.map((t, i) => ({
              id: e.ids[i],
              startDate: g.startDate,
              endDate: g.endDate,
              startTime: g.startDate,
              endTime: g.endDate,
              available: true,
              meetingType: t,
              employeeId: e.employeeId,
              ...(g.roomId ? { roomId: g.roomId } : {}),
              ...(e.additionalEmployees ? { additionalEmployees: e.additionalEmployees } : {}),
            })),
          ),
        );
        expect(flattened).toEqual(slots.map(contractItem));
        for (const g of grouped)
          for (const e of g.employees) expect(e.meetingTypes).toEqual(MEETING_TYPES.filter((t) => e.meetingTypes.includes(t)));
        for (const item of flattened.slice(0, 5)) expect(decodeSlotId(item.id)?.employeeId).toBe(item.employeeId);
      }),
      { numRuns: 300 },
    );
  });

  it("default leaves ids out; fields= drops group and employee parts but keeps employeeId", () => {
    fc.assert(
      fc.property(slotInputArb, fieldsArb, (input, fields) => {
        const table = slotTable(input);
        const byDefault = JSON.parse(slotsByStartJson(table));
        for (const g of byDefault) for (const e of g.employees) expect(e.ids).toBeUndefined();
        for (const g of JSON.parse(slotsByStartJson(table, fields))) {
          expect("startDate" in g).toBe(fields.includes("startDate"));
          expect("endDate" in g).toBe(fields.includes("endDate"));
          if (!fields.includes("roomId")) expect(g.roomId).toBeUndefined();
          for (const e of g.employees) {
            expect(typeof e.employeeId).toBe("string");
            expect("meetingTypes" in e).toBe(fields.includes("meetingType"));
            expect("ids" in e).toBe(fields.includes("id"));
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
