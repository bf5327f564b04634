/**
 * Hostile input at every registered endpoint (v2 and v1) through the local host: explicit
 * cases (malformed JSON, wrong media type, oversized bodies, over-long strings and lists), then
 * property-based requests from test/fuzz/hostile.ts with a fixed seed.
 *
 * `npm test` runs FUZZ_RUNS (default 50) requests per endpoint; `npm run fuzz` (vitest --mode fuzz)
 * runs 1000 per endpoint unless FUZZ_RUNS says otherwise. FUZZ_SEED picks another seed.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../support/stack.js";
import {
  authHeaders,
  call,
  Contract,
  createDirectory,
  distModule,
  slotAt,
  type Directory,
  type OpenApiDocument,
} from "../support/api-kit.js";
import { fuzz, type FuzzTarget } from "../fuzz/hostile.js";
import { stopRecording } from "../support/logs/personal-values.js";

type OpenApiWrite = typeof import("../../dev/openapi-write.js");
type OpenApiModule = typeof import("../../shared/api/edge/openapi.js");
type HttpRegistration = import("../../dev/host/functions-core.js").HttpRegistration;

// Hostile strings, not personal data: the run's log check still scans these hosts for emails and CPRs.
stopRecording();
const LONG = process.env.MODE === "fuzz";
const RUNS = Number(process.env.FUZZ_RUNS ?? (LONG ? 1000 : 50));
const SEED = Number(process.env.FUZZ_SEED ?? 20_240_901);

let stack: Stack;
let h: Record<string, string>;
let dir: Directory;

beforeAll(async () => {
  stack = await startStack();
  h = await authHeaders(stack);
  dir = await createDirectory(stack, h);
});
afterAll(async () => stack?.stop());

const post = (path: string, init: { headers?: Record<string, string>; body?: unknown; rawBody?: string }) =>
  call("POST", `${stack.base}/${path}`, { headers: h, ...init });

function expectProblem(res: Awaited<ReturnType<typeof call>>, status: number, code: string) {
  expect(res.status, res.text.slice(0, 300)).toBe(status);
  expect(res.contentType).toMatch(/^application\/problem\+json/);
  expect(res.json).toMatchObject({ status, code });
}

const validMeeting = () => ({ ...slotAt(3, 10), employeeId: dir.employeeId, customerId: "C-1", salesforceId: "SF-1" });

describe("explicit hostile input", () => {
  it.each(["meetings", "time-slots/reserve", "config/customer-types"])("malformed JSON to %s is 400 malformed_json", async (path) => {
    for (const raw of ["{", '{"a":}', "{'a': 1}", '{"a":1}{"b":2}', "[1,]"])
      expectProblem(await post(path, { rawBody: raw }), 400, "malformed_json");
  });

  it("a non-JSON content type on a JSON endpoint is 415", async () => {
    for (const contentType of ["text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      expectProblem(
        await post("meetings", { headers: { ...h, "content-type": contentType }, rawBody: JSON.stringify(validMeeting()) }),
        415,
        "unsupported_media_type",
      );
    }
    const put = await call("PUT", `${stack.base}/config/employees/${randomUUID()}`, {
      headers: { ...h, "content-type": "text/csv" },
      rawBody: "name,email",
    });
    expectProblem(put, 415, "unsupported_media_type");
  });

  it("a body over 1 MiB is 413 payload_too_large (and over the host's 10 MiB limit too)", async () => {
    expectProblem(await post("meetings", { body: { ...validMeeting(), description: "x".repeat(1024 * 1024) } }), 413, "payload_too_large");
    expectProblem(await post("time-slots/reserve", { rawBody: `"${"y".repeat(11 * 1024 * 1024)}"` }), 413, "payload_too_large");
  });

  it("over-long strings are 400 naming the field and the limit", async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ customerId: "c".repeat(201) }, "customerId", "200"],
      [{ description: "d".repeat(4001) }, "description", "4000"],
      [{ salesforceId: "s".repeat(201) }, "salesforceId", "200"],
      [{ customFields: [{ key: "k".repeat(101), value: "v" }] }, "customFields.0.key", "100"],
    ];
    for (const [patch, field, limit] of cases) {
      const res = await post("meetings", { body: { ...validMeeting(), ...patch } });
      expectProblem(res, 400, "validation_failed");
      const error = (res.json as { errors: { field: string; in: string; rule: string; message: string }[] }).errors.find(
        (e) => e.field === field,
      );
      expect(error, `${field}: ${res.text}`).toMatchObject({ in: "body", rule: "too_big" });
      expect(error!.message).toContain(limit);
    }
    const key = await post("meetings", { headers: { ...h, "idempotency-key": "k".repeat(256) }, body: validMeeting() });
    expectProblem(key, 400, "validation_failed");
    expect((key.json as { errors: { field: string; message: string }[] }).errors[0]).toMatchObject({
      field: "Idempotency-Key",
      in: "header",
    });
    expect((key.json as { errors: { message: string }[] }).errors[0].message).toContain("255");
  });

  it("over-long lists are 400 naming the field and the limit", async () => {
    const attendees = Array.from({ length: 51 }, (_, i) => ({ name: `A${i}`, email: `a${i}@example.com` }));
    const res = await post("meetings", { body: { ...validMeeting(), externalAttendees: attendees } });
    expectProblem(res, 400, "validation_failed");
    expect((res.json as { errors: { field: string; rule: string; message: string }[] }).errors[0]).toMatchObject({
      field: "externalAttendees",
      rule: "too_big",
      message: expect.stringContaining("50"),
    });

    const ids = Array.from({ length: 101 }, () => randomUUID()).join(",");
    const query = await call("GET", `${stack.base}/time-slots/available?requireEmployeeParticipation=true&explicitEmployeeIds=${ids}`, {
      headers: h,
    });
    expectProblem(query, 400, "validation_failed");
    expect((query.json as { errors: { field: string; in: string; message: string }[] }).errors[0]).toMatchObject({
      field: "explicitEmployeeIds",
      in: "query",
      message: expect.stringContaining("100"),
    });

    const hours = Array.from({ length: 71 }, () => ({ day: "monday", start: "08:00", end: "16:00" }));
    const put = await call("PUT", `${stack.base}/config/employees/${randomUUID()}`, {
      headers: h,
      body: { name: "N", email: "n@example.com", workingHours: hours },
    });
    expectProblem(put, 400, "validation_failed");
    expect((put.json as { errors: { field: string; message: string }[] }).errors[0]).toMatchObject({
      field: "workingHours",
      message: expect.stringContaining("70"),
    });
  });

  it("hostile path parameters and query keys are 4xx, never 5xx", async () => {
    for (const id of [
      "%00",
      "..%2F..%2Fetc%2Fpasswd",
      "a".repeat(3000),
      "%F0%9F%98%80",
      "null",
      "__proto__",
      "00000000-0000-0000-0000-00000000000G",
    ]) {
      const res = await call("GET", `${stack.base}/meetings/${id}`, { headers: h });
      expect(res.status, id).toBeGreaterThanOrEqual(400);
      expect(res.status, id).toBeLessThan(500);
      expect(res.contentType).toMatch(/^application\/problem\+json/);
    }
    for (const q of [
      "__proto__=1&__proto__=2",
      "constructor=x",
      "limit=1&limit=2",
      "limit=1e400",
      "employeeId[]=x",
      "continuationToken=%7B%7D",
      "continuationToken=not-json",
      "startDateModified=2024-02-30T00:00:00Z",
    ]) {
      const res = await call("GET", `${stack.base}/meetings?${q}`, { headers: h });
      expect(res.status, q).toBeLessThan(500);
      if (res.status >= 400) expect(res.contentType, q).toMatch(/^application\/problem\+json/);
    }
  });

  it("deeply nested and odd JSON bodies are 400, never 5xx", async () => {
    for (const raw of [
      `${"[".repeat(5000)}${"]".repeat(5000)}`,
      "null",
      "[]",
      "0",
      '"text"',
      JSON.stringify({ ...validMeeting(), __proto__: { admin: true } }),
      JSON.stringify({ timeSlot: null, token: [] }),
    ]) {
      const res = await post("time-slots/reserve", { rawBody: raw });
      expect(res.status, raw.slice(0, 50)).toBe(400);
      expect(res.contentType).toMatch(/^application\/problem\+json/);
    }
  });
});

describe("property-based hostile requests at every registered endpoint", () => {
  it(
    `${RUNS} requests per endpoint (seed ${SEED}): never 5xx, problem+json for 4xx, the documented media type for 2xx, and the documented schemas`,
    async () => {
      const writer = await distModule<OpenApiWrite>("dev/openapi-write.js");
      const openapi = await distModule<OpenApiModule>("shared/api/edge/openapi.js");
      const registrations = (await writer.loadApp()).filter((r): r is HttpRegistration => r.kind === "http");
      const targets: FuzzTarget[] = [];
      for (const version of ["v2", "v1"] as const) {
        const base = `/api/${version}/bookme`;
        const served = await call("GET", `${stack.hosts[0].url}${base}/openapi.json`);
        const contract = new Contract(served.json as OpenApiDocument, base);
        for (const r of registrations.filter((x) => x.route.startsWith(`${version}/bookme/`))) {
          const template = openapi.openApiPath(r.route.slice(`${version}/bookme/`.length));
          for (const method of r.methods) {
            const op = contract.operation(method, template);
            expect(op, `${r.name} is documented`).toBeDefined();
            targets.push({ name: r.name, method, template, base: `${stack.hosts[0].url}${base}`, op: op!, contract });
          }
        }
      }
      // The public booking channel and page (EndpointSpec.prefix) are outside the versioned API: public-booking.test.ts fuzzes them.
      // The seed-compatible facades answer in their own error shapes (not problem+json): facades.test.ts covers them.
      expect(targets.length).toBe(registrations.filter((r) => /^v[12]\/bookme\//.test(r.route)).length);

      const readOnly = await stack.token({ roles: ["BookMe.Read"] });
      const report = await fuzz({
        targets,
        ctx: { knownIds: [dir.employeeId, dir.roomId, dir.topicId, dir.customerTypeId], tokens: { all: await stack.token(), readOnly } },
        runsPerTarget: RUNS,
        seed: SEED,
        concurrency: 8,
        shrink: LONG && process.env.FUZZ_SHRINK !== "0",
        progress: LONG ? { every: 2000, log: (line) => console.log(line) } : undefined,
      });
      console.log(`fuzz: ${targets.length} endpoints, ${report.requests} requests, by status ${JSON.stringify(report.byStatus)}`);
      console.log(`fuzz: slowest ${report.slowest.map(([ms, what]) => `${ms} ms ${what}`).join("\n  ")}`);
      expect(report.failures, report.failures.join("\n\n")).toEqual([]);
      expect(report.requests).toBeGreaterThanOrEqual(targets.length * RUNS);
      // the mix reaches the handlers, not only the edge
      const statuses = Object.keys(report.byStatus).map(Number);
      expect(statuses).toEqual(expect.arrayContaining([200, 400, 401, 403]));
      // the host survived and still answers
      expect((await call("GET", `${stack.base}/health`)).status).toBe(200);
    },
    LONG ? 3_600_000 : 120_000,
  );
});
