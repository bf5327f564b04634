/** Booking (issue 5): POST/GET/PUT/DELETE /meetings on the real stack. */
import { randomUUID } from "node:crypto";
import type { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ALL_DAYS,
  Api,
  availableFor,
  bookMeeting,
  cosmosOf,
  createCustomerType,
  createEmployee,
  createRoom,
  createTopic,
  fieldsOf,
  hours,
  isoAt,
  meetingBody,
  nextWeekday,
  qs,
  sleep,
  wall,
  type AvailableSlot,
} from "../support/fixtures.js";
import { stackRepositories, startStack, type Stack } from "../support/stack.js";
import { cprContext, SealedValue } from "../../shared/booking/model/personal-data.js";
import { personalDataCipher } from "../../shared/app/personal-data-cipher.js";
import { shreddingCipher } from "../../shared/privacy/shredding-cipher.js";
import { devKeysSetting } from "../support/personal-data.js";

const flipFirstByte = (b64: string) => {
  const bytes = Buffer.from(b64, "base64url");
  bytes[0] ^= 1;
  return bytes.toString("base64url");
};

let stack: Stack;
let api: Api;
beforeAll(async () => {
  stack = await startStack();
  api = new Api(stack);
});
afterAll(async () => stack?.stop());

const advisor = (from = "09:00", to = "16:00") =>
  createEmployee(api, { workingHours: hours(ALL_DAYS, from, to), meetingTypes: ["Physical", "Online", "Telephone"] });
const startsOf = (slots: AvailableSlot[]) => [...new Set(slots.map((s) => wall(s.startDate)))];

