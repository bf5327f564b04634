/**
 * Issue 15 (limits) on the real stack: cost caps answered before any work, the per-client rate
 * limit, the canonical path before the subscription-key check, and bodies refused while read.
 */
import http from "node:http";
import { randomUUID } from "node:crypto";
import { importJWK, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_AUDIENCE, DEV_ISSUER, ensureDevKey } from "../../dev/dev-issuer.js";
import { ALL_DAYS, Api, CPH, hours, isoAt, nextWeekday, qs } from "../support/fixtures.js";
import { startStack, stackRepositories, SUBSCRIPTION_KEY, type HostProcess, type Stack } from "../support/stack.js";

let stack: Stack;
let api: Api;
/** A host with tight limits: 3 requests per client, then one every 5 s; bodies up to 256 KiB. */
let tight: HostProcess;
const group = `Limits-${randomUUID().slice(0, 6)}`;
const branch = `Limits-branch-${randomUUID().slice(0, 6)}`;
const ADVISORS = 300;
const BRANCH_ADVISORS = 40;

beforeAll(async () => {
  stack = await startStack();
  api = new Api(stack);
  tight = await stack.startHost({ CLIENT_RATE_LIMIT: "3/0.2", HOST_MAX_BODY_BYTES: String(256 * 1024), QUERY_MAX_RESOURCE_DAYS: "20" });
  const repos = await stackRepositories(stack);
  try {
    for (let n = 0; n < ADVISORS; n++) {
      await repos.directory.put("employee", {
        id: randomUUID(),
        name: `Advisor ${n}`,
        email: `advisor.${n}@bank.example`,
        timeZone: CPH,
        workingHours: hours(ALL_DAYS.slice(0, 5), "09:00", "16:00"),
        overrides: [],
        meetingTypes: ["Physical", "Online", "Telephone"],
        locations: n < BRANCH_ADVISORS ? [branch] : [],
        serviceGroups: [group],
        topicIds: [],
        customerTypeIds: [],
        absences: [],
      });
    }
  } finally {
    repos.dispose();
  }
}, 120_000);
afterAll(async () => stack?.stop());

const start = () => isoAt(nextWeekday(1), "00:00");

describe("cost caps: query_too_large before any work", () => {
  it("every service-group advisor for 31 days is 400 query_too_large naming the limit, the value and how to narrow", async () => {
    const res = await api.get(
      `/time-slots/available${qs({ requireEmployeeParticipation: false, employeeTypes: "ServiceGroup", serviceGroups: group, startDate: start(), lookForwardTime: "31.00:00:00" })}`,
    );
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: "query_too_large", limit: "QUERY_MAX_RESOURCE_DAYS", max: 1500, resources: ADVISORS, days: 31 });
    expect(res.body.value).toBe(ADVISORS * 31);
    expect(res.body.detail).toMatch(/lookForwardTime/);
  });

  it("the branch's 40 advisors for 14 days stay allowed (the bench's query)", async () => {
    const res = await api.get(
      `/time-slots/available${qs({ requireEmployeeParticipation: false, employeeTypes: "Local", customerLocation: branch, startDate: start(), lookForwardTime: "14.00:00:00" })}`,
    );
    expect(res.status).toBe(200);
    expect(new Set((res.body as { employeeId: string }[]).map((s) => s.employeeId)).size).toBe(BRANCH_ADVISORS);
  });

  it("V1's Global and the grid of every employee have the same cap", async () => {
    const v1 = await api.get(
      `/time-slots/available${qs({ requireEmployeeParticipation: false, employeeTypes: "Global", startDate: start(), lookForwardTime: "31.00:00:00" })}`,
      {
        base: `${stack.hosts[0].url}/api/v1/bookme`,
      },
    );
    expect([v1.status, v1.body.code]).toEqual([400, "query_too_large"]);
    const from = nextWeekday(1);
    const grid = await api.get(`/time-slots${qs({ startDate: isoAt(from, "00:00"), endDate: isoAt(from.plus({ days: 7 }), "00:00") })}`);
    expect(grid.status).toBe(400);
    expect(grid.body).toMatchObject({ code: "query_too_large", limit: "QUERY_MAX_RESOURCE_DAYS" });
    expect(grid.body.detail).toMatch(/employeeId/);
  });

  it("the limits are settings: a host with QUERY_MAX_RESOURCE_DAYS=20 refuses 3 advisors x 7 days", async () => {
    const ids = (await api.get<{ id: string; serviceGroups: string[] }[]>("/employees")).body
      .filter((e) => e.serviceGroups.includes(group))
      .slice(0, 3)
      .map((e) => e.id);
    const path = `/time-slots/available${qs({ requireEmployeeParticipation: false, employeeTypes: "Explicit", explicitEmployeeIds: ids, startDate: start(), lookForwardTime: "7.00:00:00" })}`;
    const res = await api.get(path, { base: tight.base });
    expect(res.body).toMatchObject({ code: "query_too_large", max: 20, value: 21 });
    expect((await api.get(path)).status).toBe(200);
  });
});

