/**
 * Webhooks end to end on the real stack: events written to the Cosmos outbox, the dispatcher timer,
 * Azurite's queue, the queue-triggered delivery in the local host, and receivers (node http servers)
 * that verify every signature with standardwebhooks. Retries run on a shortened schedule (1 s steps).
 */
import { randomUUID } from "node:crypto";
import { CosmosClient } from "@azure/cosmos";
import { QueueServiceClient } from "@azure/storage-queue";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  meetingCancelled,
  meetingCreated,
  meetingUpdated,
  reservationCreated,
  type OutboxEvent,
} from "../../shared/booking/model/events.js";
import type { MeetingDoc } from "../../shared/booking/model/documents.js";
import { EVENT_TYPES } from "../../shared/booking/model/event-schema.js";
import { ensureContainers, type Containers } from "../../shared/adapters/cosmos/cosmos.js";
import { CosmosOutboxRepository } from "../../shared/adapters/cosmos/outbox-repository.js";
import { Api, bookMeeting, createEmployee, fieldsOf, isoAt, nextWeekday, reserveBody, sleep } from "../support/fixtures.js";
import { startStack, type Stack } from "../support/stack.js";
import { WebhookReceiver } from "../support/webhook-receiver.js";
import { SEALED_CPR } from "../support/personal-data.js";

let stack: Stack;
let api: Api;
let client: CosmosClient;
let outbox: CosmosOutboxRepository;
let intents: Containers["intents"];
const receivers: WebhookReceiver[] = [];

beforeAll(async () => {
  stack = await startStack({
    hostEnv: {
      WEBHOOK_RETRY_SCHEDULE_SECONDS: "1,1,1,1,1,1",
      WEBHOOK_TIMEOUT_SECONDS: "1",
      INTENT_GRACE_SECONDS: "2",
      RESERVATION_TTL_SECONDS: "2",
    },
  });
  api = new Api(stack);
  client = new CosmosClient({ endpoint: stack.cosmosEndpoint, key: stack.cosmosKey, connectionPolicy: { enableEndpointDiscovery: false } });
  const c = await ensureContainers(client, "bookme");
  outbox = new CosmosOutboxRepository(c.events, c.outbox);
  intents = c.intents;
});
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.stop()));
  client?.dispose();
  await stack?.stop();
});

async function receiver(): Promise<WebhookReceiver> {
  const r = await new WebhookReceiver().start();
  receivers.push(r);
  return r;
}

async function subscribe(r: WebhookReceiver, body: Record<string, unknown> = {}) {
  const res = await api.post("/config/webhooks", { url: r.url, ...body });
  expect(res.status, res.text).toBe(201);
  r.secrets = [res.body.secret];
  return res.body as { id: string; secret: string };
}

function meeting(over: Partial<MeetingDoc> = {}): MeetingDoc {
  const stamp = new Date().toISOString();
  return {
    id: randomUUID(),
    rev: 1,
    status: "Booked",
    apiVersion: "v2",
    bookedBy: "Customer",
    salesforceId: "sf-1",
    customerTypeId: null,
    timeSlotId: null,
    portalId: null,
    cpr: SEALED_CPR,
    customFields: [],
    externalAttendees: [{ name: "Jo Test", email: "jo@example.com" }],
    title: "Advice",
    description: null,
    videoLink: null,
    additionalEmployees: [],
    roomId: null,
    startDate: "2027-01-04T09:00:00.000Z",
    endDate: "2027-01-04T10:00:00.000Z",
    type: "Online",
    topicId: null,
    employeeId: randomUUID(),
    customerId: "c-1",
    dateCreated: stamp,
    dateModified: stamp,
    confirmation: null,
    secretHash: null,
    cancellationReason: null,
    rescheduledFrom: null,
    history: [],
    meetingTypeId: null,
    selectionReason: null,
    holds: [],
    ...over,
  };
}

const write = (...events: OutboxEvent[]) => Promise.all(events.map((e) => outbox.add(e)));