describe("POST /meetings", () => {
  it("books the spec's cURL example (Customer, customFields, externalAttendees, videoLink) from a slot id: 201, Location, ETag, Meeting", async () => {
    const day = nextWeekday(1);
    const employee = await advisor();
    const ct = (await createCustomerType(api)).id;
    const topic = (await createTopic(api, { customerTypeIds: [ct] })).id;
    const slot = (await availableFor(api, [employee.id], isoAt(day, "00:00"), "1.00:00:00", { meetingTypes: "Online" })).find(
      (s) => wall(s.startDate) === "10:00",
    )!;
    const body = {
      bookedBy: "Customer",
      salesforceId: "sf-customer-123",
      timeSlotId: slot.id,
      employeeId: employee.id,
      customerId: "customer-id",
      title: "Customer Meeting",
      type: "Online",
      videoLink: "https://meet.example.com/room123",
      customFields: [{ key: "project_code", value: "PROJ-123" }],
      externalAttendees: [{ name: "John Smith", email: "john.smith@external.com" }],
      customerTypeId: ct,
      topicId: topic,
    };
    const res = await api.post(`/meetings`, body);
    expect(res.status, res.text).toBe(201);
    const meeting = res.body;
    expect(meeting).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: "Booked",
      salesforceId: "sf-customer-123",
      bookedBy: "Customer",
      customerTypeId: ct,
      timeSlotId: slot.id,
      title: "Customer Meeting",
      description: null,
      videoLink: "https://meet.example.com/room123",
      additionalEmployees: [],
      roomId: null,
      startDate: slot.startDate,
      endDate: slot.endDate,
      type: "Online",
      topicId: topic,
      employeeId: employee.id,
      customerId: "customer-id",
      customFields: [{ key: "project_code", value: "PROJ-123" }],
      externalAttendees: [{ name: "John Smith" }],
    });
    expect(Date.parse(meeting.dateCreated)).toBeGreaterThan(Date.now() - 60_000);
    expect(meeting.dateModified).toBe(meeting.dateCreated);
    // attendee emails and CPR stay out of API responses
    expect(res.text).not.toContain("john.smith@external.com");
    expect(res.headers.get("location")).toBe(`/api/v2/bookme/meetings/${meeting.id}`);
    expect(res.headers.get("etag")).toBeTruthy();

    const got = await api.get(res.headers.get("location")!, { base: stack.hosts[0].url });
    expect(got.status).toBe(200);
    const { secret, ...view } = meeting;
    expect(secret).toEqual(expect.any(String)); // shown once, by POST only
    expect(got.body).toEqual(view);
    expect(got.headers.get("etag")).toBe(res.headers.get("etag"));
  });

  it("books with startDate/endDate; the time is then taken", async () => {
    const day = nextWeekday(1);
    const employee = await advisor();
    const start = isoAt(day, "11:30");
    const end = isoAt(day, "12:30");
    const res = await api.post(`/meetings`, meetingBody(employee.id, start, end));
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      startDate: start,
      endDate: end,
      employeeId: employee.id,
      timeSlotId: null,
      bookedBy: "Employee",
      type: "Online",
    });
    const slots = await availableFor(api, [employee.id], isoAt(day, "00:00"));
    expect(startsOf(slots)).not.toContain("11:30");
    expect(startsOf(slots)).not.toContain("12:00");
    expect(startsOf(slots)).toContain("12:30");
  });

  it("a slot id carries the employee, meeting type and room", async () => {
    const day = nextWeekday(2);
    const location = `Slot-room-${randomUUID().slice(0, 6)}`;
    const room = (await createRoom(api, { location })).id;
    const employee = await advisor();
    const slots = await availableFor(api, [employee.id], isoAt(day, "00:00"), "1.00:00:00", {
      requireRoom: true,
      meetingLocation: location,
      meetingTypes: "Physical",
    });
    const slot = slots[0];
    expect(slot.roomId).toBe(room);
    const res = await api.post(`/meetings`, {
      bookedBy: "Employee",
      salesforceId: "sf-1",
      timeSlotId: slot.id,
      employeeId: employee.id,
      customerId: "c-1",
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ roomId: room, type: "Physical", startDate: slot.startDate, endDate: slot.endDate });
  });

  it("a slot id from GET /time-slots (the grid) books, in a meeting type the employee offers", async () => {
    const day = nextWeekday(2);
    const employee = await createEmployee(api, { workingHours: hours(ALL_DAYS, "09:00", "16:00"), meetingTypes: ["Online", "Telephone"] });
    const grid = await api.get(
      `/time-slots${qs({ employeeId: employee.id, startDate: isoAt(day, "00:00"), endDate: isoAt(day.plus({ days: 1 }), "00:00") })}`,
    );
    const slot = grid.body.find((s: { startTime: string }) => wall(s.startTime) === "11:00");
    const res = await api.post(`/meetings`, {
      bookedBy: "Employee",
      salesforceId: "sf",
      timeSlotId: slot.id,
      employeeId: employee.id,
      customerId: "c",
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ type: "Online", startDate: slot.startTime, endDate: slot.endTime });
  });

  it("without a type, a booking takes Physical when offered, else the first type the employee offers", async () => {
    const day = nextWeekday(2);
    const onlineOnly = await createEmployee(api, {
      workingHours: hours(ALL_DAYS, "09:00", "16:00"),
      meetingTypes: ["Telephone", "Online"],
    });
    const any = await advisor();
    const body = (employeeId: string) => ({ ...meetingBody(employeeId, isoAt(day, "09:00"), isoAt(day, "10:00")), type: undefined });
    const a = await api.post(`/meetings`, body(onlineOnly.id));
    expect(a.status, a.text).toBe(201);
    expect(a.body.type).toBe("Telephone");
    const b = await api.post(`/meetings`, body(any.id));
    expect(b.status, b.text).toBe(201);
    expect(b.body.type).toBe("Physical");
  });

  it("a joint slot (requireEmployeeParticipation=true) books every participant", async () => {
    const day = nextWeekday(2);
    const a = await advisor();
    const b = await advisor();
    const res = await api.get(
      `/time-slots/available${qs({ explicitEmployeeIds: [a.id, b.id], requireEmployeeParticipation: true, startDate: isoAt(day, "00:00"), lookForwardTime: "1.00:00:00", meetingTypes: "Online" })}`,
    );
    const slot = (res.body as AvailableSlot[]).find((s) => wall(s.startDate) === "10:00")!;
    expect(slot.additionalEmployees).toEqual([b.id]);
    const booked = await api.post(`/meetings`, {
      bookedBy: "Employee",
      salesforceId: "sf",
      timeSlotId: slot.id,
      employeeId: a.id,
      customerId: "c",
    });
    expect(booked.status, booked.text).toBe(201);
    expect(booked.body.additionalEmployees).toEqual([b.id]);
    expect(startsOf(await availableFor(api, [b.id], isoAt(day, "00:00")))).not.toContain("10:00");
    const clash = await api.post(`/meetings`, meetingBody(b.id, isoAt(day, "10:30"), isoAt(day, "11:30")));
    expect(clash.status).toBe(409);
    expect((await api.get(`/meetings?employeeId=${b.id}`)).body.map((m: { id: string }) => m.id)).toEqual([booked.body.id]);
  });

  it("a meeting across a UTC month end is guarded in both months", async () => {
    // 00:30-01:30 Copenhagen on the 1st is 23:30-00:30 UTC (winter) or 22:30-23:30 (summer): pick the first winter month start ahead
    let first = nextWeekday(1).startOf("month").plus({ months: 1 });
    while (first.offset !== 60) first = first.plus({ months: 1 });
    const employee = await createEmployee(api, { workingHours: hours(ALL_DAYS, "00:00", "03:00"), meetingTypes: ["Online"] });
    const m = await bookMeeting(api, employee.id, isoAt(first, "00:30"), isoAt(first, "01:30"));
    expect(m.body.startDate.slice(0, 7)).not.toBe(m.body.endDate.slice(0, 7));
    const before = await api.post(`/meetings`, meetingBody(employee.id, isoAt(first.minus({ days: 1 }), "23:30"), isoAt(first, "00:45")));
    expect(before.status).toBe(422); // outside working hours (23:30 the day before)
    const overlapEarly = await api.post(`/meetings`, meetingBody(employee.id, isoAt(first, "00:00"), isoAt(first, "01:00")));
    expect(overlapEarly.status).toBe(409);
    const overlapLate = await api.post(`/meetings`, meetingBody(employee.id, isoAt(first, "01:00"), isoAt(first, "02:00")));
    expect(overlapLate.status).toBe(409);
    expect(startsOf(await availableFor(api, [employee.id], isoAt(first, "00:00")))).toEqual(["01:30", "02:00"]);
  });

  it("neither timeSlotId nor startDate/endDate is 400 naming timeSlotId", async () => {
    const employee = await advisor();
    const res = await api.post(`/meetings`, { bookedBy: "Employee", salesforceId: "sf", employeeId: employee.id, customerId: "c" });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(fieldsOf(res.body)).toContain("timeSlotId");
  });

  it("startDate without endDate, or endDate before startDate, is 400 naming endDate", async () => {
    const day = nextWeekday(1);
    const employee = await advisor();
    const one = await api.post(`/meetings`, { ...meetingBody(employee.id, isoAt(day, "10:00"), isoAt(day, "11:00")), endDate: undefined });
    expect(one.status).toBe(400);
    expect(fieldsOf(one.body)).toContain("endDate");
    const reversed = await api.post(`/meetings`, meetingBody(employee.id, isoAt(day, "11:00"), isoAt(day, "10:00")));
    expect(reversed.status).toBe(400);
    expect(fieldsOf(reversed.body)).toContain("endDate");
  });

  it("required V2 fields are named: salesforceId, employeeId (without a meetingTypeId), customerId", async () => {
    const res = await api.post(`/meetings`, { bookedBy: "Employee", startDate: "2030-01-01T10:00:00Z", endDate: "2030-01-01T11:00:00Z" });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(expect.arrayContaining(["salesforceId", "employeeId", "customerId"]));
  });

  it("a timeSlotId that is neither a reservation nor a slot id is 400; an unknown reservation id is 400", async () => {
    const employee = await advisor();
    const junk = await api.post(`/meetings`, {
      ...meetingBody(employee.id, "", ""),
      startDate: undefined,
      endDate: undefined,
      timeSlotId: "slot-42",
    });
    expect(junk.status).toBe(400);
    expect(fieldsOf(junk.body)).toContain("timeSlotId");
    const unknown = await api.post(`/meetings`, {
      ...meetingBody(employee.id, "", ""),
      startDate: undefined,
      endDate: undefined,
      timeSlotId: randomUUID(),
    });
    expect(unknown.status).toBe(400);
    expect(fieldsOf(unknown.body)).toContain("timeSlotId");
  });

  it("a slot id of another employee is 400 naming employeeId", async () => {
    const day = nextWeekday(1);
    const a = await advisor();
    const b = await advisor();
    const slot = (await availableFor(api, [a.id], isoAt(day, "00:00")))[0];
    const res = await api.post(`/meetings`, {
      bookedBy: "Employee",
      salesforceId: "sf",
      timeSlotId: slot.id,
      employeeId: b.id,
      customerId: "c",
    });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toContain("employeeId");
  });

  it("outside working hours is 422; in the past is 400; an unknown employee is 400", async () => {
    const day = nextWeekday(1);
    const employee = await advisor();
    const late = await api.post(`/meetings`, meetingBody(employee.id, isoAt(day, "15:30"), isoAt(day, "16:30")));
    expect(late.status).toBe(422);
    expect(late.body.code).toBe("outside_working_hours");
    const past = await api.post(`/meetings`, meetingBody(employee.id, "2020-01-06T09:00:00Z", "2020-01-06T10:00:00Z"));
    expect(past.status).toBe(400);
    expect(fieldsOf(past.body)).toContain("startDate");
    const nobody = await api.post(`/meetings`, meetingBody(randomUUID(), isoAt(day, "10:00"), isoAt(day, "11:00")));
    expect(nobody.status).toBe(400);
    expect(fieldsOf(nobody.body)).toContain("employeeId");
  });

  it("a meeting type the employee does not offer is 422", async () => {
    const day = nextWeekday(1);
    const employee = await createEmployee(api, { meetingTypes: ["Online"] });
    const res = await api.post(`/meetings`, meetingBody(employee.id, isoAt(day, "10:00"), isoAt(day, "11:00"), { type: "Physical" }));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("meeting_type_not_offered");
  });

  describe("cpr", () => {
    for (const [label, cpr] of [
      ["too few digits", "12345"],
      ["a letter among the digits", "01019O-1234"],
      ["an impossible date (31 February)", "310290-1234"],
      ["month 13", "011390-1234"],
    ] as const) {
      it(`${label} is 400 naming cpr`, async () => {
        const day = nextWeekday(1);
        const employee = await advisor();
        const res = await api.post(`/meetings`, meetingBody(employee.id, isoAt(day, "10:00"), isoAt(day, "11:00"), { cpr }));
        expect(res.status).toBe(400);
        expect(fieldsOf(res.body)).toEqual(["cpr"]);
        expect(res.text).not.toContain(cpr);
      });
    }

    it("a valid CPR is stored sealed (AES-256-GCM, the data key wrapped), never returned; the view says hasCpr", async () => {
      const day = nextWeekday(1);
      const employee = await advisor();
      const res = await api.post(`/meetings`, meetingBody(employee.id, isoAt(day, "10:00"), isoAt(day, "11:00"), { cpr: "290296-1234" }));
      expect(res.status, res.text).toBe(201);
      expect(res.body).not.toHaveProperty("cpr");
      expect(res.body.hasCpr).toBe(true);
      expect(res.text).not.toMatch(/2902961234|290296-1234/);
      const got = await api.get(`/meetings/${res.body.id}`);
      expect(got.body).not.toHaveProperty("cpr");
      expect(got.body.hasCpr).toBe(true);
      const listed = await api.get(`/meetings?employeeId=${employee.id}`);
      expect(listed.text).not.toMatch(/2902961234|290296-1234/);
      const other = await api.post(`/meetings`, meetingBody(employee.id, isoAt(day, "12:00"), isoAt(day, "13:00")));
      expect(other.body.hasCpr).toBe(false);

      const cosmos = cosmosOf(stack);
      const keys = stack.appEnv.PERSONAL_DATA_DEV_KEYS;
      // Under the KEK an inner layer whose shred key is kept in the privacy container (crypto-shredding, issue 27).
      const shredKeys = {
        get: async (context: string) => SealedValue.parse((await cosmos.read("privacy", `shred:${context}`))!.key),
        put: async () => undefined,
        delete: async () => false,
      };
      const opener = (devKeys: string) => shreddingCipher(personalDataCipher({ devKeys })!, shredKeys);
      try {
        const raw = (await cosmos.read("meetings", res.body.id))!;
        expect(JSON.stringify(raw)).not.toMatch(/2902961234|290296-1234|MjkwMjk2/); // nor its base64
        const sealed = SealedValue.parse(raw.cpr);
        expect(sealed).toMatchObject({ alg: "A256GCM", kid: "local:dev-1", wrapAlg: "A256KW" });
        expect(await opener(keys).open(sealed, cprContext(res.body.id))).toBe("2902961234");
        // after a rotation (a new current key, the old one kept) the stored value still opens
        expect(await opener(`${devKeysSetting("dev-2")},${keys}`).open(sealed, cprContext(res.body.id))).toBe("2902961234");
        // tampered in the database, or copied onto another meeting's document: it no longer opens
        const tampered = { ...sealed, ciphertext: flipFirstByte(sealed.ciphertext) };
        await expect(personalDataCipher({ devKeys: keys })!.open(tampered, cprContext(res.body.id))).rejects.toThrow();
        const copied = { ...(await cosmos.read("meetings", other.body.id))!, cpr: sealed };
        await cosmos.upsert("meetings", copied);
        const repos = await stackRepositories(stack);
        try {
          const stored = (await repos.meetings.get(other.body.id))!.meeting;
          await expect(repos.personalData!.open(stored.cpr!, cprContext(other.body.id))).rejects.toThrow();
        } finally {
          repos.dispose();
        }
      } finally {
        cosmos.dispose();
      }
    });
  });

  describe("videoLink", () => {
    it.each(["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "file:///etc/passwd", "http://meet.example.com/x"])(
      "%s is 400 naming videoLink and the https rule, on create and on update",
      async (videoLink) => {
        const day = nextWeekday(1);
        const employee = await advisor();
        const created = await api.post(`/meetings`, meetingBody(employee.id, isoAt(day, "10:00"), isoAt(day, "11:00"), { videoLink }));
        expect(created.status).toBe(400);
        expect(created.body.errors).toEqual([expect.objectContaining({ field: "videoLink", rule: "https_url" })]);
        const ok = await api.post(`/meetings`, meetingBody(employee.id, isoAt(day, "12:00"), isoAt(day, "13:00")));
        expect(ok.status, ok.text).toBe(201);
        const updated = await api.put(`/meetings/${ok.body.id}`, { videoLink });
        expect(updated.status).toBe(400);
        expect(updated.body.errors).toEqual([expect.objectContaining({ field: "videoLink", rule: "https_url" })]);
        expect((await api.put(`/meetings/${ok.body.id}`, { videoLink: "https://meet.example.com/ok" })).body.videoLink).toBe(
          "https://meet.example.com/ok",
        );
      },
    );
  });

  it("bookedBy and type are enums (V2 accepts the portal values)", async () => {
    const day = nextWeekday(1);
    const employee = await advisor();
    const badBy = await api.post(`/meetings`, meetingBody(employee.id, isoAt(day, "10:00"), isoAt(day, "11:00"), { bookedBy: "Robot" }));
    expect(badBy.status).toBe(400);
    expect(fieldsOf(badBy.body)).toEqual(["bookedBy"]);
    const badType = await api.post(`/meetings`, meetingBody(employee.id, isoAt(day, "10:00"), isoAt(day, "11:00"), { type: "Hologram" }));
    expect(badType.status).toBe(400);
    expect(fieldsOf(badType.body)).toEqual(["type"]);
    const portal = await api.post(
      `/meetings`,
      meetingBody(employee.id, isoAt(day, "10:00"), isoAt(day, "11:00"), { bookedBy: "PortalPartner", portalId: randomUUID() }),
    );
    expect(portal.status, portal.text).toBe(201);
    expect(portal.body.bookedBy).toBe("PortalPartner");
  });

  it("409 slot_taken carries up to three nearby alternatives, nearest first", async () => {
    const day = nextWeekday(3);
    const employee = await advisor();
    await bookMeeting(api, employee.id, isoAt(day, "10:00"), isoAt(day, "11:00"));
    const res = await api.post(`/meetings`, meetingBody(employee.id, isoAt(day, "10:00"), isoAt(day, "11:00")));
    expect(res.status).toBe(409);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.body).toMatchObject({ status: 409, code: "slot_taken" });
    expect(res.body.alternatives.map((a: AvailableSlot) => wall(a.startDate))).toEqual(["09:00", "11:00", "11:30"]);
    for (const a of res.body.alternatives) {
      expect(a).toMatchObject({ employeeId: employee.id, id: expect.stringMatching(/^ts1\./) });
      expect(Date.parse(a.endDate) - Date.parse(a.startDate)).toBe(3_600_000);
    }
    // an alternative is bookable as given
    const alt = await api.post(`/meetings`, {
      bookedBy: "Employee",
      salesforceId: "sf",
      timeSlotId: res.body.alternatives[1].id,
      employeeId: employee.id,
      customerId: "c",
    });
    expect(alt.status, alt.text).toBe(201);
  });

  it("an overlapping (not identical) time is also taken", async () => {
    const day = nextWeekday(3);
    const employee = await advisor();
    await bookMeeting(api, employee.id, isoAt(day, "10:00"), isoAt(day, "11:00"));
    const res = await api.post(`/meetings`, meetingBody(employee.id, isoAt(day, "10:30"), isoAt(day, "11:30")));
    expect(res.status).toBe(409);
    const adjacent = await api.post(`/meetings`, meetingBody(employee.id, isoAt(day, "11:00"), isoAt(day, "12:00")));
    expect(adjacent.status).toBe(201);
  });

  it("a room is held too: another employee cannot book the same room at the same time", async () => {
    const day = nextWeekday(3);
    const room = (await createRoom(api)).id;
    const a = await advisor();
    const b = await advisor();
    await bookMeeting(api, a.id, isoAt(day, "10:00"), isoAt(day, "11:00"), { type: "Physical", roomId: room });
    const res = await api.post(
      `/meetings`,
      meetingBody(b.id, isoAt(day, "10:30"), isoAt(day, "11:30"), { type: "Physical", roomId: room }),
    );
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("slot_taken");
    expect(res.body.resource).toBe("room");
    // and b is not left holding the time
    expect((await api.post(`/meetings`, meetingBody(b.id, isoAt(day, "10:30"), isoAt(day, "11:30")))).status).toBe(201);
  });
});

