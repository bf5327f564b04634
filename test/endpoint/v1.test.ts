/** V1 (/api/v1/bookme): its required fields, its employee types, its response shapes, and what it does not have. */
import { randomUUID } from "node:crypto";
import type { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ALL_DAYS,
  Api,
  createCustomerType,
  createEmployee,
  createTopic,
  fieldsOf,
  hours,
  isoAt,
  nextWeekday,
  qs,
  wall,
  type AvailableSlot,
} from "../support/fixtures.js";
import { startInProcess, type InProcessStack } from "../support/in-process.js";

let stack: InProcessStack;
let v2: Api;
let v1: Api;
let day: DateTime;
let employee: string;
let customerType: string;
let topic: string;
beforeAll(async () => {
  stack = await startInProcess();
  v2 = new Api(stack);
  v1 = v2.at(`${stack.hosts[0].url}/api/v1/bookme`);
  day = nextWeekday(2);
  customerType = (await createCustomerType(v2)).id;
  topic = (await createTopic(v2, { customerTypeIds: [customerType] })).id;
  employee = (
    await createEmployee(v2, {
      workingHours: hours(ALL_DAYS, "09:00", "16:00"),
      meetingTypes: ["Physical", "Online"],
      topicIds: [topic],
      customerTypeIds: [customerType],
    })
  ).id;
});
afterAll(async () => stack?.stop());

async function v1Slots(params: Record<string, string | string[]> = {}): Promise<AvailableSlot[]> {
  const res = await v1.get(
    `/time-slots/available${qs({ explicitEmployeeIds: employee, employeeTypes: "Explicit", requireEmployeeParticipation: "false", startDate: isoAt(day, "00:00"), lookForwardTime: "1.00:00:00", ...params })}`,
  );
  expect(res.status, res.text).toBe(200);
  return res.body;
}

describe("V1 POST /meetings", () => {
  it("books without salesforceId when customerTypeId, topicId and timeSlotId are given", async () => {
    const slot = (await v1Slots()).find((s) => wall(s.startDate) === "10:00" && s.meetingType === "Online")!;
    const res = await v1.post(`/meetings`, {
      bookedBy: "Customer",
      customerTypeId: customerType,
      topicId: topic,
      timeSlotId: slot.id,
      employeeId: employee,
      customerId: "c-1",
      title: "V1 meeting",
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      salesforceId: null,
      customerTypeId: customerType,
      topicId: topic,
      timeSlotId: slot.id,
      startDate: slot.startDate,
      type: "Online",
      bookedBy: "Customer",
    });
    expect(res.headers.get("location")).toBe(`/api/v1/bookme/meetings/${res.body.id}`);
    // one store: the V2 API sees the V1 meeting
    expect((await v2.get(`/meetings/${res.body.id}`)).body.id).toBe(res.body.id);
  });

  it("customerTypeId, topicId and timeSlotId are required: 400 naming each", async () => {
    const res = await v1.post(`/meetings`, {
      bookedBy: "Employee",
      salesforceId: "sf-1",
      employeeId: employee,
      customerId: "c-1",
      startDate: isoAt(day, "12:00"),
      endDate: isoAt(day, "13:00"),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(fieldsOf(res.body).sort()).toEqual(["customerTypeId", "timeSlotId", "topicId"]);
    for (const e of res.body.errors) expect(e.rule).toBe("required");
  });

  it("V2 requires salesforceId where V1 does not", async () => {
    const slot = (await v1Slots()).find((s) => wall(s.startDate) === "13:00")!;
    const body = {
      bookedBy: "Employee",
      customerTypeId: customerType,
      topicId: topic,
      timeSlotId: slot.id,
      employeeId: employee,
      customerId: "c-1",
    };
    const res = await v2.post(`/meetings`, body);
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(["salesforceId"]);
  });

  it("the portal bookedBy values are V2 only", async () => {
    const slot = (await v1Slots()).find((s) => wall(s.startDate) === "14:00")!;
    const res = await v1.post(`/meetings`, {
      bookedBy: "PortalCustomer",
      customerTypeId: customerType,
      topicId: topic,
      timeSlotId: slot.id,
      employeeId: employee,
      customerId: "c-1",
    });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(["bookedBy"]);
  });

  it("V2-only fields sent to V1 are a 400 naming each (not silently dropped); null counts as absent", async () => {
    const slot = (await v1Slots()).find((s) => wall(s.startDate) === "15:00" && s.meetingType === "Physical")!;
    const body = {
      bookedBy: "Employee",
      customerTypeId: customerType,
      topicId: topic,
      timeSlotId: slot.id,
      employeeId: employee,
      customerId: "c-1",
    };
    const res = await v1.post(`/meetings`, {
      ...body,
      videoLink: "https://meet.example.com/x",
      CustomFields: [{ key: "k", value: "v" }],
      portalId: randomUUID(),
      cpr: "0101701234",
    });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body).sort()).toEqual(["cpr", "customFields", "portalId", "videoLink"]);
    for (const e of res.body.errors) expect(e.rule).toBe("v2_only");
    const nulls = await v1.post(`/meetings`, { ...body, videoLink: null, portalId: null });
    expect(nulls.status, nulls.text).toBe(201);
  });
});

