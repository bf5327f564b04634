/**
 * The bots listing (GET /api/v1/bookings) past 5,000 meetings on the real stack: one entity's
 * meetings seeded straight into Cosmos (not over HTTP, to stay fast), then numbered pages whose
 * total is exact (a COUNT), hasMore right on the last page, no meeting twice or missing across
 * the pages, and the filters (status, booking_link_id, from/to) counted in the query.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MeetingDoc } from "../../shared/booking/model/documents.js";
import { Api } from "../support/fixtures.js";
import { startStack, stackRepositories, type Stack } from "../support/stack.js";

const SEEDED = 5_150;
const ENTITY = `org:paging-${randomUUID().slice(0, 8)}`;
const EMPLOYEE = randomUUID();
const TYPE = randomUUID();
const LINK_A = `link_pa_${randomUUID().slice(0, 8)}`;
const LINK_B = `link_pb_${randomUUID().slice(0, 8)}`;
const BASE = Date.parse("2031-03-03T08:00:00Z");

let stack: Stack;
let root: string;
let key = "";
let strangerKey = "";
let repos: Awaited<ReturnType<typeof stackRepositories>>;
const docs: MeetingDoc[] = [];

/** Meeting i: every 7th cancelled, every 11th a no-show, every 3rd on link B; several share a start time (the id orders them). */
function seeded(i: number): MeetingDoc {
  const start = BASE + Math.floor(i / 3) * 30 * 60_000;
  const at = new Date(BASE - 86_400_000).toISOString();
  return {
    id: randomUUID(),
    rev: 1,
    status: i % 7 === 0 ? "Cancelled" : i % 11 === 0 ? "NoShow" : "Booked",
    apiVersion: "v2",
    bookedBy: "paging test",
    salesforceId: null,
    customerTypeId: null,
    timeSlotId: null,
    portalId: null,
    cpr: null,
    customFields: [
      { key: "source", value: "bots" },
      { key: "booking_link_id", value: i % 3 === 0 ? LINK_B : LINK_A },
    ],
    externalAttendees: [{ name: `Seeded ${i}`, email: `seeded${i}@example.com` }],
    title: "Seeded",
    description: null,
    videoLink: null,
    additionalEmployees: [],
    roomId: null,
    startDate: new Date(start).toISOString(),
    endDate: new Date(start + 30 * 60_000).toISOString(),
    type: "Online",
    topicId: null,
    employeeId: EMPLOYEE,
    customerId: `seeded${i}@example.com`,
    dateCreated: at,
    dateModified: at,
    holds: [],
    owner: { channel: "Bot", tenantId: "bookme", clientId: "apikey:seed", entity: ENTITY },
    secretHash: null,
    cancellationReason: null,
    rescheduledFrom: null,
    history: [],
    meetingTypeId: TYPE,
    selectionReason: null,
    confirmation: null,
  };
}

async function list(query: string, bearer = key) {
  const res = await fetch(`${root}/api/v1/bookings?${query}`, { headers: { authorization: `Bearer ${bearer}` } });
  const body = (await res.json()) as {
    data: { id: string; start_time: string; status: string; booking_link_id: string }[];
    pagination: { page: number; limit: number; total: number; hasMore: boolean };
  };
  expect(res.status, JSON.stringify(body).slice(0, 300)).toBe(200);
  return body;
}

beforeAll(async () => {
  stack = await startStack();
  root = stack.hosts[0].url;
  const api = new Api(stack);
  const created = await api.post("/config/api-keys", { name: "pager", scopes: ["bookings:read"], entity: ENTITY });
  expect(created.status, created.text).toBe(201);
  key = created.body.key;
  strangerKey = (await api.post("/config/api-keys", { name: "stranger", scopes: ["bookings:read"], entity: "org:stranger" })).body.key;
  repos = await stackRepositories(stack);
  for (let i = 0; i < SEEDED; i++) docs.push(seeded(i));
  for (let i = 0; i < docs.length; i += 50) await Promise.all(docs.slice(i, i + 50).map((d) => repos.meetings.create(d)));
}, 300_000);
afterAll(async () => {
  repos?.dispose();
  await stack?.stop();
});

const byStart = (a: MeetingDoc, b: MeetingDoc) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : a.id < b.id ? -1 : 1);

describe("bots listing past 5,000 meetings", () => {
  it("pages of 100 cover every meeting once, in start order; total is exact and hasMore false on the last page only", async () => {
    const expected = [...docs].sort(byStart).map((d) => d.id);
    const seen: string[] = [];
    const pages = Math.ceil(SEEDED / 100);
    for (let page = 1; page <= pages; page++) {
      const { data, pagination } = await list(`limit=100&page=${page}`);
      expect(pagination).toEqual({ page, limit: 100, total: SEEDED, hasMore: page < pages });
      seen.push(...data.map((b) => b.id));
    }
    expect(seen).toEqual(expected);
    const beyond = await list(`limit=100&page=${pages + 1}`);
    expect(beyond.data).toEqual([]);
    expect(beyond.pagination).toEqual({ page: pages + 1, limit: 100, total: SEEDED, hasMore: false });
  }, 300_000);

  it("the default page is 50; limit over 100 is refused", async () => {
    const first = await list("");
    expect(first.data).toHaveLength(50);
    expect(first.pagination).toEqual({ page: 1, limit: 50, total: SEEDED, hasMore: true });
    const res = await fetch(`${root}/api/v1/bookings?limit=101`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(400);
  });

  it("filters are counted in the query: status (no_show too), booking_link_id, from/to; another entity's key sees none", async () => {
    const count = (pred: (d: MeetingDoc) => boolean) => docs.filter(pred).length;
    const noShows = await list("status=no_show&limit=100&page=2");
    expect(noShows.pagination.total).toBe(count((d) => d.status === "NoShow"));
    expect(noShows.data.every((b) => b.status === "no_show")).toBe(true);
    expect((await list("status=cancelled&limit=10")).pagination.total).toBe(count((d) => d.status === "Cancelled"));
    expect((await list("status=confirmed&limit=10")).pagination.total).toBe(count((d) => d.status === "Booked"));
    const linkB = await list(`booking_link_id=${LINK_B}&limit=100&page=3`);
    expect(linkB.pagination.total).toBe(count((d) => d.customFields.some((f) => f.value === LINK_B)));
    expect(linkB.data.every((b) => b.booking_link_id === LINK_B)).toBe(true);
    const from = new Date(BASE + 200 * 30 * 60_000).toISOString();
    const to = new Date(BASE + 900 * 30 * 60_000).toISOString();
    const window = await list(`from=${from}&to=${to}&status=confirmed&booking_link_id=${LINK_A}&limit=100`);
    expect(window.pagination.total).toBe(
      count((d) => d.startDate >= from && d.startDate <= to && d.status === "Booked" && d.customFields.some((f) => f.value === LINK_A)),
    );
    const stranger = await list("limit=100", strangerKey);
    expect(stranger.pagination.total).toBe(0);
    expect(stranger.data).toEqual([]);
  }, 120_000);
});
