/**
 * Contract fidelity (issue 12): a client written from the contract, its C# and JavaScript samples
 * included, works unchanged against the local stack: Newtonsoft's PascalCase bodies, axios's
 * `name[]=v` lists, paging past the first page, syncing cancellations, the TimeSlot shape,
 * meetingDuration as a TimeSpan, and unknown query parameters named in a 400.
 */
import { randomUUID } from "node:crypto";
import type { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ALL_DAYS,
  Api,
  createCustomerType,
  createEmployee,
  createRoom,
  createTopic,
  fieldsOf,
  hours,
  isoAt,
  nextWeekday,
  qs,
  reserveBody,
  wall,
  type AvailableSlot,
} from "../support/fixtures.js";
import { startInProcess, type InProcessStack } from "../support/in-process.js";

let stack: InProcessStack;
let api: Api;
let day: DateTime;
let employee: string;
let customerType: string;
let topic: string;
beforeAll(async () => {
  stack = await startInProcess();
  api = new Api(stack);
  day = nextWeekday(3);
  customerType = (await createCustomerType(api)).id;
  topic = (await createTopic(api, { customerTypeIds: [customerType] })).id;
  employee = (
    await createEmployee(api, {
      workingHours: hours(ALL_DAYS, "09:00", "16:00"),
      meetingTypes: ["Physical", "Online", "Telephone"],
      topicIds: [topic],
      customerTypeIds: [customerType],
    })
  ).id;
});
afterAll(async () => stack?.stop());

/** Slots of `employee` on `day`, through a raw query string (as a client library serialises it). */
async function slotsWith(rawQuery: string, on: DateTime = day): Promise<AvailableSlot[]> {
  const res = await api.get(
    `/time-slots/available?${rawQuery}&startDate=${encodeURIComponent(isoAt(on, "00:00"))}&lookForwardTime=1.00:00:00`,
  );
  expect(res.status, res.text).toBe(200);
  return res.body;
}

const slotAt = async (hhmm: string, type = "Online", on: DateTime = day) =>
  (await slotsWith(`explicitEmployeeIds=${employee}&requireEmployeeParticipation=true&meetingTypes=${type}`, on)).find(
    (s) => wall(s.startDate) === hhmm && s.meetingType === type,
  )!;

describe("the C# sample: Newtonsoft's default serialisation (PascalCase, nulls included)", () => {
  it("books from CreateMeetingRequest as JsonConvert.SerializeObject writes it: 201 with every field applied", async () => {
    const slot = await slotAt("10:00");
    // every property of the sample's CreateMeetingRequest, in its order, unset ones as null
    const request = {
      BookedBy: "Customer",
      SalesforceId: "sf-dotnet-1",
      CustomerTypeId: customerType,
      TimeSlotId: slot.id,
      PortalId: null,
      Cpr: null,
      CustomFields: [{ Key: "project_code", Value: "PROJ-123" }],
      ExternalAttendees: [{ Name: "John Smith", Email: "john.smith@external.com" }],
      Title: "Pension review",
      Description: null,
      VideoLink: null,
      AdditionalEmployees: null,
      RoomId: null,
      Type: "Online",
      TopicId: topic,
      EmployeeId: employee.toUpperCase(), // .NET Guid.ToString("D").ToUpper() happens too
      CustomerId: "customer-dotnet",
    };
    const res = await api.post(`/meetings`, request);
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      bookedBy: "Customer",
      salesforceId: "sf-dotnet-1",
      customerTypeId: customerType,
      timeSlotId: slot.id,
      topicId: topic,
      employeeId: employee,
      customerId: "customer-dotnet",
      title: "Pension review",
      type: "Online",
      startDate: slot.startDate,
      endDate: slot.endDate,
      customFields: [{ key: "project_code", value: "PROJ-123" }],
      externalAttendees: [{ name: "John Smith" }],
      portalId: null,
      videoLink: null,
    });
  });

  it("enum values in any letter case (bookedBy, type) are stored in their canonical spelling", async () => {
    const slot = await slotAt("11:00");
    const res = await api.post(`/meetings`, {
      BookedBy: "portalcustomer",
      SalesforceId: "sf",
      TimeSlotId: slot.id,
      EmployeeId: employee,
      CustomerId: "c",
      Type: "ONLINE",
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ bookedBy: "PortalCustomer", type: "Online" });
  });

  it("reserves from a PascalCase body (nested TimeSlot too), status in any case", async () => {
    const slot = await slotAt("12:00", "Online", day.plus({ days: 4 }));
    const token = randomUUID();
    const res = await api.post(`/time-slots/reserve`, {
      TimeSlot: {
        StartDate: slot.startDate,
        EndDate: slot.endDate,
        Status: "reserved",
        EmployeeId: employee,
        RoomId: null,
        ServiceGroup: null,
      },
      Token: token,
      ExistingMeetingId: null,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: "Reserved", token, employeeId: employee, startDate: slot.startDate });
  });

  it("one field sent twice in different letter cases is a 400 naming it, not a silent pick", async () => {
    const res = await api.post(`/meetings`, {
      employeeId: employee,
      EmployeeId: randomUUID(),
      customerId: "c",
      salesforceId: "sf",
      startDate: isoAt(day, "12:00"),
      endDate: isoAt(day, "13:00"),
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ field: "employeeId", rule: "duplicate" }));
  });
});

