/**
 * Consent on record (issue 27): the booking page asks for acceptance of the privacy notice (PRIVACY_NOTICE_URL)
 * and records it; a V2 `consent` object, meetergo's `dataPolicyAccepted` and the bots API's `consent_accepted`
 * are stored with the meeting; a meeting type with `consentRequired` refuses a booking without it (400
 * consent_required naming each channel's own field); the export lists every consent.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  facadeHosts,
  facadeLink,
  facadeMeetingType,
  BOTS_LINK_ID,
  MEETERGO_HOST_ID,
  MEETERGO_MEETING_TYPE_ID,
} from "../../dev/seed/demo-facades.js";
import { seedPageDirectory, type PageDirectory } from "../support/booking-page.js";
import { Api, nextWeekday, sleep, type Json } from "../support/fixtures.js";
import { startStack, type Stack } from "../support/stack.js";

const NOTICE = { url: "https://bank.example/privacy", version: "2026-12" };
const tag = randomUUID().slice(0, 8);
const PERSON = { name: `Karin Samtykke ${tag}`, email: `karin.samtykke.${tag}@example.com`, phone: "+45 31 41 59 26" };

let stack: Stack;
let api: Api;
let apiKey: string;
let dir: PageDirectory;
const booked: Record<string, string> = {};

async function send(method: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${stack.hosts[0].url}/api${path}`, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text) : undefined };
}
const facade = (path: string, body: unknown) => send("POST", path, body, { authorization: `Bearer ${apiKey}` });

const fieldsOf = async (id: string) =>
  Object.fromEntries(
    ((await api.get(`/meetings/${id}`)).body.customFields as { key: string; value: string }[]).map((f) => [f.key, f.value]),
  );

beforeAll(async () => {
  stack = await startStack({
    echo: !!process.env.ECHO_STACK,
    hostEnv: { PRIVACY_NOTICE_URL: NOTICE.url, PRIVACY_NOTICE_VERSION: NOTICE.version },
  });
  api = new Api(stack);
  for (const { id, ...body } of facadeHosts) expect((await api.put(`/config/employees/${id}`, body)).status).toBe(201);
  const { id: typeId, ...typeBody } = facadeMeetingType;
  const type = await api.put(`/config/meeting-types/${typeId}`, { ...typeBody, consentRequired: true });
  expect(type.status, type.text).toBe(201);
  const { id: linkId, ...linkBody } = facadeLink;
  expect((await api.put(`/config/booking-links/${linkId}`, linkBody)).status).toBe(201);
  const key = await api.post("/config/api-keys", { name: "consent test", scopes: ["bookings:read", "bookings:write"] });
  expect(key.status, key.text).toBe(201);
  apiKey = key.body.key;
  dir = await seedPageDirectory(api);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe("the booking page", () => {
  it("gives the notice to link; a booking without its acceptance is 400 consent_required naming privacyNoticeAccepted; with it, recorded", async () => {
    expect((await send("GET", "/public/booking/privacy-notice", undefined)).body).toEqual(NOTICE);
    const q = new URLSearchParams({
      topicId: dir.topicId,
      customerTypeId: dir.customerTypeId,
      meetingType: "Physical",
      branch: dir.soloBranch,
      days: "3",
    });
    const times: Json = (await send("GET", `/public/booking/availability?${q}`, undefined)).body;
    const choice = { topicId: dir.topicId, customerTypeId: dir.customerTypeId, meetingType: "Physical", branch: dir.soloBranch };
    const token = randomUUID();
    const held = await send("POST", "/public/booking/reservations", { ...choice, token, ...times.times[0] });
    expect(held.status, held.text).toBe(200);
    const body = { ...choice, token, reservationId: held.body.reservationId, name: PERSON.name, email: PERSON.email, phone: PERSON.phone };

    for (const refused of [body, { ...body, privacyNoticeAccepted: false }]) {
      const res = await send("POST", "/public/booking/meetings", refused);
      expect(res.status, res.text).toBe(400);
      expect(res.body.code).toBe("consent_required");
      expect(res.body.errors).toEqual([expect.objectContaining({ field: "privacyNoticeAccepted", rule: "consent_required" })]);
    }
    const before = Date.now();
    const page = await send("POST", "/public/booking/meetings", { ...body, privacyNoticeAccepted: true });
    expect(page.status, page.text).toBe(201);
    booked.page = page.body.meeting.id;
    const fields = await fieldsOf(booked.page);
    expect(fields).toMatchObject({ "consent.policyVersion": NOTICE.version, "consent.channel": "booking-page" });
    expect(Date.parse(fields["consent.acceptedAt"])).toBeGreaterThanOrEqual(before - 1000);
    expect(fields["consent.acceptedAt"]).toMatch(/Z$/);
  });
});

describe("a meeting type with consentRequired", () => {
  const day = () => nextWeekday(2, 14, "Europe/Berlin");

  it("V2: without `consent` 400 consent_required naming it; with it, stored as custom fields (acceptedAt in UTC); V1 refuses the field", async () => {
    const body = {
      meetingTypeId: MEETERGO_MEETING_TYPE_ID,
      bookedBy: "Employee",
      salesforceId: `sf-${tag}`,
      customerId: `cust-consent-${tag}`,
      startDate: day().set({ hour: 9 }).toUTC().toISO(),
      endDate: day().set({ hour: 9, minute: 30 }).toUTC().toISO(),
      type: "Online",
      externalAttendees: [{ name: PERSON.name, email: PERSON.email }],
    };
    const refused = await api.post("/meetings", body);
    expect(refused.status, refused.text).toBe(400);
    expect(refused.body.code).toBe("consent_required");
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: "consent", rule: "consent_required" })]);
    const malformed = await api.post("/meetings", { ...body, consent: { policyVersion: "3", acceptedAt: "yesterday", channel: "app" } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.map((e: Json) => e.field)).toContain("consent.acceptedAt");

    const consent = { policyVersion: "2026-12", acceptedAt: "2026-12-01T10:15:00+01:00", channel: "mobile-app" };
    const ok = await api.post("/meetings", { ...body, consent });
    expect(ok.status, ok.text).toBe(201);
    booked.v2 = ok.body.id;
    expect(await fieldsOf(booked.v2)).toMatchObject({
      "consent.policyVersion": "2026-12",
      "consent.acceptedAt": "2026-12-01T09:15:00.000Z",
      "consent.channel": "mobile-app",
    });
    const v1 = await api.at(api.bases("v1")[0]).post("/meetings", { ...body, consent });
    expect(v1.status).toBe(400);
    expect(JSON.stringify(v1.body.errors)).toContain("consent");
  });

  it("meetergo: without dataPolicyAccepted 400 naming attendee.dataPolicyAccepted; bots: without consent_accepted 400 naming it", async () => {
    const attendee = {
      email: PERSON.email,
      firstname: "Karin",
      lastname: `Samtykke ${tag}`,
      receiveReminders: false,
      notes: {},
    };
    const meetergoBody = {
      meetingTypeId: MEETERGO_MEETING_TYPE_ID,
      start: day().set({ hour: 11, minute: 0 }).toISO({ suppressMilliseconds: true }),
      hostIds: [MEETERGO_HOST_ID],
      attendee,
    };
    for (const dataPolicyAccepted of [undefined, false]) {
      const refused = await facade("/v4/booking", { ...meetergoBody, attendee: { ...attendee, dataPolicyAccepted } });
      expect(refused.status, refused.text).toBe(400);
      expect(refused.body.message).toContain("attendee.dataPolicyAccepted");
    }
    const meetergo = await facade("/v4/booking", { ...meetergoBody, attendee: { ...attendee, dataPolicyAccepted: true } });
    expect(meetergo.status, meetergo.text).toBe(201);
    booked.meetergo = meetergo.body.appointmentId;
    expect((await fieldsOf(booked.meetergo)).dataPolicyAccepted).toBe("true");

    const botsDay = nextWeekday(3, 21, "Europe/Berlin");
    const slots = await fetch(`${stack.hosts[0].url}/api/v1/availability?booking_link_id=${BOTS_LINK_ID}&date=${botsDay.toISODate()}`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    const slot = ((await slots.json()) as Json).data.slots[0];
    const botsBody = { booking_link_id: BOTS_LINK_ID, contact_name: PERSON.name, contact_email: PERSON.email, start_time: slot.start };
    const refused = await facade("/v1/bookings", botsBody);
    expect(refused.status, refused.text).toBe(400);
    expect(refused.body.error.code).toBe("consent_required");
    expect(refused.body.error.fields).toEqual([expect.objectContaining({ field: "consent_accepted" })]);
    const bots = await facade("/v1/bookings", { ...botsBody, consent_accepted: true });
    expect(bots.status, bots.text).toBe(201);
    booked.bots = bots.body.id;
    expect(await fieldsOf(booked.bots)).toMatchObject({ "consent.channel": "bots" });
  });
});

describe("the export", () => {
  it("lists every consent with its channel, time and notice version", async () => {
    const res = await api.post("/privacy/exports", { email: PERSON.email });
    expect(res.status, res.text).toBe(202);
    await fetch(`${stack.hosts[0].url}/admin/functions/privacy-jobs`, { method: "POST" });
    let status: Json = {};
    for (let i = 0; i < 60 && status.status !== "Succeeded"; i++) {
      await sleep(500);
      status = (await api.get(`/privacy/exports/${res.body.id}`)).body;
    }
    expect(status.status).toBe("Succeeded");
    const consents = status.result.consents as Json[];
    expect(consents).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ meetingId: booked.page, source: "booking-page", accepted: true, policyVersion: NOTICE.version }),
        expect.objectContaining({
          meetingId: booked.v2,
          source: "mobile-app",
          recordedAt: "2026-12-01T09:15:00.000Z",
          policyVersion: "2026-12",
        }),
        expect.objectContaining({ meetingId: booked.meetergo, source: "meetergo", accepted: true, policyVersion: null }),
        expect.objectContaining({ meetingId: booked.bots, source: "bots", accepted: true, policyVersion: null }),
      ]),
    );
    expect(consents).toHaveLength(4);
  });
});
