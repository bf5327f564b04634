/**
 * The seed-compatible APIs (issue 17) on the real stack: the meetergo docs' and the bots docs'
 * examples sent as written (dates moved to the future), a booking crossing all three APIs, the
 * documented errors from the cases the docs name, and one slot raced over the three APIs.
 */
import type { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  facadeHosts,
  facadeLink,
  facadeMeetingType,
  MEETERGO_HOST_ID,
  MEETERGO_MEETING_TYPE_ID,
  MEETERGO_QUEUE_ID,
  MEETERGO_SECOND_HOST_ID,
  BOTS_LINK_ID,
  BOTS_LINK_SLUG,
} from "../../dev/seed/demo-facades.js";
import { Api, at, meetingBody, nextWeekday } from "../support/fixtures.js";
import { startStack, type Stack } from "../support/stack.js";
import { WebhookReceiver } from "../support/webhook-receiver.js";

const BER = "Europe/Berlin";
let stack: Stack;
let api: Api;
let root: string;
let key: string;
let readOnlyKey: string;

/** A call as the meetergo / bots clients make it: the API key as bearer, no subscription key. */
async function call(method: string, path: string, body?: unknown, bearer: string | null = key) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
  const res = await fetch(`${root}/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, text, headers: res.headers };
}

async function newKey(scopes: string[], name = "test client") {
  const res = await api.post("/config/api-keys", { name, scopes });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; key: string };
}

/** A local wall time in Berlin with its offset, as the meetergo examples write it (e.g. 2024-01-15T09:00:00+01:00). */
const berlin = (day: DateTime, hhmm: string) => at(day, hhmm, BER).toISO({ suppressMilliseconds: true })!;
const utc = (day: DateTime, hhmm: string) => at(day, hhmm, BER).toUTC().toISO({ suppressMilliseconds: true })!;
const week = (n: number, weekday = 1) => nextWeekday(weekday, 7 * n, BER);

const basicBooking = (start: string, over: Record<string, unknown> = {}) => ({
  meetingTypeId: MEETERGO_MEETING_TYPE_ID,
  start,
  hostIds: [MEETERGO_HOST_ID],
  attendee: { email: "client@example.com", firstname: "Jane", lastname: "Smith", receiveReminders: true, notes: {} },
  ...over,
});

beforeAll(async () => {
  stack = await startStack();
  api = new Api(stack);
  root = stack.hosts[0].url;
  for (const { id, ...body } of facadeHosts) expect((await api.put(`/config/employees/${id}`, body)).status).toBe(201);
  const { id: typeId, ...typeBody } = facadeMeetingType;
  expect((await api.put(`/config/meeting-types/${typeId}`, typeBody)).status).toBe(201);
  const { id: linkId, ...linkBody } = facadeLink;
  const link = await api.put(`/config/booking-links/${linkId}`, linkBody);
  expect(link.status, link.text).toBe(201);
  key = (await newKey(["bookings:read", "bookings:write"])).key;
  readOnlyKey = (await newKey(["bookings:read"], "reader")).key;
}, 120_000);
afterAll(async () => stack?.stop());

describe("API keys", () => {
  it("are high entropy, shown once, listed without the key, and stop working when revoked (401 in each facade's shape)", async () => {
    const created = await newKey(["bookings:read"], "to revoke");
    expect(created.key).toMatch(/^bmk_[A-Za-z0-9_-]{43}$/);
    const listed = await api.get("/config/api-keys");
    expect(listed.status).toBe(200);
    expect(listed.text).not.toContain(created.key);
    expect(listed.body.map((k: { id: string }) => k.id)).toContain(created.id);
    const q = `/booking-availability/v2?meetingTypeId=${MEETERGO_MEETING_TYPE_ID}&start=${encodeURIComponent(utc(week(3), "00:00"))}&end=${encodeURIComponent(utc(week(3), "23:00"))}`;
    expect((await call("GET", q, undefined, created.key)).status).toBe(200);
    expect((await api.delete(`/config/api-keys/${created.id}`)).status).toBe(204);
    const meetergo = await call("GET", q, undefined, created.key);
    expect(meetergo.status).toBe(401);
    expect(meetergo.body).toEqual({ statusCode: 401, message: expect.any(String), error: "Unauthorized" });
    const bots = await call("GET", `/v1/availability?booking_link_id=${BOTS_LINK_ID}&date=${week(3).toISODate()}`, undefined, created.key);
    expect(bots.status).toBe(401);
    expect(bots.body.error.code).toBe("unauthorized");
    expect((await call("GET", q, undefined, null)).status).toBe(401);
    expect((await call("GET", q, undefined, "bmk_wrong")).status).toBe(401);
  });

  it("a key without bookings:write may read but not book", async () => {
    const res = await call("POST", "/v4/booking", basicBooking(berlin(week(3), "15:00")), readOnlyKey);
    expect(res.status).toBe(403);
    expect(res.body.error).toBe("Forbidden");
  });
});

describe("meetergo: the create-booking examples as written", () => {
  it("basic booking -> 201 {appointmentId, secret, attendeeEmail}; the meeting is BookMe's, with the host and meeting type", async () => {
    const res = await call("POST", "/v4/booking", basicBooking(berlin(week(2), "09:00")));
    expect(res.status, res.text).toBe(201);
    expect(res.body).toEqual({ appointmentId: expect.any(String), secret: expect.any(String), attendeeEmail: "client@example.com" });
    const meeting = await api.get(`/meetings/${res.body.appointmentId}`);
    expect(meeting.status).toBe(200);
    expect(meeting.body).toMatchObject({
      employeeId: MEETERGO_HOST_ID,
      meetingTypeId: MEETERGO_MEETING_TYPE_ID,
      startDate: utc(week(2), "09:00").replace("Z", ".000Z"),
      endDate: utc(week(2), "09:30").replace("Z", ".000Z"),
    });
    expect(meeting.body.externalAttendees).toEqual([{ name: "Jane Smith" }]); // BookMe's view leaves attendee emails out
  });

  it("with form fields and zoom, with a custom invite, with UTM tracking", async () => {
    const day = week(2, 2);
    const forms = await call("POST", "/v4/booking", {
      ...basicBooking(berlin(day, "09:00")),
      channel: "zoom",
      attendee: {
        email: "client@example.com",
        firstname: "Jane",
        lastname: "Smith",
        phone: "+1-555-123-4567",
        receiveReminders: true,
        notes: { company: "Acme Inc", referral_source: "Website", company_size: "50-200" },
      },
    });
    expect(forms.status, forms.text).toBe(201);
    const invite = await call(
      "POST",
      "/v4/booking",
      basicBooking(berlin(day, "10:00"), {
        icsTitle: "Product Demo — Jane Smith",
        icsDescription:
          "Chat summary: Customer asked about enterprise pricing and SSO. Wants to discuss data residency requirements for EU deployment.",
      }),
    );
    expect(invite.status, invite.text).toBe(201);
    const utm = await call("POST", "/v4/booking", {
      ...basicBooking(berlin(day, "11:00")),
      attendee: {
        email: "client@example.com",
        firstname: "Jane",
        lastname: "Smith",
        receiveReminders: true,
        notes: { utm_source: "qualimero", utm_medium: "chatbot", utm_content: "enterprise_q1" },
      },
    });
    expect(utm.status, utm.text).toBe(201);
    const zoom = (await api.get(`/meetings/${forms.body.appointmentId}`)).body;
    expect(zoom.type).toBe("Online");
    expect(zoom.customFields).toEqual(
      expect.arrayContaining([
        { key: "notes.company", value: "Acme Inc" },
        { key: "channel", value: "zoom" },
        { key: "phone", value: "+1-555-123-4567" },
      ]),
    );
    const titled = (await api.get(`/meetings/${invite.body.appointmentId}`)).body;
    expect(titled.title).toBe("Product Demo — Jane Smith");
    expect(titled.description).toMatch(/^Chat summary/);
    expect((await api.get(`/meetings/${utm.body.appointmentId}`)).body.customFields).toEqual(
      expect.arrayContaining([{ key: "notes.utm_source", value: "qualimero" }]),
    );
  });

  it("icsTitle over 200 characters and more than 5 bringalongEmails are 400s naming the rule", async () => {
    const long = await call("POST", "/v4/booking", basicBooking(berlin(week(2, 3), "09:00"), { icsTitle: "x".repeat(201) }));
    expect(long.status).toBe(400);
    expect(long.body.message).toMatch(/icsTitle/);
    const many = await call("POST", "/v4/booking", {
      ...basicBooking(berlin(week(2, 3), "09:00")),
      attendee: {
        email: "a@example.com",
        receiveReminders: true,
        notes: {},
        bringalongEmails: ["1", "2", "3", "4", "5", "6"].map((n) => `b${n}@example.com`),
      },
    });
    expect(many.status).toBe(400);
    expect(many.body.message).toMatch(/bringalongEmails/);
  });
});

describe("meetergo: confirmation", () => {
  it("a meeting type needing the attendee's confirmation answers {bookingType: doubleOptIn, provisionalBookingId}; the time is held (pending)", async () => {
    const typeId = "990e8400-e29b-41d4-a716-446655440010";
    const { id: _id, ...typeBody } = facadeMeetingType;
    expect(
      (
        await api.put(`/config/meeting-types/${typeId}`, {
          ...typeBody,
          queueId: undefined,
          confirmation: { mode: "attendee", expiryMinutes: 60 },
        })
      ).status,
    ).toBe(201);
    const start = berlin(week(3, 4), "09:00");
    const res = await call("POST", "/v4/booking", basicBooking(start, { meetingTypeId: typeId }));
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ bookingType: "doubleOptIn", provisionalBookingId: expect.any(String) });
    expect(res.body.appointmentId).toBeUndefined();
    expect((await call("GET", `/v1/bookings/${res.body.provisionalBookingId}`)).body.status).toBe("pending");
    expect((await call("POST", "/v4/booking", basicBooking(start))).body.message).toBe("The selected time slot is no longer available");
  });
});

describe("meetergo: the documented errors", () => {
  it("400 The selected time slot is no longer available", async () => {
    const start = berlin(week(2, 4), "09:00");
    expect((await call("POST", "/v4/booking", basicBooking(start))).status).toBe(201);
    const again = await call("POST", "/v4/booking", basicBooking(start));
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ statusCode: 400, message: "The selected time slot is no longer available", error: "Bad Request" });
  });

  it("400 hostIds or queueId is required", async () => {
    const { hostIds: _h, ...body } = basicBooking(berlin(week(2, 4), "10:00"));
    const res = await call("POST", "/v4/booking", body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ statusCode: 400, message: "hostIds or queueId is required", error: "Bad Request" });
  });

  it("400 Duration must match one of the allowed durations for this meeting type (booking and availability)", async () => {
    const res = await call("POST", "/v4/booking", basicBooking(berlin(week(2, 4), "11:00"), { duration: 45 }));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      statusCode: 400,
      message: "Duration must match one of the allowed durations for this meeting type",
      error: "Bad Request",
    });
    const day = week(2, 4);
    const avail = await call(
      "GET",
      `/v4/booking-availability?meetingTypeId=${MEETERGO_MEETING_TYPE_ID}&start=${encodeURIComponent(utc(day, "00:00"))}&end=${encodeURIComponent(utc(day, "23:00"))}&meetingDuration=45`,
    );
    expect(avail.status).toBe(400);
    expect(avail.body.message).toBe("Duration must match one of the allowed durations for this meeting type");
    const ok = await call("POST", "/v4/booking", basicBooking(berlin(day, "13:00"), { duration: 60 }));
    expect(ok.status, ok.text).toBe(201);
  });
});

describe("meetergo: the round-robin guide", () => {
  it("meeting type -> queueId -> availability v2 -> booking by queue; a second booking of the same time goes to the other host; a third finds it taken", async () => {
    const type = await call("GET", `/meeting-type/${MEETERGO_MEETING_TYPE_ID}`);
    expect(type.status).toBe(200);
    expect(type.body.queueId).toBe(MEETERGO_QUEUE_ID);
    const day = week(4, 3);
    const windows = await call(
      "GET",
      `/booking-availability/v2?queueId=${type.body.queueId}&meetingTypeId=${MEETERGO_MEETING_TYPE_ID}&start=${encodeURIComponent(utc(day, "00:00"))}&end=${encodeURIComponent(utc(day.plus({ days: 1 }), "23:59"))}`,
    );
    expect(windows.status, windows.text).toBe(200);
    expect(windows.body.timezone).toBe("utc");
    // Both hosts work 09:00-17:00 Berlin: one window a day, the last 30-minute start at 16:30.
    expect(windows.body.timeframes).toEqual([
      { start: at(day, "09:00", BER).toUTC().toISO(), end: at(day, "17:00", BER).toUTC().toISO() },
      {
        start: at(day.plus({ days: 1 }), "09:00", BER)
          .toUTC()
          .toISO(),
        end: at(day.plus({ days: 1 }), "17:00", BER)
          .toUTC()
          .toISO(),
      },
    ]);
    const guideBody = (email: string) => ({
      attendee: {
        email,
        firstname: "Claudia",
        lastname: "B",
        fullname: "Claudia B",
        receiveReminders: true,
        bringalongEmails: [],
        notes: { field1: "value1" },
        phone: "+490",
        language: "de",
        timezone: "Europe/Berlin",
        dataPolicyAccepted: true,
      },
      meetingTypeId: MEETERGO_MEETING_TYPE_ID,
      start: windows.body.timeframes[0].start,
      locationId: 0,
      queueId: type.body.queueId,
      channel: "connect",
      duration: 30,
    });
    const first = await call("POST", "/v4/booking", guideBody("claudia@meetergo.com"));
    expect(first.status, first.text).toBe(201);
    const second = await call("POST", "/v4/booking", guideBody("other@example.com"));
    expect(second.status, second.text).toBe(201);
    const hosts = await Promise.all([first, second].map(async (r) => (await api.get(`/meetings/${r.body.appointmentId}`)).body.employeeId));
    expect(hosts.sort()).toEqual([MEETERGO_HOST_ID, MEETERGO_SECOND_HOST_ID]);
    expect((await call("POST", "/v4/booking", guideBody("third@example.com"))).body.message).toBe(
      "The selected time slot is no longer available",
    );
    // The queue's first window now starts after the booked half hour.
    const after = await call(
      "GET",
      `/booking-availability/v2?queueId=${type.body.queueId}&meetingTypeId=${MEETERGO_MEETING_TYPE_ID}&start=${encodeURIComponent(utc(day, "00:00"))}&end=${encodeURIComponent(utc(day, "23:59"))}`,
    );
    expect(after.body.timeframes[0].start).toBe(at(day, "09:30", BER).toUTC().toISO());
  });

  it("v4 availability: dates[].spots[] in the given time zone; hostIds narrow the pool; a wrong queueId is a 400", async () => {
    const day = week(4, 5);
    const host = await call("POST", "/v4/booking", basicBooking(berlin(day, "09:00")));
    expect(host.status).toBe(201);
    const q = (extra: string) =>
      `/v4/booking-availability?meetingTypeId=${MEETERGO_MEETING_TYPE_ID}&start=${encodeURIComponent(utc(day, "00:00"))}&end=${encodeURIComponent(utc(day, "23:59"))}&timezone=Europe/Berlin${extra}`;
    const narrowed = await call("GET", q(`&hostIds=${MEETERGO_HOST_ID}`));
    expect(narrowed.status, narrowed.text).toBe(200);
    expect(narrowed.body.dates.map((d: { date: string }) => d.date)).toEqual([day.toISODate()]);
    expect(narrowed.body.dates[0].spots[0]).toEqual({
      startTime: at(day, "09:30", BER).toUTC().toISO(),
      endTime: at(day, "10:00", BER).toUTC().toISO(),
    });
    const queue = await call("GET", q(`&queueId=${MEETERGO_QUEUE_ID}`));
    expect(queue.body.dates[0].spots[0].startTime).toBe(at(day, "09:00", BER).toUTC().toISO());
    const wrongQueue = await call("GET", q(`&queueId=${MEETERGO_HOST_ID}`));
    expect(wrongQueue.status).toBe(400);
    expect(wrongQueue.body.message).toMatch(/queueId/);
  });

  it("cancel and reschedule with the secret (no API key); a wrong secret is 404", async () => {
    const day = week(5, 1);
    const booked = await call("POST", "/v4/booking", basicBooking(berlin(day, "09:00")));
    const id = booked.body.appointmentId;
    expect((await call("POST", `/v4/booking/${id}/reschedule`, { secret: "x".repeat(43), start: berlin(day, "11:00") }, null)).status).toBe(
      404,
    );
    const moved = await call("POST", `/v4/booking/${id}/reschedule`, { secret: booked.body.secret, start: berlin(day, "11:00") }, null);
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body).toMatchObject({
      appointmentId: id,
      start: at(day, "11:00", BER).toUTC().toISO(),
      end: at(day, "11:30", BER).toUTC().toISO(),
    });
    const cancelled = await call(
      "POST",
      `/v4/booking/${id}/cancel`,
      { secret: booked.body.secret, cancelReason: "no longer needed" },
      null,
    );
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body.status).toBe("cancelled");
    expect((await api.get(`/meetings/${id}`)).body.status).toBe("Cancelled");
  });
});

describe("the Bookings API for bots", () => {
  it("availability -> booking (the docs' example) -> list -> get -> cancel; cancelling again is already_cancelled", async () => {
    const day = week(6, 5);
    const date = day.toISODate()!;
    const byId = await call("GET", `/v1/availability?booking_link_id=${BOTS_LINK_ID}&date=${date}`);
    expect(byId.status, byId.text).toBe(200);
    expect(byId.body.data).toMatchObject({ booking_link_id: BOTS_LINK_ID, slug: BOTS_LINK_SLUG, date });
    expect(byId.body.data.slots[0]).toEqual({ start: at(day, "09:00", BER).toUTC().toISO(), end: at(day, "09:30", BER).toUTC().toISO() });
    const bySlug = await call("GET", `/v1/availability?slug=${BOTS_LINK_SLUG}&date=${date}`);
    expect(bySlug.body).toEqual(byId.body);
    const slot = byId.body.data.slots[2];
    const created = await call("POST", "/v1/bookings", {
      booking_link_id: BOTS_LINK_ID,
      contact_name: "Alice Example",
      contact_email: "alice@example.com",
      start_time: slot.start,
      notes: "First-time client",
      client_timezone: "Europe/London",
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({
      booking_link_id: BOTS_LINK_ID,
      status: "confirmed",
      contact_name: "Alice Example",
      contact_email: "alice@example.com",
      start_time: slot.start,
      end_time: slot.end,
      notes: "First-time client",
      client_timezone: "Europe/London",
      link_title: facadeLink.title,
      duration_minutes: 30,
    });
    const after = await call("GET", `/v1/availability?booking_link_id=${BOTS_LINK_ID}&date=${date}`);
    expect(after.body.data.slots.length).toBe(byId.body.data.slots.length); // the other host still has it
    const list = await call(
      "GET",
      `/v1/bookings?booking_link_id=${BOTS_LINK_ID}&from=${encodeURIComponent(utc(day, "00:00"))}&to=${encodeURIComponent(utc(day, "23:59"))}`,
    );
    expect(list.status, list.text).toBe(200);
    expect(list.body.data.map((b: { id: string }) => b.id)).toEqual([created.body.id]);
    expect(list.body.pagination).toEqual({ page: 1, limit: 50, total: 1, hasMore: false });
    const one = await call("GET", `/v1/bookings/${created.body.id}`);
    expect(one.body).toMatchObject({ id: created.body.id, link_title: facadeLink.title, duration_minutes: 30 });
    const cancel = await call("PATCH", `/v1/bookings/${created.body.id}/cancel`, { reason: "rescheduled by client" });
    expect(cancel.status, cancel.text).toBe(200);
    expect(cancel.body).toEqual({ data: { id: created.body.id, status: "cancelled", reason: "rescheduled by client" } });
    const again = await call("PATCH", `/v1/bookings/${created.body.id}/cancel`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("already_cancelled");
    const cancelledList = await call(
      "GET",
      `/v1/bookings?booking_link_id=${BOTS_LINK_ID}&status=cancelled&from=${encodeURIComponent(utc(day, "00:00"))}&to=${encodeURIComponent(utc(day, "23:59"))}`,
    );
    expect(cancelledList.body.data.map((b: { status: string }) => b.status)).toEqual(["cancelled"]);
  });

  it("pages with page and limit (max 100)", async () => {
    const day = week(7, 1);
    for (const hhmm of ["09:00", "09:30", "10:00"])
      expect(
        (
          await call("POST", "/v1/bookings", {
            slug: BOTS_LINK_SLUG,
            contact_name: "P",
            contact_email: "p@example.com",
            start_time: utc(day, hhmm),
          })
        ).status,
      ).toBe(201);
    const range = `from=${encodeURIComponent(utc(day, "00:00"))}&to=${encodeURIComponent(utc(day, "23:59"))}`;
    const p2 = await call("GET", `/v1/bookings?${range}&page=2&limit=2`);
    expect(p2.body.pagination).toEqual({ page: 2, limit: 2, total: 3, hasMore: false });
    expect(p2.body.data).toHaveLength(1);
    expect((await call("GET", `/v1/bookings?${range}&limit=101`)).body.error.code).toBe("validation_failed");
  });

  it("the documented error codes from the cases the docs name", async () => {
    const day = week(7, 2);
    const body = { booking_link_id: BOTS_LINK_ID, contact_name: "Bob", contact_email: "bob@example.com", start_time: utc(day, "09:00") };
    const noLink = await call("POST", "/v1/bookings", { ...body, booking_link_id: "link_nope" });
    expect([noLink.status, noLink.body.error.code]).toEqual([404, "booking_link_not_found"]);
    expect((await call("GET", `/v1/availability?slug=no-such-link&date=${day.toISODate()}`)).body.error.code).toBe(
      "booking_link_not_found",
    );
    for (const field of ["contact_name", "contact_email", "start_time"]) {
      const { [field as keyof typeof body]: _gone, ...rest } = body;
      const missing = await call("POST", "/v1/bookings", rest);
      expect([missing.status, missing.body.error.code], field).toEqual([400, "missing_field"]);
      expect(missing.body.error.message).toContain(field);
    }
    expect((await call("POST", "/v1/bookings", { ...body, staff_id: MEETERGO_HOST_ID })).status).toBe(201);
    const taken = await call("POST", "/v1/bookings", { ...body, staff_id: MEETERGO_HOST_ID });
    expect([taken.status, taken.body.error.code]).toEqual([409, "slot_taken"]);
    const unknown = await call("GET", "/v1/bookings/00000000-0000-4000-8000-000000000000");
    expect([unknown.status, unknown.body.error.code]).toEqual([404, "not_found"]);
    expect((await call("PATCH", "/v1/bookings/00000000-0000-4000-8000-000000000000/cancel", {})).body.error.code).toBe("not_found");
  });

  it("routing_rejected and validation_failed from a link whose meeting type asks a qualification question", async () => {
    const typeId = "990e8400-e29b-41d4-a716-446655440009";
    const { id: _id, ...typeBody } = facadeMeetingType;
    const put = await api.put(`/config/meeting-types/${typeId}`, {
      ...typeBody,
      queueId: undefined,
      questions: [{ id: "budget", label: "Budget", required: true, routes: [{ answer: "none", reject: true }] }],
    });
    expect(put.status, put.text).toBe(201);
    expect(
      (
        await api.put("/config/booking-links/link_qualified", {
          slug: "qualified",
          title: "Qualified call",
          meetingTypeId: typeId,
          questionIds: ["budget"],
        })
      ).status,
    ).toBe(201);
    const body = {
      booking_link_id: "link_qualified",
      contact_name: "Q",
      contact_email: "q@example.com",
      start_time: utc(week(7, 3), "09:00"),
    };
    const unanswered = await call("POST", "/v1/bookings", body);
    expect([unanswered.status, unanswered.body.error.code]).toEqual([400, "validation_failed"]);
    const rejected = await call("POST", "/v1/bookings", { ...body, answers: [{ question_id: "budget", answer: "none" }] });
    expect([rejected.status, rejected.body.error.code]).toEqual([403, "routing_rejected"]);
    const ok = await call("POST", "/v1/bookings", { ...body, answers: [{ question_id: "budget", answer: "50k" }] });
    expect(ok.status, ok.text).toBe(201);
    // The same question reached through meetergo's attendee.notes.
    const meetergo = await call("POST", "/v4/booking", {
      ...basicBooking(berlin(week(7, 3), "10:00")),
      meetingTypeId: typeId,
      attendee: { email: "q@example.com", receiveReminders: true, notes: { budget: "none" } },
    });
    expect(meetergo.status).toBe(403);
  });
});

describe("one core behind three APIs", () => {
  it("a meeting booked through BookMe with a CPR shows no CPR, sealed or not; the bots API's key, which did not book it, does not reach it", async () => {
    const day = week(9, 1);
    const booked = await api.post("/meetings", {
      ...meetingBody(MEETERGO_HOST_ID, utc(day, "10:00"), utc(day, "10:30")),
      meetingTypeId: MEETERGO_MEETING_TYPE_ID,
      cpr: "111213-1234",
    });
    expect(booked.status, booked.text).toBe(201);
    expect(booked.body.hasCpr).toBe(true);
    const asBot = await call("GET", `/v1/bookings/${booked.body.id}`);
    expect(asBot.status, asBot.text).toBe(404);
    const asOffice = await api.get(`/meetings/${booked.body.id}`);
    expect(asOffice.status).toBe(200);
    expect(asOffice.text).not.toMatch(/1112131234|111213-1234|A256GCM|ciphertext|wrappedKey|"cpr"/i);
  });

  it("a meetergo booking is visible and cancellable through the bots API and BookMe; a bots booking through BookMe", async () => {
    const day = week(8, 1);
    const m = await call("POST", "/v4/booking", basicBooking(berlin(day, "09:00")));
    const asBot = await call("GET", `/v1/bookings/${m.body.appointmentId}`);
    expect(asBot.body).toMatchObject({
      id: m.body.appointmentId,
      status: "confirmed",
      contact_email: "client@example.com",
      staff_id: MEETERGO_HOST_ID,
      duration_minutes: 30,
    });
    expect((await call("PATCH", `/v1/bookings/${m.body.appointmentId}/cancel`, { reason: "via bots" })).status).toBe(200);
    expect((await api.get(`/meetings/${m.body.appointmentId}`)).body).toMatchObject({
      status: "Cancelled",
      cancellationReason: "via bots",
    });
    // Its time is free again, for meetergo too.
    expect((await call("POST", "/v4/booking", basicBooking(berlin(day, "09:00")))).status).toBe(201);

    const b = await call("POST", "/v1/bookings", {
      booking_link_id: BOTS_LINK_ID,
      contact_name: "Bo",
      contact_email: "bo@example.com",
      start_time: utc(day, "11:00"),
      staff_id: MEETERGO_SECOND_HOST_ID,
    });
    expect(b.status, b.text).toBe(201);
    // A plain advisor meeting (no meeting type) is not the bots API's to see or cancel.
    const plain = await api.post("/meetings", meetingBody(MEETERGO_SECOND_HOST_ID, utc(day, "13:00"), utc(day, "13:30")));
    expect(plain.status, plain.text).toBe(201);
    expect((await call("GET", `/v1/bookings/${plain.body.id}`)).body.error.code).toBe("not_found");
    expect((await call("PATCH", `/v1/bookings/${plain.body.id}/cancel`, {})).body.error.code).toBe("not_found");
    const cancel = await api.post(`/meetings/${b.body.id}/cancel`, { reason: "via BookMe" });
    expect(cancel.status, cancel.text).toBe(200);
    expect((await call("GET", `/v1/bookings/${b.body.id}`)).body).toMatchObject({ status: "cancelled", cancellation_reason: "via BookMe" });
  });

  it("50 concurrent bookings of one host's slot over meetergo, bots and BookMe: exactly one wins", async () => {
    const day = week(8, 2);
    const start = at(day, "14:00", BER);
    const attempts = Array.from({ length: 50 }, (_, i) => {
      if (i % 3 === 0) return call("POST", "/v4/booking", basicBooking(start.toISO()!));
      if (i % 3 === 1)
        return call("POST", "/v1/bookings", {
          booking_link_id: BOTS_LINK_ID,
          contact_name: `C${i}`,
          contact_email: `c${i}@example.com`,
          start_time: start.toUTC().toISO(),
          staff_id: MEETERGO_HOST_ID,
        });
      return api.post(
        "/meetings",
        meetingBody(MEETERGO_HOST_ID, start.toUTC().toISO()!, start.plus({ minutes: 30 }).toUTC().toISO()!, {
          meetingTypeId: MEETERGO_MEETING_TYPE_ID,
        }),
      );
    });
    const results = await Promise.all(attempts);
    const won = results.filter((r) => r.status === 201);
    expect(won).toHaveLength(1);
    for (const [i, r] of results.entries()) {
      if (r.status === 201) continue;
      if (i % 3 === 0)
        expect([r.status, (r.body as { message: string }).message]).toEqual([400, "The selected time slot is no longer available"]);
      else if (i % 3 === 1) expect([r.status, (r.body as { error: { code: string } }).error.code]).toEqual([409, "slot_taken"]);
      else expect([r.status, (r.body as { code: string }).code]).toEqual([409, "slot_taken"]);
    }
    const listed = await call(
      "GET",
      `/v1/bookings?from=${encodeURIComponent(start.toUTC().toISO()!)}&to=${encodeURIComponent(start.toUTC().toISO()!)}`,
    );
    expect(listed.body.data.filter((b: { staff_id: string }) => b.staff_id === MEETERGO_HOST_ID)).toHaveLength(1);
  }, 60_000);
});

describe("the meetergo webhook format", () => {
  it("a subscription with format meetergo receives booking_created in meetergo's shape for a meetergo booking", async () => {
    const r = await new WebhookReceiver().start();
    try {
      const sub = await api.post("/config/webhooks", {
        url: r.url,
        format: "meetergo",
        includePersonalData: true,
        eventTypes: ["meeting.created"],
      });
      expect(sub.status, sub.text).toBe(201);
      expect(sub.body.format).toBe("meetergo");
      r.secrets = [sub.body.secret];
      const day = week(9, 1);
      const booked = await call("POST", "/v4/booking", basicBooking(berlin(day, "09:00")));
      expect(booked.status, booked.text).toBe(201);
      const id = `evt_meeting_${booked.body.appointmentId}_1`;
      await r.waitFor(() => r.of(id).length > 0, 30_000);
      expect(r.of(id)[0].verifiedBy).toEqual([0]);
      expect(r.of(id)[0].body).toEqual({
        webhookType: "booking_created",
        id: booked.body.appointmentId,
        start: at(day, "09:00", BER).toUTC().toISO(),
        end: at(day, "09:30", BER).toUTC().toISO(),
        attendees: [{ email: "client@example.com", firstname: "Jane", lastname: "Smith" }],
        hostIds: [MEETERGO_HOST_ID],
        meetingTypeId: MEETERGO_MEETING_TYPE_ID,
      });
    } finally {
      await r.stop();
    }
  }, 60_000);
});

describe("the facades' OpenAPI documents", () => {
  it("are served beside BookMe's and list each facade's paths only", async () => {
    const meetergo = await call("GET", "/meetergo/openapi.json", undefined, null);
    expect(meetergo.status).toBe(200);
    expect(Object.keys(meetergo.body.paths)).toEqual([
      "/booking-availability/v2",
      "/meeting-type/{id}",
      "/v4/booking",
      "/v4/booking-availability",
      "/v4/booking/{appointmentId}/cancel",
      "/v4/booking/{appointmentId}/reschedule",
    ]);
    const bots = await call("GET", "/bots/openapi.json", undefined, null);
    expect(Object.keys(bots.body.paths)).toEqual([
      "/v1/availability",
      "/v1/bookings",
      "/v1/bookings/{id}",
      "/v1/bookings/{id}/cancel",
      "/v1/waitlist",
    ]);
    const bookme = await api.get("/openapi.json");
    expect(Object.keys(bookme.body.paths).some((p) => p.includes("booking-availability") || p.startsWith("/v1/"))).toBe(false);
  });
});