describe("Idempotency-Key", () => {
  it("a retry with the same key and body returns the same response, and books one meeting", async () => {
    const day = nextWeekday(4);
    const employee = await advisor();
    const key = randomUUID();
    const body = meetingBody(employee.id, isoAt(day, "10:00"), isoAt(day, "11:00"));
    const first = await api.post(`/meetings`, body, { headers: { "idempotency-key": key } });
    expect(first.status).toBe(201);
    const second = await api.post(`/meetings`, body, { headers: { "idempotency-key": key } });
    expect(second.status).toBe(201);
    const { secret: _shownOnce, ...firstView } = first.body;
    expect(second.body).toEqual(firstView); // a replay does not repeat the self-service secret
    expect(second.headers.get("location")).toBe(first.headers.get("location"));
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    const list = await api.get(`/meetings?employeeId=${employee.id}`);
    expect(list.body.map((m: { id: string }) => m.id)).toEqual([first.body.id]);
  });

  it("the same key with another body is 422 idempotency_key_reused", async () => {
    const day = nextWeekday(4);
    const employee = await advisor();
    const key = randomUUID();
    expect(
      (
        await api.post(`/meetings`, meetingBody(employee.id, isoAt(day, "12:00"), isoAt(day, "13:00")), {
          headers: { "idempotency-key": key },
        })
      ).status,
    ).toBe(201);
    const other = await api.post(`/meetings`, meetingBody(employee.id, isoAt(day, "14:00"), isoAt(day, "15:00")), {
      headers: { "idempotency-key": key },
    });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe("idempotency_key_reused");
    expect((await api.get(`/meetings?employeeId=${employee.id}`)).body).toHaveLength(1);
  });

  it("a failed request is not remembered: a retry after fixing the conflict books", async () => {
    const day = nextWeekday(4);
    const employee = await advisor();
    const blocker = await bookMeeting(api, employee.id, isoAt(day, "09:00"), isoAt(day, "10:00"));
    const key = randomUUID();
    const body = meetingBody(employee.id, isoAt(day, "09:00"), isoAt(day, "10:00"));
    expect((await api.post(`/meetings`, body, { headers: { "idempotency-key": key } })).status).toBe(409);
    expect((await api.delete(`/meetings/${blocker.id}`)).status).toBe(204);
    const retry = await api.post(`/meetings`, body, { headers: { "idempotency-key": key } });
    expect(retry.status).toBe(201);
  });
});

