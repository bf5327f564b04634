/** V1 (/api/v1/bookme): its required fields, its employee types, and what it does not have. */
import { randomUUID } from "node:crypto";
import type { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_DAYS, Api, createCustomerType, createEmployee, createTopic, fieldsOf, hours, isoAt, nextWeekday, qs, wall, type AvailableSlot } from "../support/fixtures.js";
import { startStack, type Stack } from "../support/stack.js";

let stack: Stack;
let v2: Api;
let v1: Api;
let day: DateTime;
let employee: string;
let customerType: string;
let topic: string;
beforeAll(async () => {
  stack = await startStack();
  v2 = new Api(stack);
  v1 = v2.at(`${stack.hosts[0].url}/api/v1/bookme`);
  day = nextWeekday(2);
  customerType = (await createCustomerType(v2)).id;
  topic = (await createTopic(v2, { customerTypeIds: [customerType] })).id;
  employee = (await createEmployee(v2, { workingHours: hours(ALL_DAYS, "09:00", "16:00"), meetingTypes: ["Physical", "Online"], topicIds: [topic], customerTypeIds: [customerType] })).id;
});
afterAll(async () => stack?.stop());

async function v1Slots(params: Record<string, string | string[]> = {}): Promise<AvailableSlot[]> {
  const res = await v1.get(`/time-slots/available${qs({ explicitEmployeeIds: employee, employeeTypes: "Explicit", requireEmployeeParticipation: "false", startDate: isoAt(day, "00:00"), lookForwardTime: "1.00:00:00", ...params })}`);
  expect(res.status, res.text).toBe(200);
  return res.body;
}

describe("V1 POST /meetings", () => {
  it("books without salesforceId when customerTypeId, topicId and timeSlotId are given", async () => {
    const slot = (await v1Slots()).find((s) => wall(s.startDate) === "10:00" && s.meetingType === "Online")!;
    const res = await v1.post(`/meetings`, { bookedBy: "Customer", customerTypeId: customerType, topicId: topic, timeSlotId: slot.id, employeeId: employee, customerId: "c-1", title: "V1 meeting" });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ salesforceId: null, customerTypeId: customerType, topicId: topic, timeSlotId: slot.id, startDate: slot.startDate, type: "Online", bookedBy: "Customer" });
    expect(res.headers.get("location")).toBe(`/api/v1/bookme/meetings/${res.body.id}`);
    // one store: the V2 API sees the V1 meeting
    expect((await v2.get(`/meetings/${res.body.id}`)).body.id).toBe(res.body.id);
  });

  it("customerTypeId, topicId and timeSlotId are required: 400 naming each", async () => {
    const res = await v1.post(`/meetings`, { bookedBy: "Employee", salesforceId: "sf-1", employeeId: employee, customerId: "c-1", startDate: isoAt(day, "12:00"), endDate: isoAt(day, "13:00") });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(fieldsOf(res.body).sort()).toEqual(["customerTypeId", "timeSlotId", "topicId"]);
    for (const e of res.body.errors) expect(e.rule).toBe("required");
  });

  it("V2 requires salesforceId where V1 does not", async () => {
    const slot = (await v1Slots()).find((s) => wall(s.startDate) === "13:00")!;
    const body = { bookedBy: "Employee", customerTypeId: customerType, topicId: topic, timeSlotId: slot.id, employeeId: employee, customerId: "c-1" };
    const res = await v2.post(`/meetings`, body);
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(["salesforceId"]);
  });

  it("the portal bookedBy values are V2 only", async () => {
    const slot = (await v1Slots()).find((s) => wall(s.startDate) === "14:00")!;
    const res = await v1.post(`/meetings`, { bookedBy: "PortalCustomer", customerTypeId: customerType, topicId: topic, timeSlotId: slot.id, employeeId: employee, customerId: "c-1" });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(["bookedBy"]);
  });

  it("V2-only fields sent to V1 are ignored, not stored", async () => {
    const slot = (await v1Slots()).find((s) => wall(s.startDate) === "15:00" && s.meetingType === "Physical")!;
    const res = await v1.post(`/meetings`, {
      bookedBy: "Employee", customerTypeId: customerType, topicId: topic, timeSlotId: slot.id, employeeId: employee, customerId: "c-1",
      videoLink: "https://meet.example.com/x", customFields: [{ key: "k", value: "v" }], portalId: randomUUID(),
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ videoLink: null, customFields: [], portalId: null });
  });
});

describe("V1 employee types", () => {
  it("Global is accepted in V1 (every employee) and rejected in V2", async () => {
    const other = (await createEmployee(v2, { workingHours: hours(ALL_DAYS, "09:00", "10:00"), meetingTypes: ["Online"] })).id;
    const global = await v1.get(`/time-slots/available${qs({ employeeTypes: "Global", requireEmployeeParticipation: "false", startDate: isoAt(day, "00:00"), lookForwardTime: "1.00:00:00" })}`);
    expect(global.status, global.text).toBe(200);
    const ids = new Set(global.body.map((s: AvailableSlot) => s.employeeId));
    expect(ids.has(employee)).toBe(true);
    expect(ids.has(other)).toBe(true);

    const inV2 = await v2.get(`/time-slots/available${qs({ employeeTypes: "Global", requireEmployeeParticipation: "false" })}`);
    expect(inV2.status).toBe(400);
    expect(fieldsOf(inV2.body)[0]).toMatch(/^employeeTypes/);
  });

  it("Local and ServiceGroup are rejected in V1", async () => {
    for (const type of ["Local", "ServiceGroup"]) {
      const res = await v1.get(`/time-slots/available${qs({ employeeTypes: type, customerLocation: "Aarhus", requireEmployeeParticipation: "false" })}`);
      expect(res.status, type).toBe(400);
      expect(fieldsOf(res.body)[0]).toMatch(/^employeeTypes/);
    }
  });

  it("Explicit works in both versions alike", async () => {
    const v2Res = await v2.get(`/time-slots/available${qs({ explicitEmployeeIds: employee, employeeTypes: "Explicit", requireEmployeeParticipation: "false", startDate: isoAt(day.plus({ days: 1 }), "00:00"), lookForwardTime: "1.00:00:00" })}`);
    expect(v2Res.status).toBe(200);
    const v1Res = await v1.get(`/time-slots/available${qs({ explicitEmployeeIds: employee, employeeTypes: "Explicit", requireEmployeeParticipation: "false", startDate: isoAt(day.plus({ days: 1 }), "00:00"), lookForwardTime: "1.00:00:00" })}`);
    expect(v1Res.body).toEqual(v2Res.body);
    expect(v1Res.body.length).toBeGreaterThan(0);
  });
});

describe("V1 has no iCal", () => {
  it("POST /api/v1/bookme/meetings/{id}/ical is 404, while V2 has it", async () => {
    const slot = (await v1Slots()).find((s) => wall(s.startDate) === "11:00")!;
    const booked = await v1.post(`/meetings`, { bookedBy: "Employee", customerTypeId: customerType, topicId: topic, timeSlotId: slot.id, employeeId: employee, customerId: "c-1" });
    expect(booked.status, booked.text).toBe(201);
    const res = await v1.post(`/meetings/${booked.body.id}/ical`, { title: "x" });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("route_not_found");
    expect((await v2.post(`/meetings/${booked.body.id}/ical`)).status).toBe(200);
  });
});
