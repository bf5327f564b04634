/**
 * API keys belong to entities (issue 25) on the real stack: every key of an entity reaches what any
 * key of it booked, with its own scopes; another entity's key gets 404 and lists nothing of it; a
 * Bot client and the keys of its entity share its meetings; links with an entity reach its keys
 * only; meetings made before entities are migrated (owner apikey:{id} -> the key's entity), and
 * the migration run twice changes nothing. Availability dates are days in the client's zone.
 */
import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MeetingDoc } from "../../shared/booking/model/documents.js";
import { Api, fieldsOf, nextWeekday } from "../support/fixtures.js";
import { SUBSCRIPTION_KEY, startStack, stackRepositories, type Stack } from "../support/stack.js";

const CPH = "Europe/Copenhagen";
let stack: Stack;
let api: Api;
let root: string;
let repos: Awaited<ReturnType<typeof stackRepositories>>;

const EMPLOYEE = randomUUID();
const TYPE = randomUUID();
const LINK = `link_ent_${randomUUID().slice(0, 8)}`;
const GLOBEX_LINK = `link_globex_${randomUUID().slice(0, 8)}`;
const BOT_APP = randomUUID();
const keys = { writer: "", reader: "", other: "", bot: "" };
let writerId = "";

/** A call as a bots client makes it: the API key as bearer. */
async function bots(method: string, path: string, key: string, body?: unknown) {
  const headers: Record<string, string> = { "content-type": "application/json", authorization: `Bearer ${key}` };
  const res = await fetch(`${root}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, text };
}

async function newKey(name: string, scopes: string[], entity?: string) {
  const res = await api.post("/config/api-keys", { name, scopes, ...(entity ? { entity } : {}) });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; key: string; entity: string };
}

let slot = 0;
/** A fresh half hour (the advisor works around the clock). */
const nextStart = () => nextWeekday(2, 14, CPH).plus({ minutes: 30 * slot++ + 8 * 60 });

async function book(key: string, link = LINK) {
  const res = await bots("POST", "/bookings", key, {
    booking_link_id: link,
    contact_name: "Ada Entity",
    contact_email: "ada.entity@example.com",
    start_time: nextStart().toUTC().toISO(),
  });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string };
}

beforeAll(async () => {
  stack = await startStack();
  api = new Api(stack);
  root = stack.hosts[0].url;
  repos = await stackRepositories(stack);
  const allDay = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].map((day) => ({
    day,
    start: "00:00",
    end: "24:00",
  }));
  const put = async (path: string, body: unknown) => {
    const res = await api.put(path, body);
    expect([200, 201], `${path} ${res.text}`).toContain(res.status);
  };
  await put(`/config/employees/${EMPLOYEE}`, { name: "Round the clock", email: "clock@bank.example", timeZone: CPH, workingHours: allDay });
  await put(`/config/meeting-types/${TYPE}`, { name: "Entity test", durations: { defaultMinutes: 30 }, pool: { employeeIds: [EMPLOYEE] } });
  await put(`/config/booking-links/${LINK}`, { slug: `ent-${LINK.slice(-8)}`, title: "Entity link", meetingTypeId: TYPE });
  await put(`/config/booking-links/${GLOBEX_LINK}`, {
    slug: `globex-${GLOBEX_LINK.slice(-8)}`,
    title: "Globex only",
    meetingTypeId: TYPE,
    entity: "org:globex",
  });
  await put(`/config/clients/${BOT_APP}`, { name: "Chatbot", channel: "Bot" });
  const writer = await newKey("acme writer", ["bookings:read", "bookings:write"], "org:acme");
  writerId = writer.id;
  keys.writer = writer.key;
  keys.reader = (await newKey("acme reader", ["bookings:read"], "org:acme")).key;
  keys.other = (await newKey("globex", ["bookings:read", "bookings:write"], "org:globex")).key;
  keys.bot = (await newKey("chatbot key", ["bookings:read", "bookings:write"], `client:${BOT_APP}`)).key;
}, 120_000);
afterAll(async () => {
  repos?.dispose();
  await stack?.stop();
});

describe("entities", () => {
  it("a bookings:read key lists and gets what a bookings:write key of the same entity booked; another entity's key gets 404 and lists nothing of it", async () => {
    const booked = await book(keys.writer);
    const listed = await bots("GET", `/bookings?booking_link_id=${LINK}&limit=100`, keys.reader);
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body.data.map((b: { id: string }) => b.id)).toContain(booked.id);
    const got = await bots("GET", `/bookings/${booked.id}`, keys.reader);
    expect([got.status, got.body.status, got.body.link_title]).toEqual([200, "confirmed", "Entity link"]);
    // Its own scopes: the reader may not cancel.
    expect((await bots("PATCH", `/bookings/${booked.id}/cancel`, keys.reader, {})).status).toBe(403);

    const foreign = await bots("GET", `/bookings/${booked.id}`, keys.other);
    expect([foreign.status, foreign.body.error.code]).toEqual([404, "not_found"]);
    expect((await bots("PATCH", `/bookings/${booked.id}/cancel`, keys.other, {})).status).toBe(404);
    const theirs = await bots("GET", `/bookings?booking_link_id=${LINK}&limit=100`, keys.other);
    expect(theirs.status).toBe(200);
    expect(theirs.body.data.map((b: { id: string }) => b.id)).not.toContain(booked.id);
    expect(theirs.body.pagination.total).toBe(0);
  });

  it("a key's entity: the creating client's own by default, client:{appId} only for a registered Bot client; the Bot client reaches what its keys booked", async () => {
    const byDefault = await newKey("default", ["bookings:read"]);
    expect(byDefault.entity).toMatch(/^client:/);
    const unknown = await api.post("/config/api-keys", { name: "x", scopes: ["bookings:read"], entity: `client:${randomUUID()}` });
    expect(unknown.status, unknown.text).toBe(400);
    expect(fieldsOf(unknown.body).some((f) => f.endsWith("entity"))).toBe(true);
    const malformed = await api.post("/config/api-keys", { name: "x", scopes: ["bookings:read"], entity: "Acme Inc" });
    expect(malformed.status).toBe(400);
    expect(fieldsOf(malformed.body).some((f) => f.endsWith("entity"))).toBe(true);

    const booked = await book(keys.bot);
    const token = await stack.token({ clientId: BOT_APP, roles: ["BookMe.Read", "BookMe.Write"] });
    const headers = { authorization: `Bearer ${token}`, "ocp-apim-subscription-key": SUBSCRIPTION_KEY };
    const asClient = await fetch(`${stack.base}/meetings/${booked.id}`, { headers });
    expect(asClient.status).toBe(200);
    expect((await bots("GET", `/bookings/${booked.id}`, keys.writer)).status).toBe(404);
  });

  it("a link with an entity reaches only that entity's keys (booking_link_not_found for the others)", async () => {
    const date = nextWeekday(3, 14, CPH).toISODate();
    const acme = await bots("GET", `/availability?booking_link_id=${GLOBEX_LINK}&date=${date}`, keys.writer);
    expect([acme.status, acme.body.error?.code]).toEqual([404, "booking_link_not_found"]);
    expect((await bots("GET", `/availability?booking_link_id=${GLOBEX_LINK}&date=${date}`, keys.other)).status).toBe(200);
    const bySlug = await bots("GET", `/availability?slug=globex-${GLOBEX_LINK.slice(-8)}&date=${date}`, keys.writer);
    expect(bySlug.status).toBe(404);
  });

  it("meetings made before entities keep working for their key (the migration maps apikey:{id} to the key's entity); a second run changes nothing", async () => {
    const template = await book(keys.writer);
    const stored = (await repos.meetings.get(template.id))!.meeting;
    const start = nextStart();
    const legacy: MeetingDoc = {
      ...stored,
      id: randomUUID(),
      startDate: start.toUTC().toISO()!,
      endDate: start.plus({ minutes: 30 }).toUTC().toISO()!,
      holds: [],
      owner: { channel: "Bot", tenantId: "bookme", clientId: `apikey:${writerId}` },
    };
    await repos.meetings.create(legacy);
    expect((await bots("GET", `/bookings/${legacy.id}`, keys.writer)).status).toBe(404);

    const migrate = () => fetch(`${root}/admin/functions/owner-entities-migrate`, { method: "POST" });
    expect((await migrate()).status).toBe(202);
    const after = await repos.meetings.get(legacy.id);
    expect(after?.meeting.owner).toEqual({ channel: "Bot", tenantId: "bookme", clientId: `apikey:${writerId}`, entity: "org:acme" });
    expect((await bots("GET", `/bookings/${legacy.id}`, keys.writer)).status).toBe(200);
    expect((await bots("GET", `/bookings/${legacy.id}`, keys.reader)).status).toBe(200);
    expect((await bots("GET", `/bookings/${legacy.id}`, keys.other)).status).toBe(404);

    expect((await migrate()).status).toBe(202);
    const again = await repos.meetings.get(legacy.id);
    expect(again?.etag).toBe(after?.etag);
  });
});

/** Days six weeks ahead: clear of the Christmas and New Year closed days whatever the run's date. */
describe("availability by day in the client's zone", () => {
  const slotsOf = async (query: string) => {
    const res = await bots("GET", `/availability?booking_link_id=${LINK}&${query}`, keys.reader);
    expect(res.status, res.text).toBe(200);
    return res.body.data as { date: string; timezone: string; slots: { start: string; end: string }[] };
  };

  it("a Danish day is a Danish day: without client_timezone the link's zone (Copenhagen), local midnight to local midnight", async () => {
    const day = nextWeekday(4, 42, CPH);
    const date = day.toISODate()!;
    const data = await slotsOf(`date=${date}`);
    expect(data.timezone).toBe(CPH);
    const local = data.slots.map((s) => DateTime.fromISO(s.start, { zone: CPH }));
    expect(local.every((t) => t.toISODate() === date)).toBe(true);
    expect(data.slots[0].start).toBe(day.startOf("day").toUTC().toISO());
    // The advisor works around the clock: the slots run to the next Danish midnight, none from the UTC day's other part.
    expect(data.slots.at(-1)!.end).toBe(day.startOf("day").plus({ days: 1 }).toUTC().toISO());
  });

  it("client_timezone moves the day: London's day starts an hour after Copenhagen's", async () => {
    const day = nextWeekday(4, 42, CPH);
    const date = day.toISODate()!;
    const london = await slotsOf(`date=${date}&client_timezone=Europe/London`);
    expect(london.timezone).toBe("Europe/London");
    expect(london.slots[0].start).toBe(DateTime.fromISO(date, { zone: "Europe/London" }).startOf("day").toUTC().toISO());
    const bad = await bots("GET", `/availability?booking_link_id=${LINK}&date=${date}&client_timezone=Mars/Olympus`, keys.reader);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.some((f: { field: string }) => f.field.endsWith("client_timezone"))).toBe(true);
  });
});
