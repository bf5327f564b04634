/**
 * The personal data lifecycle (issue 27) on the real stack: one person booked through every channel
 * (V2 with an Idempotency-Key, the booking page with a CPR, the bots API, meetergo with
 * dataPolicyAccepted), with webhooks and Outlook write-back on; then an export, and an erasure after
 * which EVERY container of config/cosmos-containers.json, the dev Graph's events and the webhook
 * deliveries sent after it are searched for their name, e-mail, phone and customer ids: no hit. An
 * erasure that leaves one store out (the test-only skip of runErasure) is shown to be found by the
 * same search first. Another person's meeting is untouched, byte for byte.
 */
import { createHash, randomInt, randomUUID } from "node:crypto";
import { CosmosClient } from "@azure/cosmos";
import { BlobServiceClient } from "@azure/storage-blob";
import { QueueServiceClient } from "@azure/storage-queue";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import layout from "../../config/cosmos-containers.json" with { type: "json" };
import {
  facadeHosts,
  facadeLink,
  facadeMeetingType,
  BOTS_LINK_ID,
  MEETERGO_HOST_ID,
  MEETERGO_MEETING_TYPE_ID,
} from "../../dev/seed/demo-facades.js";
import { EMULATOR_KEY } from "../../dev/cosmos-server.js";
import type { PrivacyJob } from "../../shared/privacy/jobs.js";
import { runErasure } from "../../shared/privacy/erasure.js";
import { cprContext, type SealedValue } from "../../shared/booking/model/personal-data.js";
import { seedPageDirectory, type PageDirectory } from "../support/booking-page.js";
import { Api, bookMeeting, createEmployee, isoAt, nextWeekday, sleep, type Json } from "../support/fixtures.js";
import { stackRepositories, startStack, type Stack } from "../support/stack.js";
import { WebhookReceiver } from "../support/webhook-receiver.js";

const tag = randomUUID().slice(0, 8);
const phoneDigits = String(randomInt(20_000_000, 99_999_999));
const PERSON = {
  name: `Ingrid Privatsen ${tag}`,
  email: `ingrid.privatsen.${tag}@example.com`,
  phone: `+45 ${phoneDigits.replace(/(\d\d)(?=\d)/g, "$1 ")}`,
  customerId: `cust-privacy-${tag}`,
};
/** The booking page's customer id for the e-mail (public-booking.ts customerIdOf). */
const pageCustomerId = `web-${createHash("sha256").update(PERSON.email).digest("hex").slice(0, 24)}`;
const OTHER = { name: `Otto Andersen ${tag}`, email: `otto.${tag}@example.com`, customerId: `cust-other-${tag}` };

/** Every value of the person that must be gone; the phone also as its digits. */
const NEEDLES = [PERSON.name, PERSON.email, PERSON.phone, phoneDigits, PERSON.customerId, pageCustomerId, `sf-privacy-${tag}`].map((n) =>
  n.toLowerCase(),
);

let stack: Stack;
let api: Api;
let cosmos: CosmosClient;
let receiver: WebhookReceiver;
let advisor: { id: string; email: string };
let dir: PageDirectory;
let apiKey: string;
const planted: Record<string, string> = {};
let otherMeetingId: string;
/** The page meeting's sealed CPR as a backup taken before the erasure holds it. */
let cprSnapshot: SealedValue;

interface Hit {
  store: string;
  id: string;
  needle: string;
}

function hitsIn(store: string, docs: { id?: string }[], needles = NEEDLES): Hit[] {
  const hits: Hit[] = [];
  for (const doc of docs) {
    const text = JSON.stringify(doc).toLowerCase();
    for (const needle of needles) if (text.includes(needle)) hits.push({ store, id: String(doc.id), needle });
  }
  return hits;
}

