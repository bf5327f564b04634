/**
 * Channels and ownership against the real stack: caller kinds x operations. Allowed: 2xx; not
 * allowed for the channel: 403 with a clear code (naming the field where a body value contradicts
 * the caller); not visible: 404, exactly as for a meeting that does not exist.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, createDirectory, SUBSCRIPTION_KEY, slotAt, type CallResult, type Directory } from "../support/api-kit.js";
import { meetingBody, reserveBody } from "../support/fixtures.js";
import { startInProcess, type InProcessStack } from "../support/in-process.js";

let stack: InProcessStack;
let dir: Directory;
const ALL = ["BookMe.Read", "BookMe.Write"];

/** Client applications, by channel. */
const clients = {
  portalX: randomUUID(),
  portalY: randomUUID(),
  customers: randomUUID(),
  advisors: randomUUID(),
  botA: randomUUID(),
  botB: randomUUID(),
};
const PORTAL_X = randomUUID();
const PORTAL_Y = randomUUID();
/** Advisors: ada and bo share a branch, cy works elsewhere. */
const oid = { ada: randomUUID(), bo: randomUUID(), cy: randomUUID() };
const emp = { ada: "", bo: randomUUID(), cy: randomUUID() };

type Headers = Record<string, string>;
const headersOf = async (o: Parameters<InProcessStack["token"]>[0]): Promise<Headers> => ({
  authorization: `Bearer ${await stack.token(o)}`,
  "ocp-apim-subscription-key": SUBSCRIPTION_KEY,
  "content-type": "application/json",
});
const app = (clientId: string) => headersOf({ clientId, roles: ALL });
const customer = (customerId: string) =>
  headersOf({ clientId: clients.customers, roles: ALL, scopes: ALL, subject: `user-${customerId}`, customerId });
const advisor = (who: keyof typeof oid, roles: string[] = ALL) =>
  headersOf({ clientId: clients.advisors, roles, scopes: ALL, subject: oid[who] });

const api = (method: string, path: string, headers: Headers, body?: unknown) => call(method, `${stack.base}${path}`, { headers, body });
let slotHour = 0;
/** A fresh free hour each time (the fixtures' advisors work around the clock). */
const nextSlot = () => slotAt(20 + Math.floor(slotHour / 20), slotHour++ % 20);

async function book(headers: Headers, employeeId: string, over: Record<string, unknown> = {}): Promise<CallResult> {
  const { startDate, endDate } = nextSlot();
  const { bookedBy: _default, ...body } = meetingBody(employeeId, startDate, endDate);
  return api("POST", "/meetings", headers, { ...body, ...over });
}
const expectCode = (res: CallResult, status: number, code: string, field?: string) => {
  expect(res.status, res.text).toBe(status);
  expect(res.json).toMatchObject({ code, ...(field ? { field } : {}) });
};

beforeAll(async () => {
  stack = await startInProcess();
  const admin = await stack.headers();
  dir = await createDirectory(stack, admin);
  emp.ada = dir.employeeId;
  const put = async (path: string, body: unknown) => {
    const res = await api("PUT", path, admin, body);
    if (res.status !== 201 && res.status !== 200) throw new Error(`PUT ${path}: ${res.status} ${res.text}`);
  };
  await put(`/config/clients/${clients.portalX}`, { name: "Partner portal X", channel: "Portal", portalId: PORTAL_X });
  await put(`/config/clients/${clients.portalY}`, { name: "Partner portal Y", channel: "Portal", portalId: PORTAL_Y });
  await put(`/config/clients/${clients.customers}`, { name: "Net bank", channel: "Customer" });
  await put(`/config/clients/${clients.advisors}`, { name: "Advisor desk", channel: "Employee" });
  await put(`/config/clients/${clients.botA}`, { name: "Chatbot A", channel: "Bot" });
  await put(`/config/clients/${clients.botB}`, { name: "Chatbot B", channel: "Bot" });
  const employee = (await api("GET", `/config/employees/${emp.ada}`, admin)).json as Record<string, unknown>;
  const { id: _id, ...adaBody } = employee;
  await put(`/config/employees/${emp.ada}`, { ...adaBody, entraObjectId: oid.ada });
  await put(`/config/employees/${emp.bo}`, { ...adaBody, name: "Bo Advisor", email: "bo@bank.example", entraObjectId: oid.bo });
  await put(`/config/employees/${emp.cy}`, {
    ...adaBody,
    name: "Cy Advisor",
    email: "cy@bank.example",
    entraObjectId: oid.cy,
    locations: [`Odense-${randomUUID().slice(0, 8)}`],
  });
}, 180_000);

afterAll(async () => stack?.stop());