describe("the JavaScript sample: axios's query serialisation", () => {
  it("meetingTypes[]=online (axios's default for arrays) filters, as do meetingTypes[0]= (qs indices) and %5B%5D", async () => {
    const all = await slotsWith(`explicitEmployeeIds=${employee}&requireEmployeeParticipation=true`);
    expect(new Set(all.map((s) => s.meetingType))).toEqual(new Set(["Physical", "Online", "Telephone"]));
    for (const query of [
      `explicitEmployeeIds[]=${employee}&requireEmployeeParticipation=true&meetingTypes[]=online`,
      `explicitEmployeeIds[0]=${employee}&requireEmployeeParticipation=true&meetingTypes[0]=online`,
      `explicitEmployeeIds%5B%5D=${employee}&requireEmployeeParticipation=true&meetingTypes%5B%5D=online`,
    ]) {
      const online = await slotsWith(query);
      expect(online.length, query).toBeGreaterThan(0);
      expect(new Set(online.map((s) => s.meetingType)), query).toEqual(new Set(["Online"]));
    }
    const two = await slotsWith(
      `explicitEmployeeIds=${employee}&requireEmployeeParticipation=true&meetingTypes[1]=telephone&meetingTypes[0]=Online`,
    );
    expect(new Set(two.map((s) => s.meetingType))).toEqual(new Set(["Online", "Telephone"]));
  });

  it("query parameter names match case-insensitively (MeetingTypes, RequireEmployeeParticipation=True)", async () => {
    const slots = await slotsWith(`ExplicitEmployeeIds=${employee}&RequireEmployeeParticipation=True&MeetingTypes=TELEPHONE`);
    expect(slots.length).toBeGreaterThan(0);
    expect(new Set(slots.map((s) => s.meetingType))).toEqual(new Set(["Telephone"]));
  });

  it("createMeeting's payload (nulls and empty lists for the V2 extras) books: 201", async () => {
    const slot = await slotAt("13:00");
    const meetingData = { salesforceId: "sf-js-1", timeSlotId: slot.id, employeeId: employee, customerId: "customer-js" };
    // the sample's payload, spread of meetingData last (as written there)
    const payload: Record<string, unknown> = {
      bookedBy: "Customer",
      salesforceId: meetingData.salesforceId,
      customerTypeId: null,
      timeSlotId: meetingData.timeSlotId,
      employeeId: meetingData.employeeId,
      customerId: meetingData.customerId,
      type: "Physical",
      portalId: null,
      customFields: [],
      externalAttendees: [],
      videoLink: null,
    };
    Object.assign(payload, meetingData);
    const res = await api.post(`/meetings`, payload);
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      bookedBy: "Customer",
      type: "Physical",
      customerTypeId: null,
      customFields: [],
      externalAttendees: [],
    });
  });
});