describe("GET /meetings", () => {
  let day: DateTime;
  let e1: string, e2: string, e3: string;
  const ids: Record<string, string> = {};
  let between: string;
  let slotId: string;
  beforeAll(async () => {
    day = nextWeekday(5);
    [e1, e2, e3] = [(await advisor()).id, (await advisor()).id, (await advisor()).id];
    ids.first = (await bookMeeting(api, e1, isoAt(day, "14:00"), isoAt(day, "15:00"))).id;
    await sleep(20);
    between = new Date().toISOString();
    await sleep(20);
    ids.second = (await bookMeeting(api, e1, isoAt(day, "09:00"), isoAt(day, "10:00"), { additionalEmployees: [e3] })).id;
    const slot = (await availableFor(api, [e1], isoAt(day, "00:00"))).find((s) => wall(s.startDate) === "11:00")!;
    slotId = slot.id;
    const viaSlot = await api.post(`/meetings`, {
      bookedBy: "Employee",
      salesforceId: "sf",
      timeSlotId: slot.id,
      employeeId: e1,
      customerId: "c",
    });
    expect(viaSlot.status).toBe(201);
    ids.third = viaSlot.body.id;
    ids.other = (await bookMeeting(api, e2, isoAt(day, "09:00"), isoAt(day, "10:00"))).id;
  });
  const list = async (query: Record<string, string | number>, headers: Record<string, string> = {}) => {
    const res = await api.get(`/meetings${qs(query)}`, { headers });
    expect(res.status, res.text).toBe(200);
    return res;
  };
  const idsOf = (body: { id: string }[]) => body.map((m) => m.id);

  it("employeeId keeps that employee's meetings (also as an additional employee), sorted by start", async () => {
    expect(idsOf((await list({ employeeId: e1 })).body)).toEqual([ids.second, ids.third, ids.first]);
    expect(idsOf((await list({ employeeId: e2 })).body)).toEqual([ids.other]);
    expect(idsOf((await list({ employeeId: e3 })).body)).toEqual([ids.second]);
  });

  it("timeSlotId keeps the meeting booked from that slot", async () => {
    expect(idsOf((await list({ timeSlotId: slotId })).body)).toEqual([ids.third]);
    expect((await list({ timeSlotId: "ts1.nothing" })).body).toEqual([]);
  });

  it("startDateModified and endDateModified bound dateModified", async () => {
    expect(idsOf((await list({ employeeId: e1, startDateModified: between })).body)).toEqual([ids.second, ids.third]);
    expect(idsOf((await list({ employeeId: e1, endDateModified: between })).body)).toEqual([ids.first]);
    expect((await list({ employeeId: e1, startDateModified: new Date(Date.now() + 3_600_000).toISOString() })).body).toEqual([]);
    const bad = await api.get(`/meetings?startDateModified=yesterday`);
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toContain("startDateModified");
  });

  it("pages with limit and the x-continuation-token header", async () => {
    const page1 = await list({ employeeId: e1, limit: 2 });
    expect(idsOf(page1.body)).toEqual([ids.second, ids.third]);
    const token = page1.headers.get("x-continuation-token");
    expect(token).toBeTruthy();
    const page2 = await list({ employeeId: e1, limit: 2 }, { "x-continuation-token": token! });
    expect(idsOf(page2.body)).toEqual([ids.first]);
    expect(page2.headers.get("x-continuation-token")).toBeNull();
    const all = await list({ employeeId: e1 });
    expect(all.headers.get("x-continuation-token")).toBeNull();
  });

  it("a limit out of range is 400; a forged continuation token is 400", async () => {
    const zero = await api.get(`/meetings?limit=0`);
    expect(zero.status).toBe(400);
    expect(fieldsOf(zero.body)).toContain("limit");
    const forged = await api.get(`/meetings?employeeId=${e1}&limit=1`, { headers: { "x-continuation-token": "garbage" } });
    expect(forged.status).toBe(400);
    expect(fieldsOf(forged.body)).toContain("continuationToken");
  });

  it("cancelled meetings are not listed", async () => {
    const e = (await advisor()).id;
    const m = await bookMeeting(api, e, isoAt(day, "12:00"), isoAt(day, "13:00"));
    expect(idsOf((await list({ employeeId: e })).body)).toEqual([m.id]);
    await api.delete(`/meetings/${m.id}`);
    expect((await list({ employeeId: e })).body).toEqual([]);
  });
});