/** Every message waiting in every Storage queue (peeked, not taken) and every blob of every Storage container. */
async function storageTexts(): Promise<{ store: string; docs: { id: string; text: string }[] }[]> {
  const queues = QueueServiceClient.fromConnectionString(stack.azurite.connectionString);
  const blobs = BlobServiceClient.fromConnectionString(stack.azurite.connectionString);
  const found: { store: string; docs: { id: string; text: string }[] }[] = [];
  for await (const q of queues.listQueues()) {
    const { peekedMessageItems } = await queues.getQueueClient(q.name).peekMessages({ numberOfMessages: 32 });
    const docs = peekedMessageItems.map((m) => ({
      id: m.messageId,
      text: m.messageText + Buffer.from(m.messageText, "base64").toString("utf8"),
    }));
    found.push({ store: `queue:${q.name}`, docs });
  }
  for await (const c of blobs.listContainers()) {
    const container = blobs.getContainerClient(c.name);
    const docs: { id: string; text: string }[] = [];
    for await (const b of container.listBlobsFlat())
      docs.push({ id: b.name, text: (await container.getBlobClient(b.name).downloadToBuffer()).toString("utf8") });
    found.push({ store: `blob:${c.name}`, docs });
  }
  return found;
}

/**
 * Every document of every container, every Storage queue and blob, the dev Graph's events, and what left
 * BookMe since `since`: webhook deliveries and the dev ACS's e-mails and SMS (the recipients' copies of
 * earlier messages are theirs, outside BookMe's reach, like an integrator's copy of a webhook).
 */
async function searchEverything(since: number): Promise<Hit[]> {
  const db = cosmos.database("bookme");
  const hits: Hit[] = [];
  for (const { name } of layout.containers) {
    const { resources } = await db.container(name).items.query<{ id: string }>("SELECT * FROM c").fetchAll();
    hits.push(...hitsIn(name, resources));
  }
  for (const { store, docs } of await storageTexts()) hits.push(...hitsIn(store, docs));
  const sent = (await (await fetch(`${stack.acs!.inboxUrl}/messages`)).json()) as { id: string; sentAt: string }[];
  hits.push(
    ...hitsIn(
      "dev-acs",
      sent.filter((m) => Date.parse(m.sentAt) > since),
    ),
  );
  const events = (await stack.graph!.client.request("GET", "/dev-graph/events")).body as { id: string }[];
  hits.push(...hitsIn("dev-graph", events));
  hits.push(
    ...hitsIn(
      "webhook-receiver",
      receiver.deliveries.filter((d) => d.receivedAt > since),
    ),
  );
  return hits;
}

async function until(check: () => Promise<boolean>, ms = 60_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await sleep(300);
  }
  return false;
}

async function runTimer(name: string) {
  const res = await fetch(`${stack.hosts[0].url}/admin/functions/${name}`, { method: "POST" });
  expect(res.status).toBe(202);
}

/** Nothing left in the outbox and no calendar write pending: what the erasure set in motion has happened. */
async function settled() {
  const db = cosmos.database("bookme");
  return until(async () => {
    const { resources } = await db.container("outbox").items.query<number>("SELECT VALUE COUNT(1) FROM c").fetchAll();
    const graphEvents = (await stack.graph!.client.request("GET", "/dev-graph/events")).body as unknown[];
    return resources[0] === 0 && hitsIn("dev-graph", graphEvents as { id: string }[]).length === 0;
  }, 60_000);
}

async function facade(method: string, path: string, body: unknown) {
  const res = await fetch(`${stack.hosts[0].url}/api${path}`, {
    method,
    headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text) : undefined };
}

