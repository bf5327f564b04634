/** Self-service secrets, cancel with a reason and reschedule (issue 16), on the real stack. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ALL_DAYS,
  Api,
  bookMeeting,
  createEmployee,
  hours,
  isoAt,
  meetingBody,
  nextDstSunday,
  nextWeekday,
  offsetMinutes,
  wall,
  availableFor,
} from "../support/fixtures.js";
import { SUBSCRIPTION_KEY } from "../support/stack.js";
import { startInProcess, type InProcessStack } from "../support/in-process.js";

let stack: InProcessStack;
let api: Api;
beforeAll(async () => {
  stack = await startInProcess();
  api = new Api(stack);
});
afterAll(async () => stack?.stop());

const advisor = () => createEmployee(api, { workingHours: hours(ALL_DAYS, "09:00", "16:00") });

/** A call with only the subscription key and (optionally) the manage secret: no bearer token. */
async function asHolder(method: string, path: string, secret: string | undefined, body?: unknown) {
  const headers: Record<string, string> = { "ocp-apim-subscription-key": SUBSCRIPTION_KEY, "content-type": "application/json" };
  if (secret !== undefined) headers["bookme-manage-secret"] = secret;
  const res = await fetch(`${stack.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, text };
}

describe("the self-service secret", () => {
  it("POST /meetings returns a high-entropy secret once; GET never shows it", async () => {
    const day = nextWeekday(1);
    const e = await advisor();
    const booked = await bookMeeting(api, e.id, isoAt(day, "09:00"), isoAt(day, "10:00"));
    expect(booked.body.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await api.get(`/meetings/${booked.id}`)).body.secret).toBeUndefined();
  });

  it("lets its holder get the meeting with no token; a wrong secret, another meeting's or none is 404/401 with no hint", async () => {
    const day = nextWeekday(2);
    const e = await advisor();
    const a = await bookMeeting(api, e.id, isoAt(day, "09:00"), isoAt(day, "10:00"));
    const b = await bookMeeting(api, e.id, isoAt(day, "11:00"), isoAt(day, "12:00"));
    const got = await asHolder("GET", `/meetings/${a.id}`, a.body.secret);
    expect(got.status, got.text).toBe(200);
    expect(got.body.id).toBe(a.id);
    const wrong = await asHolder("GET", `/meetings/${a.id}`, "x".repeat(43));
    const crossed = await asHolder("GET", `/meetings/${a.id}`, b.body.secret);
    const unknown = await asHolder("GET", `/meetings/${randomUUID()}`, a.body.secret);
    for (const r of [wrong, crossed, unknown]) {
      expect(r.status).toBe(404);
      expect(r.body.code).toBe("not_found");
    }
    expect(wrong.body.detail.replace(a.id, "ID")).toBe(unknown.body.detail.replace(/'[^']+'/, "'ID'"));
    expect((await asHolder("GET", `/meetings/${a.id}`, undefined)).status).toBe(401);
    expect((await asHolder("PUT", `/meetings/${a.id}`, a.body.secret, { title: "x" })).status).toBe(401); // not a self-service operation
    expect((await asHolder("GET", `/meetings`, a.body.secret)).status).toBe(401);
  });

  it("cancel with a reason through the secret: 200 Cancelled with the reason, the time free again", async () => {
    const day = nextWeekday(3);
    const e = await advisor();
    const booked = await bookMeeting(api, e.id, isoAt(day, "10:00"), isoAt(day, "11:00"));
    const cancelled = await asHolder("POST", `/meetings/${booked.id}/cancel`, booked.body.secret, { reason: "Cannot make it" });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body).toMatchObject({ id: booked.id, status: "Cancelled", cancellationReason: "Cannot make it" });
    const slots = await availableFor(api, [e.id], isoAt(day, "00:00"));
    expect(slots.some((s) => wall(s.startDate) === "10:00")).toBe(true);
    expect((await asHolder("POST", `/meetings/${booked.id}/cancel`, booked.body.secret, {})).status).toBe(404);
  });

  it("reschedule through the secret keeps the id, records rescheduledFrom and frees the old time", async () => {
    const day = nextWeekday(4);
    const e = await advisor();
    const booked = await bookMeeting(api, e.id, isoAt(day, "09:00"), isoAt(day, "10:00"));
    const moved = await asHolder("POST", `/meetings/${booked.id}/reschedule`, booked.body.secret, {
      startDate: isoAt(day, "14:00"),
      endDate: isoAt(day, "15:00"),
    });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body).toMatchObject({
      id: booked.id,
      startDate: isoAt(day, "14:00"),
      rescheduledFrom: { startDate: isoAt(day, "09:00"), endDate: isoAt(day, "10:00") },
    });
    const starts = (await availableFor(api, [e.id], isoAt(day, "00:00"))).map((s) => wall(s.startDate));
    expect(starts).toContain("09:00");
    expect(starts).not.toContain("14:00");
    const same = await asHolder("POST", `/meetings/${booked.id}/reschedule`, booked.body.secret, {
      startDate: isoAt(day, "14:00"),
      endDate: isoAt(day, "15:00"),
    });
    expect(same.status).toBe(400);
  });

  it("reschedule onto the spring-forward day lands at the advisor's local time (UTC+2 after the change)", async () => {
    const sunday = nextDstSunday(3);
    const e = await advisor();
    const before = sunday.minus({ days: 2 });
    const booked = await bookMeeting(api, e.id, isoAt(before, "10:00"), isoAt(before, "11:00"));
    const moved = await api.post(`/meetings/${booked.id}/reschedule`, {
      startDate: isoAt(sunday, "10:00"),
      endDate: isoAt(sunday, "11:00"),
    });
    expect(moved.status, moved.text).toBe(200);
    expect(wall(moved.body.startDate)).toBe("10:00");
    expect(offsetMinutes(moved.body.startDate)).toBe(120);
    expect(offsetMinutes(booked.body.startDate)).toBe(60);
  });

  it("a replaced secret works and the old one does not; a revoked one works nowhere; an Idempotency-Key replay carries no secret", async () => {
    const day = nextWeekday(5);
    const e = await advisor();
    const key = randomUUID();
    const body = meetingBody(e.id, isoAt(day, "09:00"), isoAt(day, "10:00"));
    const first = await api.post(`/meetings`, body, { headers: { "idempotency-key": key } });
    const replay = await api.post(`/meetings`, body, { headers: { "idempotency-key": key } });
    expect(first.body.secret).toBeTruthy();
    expect(replay.body.id).toBe(first.body.id);
    expect(replay.body.secret).toBeUndefined();
    const replaced = await api.post(`/meetings/${first.body.id}/secret`);
    expect(replaced.status, replaced.text).toBe(200);
    expect((await asHolder("GET", `/meetings/${first.body.id}`, first.body.secret)).status).toBe(404);
    expect((await asHolder("GET", `/meetings/${first.body.id}`, replaced.body.secret)).status).toBe(200);
    expect((await api.delete(`/meetings/${first.body.id}/secret`)).status).toBe(204);
    expect((await asHolder("GET", `/meetings/${first.body.id}`, replaced.body.secret)).status).toBe(404);
  });
});