describe("GET /meetings/{id}", () => {
  it("returns the meeting with its ETag; an unknown id is 404; a malformed id is 400", async () => {
    const day = nextWeekday(1);
    const employee = await advisor();
    const m = await bookMeeting(api, employee.id, isoAt(day, "13:00"), isoAt(day, "14:00"));
    const got = await api.get(`/meetings/${m.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual({ ...m.body, secret: undefined });
    expect(got.headers.get("etag")).toBe(m.etag);
    expect((await api.get(`/meetings/${randomUUID()}`)).status).toBe(404);
    expect((await api.get(`/meetings/nope`)).status).toBe(400);
  });
});

describe("PUT /meetings/{id}", () => {
  it("a move after a change that did not move the meeting frees the old time", async () => {
    const day = nextWeekday(2);
    const employee = await advisor();
    const m = await bookMeeting(api, employee.id, isoAt(day, "10:00"), isoAt(day, "11:00"));
    expect((await api.put(`/meetings/${m.id}`, { title: "Renamed" })).status).toBe(200);
    expect((await api.put(`/meetings/${m.id}`, { startDate: isoAt(day, "13:00"), endDate: isoAt(day, "14:00") })).status).toBe(200);
    const rebook = await api.post(`/meetings`, meetingBody(employee.id, isoAt(day, "10:00"), isoAt(day, "11:00")));
    expect(rebook.status, rebook.text).toBe(201);
  });

  it("moving onto a taken time is 409 and leaves the meeting where it was", async () => {
    const day = nextWeekday(2);
    const employee = await advisor();
    const m1 = await bookMeeting(api, employee.id, isoAt(day, "10:00"), isoAt(day, "11:00"));
    await bookMeeting(api, employee.id, isoAt(day, "12:00"), isoAt(day, "13:00"));
    const res = await api.put(`/meetings/${m1.id}`, { startDate: isoAt(day, "12:30"), endDate: isoAt(day, "13:30") });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("slot_taken");
    const got = await api.get(`/meetings/${m1.id}`);
    expect(got.body).toMatchObject({ startDate: isoAt(day, "10:00"), endDate: isoAt(day, "11:00") });
    expect(got.headers.get("etag")).toBe(m1.etag);
    // the failed move left nothing behind at 13:00-13:30
    expect(startsOf(await availableFor(api, [employee.id], isoAt(day, "00:00")))).toContain("13:00");
  });

  it("moving outside working hours is 422", async () => {
    const day = nextWeekday(2);
    const employee = await advisor();
    const m = await bookMeeting(api, employee.id, isoAt(day, "10:00"), isoAt(day, "11:00"));
    const res = await api.put(`/meetings/${m.id}`, { startDate: isoAt(day, "07:00"), endDate: isoAt(day, "08:00") });
    expect(res.status).toBe(422);
  });

  it("a move with the current ETag in If-Match succeeds, frees the old time, and a stale ETag is then 412", async () => {
    const day = nextWeekday(2);
    const employee = await advisor();
    const m = await bookMeeting(api, employee.id, isoAt(day, "10:00"), isoAt(day, "11:00"));
    const moved = await api.put(
      `/meetings/${m.id}`,
      { startDate: isoAt(day, "14:00"), endDate: isoAt(day, "15:00"), title: "Moved" },
      { headers: { "if-match": m.etag } },
    );
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body).toMatchObject({
      id: m.id,
      startDate: isoAt(day, "14:00"),
      endDate: isoAt(day, "15:00"),
      title: "Moved",
      dateCreated: m.body.dateCreated,
    });
    expect(Date.parse(moved.body.dateModified)).toBeGreaterThanOrEqual(Date.parse(m.body.dateModified));
    const newEtag = moved.headers.get("etag");
    expect(newEtag).toBeTruthy();
    expect(newEtag).not.toBe(m.etag);

    const starts = startsOf(await availableFor(api, [employee.id], isoAt(day, "00:00")));
    expect(starts).toEqual(expect.arrayContaining(["09:30", "10:00", "10:30"]));
    expect(starts).not.toContain("14:00");

    const stale = await api.put(`/meetings/${m.id}`, { title: "Lost update" }, { headers: { "if-match": m.etag } });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe("precondition_failed");
    expect((await api.get(`/meetings/${m.id}`)).body.title).toBe("Moved");

    const fresh = await api.put(`/meetings/${m.id}`, { title: "Renamed" }, { headers: { "if-match": newEtag! } });
    expect(fresh.status).toBe(200);
    expect(fresh.body).toMatchObject({ title: "Renamed", startDate: isoAt(day, "14:00") });
  });

  it("moving to another employee checks that employee and frees the first", async () => {
    const day = nextWeekday(2);
    const a = await advisor();
    const b = await advisor();
    const m = await bookMeeting(api, a.id, isoAt(day, "10:00"), isoAt(day, "11:00"));
    const res = await api.put(`/meetings/${m.id}`, { employeeId: b.id });
    expect(res.status, res.text).toBe(200);
    expect(res.body.employeeId).toBe(b.id);
    expect(startsOf(await availableFor(api, [a.id], isoAt(day, "00:00")))).toContain("10:00");
    expect(startsOf(await availableFor(api, [b.id], isoAt(day, "00:00")))).not.toContain("10:00");
  });

  it("moving within its own time (overlapping itself) is allowed", async () => {
    const day = nextWeekday(2);
    const employee = await advisor();
    const m = await bookMeeting(api, employee.id, isoAt(day, "10:00"), isoAt(day, "11:00"));
    const res = await api.put(`/meetings/${m.id}`, { startDate: isoAt(day, "10:30"), endDate: isoAt(day, "11:30") });
    expect(res.status, res.text).toBe(200);
    expect(startsOf(await availableFor(api, [employee.id], isoAt(day, "00:00")))).toContain("09:30");
  });

  it("an unknown meeting is 404; a cancelled one is 409 meeting_cancelled", async () => {
    expect((await api.put(`/meetings/${randomUUID()}`, { title: "x" })).status).toBe(404);
    const day = nextWeekday(2);
    const employee = await advisor();
    const m = await bookMeeting(api, employee.id, isoAt(day, "15:00"), isoAt(day, "16:00"));
    expect((await api.delete(`/meetings/${m.id}`)).status).toBe(204);
    const res = await api.put(`/meetings/${m.id}`, { title: "x" });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("meeting_cancelled");
  });
});

describe("DELETE /meetings/{id}", () => {
  it("answers 204, frees the time at once, and the meeting then reads as Cancelled", async () => {
    const day = nextWeekday(3);
    const employee = await advisor("09:00", "11:00");
    const m = await bookMeeting(api, employee.id, isoAt(day, "09:00"), isoAt(day, "10:00"));
    expect(startsOf(await availableFor(api, [employee.id], isoAt(day, "00:00")))).toEqual(["10:00"]);
    const del = await api.delete(`/meetings/${m.id}`);
    expect(del.status).toBe(204);
    expect(del.text).toBe("");
    expect(startsOf(await availableFor(api, [employee.id], isoAt(day, "00:00")))).toEqual(["09:00", "09:30", "10:00"]);
    const gone = await api.get(`/meetings/${m.id}`);
    expect(gone.status).toBe(200);
    expect(gone.body).toMatchObject({ id: m.id, status: "Cancelled" });
    expect((await api.delete(`/meetings/${m.id}`)).status).toBe(404);
    // the time can be booked again
    expect((await api.post(`/meetings`, meetingBody(employee.id, isoAt(day, "09:00"), isoAt(day, "10:00")))).status).toBe(201);
  });

  it("honours If-Match: a stale ETag is 412 and the meeting stays", async () => {
    const day = nextWeekday(3);
    const employee = await advisor();
    const m = await bookMeeting(api, employee.id, isoAt(day, "13:00"), isoAt(day, "14:00"));
    const changed = await api.put(`/meetings/${m.id}`, { title: "changed" });
    expect(changed.status).toBe(200);
    const stale = await api.delete(`/meetings/${m.id}`, { headers: { "if-match": m.etag } });
    expect(stale.status).toBe(412);
    expect((await api.get(`/meetings/${m.id}`)).status).toBe(200);
    expect((await api.delete(`/meetings/${m.id}`, { headers: { "if-match": changed.headers.get("etag")! } })).status).toBe(204);
  });
});