async function publicCall(path: string, body: unknown) {
  const res = await fetch(`${stack.hosts[0].url}/api/public/booking${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text) : undefined };
}

beforeAll(async () => {
  stack = await startStack({
    graph: true,
    acs: true,
    echo: !!process.env.ECHO_STACK,
    hostEnv: { CALENDAR_SYNC_INTERVAL_SECONDS: "0", CALENDAR_INVITE_CUSTOMERS: "true" },
  });
  api = new Api(stack);
  cosmos = new CosmosClient({ endpoint: stack.cosmosEndpoint, key: EMULATOR_KEY, connectionPolicy: { enableEndpointDiscovery: false } });
  receiver = await new WebhookReceiver().start();
  const sub = await api.post("/config/webhooks", { url: receiver.url, includePersonalData: true });
  expect(sub.status, sub.text).toBe(201);
  receiver.secrets = [sub.body.secret];

  advisor = await createEmployee(api, { calendarSync: true });
  expect((await stack.graph!.client.request("PUT", `/dev-graph/mailboxes/${encodeURIComponent(advisor.email)}`)).status).toBe(204);
  expect((await fetch(`${stack.hosts[0].url}/admin/functions/calendar-sync`, { method: "POST" })).status).toBe(202);
  // The person's own advisor (config/customers/{customerId}): the record's id is their customer id.
  expect((await api.put(`/config/customers/${PERSON.customerId}`, { advisorId: advisor.id })).status).toBeLessThan(300);
  for (const { id, ...body } of facadeHosts) expect((await api.put(`/config/employees/${id}`, body)).status).toBe(201);
  const { id: typeId, ...typeBody } = facadeMeetingType;
  expect((await api.put(`/config/meeting-types/${typeId}`, typeBody)).status).toBe(201);
  const { id: linkId, ...linkBody } = facadeLink;
  expect((await api.put(`/config/booking-links/${linkId}`, linkBody)).status).toBe(201);
  const key = await api.post("/config/api-keys", { name: "privacy test", scopes: ["bookings:read", "bookings:write"] });
  expect(key.status, key.text).toBe(201);
  apiKey = key.body.key;
  dir = await seedPageDirectory(api);

  const day = nextWeekday(2, 7);
  // V2, with an Idempotency-Key (its record keeps the response) and the person's name in the title (it reaches Outlook).
  const v2 = await api.post(
    "/meetings",
    {
      bookedBy: "Employee",
      salesforceId: `sf-privacy-${tag}`,
      employeeId: advisor.id,
      customerId: PERSON.customerId,
      startDate: isoAt(day, "09:00"),
      endDate: isoAt(day, "10:00"),
      type: "Online",
      title: `Pension review with ${PERSON.name}`,
      description: `Call back on ${PERSON.phone}`,
      customFields: [{ key: "phone", value: PERSON.phone }],
      externalAttendees: [{ name: PERSON.name, email: PERSON.email }],
    },
    { headers: { "idempotency-key": randomUUID() } },
  );
  expect(v2.status, v2.text).toBe(201);
  planted.v2 = v2.body.id;
  // Cancelled afterwards: a cancelled meeting is erased too.
  const cancelled = await bookMeeting(api, advisor.id, isoAt(day, "11:00"), isoAt(day, "12:00"), {
    customerId: PERSON.customerId,
    externalAttendees: [{ name: PERSON.name, email: PERSON.email }],
  });
  expect((await api.post(`/meetings/${cancelled.id}/cancel`, { reason: `${PERSON.name} asked to cancel` })).status).toBeLessThan(300);
  planted.cancelled = cancelled.id;

  // The booking page, with a CPR.
  const times = (await (
    await fetch(
      `${stack.hosts[0].url}/api/public/booking/availability?${new URLSearchParams({ topicId: dir.topicId, customerTypeId: dir.customerTypeId, meetingType: "Physical", branch: dir.soloBranch, days: "3" })}`,
    )
  ).json()) as Json;
  const token = randomUUID();
  const time = times.times[3];
  const held = await publicCall("/reservations", {
    topicId: dir.topicId,
    customerTypeId: dir.customerTypeId,
    meetingType: "Physical",
    branch: dir.soloBranch,
    token,
    ...time,
  });
  expect(held.status, held.text).toBe(200);
  const page = await publicCall("/meetings", {
    topicId: dir.topicId,
    customerTypeId: dir.customerTypeId,
    meetingType: "Physical",
    branch: dir.soloBranch,
    token,
    reservationId: held.body.reservationId,
    name: PERSON.name,
    email: PERSON.email,
    phone: PERSON.phone,
    cpr: "010190-1234",
    notes: `Please call ${PERSON.name}`,
  });
  expect(page.status, page.text).toBe(201);
  planted.page = page.body.meeting.id;

  // The bots API.
  const botsDay = nextWeekday(3, 21, "Europe/Berlin");
  const slots = await fetch(`${stack.hosts[0].url}/api/v1/availability?booking_link_id=${BOTS_LINK_ID}&date=${botsDay.toISODate()}`, {
    headers: { authorization: `Bearer ${apiKey}` },
  });
  const slot = ((await slots.json()) as Json).data.slots[1];
  const bots = await facade("POST", "/v1/bookings", {
    booking_link_id: BOTS_LINK_ID,
    contact_name: PERSON.name,
    contact_email: PERSON.email,
    contact_phone: PERSON.phone,
    start_time: slot.start,
    notes: `Notes for ${PERSON.name}`,
  });
  expect(bots.status, bots.text).toBe(201);
  planted.bots = bots.body.id;

  // meetergo, with dataPolicyAccepted.
  const meetergoDay = nextWeekday(4, 28, "Europe/Berlin");
  const meetergo = await facade("POST", "/v4/booking", {
    meetingTypeId: MEETERGO_MEETING_TYPE_ID,
    start: meetergoDay.set({ hour: 10, minute: 0 }).toISO({ suppressMilliseconds: true }),
    hostIds: [MEETERGO_HOST_ID],
    attendee: {
      email: PERSON.email,
      firstname: PERSON.name.split(" ")[0],
      lastname: PERSON.name.split(" ").slice(1).join(" "),
      phone: PERSON.phone,
      dataPolicyAccepted: true,
      receiveReminders: true,
      notes: {},
    },
  });
  expect(meetergo.status, meetergo.text).toBe(201);
  planted.meetergo = meetergo.body.appointmentId;

  // Someone else, who must stay exactly as they are.
  const other = await bookMeeting(api, advisor.id, isoAt(day, "14:00"), isoAt(day, "15:00"), {
    customerId: OTHER.customerId,
    title: `Meeting with ${OTHER.name}`,
    externalAttendees: [{ name: OTHER.name, email: OTHER.email }],
  });
  otherMeetingId = other.id;

  // The person's data has reached the webhooks and the advisor's Outlook calendar.
  await receiver.waitFor(() => receiver.deliveries.some((d) => d.id === `evt_meeting_${planted.meetergo}_1`), 60_000);
  // ... and the customer messages: their confirmation left through the dev ACS.
  const confirmed = await until(async () => {
    const sent = (await (await fetch(`${stack.acs!.inboxUrl}/messages`)).json()) as { meetingId: string | null }[];
    return sent.some((m) => m.meetingId === planted.v2);
  });
  expect(confirmed).toBe(true);
  const inOutlook = await until(async () => {
    const events = (await stack.graph!.client.request("GET", "/dev-graph/events")).body as { id: string }[];
    return hitsIn("dev-graph", events).length > 0;
  });
  expect(inOutlook).toBe(true);
}, 240_000);

afterAll(async () => {
  await receiver?.stop();
  cosmos?.dispose();
  await stack?.stop();
});

const meetingDoc = async (id: string) => (await cosmos.database("bookme").container("meetings").item(id, id).read()).resource;

describe("the subject index", () => {
  it("every channel's meeting carries keyed subject keys (no plain e-mail, phone or customer id) and is found by query", async () => {
    for (const [channel, id] of Object.entries(planted)) {
      expect(id, channel).toBeTruthy();
      const doc = await meetingDoc(id);
      expect(doc.subjects.length, channel).toBeGreaterThan(0);
      expect(hitsIn("subjects", [{ id, ...doc.subjects }])).toEqual([]);
    }
    const deps = await stackRepositories(stack);
    try {
      const key = deps.privacy!.keyer.keyOf({ email: PERSON.email.toUpperCase() });
      expect((await deps.privacy!.stores.meetingsOf([key])).sort()).toEqual(Object.values(planted).sort());
      cprSnapshot = (await meetingDoc(planted.page)).cpr;
      expect(await deps.personalData!.open(cprSnapshot, cprContext(planted.page))).toBe("0101901234");
      const byPhone = deps.privacy!.keyer.keyOf({ phone: phoneDigits });
      expect(await deps.privacy!.stores.meetingsOf([byPhone])).toEqual(expect.arrayContaining([planted.v2, planted.page]));
    } finally {
      deps.dispose();
    }
  });
});

describe("the access export (Art. 15)", () => {
  it("POST starts a long-running operation (202, Operation-Location); its status resource gives everything held, CPR 'on file'", async () => {
    const bad = await api.post("/privacy/exports", { email: PERSON.email, phone: PERSON.phone });
    expect(bad.status).toBe(400);
    const res = await api.post("/privacy/exports", { email: PERSON.email });
    expect(res.status, res.text).toBe(202);
    expect(res.body.status).toBe("NotStarted");
    const location = res.headers.get("operation-location")!;
    expect(location).toBe(`/api/v2/bookme/privacy/exports/${res.body.id}`);
    await runTimer("privacy-jobs");
    let status: Json;
    expect(
      await until(async () => {
        status = (await api.get(`/privacy/exports/${res.body.id}`)).body;
        return status.status === "Succeeded";
      }),
    ).toBe(true);
    const doc = status.result;
    expect(doc.schema).toBe("bookme.personal-data-export/1");
    expect(doc.meetings.map((m: Json) => m.id).sort()).toEqual(Object.values(planted).sort());
    const page = doc.meetings.find((m: Json) => m.id === planted.page);
    expect(page.cpr).toBe("on file");
    expect(JSON.stringify(doc)).not.toContain("010190");
    expect(doc.meetings.find((m: Json) => m.id === planted.v2).attendees).toEqual([{ name: PERSON.name, email: PERSON.email }]);
    expect(doc.meetings.find((m: Json) => m.id === planted.cancelled).history.map((h: Json) => h.action)).toContain("cancelled");
    expect(doc.consents).toEqual([expect.objectContaining({ meetingId: planted.meetergo, source: "meetergo", accepted: true })]);
    expect(doc.webhookDeliveries.length).toBeGreaterThan(0);
    expect(doc.waitlist).toEqual([]);
    expect(doc.customerAdvisors).toEqual([{ customerId: PERSON.customerId, advisorId: advisor.id, excludedAdvisorIds: [] }]);
    planted.exportId = res.body.id;
  }, 90_000);
});

describe("the erasure (Art. 17)", () => {
  it("an erasure that leaves one store out (the event log) is caught by the search: the person is still found there", async () => {
    const deps = await stackRepositories(stack);
    try {
      const now = new Date().toISOString();
      const job: PrivacyJob = {
        id: randomUUID(),
        kind: "erasure",
        status: "Running",
        requestedBy: "email",
        subjects: [deps.privacy!.keyer.keyOf({ email: PERSON.email })],
        actor: { channel: "Backoffice", tenantId: "test", clientId: "test" },
        reason: "planted omission",
        createdAt: now,
        lastActionAt: now,
        meetingIds: [],
        steps: {},
        leaseUntil: null,
        error: null,
        expiresAt: null,
      };
      const done = await runErasure({ ...deps, privacy: deps.privacy! }, job, async () => true, Date.now, { skip: ["events"] });
      expect(done.status).toBe("Succeeded");
      // Recorded like any erasure: a later erasure of the same person goes over these meetings again.
      await deps.privacy!.jobs.create(done);
    } finally {
      deps.dispose();
    }
    await settled();
    const hits = await searchEverything(Date.now());
    expect(hits.filter((h) => h.store === "events").length).toBeGreaterThan(0);
    // Only the log and what is sent from it: a delivery retried from the un-redacted log during the
    // search carries the person too, and must be one of the log's own events.
    const logIds = new Set(hits.filter((h) => h.store === "events").map((h) => h.id));
    const elsewhere = hits.filter((h) => h.store !== "events");
    expect(elsewhere.filter((h) => h.store !== "webhook-receiver" || !logIds.has(h.id))).toEqual([]);
  }, 120_000);

  it("the full erasure through the API leaves no trace in any container, the dev Graph or later webhooks; others untouched", async () => {
    const otherBefore = await meetingDoc(otherMeetingId);
    const refused = await api.post("/privacy/erasures", { email: PERSON.email });
    expect(refused.status).toBe(400);
    const started = Date.now();
    const res = await api.post("/privacy/erasures", { email: PERSON.email, reason: "case 2026-27" });
    expect(res.status, res.text).toBe(202);
    const location = res.headers.get("operation-location")!;
    await runTimer("privacy-jobs");
    let status: Json;
    expect(
      await until(async () => {
        status = (await api.get(location.replace("/api/v2/bookme", ""))).body;
        return status.status === "Succeeded";
      }),
      JSON.stringify(status),
    ).toBe(true);
    expect(status.meetings).toBe(Object.keys(planted).length - 1);
    expect(status.stores.events.count).toBeGreaterThan(0);
    // The earlier export went with the first (partial) erasure.
    expect((await api.get(`/privacy/exports/${planted.exportId}`)).status).toBe(404);

    await receiver.waitFor(() => receiver.deliveries.some((d) => d.body.type === "privacy.erased"), 60_000);
    const erased = receiver.deliveries.find((d) => d.body.type === "privacy.erased")!;
    expect(erased.body.data.meetingIds).toEqual(expect.arrayContaining([planted.v2, planted.page, planted.bots, planted.meetergo]));
    expect(await settled()).toBe(true);

    expect(await searchEverything(started)).toEqual([]);
    // The meetings keep their time, advisor, status and type.
    const v2 = await meetingDoc(planted.v2);
    expect(v2).toMatchObject({ employeeId: advisor.id, status: "Booked", type: "Online", customerId: "erased", externalAttendees: [] });
    // Its Outlook event stays as a busy block at the same times, without the person.
    const outlook = ((await stack.graph!.client.request("GET", "/dev-graph/events")).body as Json[]).filter(
      (e) => e.transactionId?.startsWith(`bookme-${planted.v2}`) && !e.isCancelled,
    );
    expect(outlook).toHaveLength(1);
    expect(outlook[0].showAs).toBe("busy");
    expect((await meetingDoc(planted.cancelled)).status).toBe("Cancelled");
    expect((await meetingDoc(planted.page)).cpr).toBeNull();
    // Crypto-shredded: the copy of the sealed CPR taken before the erasure no longer opens.
    const deps = await stackRepositories(stack);
    try {
      await expect(deps.personalData!.open(cprSnapshot, cprContext(planted.page))).rejects.toThrow("erased");
    } finally {
      deps.dispose();
    }
    expect(await meetingDoc(otherMeetingId)).toEqual(otherBefore);
    // Running it again is harmless.
    const again = await api.post("/privacy/erasures", { email: PERSON.email, reason: "case 2026-27 again" });
    await runTimer("privacy-jobs");
    expect(await until(async () => (await api.get(`/privacy/erasures/${again.body.id}`)).body.status === "Succeeded")).toBe(true);
    expect((await api.get(`/privacy/erasures/${again.body.id}`)).body.stores.meetings.count).toBe(0);
  }, 180_000);
});