describe("a query parameter the operation does not take", () => {
  it("is a 400 naming it (a misspelt filter would otherwise return everything)", async () => {
    const res = await api.get(`/meetings?employeId=${employee}`);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: "employeId", in: "query", rule: "unknown_parameter" })]);
    const none = await api.get(`/employees?limit=5`);
    expect(none.status).toBe(400);
    expect(fieldsOf(none.body)).toEqual(["limit"]);
  });

  it("the gateway's subscription-key query parameter is not one of them", async () => {
    const { "ocp-apim-subscription-key": key, ...headers } = await stack.headers({ roles: ["BookMe.Read"] });
    expect((await fetch(`${stack.base}/employees`, { headers })).status).toBe(401); // no key at all
    expect(key).toBeTruthy();
    const res = await fetch(`${stack.base}/employees?subscription-key=${encodeURIComponent(key)}`, { headers });
    expect(res.status).toBe(200);
  });
});

describe("cancelled meetings stay visible", () => {
  it("GET answers 200 Cancelled; a modified-date sync sees the cancellation; status selects; the default listing shows Booked only", async () => {
    const slot = await slotAt("14:00", "Telephone");
    const before = new Date(Date.now() - 1000).toISOString();
    const booked = await api.post(`/meetings`, {
      bookedBy: "Employee",
      salesforceId: "sf",
      timeSlotId: slot.id,
      employeeId: employee,
      customerId: "c-sync",
    });
    expect(booked.status, booked.text).toBe(201);
    const id = booked.body.id;
    expect((await api.delete(`/meetings/${id}`)).status).toBe(204);

    const got = await api.get(`/meetings/${id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id, status: "Cancelled" });

    const sync = await api.get(
      `/meetings${qs({ startDateModified: before, endDateModified: new Date(Date.now() + 60_000).toISOString(), employeeId: employee })}`,
    );
    expect(sync.status).toBe(200);
    expect(sync.body).toContainEqual(expect.objectContaining({ id, status: "Cancelled" }));

    const byStatus = async (status?: string) =>
      (await api.get(`/meetings${qs({ employeeId: employee, status })}`)).body.map(
        (m: { id: string; status: string }) => `${m.id}:${m.status}`,
      );
    expect(await byStatus()).not.toContain(`${id}:Cancelled`);
    expect(await byStatus("cancelled")).toContain(`${id}:Cancelled`);
    expect(await byStatus("Booked,Cancelled")).toContain(`${id}:Cancelled`);
    expect(await byStatus("Booked")).not.toContain(`${id}:Cancelled`);
    expect((await api.get(`/meetings?status=Gone`)).status).toBe(400);
  });
});

describe("the TimeSlot shape", () => {
  it("available slots and the reserve response carry startTime, endTime and available beside startDate/endDate", async () => {
    const [slot] = await slotsWith(`explicitEmployeeIds=${employee}&requireEmployeeParticipation=true`, day.plus({ days: 1 }));
    expect(slot).toMatchObject({ startTime: slot.startDate, endTime: slot.endDate, available: true });
    const held = await api.post(
      `/time-slots/reserve`,
      reserveBody({ startDate: slot.startDate, endDate: slot.endDate, employeeId: employee }),
    );
    expect(held.status, held.text).toBe(200);
    expect(held.body).toMatchObject({
      startDate: slot.startDate,
      endDate: slot.endDate,
      startTime: slot.startDate,
      endTime: slot.endDate,
      available: true,
      status: "Reserved",
    });
  });

  it("GET /time-slots takes an employee in a room (both free), or every employee within 7 days", async () => {
    const colleague = (await createEmployee(api, { workingHours: hours(ALL_DAYS, "10:00", "11:00") })).id;
    const room = await createRoom(api, { openingHours: hours(ALL_DAYS, "12:00", "14:00") });
    const on = day.plus({ days: 2 });
    const range = { startDate: isoAt(on, "00:00"), endDate: isoAt(on.plus({ days: 1 }), "00:00") };
    const both = await api.get(`/time-slots${qs({ employeeId: employee, roomId: room.id, ...range })}`);
    expect(both.status, both.text).toBe(200);
    expect(both.body.map((s: { startTime: string }) => wall(s.startTime))).toEqual(["12:00", "12:30", "13:00"]);
    expect(both.body[0]).toMatchObject({ employeeId: employee, roomId: room.id, status: "Available", available: true });

    const everyone = await api.get(`/time-slots${qs(range)}`);
    expect(everyone.status, everyone.text).toBe(200);
    const owners = new Set(everyone.body.map((s: { employeeId: string }) => s.employeeId));
    expect(owners.has(employee)).toBe(true);
    expect(owners.has(colleague)).toBe(true);
    const starts = everyone.body.map((s: { startTime: string }) => s.startTime);
    expect(starts).toEqual([...starts].sort());

    const tooLong = await api.get(`/time-slots${qs({ startDate: range.startDate, endDate: isoAt(on.plus({ days: 8 }), "00:00") })}`);
    expect(tooLong.status).toBe(400);
    expect(fieldsOf(tooLong.body)).toEqual(["endDate"]);
  });
});

describe("meetingDuration", () => {
  it('takes minutes or a TimeSpan ("01:30:00"), alike; a TimeSpan of part minutes is a 400', async () => {
    const q = `explicitEmployeeIds=${employee}&requireEmployeeParticipation=true&meetingTypes=Online`;
    const asSpan = await slotsWith(`${q}&meetingDuration=01:30:00`);
    const asMinutes = await slotsWith(`${q}&meetingDuration=90`);
    expect(asSpan.length).toBeGreaterThan(0);
    expect(asSpan).toEqual(asMinutes);
    for (const s of asSpan) expect(Date.parse(s.endDate) - Date.parse(s.startDate)).toBe(90 * 60_000);
    const odd = await api.get(`/time-slots/available?${q}&meetingDuration=01:30:30`);
    expect(odd.status).toBe(400);
    expect(fieldsOf(odd.body)).toEqual(["meetingDuration"]);
    const grid = await api.get(
      `/time-slots${qs({ employeeId: employee, startDate: isoAt(day, "09:00"), endDate: isoAt(day, "10:00"), meetingDuration: "00:30:00" })}`,
    );
    expect(grid.body.map((s: { startTime: string; endTime: string }) => `${wall(s.startTime)}-${wall(s.endTime)}`)).toEqual([
      "09:00-09:30",
      "09:30-10:00",
    ]);
  });
});

describe("a reservation already booked", () => {
  it("is 409 reservation_consumed naming the meeting, not 400", async () => {
    const slot = await slotAt("15:00", "Physical", day.plus({ days: 3 }));
    const held = await api.post(
      `/time-slots/reserve`,
      reserveBody({ startDate: slot.startDate, endDate: slot.endDate, employeeId: employee }),
    );
    expect(held.status, held.text).toBe(200);
    const body = { bookedBy: "Customer", salesforceId: "sf", timeSlotId: held.body.id, employeeId: employee, customerId: "c-r" };
    const booked = await api.post(`/meetings`, body);
    expect(booked.status, booked.text).toBe(201);
    const again = await api.post(`/meetings`, body);
    expect(again.status).toBe(409);
    expect(again.headers.get("content-type")).toContain("application/problem+json");
    expect(again.body).toMatchObject({ code: "reservation_consumed", meetingId: booked.body.id, reservationId: held.body.id });
    // never reserved at all: still a 400 naming timeSlotId
    const unknown = await api.post(`/meetings`, { ...body, timeSlotId: randomUUID() });
    expect(unknown.status).toBe(400);
    expect(fieldsOf(unknown.body)).toEqual(["timeSlotId"]);
  });
});

describe("customer types", () => {
  it("are readable with BookMe.Read (booking clients need their ids); writes stay Admin", async () => {
    const read = await stack.headers({ roles: ["BookMe.Read"] });
    const list = await fetch(`${stack.base}/config/customer-types`, { headers: read });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { id: string }[]).map((c) => c.id)).toContain(customerType);
    expect((await fetch(`${stack.base}/config/customer-types/${customerType}`, { headers: read })).status).toBe(200);
    const write = await fetch(`${stack.base}/config/customer-types`, {
      method: "POST",
      headers: { ...read, "content-type": "application/json" },
      body: JSON.stringify({ name: "Nope" }),
    });
    expect(write.status).toBe(403);
  });
});
