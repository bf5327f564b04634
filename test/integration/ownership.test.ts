/**
 * Channels and ownership against the real stack: caller kinds x operations. Allowed: 2xx; not
 * allowed for the channel: 403 with a clear code (naming the field where a body value contradicts
 * the caller); not visible: 404, exactly as for a meeting that does not exist.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, createDirectory, SUBSCRIPTION_KEY, slotAt, type CallResult, type Directory } from "../support/api-kit.js";
import { meetingBody } from "../support/fixtures.js";
import { startStack, type Stack } from "../support/stack.js";

let stack: Stack;
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
const headersOf = async (o: Parameters<Stack["token"]>[0]): Promise<Headers> => ({
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
async function booked(headers: Headers, employeeId: string, over: Record<string, unknown> = {}): Promise<{ id: string; etag: string }> {
  const res = await book(headers, employeeId, over);
  expect(res.status, res.text).toBe(201);
  return { id: (res.json as { id: string }).id, etag: res.headers.get("etag")! };
}
const expectCode = (res: CallResult, status: number, code: string, field?: string) => {
  expect(res.status, res.text).toBe(status);
  expect(res.json).toMatchObject({ code, ...(field ? { field } : {}) });
};

beforeAll(async () => {
  stack = await startStack({ hosts: 1 });
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

describe("portals", () => {
  it("reach only their portal's meetings: another portal gets 404 on read, change and cancel, and its listing leaves them out", async () => {
    const x = await app(clients.portalX);
    const y = await app(clients.portalY);
    const m = await booked(x, emp.ada);
    expect((await api("GET", `/meetings/${m.id}`, x)).status).toBe(200);
    expectCode(await api("GET", `/meetings/${m.id}`, y), 404, "not_found");
    expectCode(await api("PUT", `/meetings/${m.id}`, y, { title: "mine now" }), 404, "not_found");
    expectCode(await api("DELETE", `/meetings/${m.id}`, y), 404, "not_found");
    expectCode(await api("POST", `/meetings/${m.id}/cancel`, y, {}), 404, "not_found");
    expectCode(await api("POST", `/meetings/${m.id}/ical`, y), 404, "not_found");
    const listY = (await api("GET", `/meetings?employeeId=${emp.ada}&limit=500`, y)).json as { id: string; portalId: string }[];
    expect(listY.map((l) => l.id)).not.toContain(m.id);
    const listX = (await api("GET", `/meetings?employeeId=${emp.ada}&limit=500`, x)).json as { id: string; portalId: string }[];
    expect(listX.map((l) => l.id)).toContain(m.id);
    expect(new Set(listX.map((l) => l.portalId))).toEqual(new Set([PORTAL_X]));
    expect((await api("PUT", `/meetings/${m.id}`, x, { title: "Renamed" })).status).toBe(200);
  });
});

describe("customers", () => {
  it("see only their own meetings", async () => {
    const c1 = await customer("cust-1");
    const c2 = await customer("cust-2");
    const m = await booked(c1, emp.ada, { customerId: "cust-1" });
    expect((await api("GET", `/meetings/${m.id}`, c1)).status).toBe(200);
    expectCode(await api("GET", `/meetings/${m.id}`, c2), 404, "not_found");
    const list = (await api("GET", `/meetings?limit=500`, c2)).json as { customerId: string }[];
    expect(list.every((l) => l.customerId === "cust-2")).toBe(true);
    expectCode(await api("PUT", `/meetings/${m.id}`, c1, { customerId: "cust-2" }), 403, "field_not_allowed", "customerId");
  });
});

describe("advisors", () => {
  it("see their own meetings and those they attend; with the branch role also their branch's, never another branch's", async () => {
    const office = await stack.headers();
    const ofAda = await booked(office, emp.ada);
    const boAttends = await booked(office, emp.ada, { additionalEmployees: [emp.bo] });
    const ofCy = await booked(office, emp.cy);
    const bo = await advisor("bo");
    expectCode(await api("GET", `/meetings/${ofAda.id}`, bo), 404, "not_found");
    expect((await api("GET", `/meetings/${boAttends.id}`, bo)).status).toBe(200);
    const boBranch = await advisor("bo", [...ALL, "BookMe.Branch"]);
    expect((await api("GET", `/meetings/${ofAda.id}`, boBranch)).status).toBe(200);
    expectCode(await api("GET", `/meetings/${ofCy.id}`, boBranch), 404, "not_found");
    const listed = ((await api("GET", `/meetings?limit=500`, bo)).json as { id: string }[]).map((m) => m.id);
    expect(listed).toContain(boAttends.id);
    expect(listed).not.toContain(ofAda.id);
  });
});

describe("bots and the back office", () => {
  it("a bot reaches the meetings its client made; another bot gets 404; the back office sees all", async () => {
    const a = await app(clients.botA);
    const b = await app(clients.botB);
    const m = await booked(a, emp.ada);
    expect((await api("GET", `/meetings/${m.id}`, a)).status).toBe(200);
    expectCode(await api("GET", `/meetings/${m.id}`, b), 404, "not_found");
    expect(((await api("GET", `/meetings?limit=500`, b)).json as { id: string }[]).map((x) => x.id)).not.toContain(m.id);
    expect((await api("GET", `/meetings/${m.id}`, await stack.headers())).status).toBe(200);
    expect((await api("DELETE", `/meetings/${m.id}`, a)).status).toBe(204);
  });
});

describe("the audit trail", () => {
  it("records who did what to a meeting, in order; only the back office reads it", async () => {
    const x = await app(clients.portalX);
    const made = await book(x, emp.ada);
    expect(made.status, made.text).toBe(201);
    const { id, secret } = made.json as { id: string; secret: string };
    expect((await api("PUT", `/meetings/${id}`, x, { title: "Renamed" })).status).toBe(200);
    const cancel = await call("POST", `${stack.base}/meetings/${id}/cancel`, {
      headers: { "ocp-apim-subscription-key": SUBSCRIPTION_KEY, "content-type": "application/json", "bookme-manage-secret": secret },
      body: {},
    });
    expect(cancel.status, cancel.text).toBe(200);
    const history = await api("GET", `/meetings/${id}/history`, await stack.headers());
    expect(history.status, history.text).toBe(200);
    expect(history.json).toEqual([
      {
        seq: 1,
        action: "meeting.created",
        at: expect.any(String),
        actor: { channel: "Portal", tenantId: expect.any(String), clientId: clients.portalX },
      },
      {
        seq: 2,
        action: "meeting.updated",
        at: expect.any(String),
        actor: { channel: "Portal", tenantId: expect.any(String), clientId: clients.portalX },
      },
      { seq: 3, action: "meeting.cancelled", at: expect.any(String), actor: expect.objectContaining({ channel: "SelfService" }) },
    ]);
    expectCode(await api("GET", `/meetings/${id}/history`, x), 403, "channel_not_allowed");
    expectCode(await api("GET", `/meetings/${randomUUID()}/history`, await stack.headers()), 404, "not_found");
  });
});