describe("subscriptions admin API", () => {
  it("creates a subscription with a whsec_ secret shown once; reads never show it", async () => {
    const r = await receiver();
    const created = await subscribe(r, { description: "CRM" });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{40,}={0,2}$/);
    expect(created).toMatchObject({ url: r.url, status: "active", includePersonalData: false, description: "CRM" });
    const got = await api.get(`/config/webhooks/${created.id}`);
    expect(got.status).toBe(200);
    expect(got.text).not.toContain(created.secret);
    // no eventTypes given: every type there is
    expect(got.body.eventTypes).toEqual([...EVENT_TYPES]);
    const list = await api.get("/config/webhooks");
    expect(list.body.map((s: { id: string }) => s.id)).toContain(created.id);
    expect(list.text).not.toContain("whsec_");
    const put = await api.put(`/config/webhooks/${created.id}`, { url: r.url, eventTypes: ["meeting.created"], description: null });
    expect(put.status, put.text).toBe(200);
    expect(put.body.eventTypes).toEqual(["meeting.created"]);
    expect((await api.delete(`/config/webhooks/${created.id}`)).status).toBe(204);
    expect((await api.get(`/config/webhooks/${created.id}`)).status).toBe(404);
  });

  it("refuses http to other hosts, unknown event types and a replay without a target, naming the field", async () => {
    const bad = await api.post("/config/webhooks", { url: "http://crm.example.com/hook" });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toContain("application/problem+json");
    expect(fieldsOf(bad.body)).toEqual(["url"]);
    const type = await api.post("/config/webhooks", { url: "https://crm.example.com/hook", eventTypes: ["meeting.exploded"] });
    expect(type.status).toBe(400);
    expect(fieldsOf(type.body)[0]).toMatch(/^eventTypes/);
    const r = await receiver();
    const sub = await subscribe(r);
    const replay = await api.post(`/config/webhooks/${sub.id}/replay`, {});
    expect(replay.status).toBe(400);
    expect(fieldsOf(replay.body)).toContain("eventId");
    await api.delete(`/config/webhooks/${sub.id}`);
  });

  it("needs BookMe.Admin and is V2 only", async () => {
    const headers = await stack.headers({ roles: ["BookMe.Read", "BookMe.Write"] });
    const res = await fetch(`${stack.base}/config/webhooks`, { headers });
    expect(res.status).toBe(403);
    const v1 = await api.get("/config/webhooks", { base: stack.base.replace("/v2/", "/v1/") });
    expect(v1.status).toBe(404);
  });
});

