/**
 * Personal data stays out of logs and responses: a meeting booked with a CPR number and external
 * attendees' emails leaves neither in anything the host process prints (its whole stdout/stderr,
 * access log on), and no response carries the CPR. Correlation ids: every function response
 * has x-correlation-id, and that id is on the request's log lines.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../support/stack.js";
import { report, scanLines } from "../support/logs/scan.js";
import { authHeaders, call, createDirectory, slotAt, type CallResult, type Directory } from "../support/api-kit.js";

const CPR = "010190-1234";
const CPR_FORMS = [CPR, CPR.replace("-", ""), "010190 1234"];
const INVALID_CPR = "320190-4321"; // no 32nd of January
const EMAILS = ["kirsten.external@partner.example", "ole.o@customer-mail.example"];

let stack: Stack;
let h: Record<string, string>;
let dir: Directory;
const responses: { what: string; res: CallResult }[] = [];

async function record(what: string, res: Promise<CallResult>): Promise<CallResult> {
  const r = await res;
  responses.push({ what, res: r });
  return r;
}

const hostOutput = () => stack.hosts[0].output.join("\n");
const settle = () => new Promise((r) => setTimeout(r, 300)); // let the child's stdout reach us

beforeAll(async () => {
  stack = await startStack({ hostEnv: { ACCESS_LOG: "1" } });
  h = await authHeaders(stack);
  dir = await createDirectory(stack, h);
});
afterAll(async () => stack?.stop());

describe("CPR numbers and attendee emails", () => {
  let meetingId: string;

  beforeAll(async () => {
    const body = {
      ...slotAt(2, 10),
      employeeId: dir.employeeId,
      customerId: "CUST-77",
      salesforceId: "SF-77",
      bookedBy: "PortalCustomer",
      cpr: CPR,
      externalAttendees: EMAILS.map((email, i) => ({ name: `Guest ${i + 1}`, email })),
      title: "Pension meeting",
    };
    const key = randomUUID();
    const booked = await record("book", call("POST", `${stack.base}/meetings`, { headers: { ...h, "idempotency-key": key }, body }));
    expect(booked.status, booked.text).toBe(201);
    meetingId = (booked.json as { id: string }).id;
    // the retry is answered from the idempotency record
    const replay = await record("replay", call("POST", `${stack.base}/meetings`, { headers: { ...h, "idempotency-key": key }, body }));
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    // failures that carry the same personal data
    await record("clash", call("POST", `${stack.base}/meetings`, { headers: h, body: { ...body, cpr: CPR.replace("-", "") } }));
    await record("invalid cpr", call("POST", `${stack.base}/meetings`, { headers: h, body: { ...body, cpr: INVALID_CPR } }));
    await record(
      "bad email",
      call("POST", `${stack.base}/meetings`, {
        headers: h,
        body: { ...body, ...slotAt(2, 12), externalAttendees: [{ name: "X", email: `${EMAILS[0]}@@` }] },
      }),
    );
    await record("v1 with cpr", call("POST", `${stack.hosts[0].url}/api/v1/bookme/meetings`, { headers: h, body }));
    await record("malformed json", call("POST", `${stack.base}/meetings`, { headers: h, rawBody: `{"cpr":"${CPR}",` }));
    await record("cpr in the query", call("GET", `${stack.base}/meetings?timeSlotId=${CPR}`, { headers: h }));
    await record("get", call("GET", `${stack.base}/meetings/${meetingId}`, { headers: h }));
    await record("list", call("GET", `${stack.base}/meetings?employeeId=${dir.employeeId}`, { headers: h }));
    await record("list all", call("GET", `${stack.base}/meetings`, { headers: h }));
    await record("update", call("PUT", `${stack.base}/meetings/${meetingId}`, { headers: h, body: { title: "Pension meeting 2" } }));
    await record("ical", call("POST", `${stack.base}/meetings/${meetingId}/ical`, { headers: h }));
    await record("cancel", call("DELETE", `${stack.base}/meetings/${meetingId}`, { headers: h }));
    await settle();
  });

  it("the booking and the reads succeeded (so the data went through the whole path)", () => {
    const status = Object.fromEntries(responses.map((r) => [r.what, r.res.status]));
    expect(status).toMatchObject({
      book: 201,
      replay: 201,
      clash: 409,
      "invalid cpr": 400,
      "bad email": 400,
      "malformed json": 400,
      get: 200,
      list: 200,
      update: 200,
      ical: 200,
      cancel: 204,
    });
    expect((responses.find((r) => r.what === "list")!.res.json as { id: string }[]).map((m) => m.id)).toContain(meetingId);
    expect(hostOutput()).toContain("meeting booked");
  });

  it("no response carries the CPR, with or without the hyphen, nor the invalid one", () => {
    for (const { what, res } of responses) {
      for (const form of [...CPR_FORMS, INVALID_CPR, INVALID_CPR.replace("-", "")]) {
        if (what === "cpr in the query") continue; // the client put it in a query parameter of its own
        expect(res.text, `${what} response`).not.toContain(form);
      }
      for (const [name, value] of res.headers)
        expect(
          CPR_FORMS.some((f) => value.includes(f)),
          `${what} header ${name}`,
        ).toBe(false);
    }
    expect(responses.find((r) => r.what === "get")!.res.json).not.toHaveProperty("cpr");
  });

  it("meeting responses show attendees by name only; the emails are only in the calendar invitation", () => {
    for (const { what, res } of responses) {
      if (what === "ical") continue;
      for (const email of EMAILS) expect(res.text, `${what} response`).not.toContain(email);
    }
    expect(responses.find((r) => r.what === "get")!.res.json).toMatchObject({
      externalAttendees: [{ name: "Guest 1" }, { name: "Guest 2" }],
    });
    const ical = responses.find((r) => r.what === "ical")!.res.text;
    expect(ical).toContain(EMAILS[0]);
    for (const form of CPR_FORMS) expect(ical).not.toContain(form);
  });

  it("nothing the host process printed contains the CPR or the emails", () => {
    const output = hostOutput();
    expect(output.length).toBeGreaterThan(500);
    expect(output).toContain("POST /api/v2/bookme/meetings -> 201"); // the access log is on
    // The run's log check (test/support/logs) does this for every host of every test file; here for this one's values.
    const values = [
      ...[...CPR_FORMS, INVALID_CPR, INVALID_CPR.replace("-", "")].map((value) => ({ kind: "cpr" as const, value })),
      ...EMAILS.map((value) => ({ kind: "email" as const, value })),
      { kind: "name" as const, value: "Guest 1" },
    ];
    expect(report(scanLines("host 0", stack.hosts[0].output, values))).toBe("");
  });
});

describe("correlation ids", () => {
  const bookingLines = (id: string) => stack.hosts[0].output.filter((l) => l.includes("meeting booked") && l.includes(id));

  it("every function response carries x-correlation-id, echoed when the client sent a sane one", async () => {
    const requests: [string, string, Record<string, string>, unknown?][] = [
      ["GET", "health", {}],
      ["GET", "openapi.json", {}],
      ["GET", "employees", h],
      ["GET", `employees/${randomUUID()}`, h],
      ["GET", "employees", { ...h, authorization: "Bearer nope" }],
      ["GET", "employees", { ...h, authorization: `Bearer ${await stack.token({ roles: [] })}` }],
      ["POST", "meetings", h, {}],
      ["GET", "meetings/not-a-uuid", h],
    ];
    for (const [method, path, headers, body] of requests) {
      const plain = await call(method, `${stack.base}/${path}`, { headers, body });
      expect(plain.headers.get("x-correlation-id"), `${method} ${path} -> ${plain.status}`).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
      const mine = `test-${randomUUID()}`;
      const echoed = await call(method, `${stack.base}/${path}`, { headers: { ...headers, "x-correlation-id": mine }, body });
      expect(echoed.headers.get("x-correlation-id"), `${method} ${path}`).toBe(mine);
    }
  });

  it("the id sent with a booking is on that request's log line", async () => {
    const mine = `booking-${randomUUID()}`;
    const res = await call("POST", `${stack.base}/meetings`, {
      headers: { ...h, "x-correlation-id": mine },
      body: { ...slotAt(4, 9), employeeId: dir.employeeId, customerId: "C-9", salesforceId: "SF-9" },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.headers.get("x-correlation-id")).toBe(mine);
    await settle();
    const lines = bookingLines(mine);
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0].slice(lines[0].indexOf("{")));
    expect(json).toMatchObject({
      message: "meeting booked",
      correlationId: mine,
      function: "meetings-create",
      meetingId: (res.json as { id: string }).id,
    });
  });

  it("without one, the generated id in the response is the one in the log; a traceparent's trace id is used when given", async () => {
    const res = await call("POST", `${stack.base}/meetings`, {
      headers: h,
      body: { ...slotAt(4, 11), employeeId: dir.employeeId, customerId: "C-10", salesforceId: "SF-10" },
    });
    expect(res.status).toBe(201);
    const generated = res.headers.get("x-correlation-id")!;
    const traceId = randomUUID().replace(/-/g, "");
    const traced = await call("POST", `${stack.base}/meetings`, {
      headers: { ...h, traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
      body: { ...slotAt(4, 13), employeeId: dir.employeeId, customerId: "C-11", salesforceId: "SF-11" },
    });
    expect(traced.status).toBe(201);
    expect(traced.headers.get("x-correlation-id")).toBe(traceId);
    await settle();
    expect(bookingLines(generated)).toHaveLength(1);
    expect(bookingLines(traceId)).toHaveLength(1);
  });

  it("an unsafe x-correlation-id is replaced, and never reaches the log", async () => {
    for (const unsafe of ['"},"admin":true,"x":{"', "<script>alert(1)</script>", "a".repeat(200), "has spaces in it"]) {
      const res = await call("POST", `${stack.base}/meetings`, {
        headers: { ...h, "x-correlation-id": unsafe },
        body: { ...slotAt(5, 8 + (unsafe.length % 10)), employeeId: dir.employeeId, customerId: "C-12", salesforceId: "SF-12" },
      });
      expect(res.status, res.text).toBe(201);
      const id = res.headers.get("x-correlation-id")!;
      expect(id).not.toBe(unsafe);
      await settle();
      expect(bookingLines(id)).toHaveLength(1);
      expect(hostOutput()).not.toContain(unsafe);
    }
  });
});
