/** Directory (issue 4): config endpoints for employees, rooms, topics and customer types, and the public reads. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allKeys, Api, createCustomerType, createTopic, employeeBody, fieldsOf, hours } from "../support/fixtures.js";
import { startInProcess, type InProcessStack } from "../support/in-process.js";

let stack: InProcessStack;
let api: Api;
beforeAll(async () => {
  stack = await startInProcess();
  api = new Api(stack);
});
afterAll(async () => stack?.stop());

const SYSTEM_FIELDS = ["_rid", "_etag", "_ts", "_self", "_attachments", "kind"];
function expectNoSystemFields(body: unknown) {
  const keys = allKeys(body);
  for (const f of SYSTEM_FIELDS) expect(keys.has(f), `response carries ${f}`).toBe(false);
}

describe("employees", () => {
  it("PUT creates (201), PUT again replaces (200) idempotently, and GET returns the replacement", async () => {
    const id = randomUUID();
    const body = employeeBody({ name: "Anna Jensen", email: "anna.jensen@bank.example", locations: ["Aarhus"] });
    const created = await api.put(`/config/employees/${id}`, body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id, name: "Anna Jensen", email: "anna.jensen@bank.example", locations: ["Aarhus"] });
    expectNoSystemFields(created.body);

    const again = await api.put(`/config/employees/${id}`, body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(created.body);

    const replaced = await api.put(`/config/employees/${id}`, { ...body, name: "Anna Holm", locations: ["Odense"] });
    expect(replaced.status).toBe(200);
    const got = await api.get(`/config/employees/${id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id, name: "Anna Holm", locations: ["Odense"], email: "anna.jensen@bank.example" });
    expectNoSystemFields(got.body);
  });

  it("DELETE answers 204, then GET and DELETE answer 404 problem+json", async () => {
    const id = randomUUID();
    expect((await api.put(`/config/employees/${id}`, employeeBody())).status).toBe(201);
    expect((await api.delete(`/config/employees/${id}`)).status).toBe(204);
    for (const res of [
      await api.get(`/config/employees/${id}`),
      await api.get(`/employees/${id}`),
      await api.delete(`/config/employees/${id}`),
    ]) {
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(res.body.code).toBe("not_found");
    }
  });

  it("unknown fields are ignored: accepted, not stored, not returned", async () => {
    const id = randomUUID();
    const res = await api.put(`/config/employees/${id}`, { ...employeeBody(), shoeSize: 44, _etag: "forged", kind: "room" });
    expect(res.status).toBe(201);
    const got = await api.get(`/config/employees/${id}`);
    expect(got.status).toBe(200);
    expect(got.body).not.toHaveProperty("shoeSize");
    expectNoSystemFields(got.body);
    // still an employee (the forged kind did not move it)
    expect((await api.get(`/employees/${id}`)).status).toBe(200);
  });

  it("missing fields are 400 problem+json naming each field", async () => {
    const res = await api.put(`/config/employees/${randomUUID()}`, { timeZone: "Europe/Copenhagen" });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.body).toMatchObject({ status: 400, code: "validation_failed" });
    expect(fieldsOf(res.body)).toEqual(expect.arrayContaining(["name", "email"]));
    expect(res.body.errors.find((e: { field: string }) => e.field === "name").rule).toBe("required");
  });

  it("malformed fields are 400 naming each field", async () => {
    const res = await api.put(`/config/employees/${randomUUID()}`, {
      ...employeeBody(),
      email: "not-an-email",
      timeZone: "Mars/Olympus_Mons",
      workingHours: [{ day: "funday", start: "25:00", end: "10:00" }],
      meetingTypes: ["Hologram"],
      topicIds: ["not-a-uuid"],
    });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(
      expect.arrayContaining(["email", "timeZone", "workingHours.0.day", "workingHours.0.start", "meetingTypes.0", "topicIds.0"]),
    );
  });

  it("a path id that is not a UUID is 400 naming id", async () => {
    const res = await api.put(`/config/employees/not-a-uuid`, employeeBody());
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toContain("id");
  });

  it("working hours whose end is not after the start are rejected", async () => {
    const res = await api.put(`/config/employees/${randomUUID()}`, {
      ...employeeBody(),
      workingHours: [{ day: "monday", start: "16:00", end: "09:00" }],
    });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toContain("workingHours.0.end");
  });

  it("GET /employees lists employees without email or admin fields; GET /employees/{id} likewise", async () => {
    const id = randomUUID();
    await api.put(
      `/config/employees/${id}`,
      employeeBody({
        name: "Listed Person",
        email: "listed@bank.example",
        absences: [{ start: "2030-01-01T00:00:00Z", end: "2030-01-02T00:00:00Z" }],
      }),
    );
    const list = await api.get(`/employees`);
    expect(list.status).toBe(200);
    expect(Array.isArray(list.body)).toBe(true);
    const mine = list.body.find((e: { id: string }) => e.id === id);
    expect(mine).toMatchObject({ id, name: "Listed Person", timeZone: "Europe/Copenhagen" });
    for (const e of list.body) {
      expect(e).not.toHaveProperty("email");
      expect(e).not.toHaveProperty("absences");
    }
    expect(list.text).not.toContain("listed@bank.example");
    expectNoSystemFields(list.body);

    const one = await api.get(`/employees/${id}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(mine);
    expect(one.body).not.toHaveProperty("email");
  });
});

describe("rooms", () => {
  it("PUT creates 201 / replaces 200; GET /rooms and /rooms/{id}; DELETE 204 then 404", async () => {
    const id = randomUUID();
    const body = { name: "Aarhus 1", capacity: 4, location: "Aarhus", features: ["screen"] };
    const created = await api.put(`/config/rooms/${id}`, body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id, ...body, available: true });
    expect((await api.put(`/config/rooms/${id}`, { ...body, capacity: 8 })).status).toBe(200);

    const list = await api.get(`/rooms`);
    expect(list.status).toBe(200);
    expect(list.body.find((r: { id: string }) => r.id === id)).toMatchObject({
      id,
      name: "Aarhus 1",
      capacity: 8,
      location: "Aarhus",
      features: ["screen"],
    });
    expectNoSystemFields(list.body);
    const one = await api.get(`/rooms/${id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id, capacity: 8 });
    expectNoSystemFields(one.body);

    expect((await api.delete(`/config/rooms/${id}`)).status).toBe(204);
    expect((await api.get(`/rooms/${id}`)).status).toBe(404);
    expect((await api.delete(`/config/rooms/${id}`)).status).toBe(404);
  });

  it("a room without capacity or location, or with capacity 0, is 400 naming the fields", async () => {
    const missing = await api.put(`/config/rooms/${randomUUID()}`, { name: "No capacity" });
    expect(missing.status).toBe(400);
    expect(fieldsOf(missing.body)).toEqual(expect.arrayContaining(["capacity", "location"]));
    const zero = await api.put(`/config/rooms/${randomUUID()}`, { name: "Zero", capacity: 0, location: "Aarhus", features: "screen" });
    expect(zero.status).toBe(400);
    expect(fieldsOf(zero.body)).toEqual(expect.arrayContaining(["capacity", "features"]));
  });

  it("opening hours are validated", async () => {
    const res = await api.put(`/config/rooms/${randomUUID()}`, {
      name: "R",
      capacity: 2,
      location: "Aarhus",
      openingHours: hours(["monday"], "18:00", "08:00"),
    });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toContain("openingHours.0.end");
  });
});

describe("meeting topics", () => {
  let ctA: string;
  let ctB: string;
  const topics: Record<string, string> = {};
  beforeAll(async () => {
    ctA = (await createCustomerType(api, "Private")).id;
    ctB = (await createCustomerType(api, "Business")).id;
    topics.privateVisible = (
      await createTopic(api, { name: "Pension", customerTypeIds: [ctA], isCustomerVisible: true, durationMinutes: 60 })
    ).id;
    topics.businessVisible = (await createTopic(api, { name: "Credit", customerTypeIds: [ctB], isCustomerVisible: true })).id;
    topics.anyVisible = (
      await createTopic(api, { name: "Investment", customerTypeIds: [], isCustomerVisible: true, durationMinutes: 30 })
    ).id;
    topics.internal = (await createTopic(api, { name: "Internal review", customerTypeIds: [ctA], isCustomerVisible: false })).id;
  });
  const ids = (body: { id: string }[]) => body.map((t) => t.id).sort();

  it("isCustomer=true hides topics that are not customer-visible", async () => {
    const res = await api.get(`/meeting-topics?isCustomer=true`);
    expect(res.status).toBe(200);
    expect(ids(res.body)).toEqual([topics.privateVisible, topics.businessVisible, topics.anyVisible].sort());
    expectNoSystemFields(res.body);
  });

  it("isCustomer=false shows every topic", async () => {
    const res = await api.get(`/meeting-topics?isCustomer=false`);
    expect(res.status).toBe(200);
    expect(ids(res.body)).toEqual(Object.values(topics).sort());
    expect(res.body.find((t: { id: string }) => t.id === topics.privateVisible)).toMatchObject({
      name: "Pension",
      customerTypeIds: [ctA],
      isCustomerVisible: true,
      durationMinutes: 60,
    });
  });

  it("customerTypeId keeps topics for that customer type and topics open to all", async () => {
    const a = await api.get(`/meeting-topics?isCustomer=true&customerTypeId=${ctA}`);
    expect(ids(a.body)).toEqual([topics.privateVisible, topics.anyVisible].sort());
    const b = await api.get(`/meeting-topics?isCustomer=false&customerTypeId=${ctB}`);
    expect(ids(b.body)).toEqual([topics.businessVisible, topics.anyVisible].sort());
  });

  it("isCustomer missing or not a boolean is 400 naming isCustomer", async () => {
    for (const query of ["", "?customerTypeId=" + ctA, "?isCustomer=yes"]) {
      const res = await api.get(`/meeting-topics${query}`);
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body)).toContain("isCustomer");
    }
    const badCt = await api.get(`/meeting-topics?isCustomer=true&customerTypeId=nope`);
    expect(badCt.status).toBe(400);
    expect(fieldsOf(badCt.body)).toContain("customerTypeId");
  });

  it("topics: missing isCustomerVisible is 400; a duration off the 15-minute grid is 400; DELETE 204 then 404", async () => {
    const missing = await api.put(`/config/topics/${randomUUID()}`, { name: "T" });
    expect(missing.status).toBe(400);
    expect(fieldsOf(missing.body)).toContain("isCustomerVisible");
    const odd = await api.put(`/config/topics/${randomUUID()}`, { name: "T", isCustomerVisible: true, durationMinutes: 50 });
    expect(odd.status).toBe(400);
    expect(fieldsOf(odd.body)).toContain("durationMinutes");

    const { id } = await createTopic(api, { name: "Short-lived" });
    expect((await api.delete(`/config/topics/${id}`)).status).toBe(204);
    expect((await api.delete(`/config/topics/${id}`)).status).toBe(404);
    const after = await api.get(`/meeting-topics?isCustomer=false`);
    expect(ids(after.body)).not.toContain(id);
  });
});

describe("customer types", () => {
  it("POST creates with a generated id (201 + Location), GET lists and reads it", async () => {
    const res = await api.post(`/config/customer-types`, { name: "Students", description: "Under 28" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: "Students", description: "Under 28" });
    expect(res.headers.get("location")).toBe(`/api/v2/bookme/config/customer-types/${res.body.id}`);
    expectNoSystemFields(res.body);

    const list = await api.get(`/config/customer-types`);
    expect(list.status).toBe(200);
    expect(list.body).toContainEqual({ id: res.body.id, name: "Students", description: "Under 28" });
    expectNoSystemFields(list.body);
    const one = await api.get(`/config/customer-types/${res.body.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual({ id: res.body.id, name: "Students", description: "Under 28" });
  });

  it("POST with a given id creates it once; the second POST is 409", async () => {
    const id = randomUUID();
    const first = await api.post(`/config/customer-types`, { id, name: "Seniors" });
    expect(first.status).toBe(201);
    expect(first.body.id).toBe(id);
    const second = await api.post(`/config/customer-types`, { id, name: "Seniors again" });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe("already_exists");
  });

  it("PUT replaces (200) or creates (201); DELETE 204 then GET 404", async () => {
    const { id } = await createCustomerType(api, "Farmers");
    const put = await api.put(`/config/customer-types/${id}`, { name: "Agriculture" });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ id, name: "Agriculture" });
    expect((await api.get(`/config/customer-types/${id}`)).body.name).toBe("Agriculture");
    const fresh = randomUUID();
    expect((await api.put(`/config/customer-types/${fresh}`, { name: "Fresh" })).status).toBe(201);

    expect((await api.delete(`/config/customer-types/${id}`)).status).toBe(204);
    expect((await api.get(`/config/customer-types/${id}`)).status).toBe(404);
    expect((await api.delete(`/config/customer-types/${id}`)).status).toBe(404);
  });

  it("a customer type without a name is 400 naming name", async () => {
    const res = await api.post(`/config/customer-types`, { description: "nameless" });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(["name"]);
    const blank = await api.put(`/config/customer-types/${randomUUID()}`, { name: "   " });
    expect(blank.status).toBe(400);
    expect(fieldsOf(blank.body)).toEqual(["name"]);
  });
});

describe("admin reads of rooms and topics", () => {
  it("GET /config/rooms/{id} and /config/topics/{id} return the fields PUT takes, so a read-modify-write keeps them", async () => {
    const roomId = randomUUID();
    const room = {
      name: "Aarhus 2",
      capacity: 6,
      location: "Aarhus",
      features: [],
      openingHours: [{ day: "monday", start: "08:00", end: "16:00" }],
      mailbox: "room.aarhus2@bank.example",
      calendarSync: true,
    };
    expect((await api.put(`/config/rooms/${roomId}`, room)).status).toBe(201);
    const publicRoom = await api.get(`/rooms/${roomId}`);
    expect(publicRoom.body.mailbox).toBeUndefined();
    const adminRoom = await api.get(`/config/rooms/${roomId}`);
    expect(adminRoom.status).toBe(200);
    expect(adminRoom.body).toEqual({ id: roomId, timeZone: "Europe/Copenhagen", ...room });
    expectNoSystemFields(adminRoom.body);
    const { id: _roomId, ...roomBack } = adminRoom.body as Record<string, unknown>;
    expect((await api.put(`/config/rooms/${roomId}`, { ...roomBack, capacity: 7 })).status).toBe(200);
    expect((await api.get(`/config/rooms/${roomId}`)).body).toMatchObject({ capacity: 7, mailbox: room.mailbox, calendarSync: true });

    const topicId = randomUUID();
    const topic = {
      name: "Pension",
      customerTypeIds: [],
      isCustomerVisible: true,
      bufferAfterMinutes: 15,
      minimumNoticeMinutes: 120,
      maxDaysAhead: 60,
    };
    expect((await api.put(`/config/topics/${topicId}`, topic)).status).toBe(201);
    const adminTopic = await api.get(`/config/topics/${topicId}`);
    expect(adminTopic.status).toBe(200);
    expect(adminTopic.body).toMatchObject({ id: topicId, ...topic });
    expect((await api.get(`/config/rooms/${randomUUID()}`)).status).toBe(404);

    const headers = await stack.headers({ roles: ["BookMe.Read", "BookMe.Write"] });
    expect((await fetch(`${stack.base}/config/rooms/${roomId}`, { headers })).status).toBe(403);
    expect((await fetch(`${stack.base}/config/topics/${topicId}`, { headers })).status).toBe(403);
  });
});

describe("config needs the admin permission", () => {
  it("a token without BookMe.Admin gets 403 on config writes, but may read the public directory", async () => {
    const headers = await stack.headers({ roles: ["BookMe.Read", "BookMe.Write"] });
    const put = await fetch(`${stack.base}/config/employees/${randomUUID()}`, {
      method: "PUT",
      headers,
      body: JSON.stringify(employeeBody()),
    });
    expect(put.status).toBe(403);
    const list = await fetch(`${stack.base}/employees`, { headers });
    expect(list.status).toBe(200);
  });
});