describe("delivery", () => {
  it("delivers each event signed, in the Standard Webhooks shape, without emails unless allowed", async () => {
    const [plain, personal] = [await receiver(), await receiver()];
    await subscribe(plain);
    await subscribe(personal, { includePersonalData: true });
    const m = meeting();
    const e = meetingCreated(m);
    await write(e);
    await plain.waitFor(() => plain.of(e.id).length > 0);
    await personal.waitFor(() => personal.of(e.id).length > 0);
    const [d] = plain.of(e.id);
    expect(d.verifiedBy).toEqual([0]);
    expect(Math.abs(d.timestamp * 1000 - Date.now())).toBeLessThan(60_000);
    expect(d.body).toMatchObject({
      type: "meeting.created",
      timestamp: m.dateModified,
      data: { id: m.id, status: "Booked", externalAttendees: [{ name: "Jo Test" }] },
    });
    expect(JSON.stringify(d.body)).not.toMatch(/U0VBTEVELUNQUi1DSVBIRVJURVhU|"cpr"|jo@example\.com|holds/);
    expect(personal.of(e.id)[0].body.data.externalAttendees).toEqual([{ name: "Jo Test", email: "jo@example.com" }]);
  });

  it("per meeting, events go out in order even when a later one is written first", async () => {
    const r = await receiver();
    await subscribe(r);
    const m1 = meeting();
    // The booking is still in flight (its intent exists; dated ahead so that no sweep settles it meanwhile).
    const intent = {
      id: `book:${m1.id}`,
      op: "book",
      ref: `meeting:${m1.id}`,
      addedTo: [],
      addedRev: 1,
      removeFrom: [],
      removedRev: null,
      reservationId: null,
      createdAt: new Date(Date.now() + 3_600_000).toISOString(),
    };
    await intents.items.create(intent);
    const m2 = {
      ...m1,
      rev: 2,
      startDate: "2027-01-04T11:00:00.000Z",
      endDate: "2027-01-04T12:00:00.000Z",
      dateModified: new Date().toISOString(),
    };
    const m3 = { ...m2, rev: 3, status: "Cancelled" as const };
    const [created, moved, cancelled] = [meetingCreated(m1), meetingUpdated(m1, m2), meetingCancelled(m3, "customer asked")];
    await write(cancelled, moved);
    await sleep(3000); // the dispatcher has queued both; they must wait for seq 1
    expect(r.of(moved.id)).toHaveLength(0);
    await write(created);
    await intents.item(intent.id, intent.id).delete();
    await r.waitFor(() => r.of(cancelled.id).length > 0);
    const order = r.deliveries.filter((d) => d.body.data.id === m1.id).map((d) => d.body.type);
    expect(order).toEqual(["meeting.created", "meeting.updated", "meeting.cancelled"]);
    expect(r.of(moved.id)[0].body.data.previous).toMatchObject({ startDate: m1.startDate, endDate: m1.endDate });
    expect(r.of(cancelled.id)[0].body.data.reason).toBe("customer asked");
  });

  it("an earlier event that will never come (no operation in flight, e.g. a change from before events) does not hold up the next", async () => {
    const r = await receiver();
    await subscribe(r);
    const m = meeting({ rev: 5 });
    const e = meetingUpdated({ ...m, rev: 4 }, m);
    await write(e);
    await r.waitFor(() => r.of(e.id).length > 0, 15_000);
  });

  it("writing an event twice delivers it once", async () => {
    const r = await receiver();
    await subscribe(r);
    const e = reservationCreated({
      id: randomUUID(),
      token: "t",
      startDate: "a",
      endDate: "b",
      employeeId: null,
      roomId: null,
      serviceGroup: null,
      existingMeetingId: null,
      expiresAt: "x",
      createdAt: new Date().toISOString(),
    });
    await write(e);
    await write(e);
    await r.waitFor(() => r.of(e.id).length > 0);
    await sleep(4000);
    expect(r.of(e.id)).toHaveLength(1);
  });

  it("a receiver failing for a while (500, timeout, then refused) gets the event after recovery, with the same webhook-id", async () => {
    const r = await receiver();
    const sub = await subscribe(r);
    const e = meetingCreated(meeting());
    let tries = 0;
    r.behaviour = (d) => (d.id !== e.id ? 204 : ++tries === 1 ? 500 : tries === 2 ? "hang" : 200);
    await write(e);
    await r.waitFor(() => r.of(e.id).length >= 2);
    await sleep(1500); // the hanging try runs into the sender's 1 s timeout
    await r.stop(); // the next try: connection refused
    const refusedLogged = async () => {
      const log = await api.get(`/config/webhooks/${sub.id}/deliveries`);
      return log.body.items.some((a: { eventId: string; error: string | null }) => a.eventId === e.id && a.error === "connection_refused");
    };
    for (let i = 0; i < 200 && !(await refusedLogged()); i++) await sleep(100);
    await r.start();
    await r.waitFor(() => r.of(e.id).some((d) => d.answeredWith === 200), 20_000);
    const mine = r.of(e.id);
    expect(new Set(mine.map((d) => d.id))).toEqual(new Set([e.id]));
    expect(mine.every((d) => d.verifiedBy.length === 1)).toBe(true);
    const log = await api.get(`/config/webhooks/${sub.id}/deliveries`);
    expect(log.status).toBe(200);
    const attempts = log.body.items.filter((a: { eventId: string }) => a.eventId === e.id).reverse();
    expect(attempts.map((a: { statusCode: number | null }) => a.statusCode).slice(0, 2)).toEqual([500, null]);
    expect(attempts[1].error).toBe("timeout");
    expect(attempts.some((a: { error: string | null }) => a.error === "connection_refused")).toBe(true);
    expect(attempts.at(-1)).toMatchObject({ statusCode: 200, outcome: "delivered" });
    expect(attempts.every((a: { latencyMs: number }) => a.latencyMs >= 0)).toBe(true);
  });

  it("honours Retry-After", async () => {
    const r = await receiver();
    await subscribe(r);
    const e = meetingCreated(meeting());
    r.behaviour = (d) => (d.id === e.id && r.of(e.id).length === 0 ? { status: 503, headers: { "retry-after": "3" } } : 204);
    await write(e);
    await r.waitFor(() => r.of(e.id).length >= 2, 20_000);
    const [first, second] = r.of(e.id);
    expect(second.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(2900);
  });

  it("410 Gone disables the subscription", async () => {
    const r = await receiver();
    const sub = await subscribe(r);
    r.behaviour = () => 410;
    await write(meetingCreated(meeting()));
    await r.waitFor(() => r.deliveries.length > 0);
    await sleep(500);
    const got = await api.get(`/config/webhooks/${sub.id}`);
    expect(got.body).toMatchObject({ status: "disabled", disabledReason: "the receiver answered 410 Gone" });
  });

  it("after the last try the delivery goes to the poison queue", async () => {
    const r = await receiver();
    const sub = await subscribe(r, { eventTypes: ["reservation.expired"] });
    r.behaviour = () => 500;
    const e = { ...meetingCreated(meeting()), type: "reservation.expired" as const, aggregate: `reservation:${randomUUID()}`, seq: 1 };
    e.id = `evt_${e.aggregate.replace(":", "_")}_1`;
    await write(e);
    await r.waitFor(() => r.of(e.id).length >= 7, 30_000);
    const poison = QueueServiceClient.fromConnectionString(stack.azurite.connectionString).getQueueClient("webhook-deliveries-poison");
    const deadline = Date.now() + 10_000;
    let found = false;
    while (!found && Date.now() < deadline) {
      const { peekedMessageItems } = await poison.peekMessages({ numberOfMessages: 32 });
      found = peekedMessageItems.some((m) => JSON.parse(Buffer.from(m.messageText, "base64").toString()).eventId === e.id);
      if (!found) await sleep(200);
    }
    expect(found).toBe(true);
    expect(r.of(e.id)).toHaveLength(7); // 1 + the 6 retries of the shortened schedule
    const log = await api.get(`/config/webhooks/${sub.id}/deliveries`);
    expect(log.body.items[0]).toMatchObject({ eventId: e.id, outcome: "failed", attempt: 7 });
  });

  it("replays one event or a time range, with the same webhook-id", async () => {
    const r = await receiver();
    const sub = await subscribe(r);
    const from = new Date(Date.now() - 1000).toISOString();
    const [a, b] = [meetingCreated(meeting()), meetingCreated(meeting())];
    await write(a, b);
    await r.waitFor(() => r.of(a.id).length === 1 && r.of(b.id).length === 1);
    const one = await api.post(`/config/webhooks/${sub.id}/replay`, { eventId: a.id });
    expect(one.status, one.text).toBe(202);
    expect(one.body).toEqual({ queued: 1, truncated: false });
    await r.waitFor(() => r.of(a.id).length === 2);
    const range = await api.post(`/config/webhooks/${sub.id}/replay`, { from, to: new Date(Date.now() + 1000).toISOString() });
    expect(range.status).toBe(202);
    expect(range.body.queued).toBeGreaterThanOrEqual(2);
    await r.waitFor(() => r.of(a.id).length === 3 && r.of(b.id).length === 2);
    expect(r.of(a.id).every((d) => d.verifiedBy.length === 1)).toBe(true);
    expect((await api.post(`/config/webhooks/${sub.id}/replay`, { eventId: "evt_nothing_1" })).status).toBe(404);
  });

  it("after a rotation both secrets sign until the grace runs out", async () => {
    const r = await receiver();
    const sub = await subscribe(r);
    const old = sub.secret;
    const rotated = await api.post(`/config/webhooks/${sub.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(old);
    expect(Date.parse(rotated.body.previousSecretExpiresAt)).toBeGreaterThan(Date.now());
    r.secrets = [old, rotated.body.secret];
    const e = meetingCreated(meeting());
    await write(e);
    await r.waitFor(() => r.of(e.id).length > 0);
    const [d] = r.of(e.id);
    expect(d.signatures).toHaveLength(2);
    expect(d.verifiedBy).toEqual([0, 1]);
  });
});

describe("events from the booking API", () => {
  it("reserve, book from the reservation, move, cancel, and a hold that expires: each reaches the receiver once, in order", async () => {
    const r = await receiver();
    await subscribe(r, { includePersonalData: true });
    const emp = await createEmployee(api);
    const day = nextWeekday(2);
    const res = await api.post(
      "/time-slots/reserve",
      reserveBody({ startDate: isoAt(day, "10:00"), endDate: isoAt(day, "11:00"), employeeId: emp.id }),
    );
    expect(res.status, res.text).toBe(200);
    const booked = await bookMeeting(api, emp.id, isoAt(day, "10:00"), isoAt(day, "11:00"), {
      timeSlotId: res.body.id,
      startDate: undefined,
      endDate: undefined,
      externalAttendees: [{ name: "Jo Test", email: "jo@example.com" }],
    });
    const moved = await api.put(`/meetings/${booked.id}`, { startDate: isoAt(day, "13:00"), endDate: isoAt(day, "14:00") });
    expect(moved.status, moved.text).toBe(200);
    const cancelled = await api.post(`/meetings/${booked.id}/cancel`, { reason: "customer asked" });
    expect(cancelled.status, cancelled.text).toBe(200);
    const hold = await api.post(
      "/time-slots/reserve",
      reserveBody({ startDate: isoAt(day, "15:00"), endDate: isoAt(day, "15:30"), employeeId: emp.id }),
    );
    await sleep(2500); // past the 2 s TTL
    await stack.hosts[0].sweep();

    const meetingEvents = () => r.deliveries.filter((d) => d.body.data.id === booked.id);
    await r.waitFor(
      () =>
        meetingEvents().length === 3 &&
        r.deliveries.some((d) => d.body.type === "reservation.expired" && d.body.data.id === hold.body.id) &&
        r.deliveries.some((d) => d.body.type === "reservation.released" && d.body.data.id === res.body.id),
    );
    expect(meetingEvents().map((d) => d.body.type)).toEqual(["meeting.created", "meeting.updated", "meeting.cancelled"]);
    expect(meetingEvents().map((d) => d.id)).toEqual([1, 2, 3].map((n) => `evt_meeting_${booked.id}_${n}`));
    expect(meetingEvents()[1].body.data.previous).toMatchObject({ startDate: isoAt(day, "10:00").replace(/\.\d+Z$/, ".000Z") });
    expect(meetingEvents()[0].body.data.externalAttendees).toEqual([{ name: "Jo Test", email: "jo@example.com" }]);
    expect(meetingEvents()[2].body.data).toMatchObject({ status: "Cancelled", reason: "customer asked" });
    const ofReservation = r.deliveries.filter((d) => d.body.data.id === res.body.id).map((d) => d.body.type);
    expect(ofReservation).toEqual(["reservation.created", "reservation.released"]);
    expect(r.deliveries.filter((d) => d.body.data.id === hold.body.id).map((d) => d.body.type)).toEqual([
      "reservation.created",
      "reservation.expired",
    ]);
    expect(r.deliveries.every((d) => d.verifiedBy.length === 1)).toBe(true);
    expect(JSON.stringify(r.deliveries.map((d) => d.body))).not.toContain(res.body.token);
  });
});