describe("client registrations", () => {
  it("a token of an unregistered client is 403 client_not_registered; one naming no client too", async () => {
    expectCode(await api("GET", "/employees", await app(randomUUID())), 403, "client_not_registered");
    expectCode(await api("GET", "/employees", await app("")), 403, "client_not_registered");
  });

  it("registering needs BookMe.Admin and names a bad channel or a missing portalId", async () => {
    expectCode(
      await api("PUT", `/config/clients/${randomUUID()}`, await app(clients.botA), { name: "x", channel: "Bot" }),
      403,
      "forbidden",
    );
    const admin = await stack.headers();
    const bad = await api("PUT", `/config/clients/${randomUUID()}`, admin, { name: "x", channel: "Portal" });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain("portalId");
    const wrong = await api("PUT", `/config/clients/${randomUUID()}`, admin, { name: "x", channel: "Robot" });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.json)).toContain("channel");
  });

  it("a removed registration locks its client out at once", async () => {
    const admin = await stack.headers();
    const id = randomUUID();
    await api("PUT", `/config/clients/${id}`, admin, { name: "Temp", channel: "Bot" });
    expect((await api("GET", "/employees", await app(id))).status).toBe(200);
    expect((await api("DELETE", `/config/clients/${id}`, admin)).status).toBe(204);
    expectCode(await api("GET", "/employees", await app(id)), 403, "client_not_registered");
  });
});

describe("portals", () => {
  it("book as their portal (portalId and bookedBy from the caller); a contradicting body value is 403 naming the field", async () => {
    const x = await app(clients.portalX);
    const res = await book(x, emp.ada);
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ portalId: PORTAL_X, bookedBy: "PortalPartner" });
    expectCode(await book(x, emp.ada, { portalId: PORTAL_Y }), 403, "field_not_allowed", "portalId");
    expectCode(await book(x, emp.ada, { bookedBy: "Employee" }), 403, "field_not_allowed", "bookedBy");
    expect((await book(x, emp.ada, { bookedBy: "PortalCustomer", portalId: PORTAL_X })).status).toBe(201);
  });
});

describe("customers", () => {
  it("book for themselves: the customerId must be the token's; another one in the body is 403 naming customerId", async () => {
    const c1 = await customer("cust-1");
    const res = await book(c1, emp.ada, { customerId: "cust-1" });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ customerId: "cust-1", bookedBy: "Customer" });
    expectCode(await book(c1, emp.ada, { customerId: "cust-2" }), 403, "field_not_allowed", "customerId");
    expectCode(await book(c1, emp.ada, { customerId: "cust-1", bookedBy: "Employee" }), 403, "field_not_allowed", "bookedBy");
  });

  it("an app-only token on the Customer channel is 403 channel_not_allowed", async () => {
    expectCode(await api("GET", "/employees", await app(clients.customers)), 403, "channel_not_allowed");
  });
});

describe("advisors", () => {
  it("book for themselves, not for an advisor they cannot see (403 naming employeeId)", async () => {
    const ada = await advisor("ada");
    expect((await book(ada, emp.ada)).status).toBe(201);
    expectCode(await book(ada, emp.cy), 403, "field_not_allowed", "employeeId");
  });

  it("an app-only token, or a user who is no advisor, is 403 channel_not_allowed on the Employee channel", async () => {
    expectCode(await api("GET", "/employees", await app(clients.advisors)), 403, "channel_not_allowed");
    const stranger = await headersOf({ clientId: clients.advisors, roles: ALL, scopes: ALL, subject: randomUUID() });
    expectCode(await api("GET", "/employees", stranger), 403, "channel_not_allowed");
  });
});

describe("reservations belong to the caller that made them", () => {
  it("another caller cannot take over a hold: the same token is another token, the reservation id books nothing", async () => {
    const a = await app(clients.botA);
    const b = await app(clients.botB);
    const slot = { ...nextSlot(), employeeId: emp.ada };
    const shared = randomUUID();
    const held = await api("POST", "/time-slots/reserve", a, reserveBody(slot, shared));
    expect(held.status, held.text).toBe(200);
    const reservationId = (held.json as { id: string }).id;
    // B with A's token does not replace A's hold: the slot is still A's.
    expectCode(await api("POST", "/time-slots/reserve", b, reserveBody(slot, shared)), 409, "slot_taken");
    const takeover = await api("POST", "/meetings", b, {
      ...meetingBody(emp.ada, slot.startDate, slot.endDate),
      timeSlotId: reservationId,
    });
    expect(takeover.status, takeover.text).toBe(400);
    expect(JSON.stringify(takeover.json)).toContain("timeSlotId");
    const own = await api("POST", "/meetings", a, {
      ...meetingBody(emp.ada, slot.startDate, slot.endDate),
      bookedBy: "Customer",
      timeSlotId: reservationId,
    });
    expect(own.status, own.text).toBe(201);
  });

  it("a caller holds at most the configured number of live reservations (429 too_many_reservations); the back office has no cap", async () => {
    const clientId = randomUUID();
    await api("PUT", `/config/clients/${clientId}`, await stack.headers(), { name: "Greedy bot", channel: "Bot" });
    const greedy = await app(clientId);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++)
      statuses.push((await api("POST", "/time-slots/reserve", greedy, reserveBody({ ...nextSlot(), employeeId: emp.ada }))).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200));
    expectCode(
      await api("POST", "/time-slots/reserve", greedy, reserveBody({ ...nextSlot(), employeeId: emp.ada })),
      429,
      "too_many_reservations",
    );
    expect(
      (await api("POST", "/time-slots/reserve", await stack.headers(), reserveBody({ ...nextSlot(), employeeId: emp.ada }))).status,
    ).toBe(200);
  });
});