/** A real dev token (the app verifies it) for a client application. */
async function tokenFor(azp: string): Promise<string> {
  const key = await ensureDevKey(stack.dataDir);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ roles: ["BookMe.Read", "BookMe.Write", "BookMe.Admin"], azp })
    .setProtectedHeader({ alg: "RS256", kid: key.privateJwk.kid, typ: "JWT" })
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setSubject("limits-test")
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .sign(await importJWK(key.privateJwk, "RS256"));
}

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function raw(host: HostProcess, method: string, path: string, headers: Record<string, string> = {}, body?: Buffer): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: host.port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("per-client rate limit (CLIENT_RATE_LIMIT)", () => {
  it("a client gets its burst, then 429 problem+json with Retry-After; another client goes on", async () => {
    const a = { authorization: `Bearer ${await tokenFor(`client-a-${randomUUID()}`)}`, "ocp-apim-subscription-key": SUBSCRIPTION_KEY };
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await raw(tight, "GET", "/api/v2/bookme/health", a)).status);
    expect(statuses).toEqual([200, 200, 200]);
    const limited = await raw(tight, "GET", "/api/v2/bookme/health", a);
    expect(limited.status).toBe(429);
    expect(limited.headers["content-type"]).toBe("application/problem+json");
    expect(JSON.parse(limited.body)).toMatchObject({ status: 429, code: "rate_limited" });
    expect(Number(limited.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    const b = { ...a, authorization: `Bearer ${await tokenFor(`client-b-${randomUUID()}`)}` };
    expect((await raw(tight, "GET", "/api/v2/bookme/health", b)).status).toBe(200);
  });

  it("the default limit is generous: 200 quick requests of one client all pass", async () => {
    const h = { authorization: `Bearer ${await tokenFor(`busy-${randomUUID()}`)}`, "ocp-apim-subscription-key": SUBSCRIPTION_KEY };
    const statuses = new Set<number>();
    for (let i = 0; i < 200; i++) statuses.add((await raw(stack.hosts[0], "GET", "/api/v2/bookme/health", h)).status);
    expect([...statuses]).toEqual([200]);
  });
});

describe("the subscription-key check sees the canonical path", () => {
  const variants = [
    "/api//v2/bookme/employees",
    "/api/v2/bookme/./employees",
    "/api/v2/bookme/health/../employees",
    "/api/v2/bookme/docs/%2e%2e/employees",
    "/api/%76%32/bookme/employees",
    "/api/v2/bookme/employees/",
    "/API/V2/BOOKME/EMPLOYEES",
    "/book/../api/v2/bookme/employees",
  ];

  it("no spelling of a keyed route skips the key; with the key each answers as the plain path does", async () => {
    const headers = await stack.headers();
    const plain = await raw(stack.hosts[0], "GET", "/api/v2/bookme/employees", headers);
    expect(plain.status).toBe(200);
    const { "ocp-apim-subscription-key": _key, ...withoutKey } = headers;
    for (const path of variants) {
      const refused = await raw(stack.hosts[0], "GET", path, withoutKey);
      expect([refused.status, JSON.parse(refused.body).code], path).toEqual([401, "subscription_key_required"]);
      const allowed = await raw(stack.hosts[0], "GET", path, headers);
      expect([allowed.status, JSON.parse(allowed.body).length], path).toEqual([200, JSON.parse(plain.body).length]);
    }
  });

  it("an encoded slash, a double-encoded route and a bad escape are refused as problem+json, never routed", async () => {
    const headers = await stack.headers();
    for (const [path, status] of [
      ["/api/v2%2Fbookme/employees", 400],
      ["/api/v2/bookme/docs/..%2F..%2Femployees", 400],
      ["/api/%2576%32/bookme/employees", 404],
      ["/api/v2/bookme/%E0%A4%A", 400],
    ] as const) {
      const res = await raw(stack.hosts[0], "GET", path, headers);
      expect(res.status, path).toBe(status);
      expect(res.headers["content-type"], path).toBe("application/problem+json");
    }
  });
});

describe("bodies are refused while read", () => {
  it("a chunked body past HOST_MAX_BODY_BYTES is 413 long before the client has sent it all", async () => {
    const headers = { ...(await stack.headers()), authorization: `Bearer ${await tokenFor(`body-${randomUUID()}`)}` };
    const total = 64 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const result = await new Promise<{ status: number; sent: number; body: string }>((resolve, reject) => {
      let sent = 0;
      let answered = false;
      const req = http.request(
        {
          host: "127.0.0.1",
          port: tight.port,
          method: "POST",
          path: "/api/v2/bookme/meetings",
          headers: { ...headers, connection: "keep-alive" },
          agent: false,
        },
        (res) => {
          answered = true;
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => (resolve({ status: res.statusCode ?? 0, sent, body: Buffer.concat(chunks).toString() }), req.destroy()));
        },
      );
      req.on("error", (err) => (answered ? undefined : reject(err)));
      const pump = () => {
        while (!answered && sent < total) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        if (!answered) req.end();
      };
      pump();
    });
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body)).toMatchObject({ code: "payload_too_large" });
    expect(result.sent).toBeLessThan(total / 4);
  });

  it("within the host's 10 MiB, the app's own 1 MiB limit holds: 413 payload_too_large", async () => {
    const res = await raw(
      stack.hosts[0],
      "POST",
      "/api/v2/bookme/meetings",
      await stack.headers(),
      Buffer.from(`"${"x".repeat(1536 * 1024)}"`),
    );
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ code: "payload_too_large" });
  });
});
