/**
 * Issue 19 on the real stack: GET /time-slots/available with groupBy=start and fields=, the
 * default list unchanged, and response compression (br/gzip by Accept-Encoding, q-values,
 * threshold, Vary) through the local host, checked on the raw bytes of the wire.
 */
import { randomUUID } from "node:crypto";
import type { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ALL_DAYS,
  Api,
  availableFor,
  bookMeeting,
  createEmployee,
  createRoom,
  fieldsOf,
  hours,
  isoAt,
  nextWeekday,
  qs,
  type AvailableSlot,
} from "../support/fixtures.js";
import { startInProcess, type InProcessStack } from "../support/in-process.js";

let stack: InProcessStack;
let api: Api;
let day: DateTime;
let advisors: string[];
let room: string;
let location: string;
beforeAll(async () => {
  stack = await startInProcess();
  api = new Api(stack);
  day = nextWeekday(2);
  location = `Filial-${randomUUID().slice(0, 6)}`;
  room = (await createRoom(api, { location, capacity: 4, openingHours: hours(ALL_DAYS, "08:00", "18:00") })).id;
  advisors = [];
  for (const meetingTypes of [["Physical", "Online"], ["Online"], ["Physical", "Online", "Telephone"]]) {
    advisors.push((await createEmployee(api, { workingHours: hours(ALL_DAYS, "09:00", "13:00"), meetingTypes, locations: [location] })).id);
  }
  await bookMeeting(api, advisors[0], isoAt(day, "10:00"), isoAt(day, "11:00"));
});
afterAll(async () => stack?.stop());

const params = (extra: Record<string, string | string[] | boolean> = {}) => ({
  explicitEmployeeIds: advisors,
  startDate: isoAt(day, "00:00"),
  lookForwardTime: "1.00:00:00",
  employeeTypes: "Explicit",
  requireEmployeeParticipation: false,
  ...extra,
});

interface Grouped {
  startDate?: string;
  endDate?: string;
  roomId?: string;
  employees: { employeeId: string; meetingTypes?: string[]; ids?: string[]; additionalEmployees?: string[] }[];
}

/** The list form rebuilt from the grouped form (ids given). */
const flatten = (groups: Grouped[]): AvailableSlot[] =>
  groups.flatMap((g) =>
    g.employees.flatMap((e) =>
      e.meetingTypes!.map((meetingType, i) => ({
        id: e.ids![i],
        startDate: g.startDate!,
        endDate: g.endDate!,
        startTime: g.startDate!,
        endTime: g.endDate!,
        available: true,
        meetingType,
        employeeId: e.employeeId,
        ...(g.roomId ? { roomId: g.roomId } : {}),
        ...(e.additionalEmployees ? { additionalEmployees: e.additionalEmployees } : {}),
      })),
    ),
  );

describe("groupBy=start and fields=", () => {
  it("the default list keeps the contract's fields and order", async () => {
    const slots = await availableFor(api, advisors, isoAt(day, "00:00"));
    expect(slots.length).toBeGreaterThan(10);
    for (const s of slots) {
      expect(Object.keys(s)).toEqual(["id", "startDate", "endDate", "startTime", "endTime", "available", "meetingType", "employeeId"]);
    }
    const order = slots.map((s) => `${s.startDate}|${s.employeeId}`);
    expect(order).toEqual([...order].sort());
  });

  it("groupBy=start holds the same slots as the list, one entry per start, with the room; ids only when asked", async () => {
    const variants: Record<string, string | boolean>[] = [{}, { requireRoom: true, meetingLocation: location }];
    for (const extra of variants) {
      const list = await availableFor(api, advisors, isoAt(day, "00:00"), "1.00:00:00", extra);
      const res = await api.get(
        `/time-slots/available${qs(params({ ...extra, groupBy: "start", fields: "id,startDate,endDate,meetingType,employeeId,roomId,additionalEmployees" }))}`,
      );
      expect(res.status).toBe(200);
      const groups = res.body as Grouped[];
      expect(groups.map((g) => g.startDate)).toEqual([...new Set(list.map((s) => s.startDate))]);
      expect(flatten(groups)).toEqual(list);
      if ("requireRoom" in extra) for (const g of groups) expect(g.roomId).toBe(room);
      // 10:00 is booked for advisors[0]: that start lists only the others. With the room, the
      // calendars are four (three advisors, one room), which the store reads with one query.
      const ten = groups.find((g) => g.startDate === isoAt(day, "10:00"))!;
      expect(ten.employees.map((e) => e.employeeId)).toEqual([...advisors.slice(1)].sort());

      const compact = await api.get(`/time-slots/available${qs(params({ ...extra, groupBy: "START" }))}`);
      expect(compact.status).toBe(200);
      for (const g of compact.body as Grouped[])
        for (const e of g.employees) expect(Object.keys(e)).toEqual(["employeeId", "meetingTypes"]);
      expect(compact.text.length).toBeLessThan(res.text.length / 2);
    }
  });

  it("fields= keeps the named fields in the contract's order, and an id from it still books", async () => {
    const res = await api.get(`/time-slots/available${qs(params({ fields: "employeeId,startDate,id" }))}`);
    expect(res.status).toBe(200);
    const full = await availableFor(api, advisors, isoAt(day, "00:00"));
    expect(res.body).toEqual(full.map((s) => ({ id: s.id, startDate: s.startDate, employeeId: s.employeeId })));
    for (const item of res.body) expect(Object.keys(item)).toEqual(["id", "startDate", "employeeId"]);

    const slot = full.find((s) => s.employeeId === advisors[1])!;
    const booked = await api.post(`/meetings`, {
      bookedBy: "Employee",
      salesforceId: "sf-test",
      customerId: "c-1",
      timeSlotId: res.body[full.indexOf(slot)].id,
      employeeId: advisors[1],
      type: slot.meetingType,
    });
    expect(booked.status).toBe(201);
    expect([booked.body.startDate, booked.body.endDate]).toEqual([slot.startDate, slot.endDate]);
  });

  it("unknown fields, an empty selection and an unknown grouping are 400s naming the parameter", async () => {
    for (const [extra, field] of [
      [{ fields: "id,colour" }, "fields"],
      [{ fields: "," }, "fields"],
      [{ groupBy: "employee" }, "groupBy"],
    ] as const) {
      const res = await api.get(`/time-slots/available${qs(params(extra))}`);
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(fieldsOf(res.body).some((f) => f.startsWith(field))).toBe(true);
    }
  });
});

/** A raw GET through node:http (fetch would decode the body): status, headers and the bytes on the wire. */
