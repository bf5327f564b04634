/**
 * No-shows on the real stack (issue 25): POST /api/v2/bookme/meetings/{id}/no-show after the
 * meeting's start (409 meeting_not_started before, 409 meeting_cancelled for a cancelled one),
 * by the back office or the meeting's advisor; status NoShow in V2 (Booked in V1), no_show in the
 * bots API and its listing filter; an audit line meeting.no_show; DELETE undoes it within 24 hours.
 * Meetings in the past are seeded straight into Cosmos (the API books no past times).
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MeetingDoc } from "../../shared/booking/model/documents.js";
import { Api, bookMeeting, nextWeekday, type Json } from "../support/fixtures.js";
import { SUBSCRIPTION_KEY, startStack, stackRepositories, type Stack } from "../support/stack.js";

const CPH = "Europe/Copenhagen";
const HOUR = 3_600_000;
const ENTITY = `org:noshow-${randomUUID().slice(0, 8)}`;
const ADA = randomUUID();
const BO = randomUUID();
const OID = { ada: randomUUID(), bo: randomUUID() };
const DESK = randomUUID();
const TYPE = randomUUID();
const LINK = `link_ns_${randomUUID().slice(0, 8)}`;

let stack: Stack;
let api: Api;
let root: string;
let key = "";
let repos: Awaited<ReturnType<typeof stackRepositories>>;

function meeting(startMs: number, over: Partial<MeetingDoc> = {}): MeetingDoc {
  const at = new Date(startMs - 48 * HOUR).toISOString();
  return {
    id: randomUUID(),
    rev: 1,
    status: "Booked",
    apiVersion: "v2",
    bookedBy: "no-show test",
    salesforceId: null,
    customerTypeId: null,
    timeSlotId: null,
    portalId: null,
    cpr: null,
    customFields: [
      { key: "source", value: "bots" },
      { key: "booking_link_id", value: LINK },
    ],
    externalAttendees: [{ name: "Absent Attendee", email: "absent@example.com" }],
    title: "Seeded",
    description: null,
    videoLink: null,
    additionalEmployees: [],
    roomId: null,
    startDate: new Date(startMs).toISOString(),
    endDate: new Date(startMs + HOUR / 2).toISOString(),
    type: "Online",
    topicId: null,
    employeeId: ADA,
    customerId: "absent@example.com",
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
    ...over,
  };
}
async function seed(startMs: number, over: Partial<MeetingDoc> = {}) {
  const doc = meeting(startMs, over);
  await repos.meetings.create(doc);
  return doc.id;
}

async function bots(path: string) {
  const res = await fetch(`${root}/api/v1${path}`, { headers: { authorization: `Bearer ${key}` } });
  return { status: res.status, body: (await res.json()) as Json };
}
const advisor = async (who: keyof typeof OID) => ({
  authorization: `Bearer ${await stack.token({ clientId: DESK, roles: ["BookMe.Read", "BookMe.Write"], scopes: ["BookMe.Read", "BookMe.Write"], subject: OID[who] })}`,
  "ocp-apim-subscription-key": SUBSCRIPTION_KEY,
});
const expectCode = (res: { status: number; body: { code?: string }; text: string }, status: number, code: string) => {
  expect(res.status, res.text).toBe(status);
  expect(res.body.code).toBe(code);
};

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
  await put(`/config/employees/${ADA}`, {
    name: "Ada",
    email: "ada@bank.example",
    timeZone: CPH,
    workingHours: allDay,
    entraObjectId: OID.ada,
  });
  await put(`/config/employees/${BO}`, {
    name: "Bo",
    email: "bo@bank.example",
    timeZone: CPH,
    workingHours: allDay,
    entraObjectId: OID.bo,
  });
  await put(`/config/meeting-types/${TYPE}`, { name: "No-show test", durations: { defaultMinutes: 30 }, pool: { employeeIds: [ADA] } });
  await put(`/config/booking-links/${LINK}`, { slug: `ns-${LINK.slice(-8)}`, title: "No-show link", meetingTypeId: TYPE });
  await put(`/config/clients/${DESK}`, { name: "Advisor desk", channel: "Employee" });
  const created = await api.post("/config/api-keys", { name: "no-show bot", scopes: ["bookings:read"], entity: ENTITY });
  expect(created.status, created.text).toBe(201);
  key = created.body.key;
}, 120_000);
afterAll(async () => {
  repos?.dispose();
  await stack?.stop();
});

describe("no-show", () => {
  it("after the start: NoShow in V2 (Booked in V1), no_show in the bots API and its listing filter, an audit line; twice is 409", async () => {
    const id = await seed(Date.now() - 2 * HOUR);
    const marked = await api.post(`/meetings/${id}/no-show`);
    expect(marked.status, marked.text).toBe(200);
    expect(marked.body).toMatchObject({ id, status: "NoShow", noShowAt: expect.any(String) });
    expect((await api.get(`/meetings/${id}`)).body.status).toBe("NoShow");
    const v1 = await api.get(`/meetings/${id}`, { base: `${root}/api/v1/bookme` });
    expect([v1.status, v1.body.status]).toEqual([200, "Booked"]);

    expect((await bots(`/bookings/${id}`)).body.status).toBe("no_show");
    const listed = await bots(`/bookings?status=no_show&booking_link_id=${LINK}&limit=100`);
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((b: { id: string }) => b.id)).toContain(id);
    expect(listed.body.data.every((b: { status: string }) => b.status === "no_show")).toBe(true);
    const confirmed = await bots(`/bookings?status=confirmed&booking_link_id=${LINK}&limit=100`);
    expect(confirmed.body.data.map((b: { id: string }) => b.id)).not.toContain(id);

    const history = await api.get(`/meetings/${id}/history`);
    expect(history.status, history.text).toBe(200);
    expect(history.body.map((e: { action: string }) => e.action)).toContain("meeting.no_show");
    expectCode(await api.post(`/meetings/${id}/no-show`), 409, "already_no_show");
  });

  it("before the start: 409 meeting_not_started; a cancelled meeting: 409 meeting_cancelled", async () => {
    const day = nextWeekday(3, 14, CPH);
    const future = await bookMeeting(api, ADA, day.set({ hour: 10 }).toUTC().toISO()!, day.set({ hour: 11 }).toUTC().toISO()!);
    expectCode(await api.post(`/meetings/${future.id}/no-show`), 409, "meeting_not_started");
    expect((await api.post(`/meetings/${future.id}/cancel`, {})).status).toBe(200);
    expectCode(await api.post(`/meetings/${future.id}/no-show`), 409, "meeting_cancelled");
    const pastCancelled = await seed(Date.now() - 3 * HOUR, { status: "Cancelled" });
    expectCode(await api.post(`/meetings/${pastCancelled}/no-show`), 409, "meeting_cancelled");
  });

  it("DELETE undoes it within 24 hours (Booked again); not marked: 409 not_no_show; marked over 24 hours ago: 409 no_show_undo_expired", async () => {
    const id = await seed(Date.now() - HOUR);
    expect((await api.post(`/meetings/${id}/no-show`)).status).toBe(200);
    const undone = await api.delete(`/meetings/${id}/no-show`);
    expect(undone.status, undone.text).toBe(200);
    expect(undone.body.status).toBe("Booked");
    expect(undone.body.noShowAt).toBeUndefined();
    expect((await bots(`/bookings/${id}`)).body.status).toBe("confirmed");
    expectCode(await api.delete(`/meetings/${id}/no-show`), 409, "not_no_show");

    const old = await seed(Date.now() - 30 * HOUR, { status: "NoShow", noShowAt: new Date(Date.now() - 25 * HOUR).toISOString() });
    expectCode(await api.delete(`/meetings/${old}/no-show`), 409, "no_show_undo_expired");
  });

  it("the meeting's advisor marks it on the Employee channel; another advisor does not reach it (404)", async () => {
    const id = await seed(Date.now() - HOUR);
    const asBo = await fetch(`${stack.base}/meetings/${id}/no-show`, { method: "POST", headers: await advisor("bo") });
    expect(asBo.status).toBe(404);
    const asAda = await fetch(`${stack.base}/meetings/${id}/no-show`, { method: "POST", headers: await advisor("ada") });
    expect(asAda.status, await asAda.clone().text()).toBe(200);
    expect(((await asAda.json()) as { status: string }).status).toBe("NoShow");
  });
});