describe("V1 responses speak V1", () => {
  const V2_ONLY = ["portalId", "customFields", "externalAttendees", "videoLink"];

  it("a meeting booked through V2 reads through V1 without V2's fields or a portal bookedBy (get and list); V2 still shows them", async () => {
    const slot = (await v1Slots()).find((s) => wall(s.startDate) === "12:00" && s.meetingType === "Online")!;
    const booked = await v2.post(`/meetings`, {
      bookedBy: "PortalCustomer",
      salesforceId: "sf-portal",
      timeSlotId: slot.id,
      employeeId: employee,
      customerId: "c-portal",
      portalId: randomUUID(),
      customFields: [{ key: "k", value: "v" }],
      externalAttendees: [{ name: "Eve", email: "eve@example.com" }],
      videoLink: "https://meet.example.com/p",
    });
    expect(booked.status, booked.text).toBe(201);
    const id = booked.body.id;
    for (const field of [...V2_ONLY, "bookedBy"]) expect(booked.body).toHaveProperty(field);

    const one = await v1.get(`/meetings/${id}`);
    expect(one.status).toBe(200);
    for (const field of [...V2_ONLY, "bookedBy"]) expect(one.body, field).not.toHaveProperty(field);
    expect(one.body).toMatchObject({ id, salesforceId: "sf-portal", employeeId: employee, status: "Booked" });

    const listed = (await v1.get(`/meetings${qs({ employeeId: employee })}`)).body.find((m: { id: string }) => m.id === id);
    expect(listed).toEqual(one.body);
  });

  it("a V1 booking answers with V1's fields and its V1 bookedBy", async () => {
    const slot = (await v1Slots()).find((s) => wall(s.startDate) === "09:00" && s.meetingType === "Physical")!;
    const res = await v1.post(`/meetings`, {
      bookedBy: "customer",
      customerTypeId: customerType,
      topicId: topic,
      timeSlotId: slot.id,
      employeeId: employee,
      customerId: "c-1",
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.bookedBy).toBe("Customer");
    for (const field of V2_ONLY) expect(res.body, field).not.toHaveProperty(field);
  });

  it("the V1 OpenAPI document describes V1's meeting, without V2's fields", async () => {
    const doc = (await v1.get(`/openapi.json`)).body;
    const view = doc.components.schemas.MeetingV1View;
    expect(view).toBeDefined();
    for (const field of V2_ONLY) expect(Object.keys(view.properties)).not.toContain(field);
    expect(JSON.stringify(view.properties.bookedBy)).not.toContain("Portal");
    const create = doc.paths["/meetings"].post.requestBody.content["application/json"].schema;
    for (const field of [...V2_ONLY, "cpr"]) expect(Object.keys(create.properties)).not.toContain(field);
    expect(JSON.stringify(doc.paths["/meetings/{id}"].get.responses["200"])).toContain("MeetingV1View");
  });
});

describe("V1 employee types", () => {
  it("Global is every employee in V1, and V1's default; V2 accepts it as a deprecated synonym (Deprecation header)", async () => {
    const other = (await createEmployee(v2, { workingHours: hours(ALL_DAYS, "09:00", "10:00"), meetingTypes: ["Online"] })).id;
    const window = { requireEmployeeParticipation: "false", startDate: isoAt(day, "00:00"), lookForwardTime: "1.00:00:00" };
    const global = await v1.get(`/time-slots/available${qs({ employeeTypes: "Global", ...window })}`);
    expect(global.status, global.text).toBe(200);
    const ids = new Set(global.body.map((s: AvailableSlot) => s.employeeId));
    expect(ids.has(employee)).toBe(true);
    expect(ids.has(other)).toBe(true);
    expect(global.headers.get("deprecation")).toBeNull(); // Global is V1's own

    const byDefault = await v1.get(`/time-slots/available${qs(window)}`);
    expect(byDefault.status, byDefault.text).toBe(200);
    expect(byDefault.body).toEqual(global.body);

    const inV2 = await v2.get(`/time-slots/available${qs({ employeeTypes: "global", ...window })}`);
    expect(inV2.status, inV2.text).toBe(200);
    expect(inV2.body).toEqual(global.body);
    expect(inV2.headers.get("deprecation")).toMatch(/^@\d+$/);
    const v2Default = await v2.get(`/time-slots/available${qs(window)}`);
    expect(v2Default.status).toBe(400); // V2 has no default pool
    expect(fieldsOf(v2Default.body)).toEqual(["employeeTypes"]);
    const explicit = await v2.get(`/time-slots/available${qs({ employeeTypes: "Explicit", explicitEmployeeIds: employee, ...window })}`);
    expect(explicit.headers.get("deprecation")).toBeNull();
  });

  it("Local and ServiceGroup are rejected in V1", async () => {
    for (const type of ["Local", "ServiceGroup"]) {
      const res = await v1.get(
        `/time-slots/available${qs({ employeeTypes: type, customerLocation: "Aarhus", requireEmployeeParticipation: "false" })}`,
      );
      expect(res.status, type).toBe(400);
      expect(fieldsOf(res.body)[0]).toMatch(/^employeeTypes/);
    }
  });

  it("Explicit works in both versions alike", async () => {
    const v2Res = await v2.get(
      `/time-slots/available${qs({ explicitEmployeeIds: employee, employeeTypes: "Explicit", requireEmployeeParticipation: "false", startDate: isoAt(day.plus({ days: 1 }), "00:00"), lookForwardTime: "1.00:00:00" })}`,
    );
    expect(v2Res.status).toBe(200);
    const v1Res = await v1.get(
      `/time-slots/available${qs({ explicitEmployeeIds: employee, employeeTypes: "Explicit", requireEmployeeParticipation: "false", startDate: isoAt(day.plus({ days: 1 }), "00:00"), lookForwardTime: "1.00:00:00" })}`,
    );
    expect(v1Res.body).toEqual(v2Res.body);
    expect(v1Res.body.length).toBeGreaterThan(0);
  });
});

describe("V1 has no iCal", () => {
  it("POST /api/v1/bookme/meetings/{id}/ical is 404, while V2 has it", async () => {
    const slot = (await v1Slots()).find((s) => wall(s.startDate) === "11:00")!;
    const booked = await v1.post(`/meetings`, {
      bookedBy: "Employee",
      customerTypeId: customerType,
      topicId: topic,
      timeSlotId: slot.id,
      employeeId: employee,
      customerId: "c-1",
    });
    expect(booked.status, booked.text).toBe(201);
    const res = await v1.post(`/meetings/${booked.body.id}/ical`, { title: "x" });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("route_not_found");
    expect((await v2.post(`/meetings/${booked.body.id}/ical`)).status).toBe(200);
  });
});
