/** Meeting types and round-robin over HTTP (issue 16): admin API, availability by type, queue bookings, confirmations. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_DAYS, Api, createEmployee, fieldsOf, hours, isoAt, nextWeekday, qs, wall } from "../support/fixtures.js";
import { SUBSCRIPTION_KEY } from "../support/stack.js";
import { startInProcess, type InProcessStack } from "../support/in-process.js";

let stack: InProcessStack;
let api: Api;
beforeAll(async () => {
  stack = await startInProcess();
  api = new Api(stack);
});
afterAll(async () => stack?.stop());

async function meetingType(over: Record<string, unknown> & { pool: unknown }) {
  const id = randomUUID();
  const res = await api.put(`/config/meeting-types/${id}`, {
    name: `Type ${id.slice(0, 6)}`,
    durations: { defaultMinutes: 60, allowedMinutes: [30, 60] },
    ...over,
  });
  expect(res.status, res.text).toBe(201);
  return { id, body: res.body };
}

async function advisors(n: number, group: string) {
  return Promise.all(
    Array.from({ length: n }, () =>
      createEmployee(api, { workingHours: hours(ALL_DAYS, "09:00", "16:00"), serviceGroups: [group], meetingTypes: ["Online"] }),
    ),
  );
}

const book = (meetingTypeId: string, start: string, end: string, over: Record<string, unknown> = {}) =>
  api.post(`/meetings`, {
    bookedBy: "Customer",
    salesforceId: "sf",
    customerId: "c1",
    meetingTypeId,
    startDate: start,
    endDate: end,
    ...over,
  });

describe("meeting types", () => {
  it("the admin API stores a type (queueId defaults to its id); a default outside allowedMinutes is a 400 naming it", async () => {
    const group = randomUUID();
    await advisors(1, group);
    const { id, body } = await meetingType({ pool: { serviceGroup: group } });
    expect(body).toMatchObject({
      id,
      queueId: id,
      durations: { defaultMinutes: 60, allowedMinutes: [30, 60] },
      assignment: { policy: "fairness" },
    });
    expect((await api.get(`/meeting-types/${id}`)).body.queueId).toBe(id);
    const bad = await api.put(`/config/meeting-types/${randomUUID()}`, {
      name: "x",
      durations: { defaultMinutes: 45, allowedMinutes: [30, 60] },
      pool: { serviceGroup: group },
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(["durations.defaultMinutes"]);
  });

  it("a type's customer reminders are ISO 8601 durations (stored upper-case); anything else is a 400 naming the entry", async () => {
    const group = randomUUID();
    const { body } = await meetingType({ pool: { serviceGroup: group }, reminders: ["p1d", "PT2H"] });
    expect(body.reminders).toEqual(["P1D", "PT2H"]);
    for (const [reminders, field] of [
      [["2 hours"], "reminders.0"],
      [["P1D", "PT0S"], "reminders.1"],
      [["P31D"], "reminders.0"],
      [["P1D", "P2D", "P3D", "P4D", "P5D", "P6D"], "reminders"],
    ] as const) {
      const bad = await api.put(`/config/meeting-types/${randomUUID()}`, {
        name: "x",
        durations: { defaultMinutes: 60 },
        pool: { serviceGroup: group },
        reminders,
      });
      expect(bad.status, JSON.stringify(reminders)).toBe(400);
      expect(fieldsOf(bad.body)).toEqual([field]);
    }
  });

  it("availability by meetingTypeId lists the pool's slots; a duration outside the allowed ones is a 400 naming them", async () => {
    const group = randomUUID();
    const pool = await advisors(2, group);
    const { id } = await meetingType({ pool: { serviceGroup: group } });
    const day = nextWeekday(2);
    const base = { meetingTypeId: id, startDate: isoAt(day, "00:00"), lookForwardTime: "1.00:00:00", requireEmployeeParticipation: false };
    const res = await api.get(`/time-slots/available${qs(base)}`);
    expect(res.status, res.text).toBe(200);
    expect(new Set(res.body.map((s: { employeeId: string }) => s.employeeId))).toEqual(new Set(pool.map((e) => e.id)));
    expect(
      res.body.every((s: { startDate: string; endDate: string }) => Date.parse(s.endDate) - Date.parse(s.startDate) === 3_600_000),
    ).toBe(true);
    const explained = await api.get(`/time-slots/available${qs({ ...base, lookForwardTime: "7.00:00:00", explain: true })}`);
    expect(explained.status, explained.text).toBe(200);
    expect(explained.body.slots.length).toBeGreaterThan(0);
    expect(explained.body.explanations).toEqual([]); // the pool works every day, nothing booked: no day without slots
    const bad = await api.get(`/time-slots/available${qs({ ...base, meetingDuration: 45 })}`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ field: "meetingDuration", rule: "allowed_values" });
    expect(bad.body.errors[0].message).toContain("30, 60");
  });

  it("50 parallel queue bookings of one time over two hosts: each of the 10 advisors once, 40 slot_taken, and each records why", async () => {
    const group = randomUUID();
    const pool = await advisors(10, group);
    const { id } = await meetingType({ pool: { serviceGroup: group } });
    const day = nextWeekday(3);
    const bases = api.bases();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        api.post(
          `/meetings`,
          {
            bookedBy: "Customer",
            salesforceId: "sf",
            customerId: `c${i}`,
            meetingTypeId: id,
            startDate: isoAt(day, "10:00"),
            endDate: isoAt(day, "11:00"),
          },
          { base: bases[i % bases.length] },
        ),
      ),
    );
    const won = results.filter((r) => r.status === 201);
    expect(won.map((r) => r.body.employeeId).sort()).toEqual(pool.map((e) => e.id).sort());
    expect(results.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual(Array(40).fill("slot_taken"));
    for (const r of won) expect(r.body.selectionReason).toMatch(/^fairness: /);
  });

  it("hostIds narrow the pool; an id outside it is a 400; the type's invitation title is the default title", async () => {
    const group = randomUUID();
    const [a, b] = await advisors(2, group);
    const { id } = await meetingType({ pool: { serviceGroup: group }, invitation: { title: "Your advice meeting" } });
    const day = nextWeekday(4);
    const res = await book(id, isoAt(day, "09:00"), isoAt(day, "09:30"), { hostIds: [b.id] });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ employeeId: b.id, title: "Your advice meeting", meetingTypeId: id });
    const outside = await book(id, isoAt(day, "11:00"), isoAt(day, "12:00"), { hostIds: [randomUUID()] });
    expect(outside.status).toBe(400);
    expect(fieldsOf(outside.body)).toEqual(["hostIds"]);
    const wrongLength = await book(id, isoAt(day, "11:00"), isoAt(day, "11:45"), { hostIds: [a.id] });
    expect(wrongLength.status).toBe(400);
    expect(wrongLength.body.errors[0].rule).toBe("allowed_values");
  });

  it("a qualification answer routes to another pool or rejects with 403 routing_rejected", async () => {
    const group = randomUUID();
    const [general] = await advisors(1, group);
    const [pension] = await advisors(1, randomUUID());
    const { id } = await meetingType({
      pool: { serviceGroup: group },
      questions: [
        {
          id: "topic",
          label: "What is it about?",
          required: true,
          routes: [
            { answer: "Pension", employeeIds: [pension.id] },
            { answer: "Crypto", reject: true },
          ],
        },
      ],
    });
    const day = nextWeekday(5);
    const routed = await book(id, isoAt(day, "10:00"), isoAt(day, "11:00"), { answers: [{ questionId: "topic", answer: "pension" }] });
    expect(routed.status, routed.text).toBe(201);
    expect(routed.body.employeeId).toBe(pension.id);
    const plain = await book(id, isoAt(day, "10:00"), isoAt(day, "11:00"), { answers: [{ questionId: "topic", answer: "Savings" }] });
    expect(plain.body.employeeId).toBe(general.id);
    const rejected = await book(id, isoAt(day, "12:00"), isoAt(day, "13:00"), { answers: [{ questionId: "topic", answer: "Crypto" }] });
    expect(rejected.status).toBe(403);
    expect(rejected.body.code).toBe("routing_rejected");
    const missing = await book(id, isoAt(day, "12:00"), isoAt(day, "13:00"));
    expect(missing.status).toBe(400);
    expect(fieldsOf(missing.body)).toEqual(["answers.topic"]);
  });

  it("double opt-in: the booking is Pending and holds the time until the attendee confirms with the secret", async () => {
    const group = randomUUID();
    const [only] = await advisors(1, group);
    const { id } = await meetingType({ pool: { serviceGroup: group }, confirmation: { mode: "attendee", expiryMinutes: 60 } });
    const day = nextWeekday(6);
    const res = await book(id, isoAt(day, "10:00"), isoAt(day, "11:00"));
    expect(res.status, res.text).toBe(201);
    expect(res.body.status).toBe("Pending");
    const slots = await api.get(
      `/time-slots/available${qs({ meetingTypeId: id, startDate: isoAt(day, "00:00"), lookForwardTime: "1.00:00:00", requireEmployeeParticipation: false })}`,
    );
    expect(slots.body.map((s: { startDate: string }) => wall(s.startDate))).not.toContain("10:00");
    const asHost = await api.post(`/meetings/${res.body.id}/confirm`);
    expect(asHost.status).toBe(403);
    const confirmed = await fetch(`${stack.base}/meetings/${res.body.id}/confirm`, {
      method: "POST",
      headers: { "ocp-apim-subscription-key": SUBSCRIPTION_KEY, "bookme-manage-secret": res.body.secret },
    });
    expect(confirmed.status).toBe(200);
    expect((await confirmed.json()) as { status: string; employeeId: string }).toMatchObject({ status: "Booked", employeeId: only.id });
  });

  it("host confirmation: the host confirms with a token, or declines and the time is free", async () => {
    const group = randomUUID();
    await advisors(1, group);
    const { id } = await meetingType({ pool: { serviceGroup: group }, confirmation: { mode: "host", expiryMinutes: 60 } });
    const day = nextWeekday(7);
    const first = await book(id, isoAt(day, "10:00"), isoAt(day, "11:00"));
    expect((await api.post(`/meetings/${first.body.id}/confirm`)).body.status).toBe("Booked");
    const second = await book(id, isoAt(day, "12:00"), isoAt(day, "13:00"));
    const declined = await api.post(`/meetings/${second.body.id}/decline`, { reason: "fully booked that day" });
    expect(declined.body).toMatchObject({ status: "Cancelled", cancellationReason: "fully booked that day" });
    expect((await book(id, isoAt(day, "12:00"), isoAt(day, "13:00"))).status).toBe(201);
  });
});
