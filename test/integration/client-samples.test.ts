/**
 * Contract fidelity (issue 12): a client written from the contract, its C# and JavaScript samples
 * included, works unchanged against the local stack: Newtonsoft's PascalCase bodies, axios's
 * `name[]=v` lists, paging past the first page, syncing cancellations, the TimeSlot shape,
 * meetingDuration as a TimeSpan, and unknown query parameters named in a 400.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_DAYS, Api, createEmployee, hours, isoAt, nextWeekday } from "../support/fixtures.js";
import { startStack, type Stack } from "../support/stack.js";

// The rest of these checks run in process: test/endpoint/client-samples.test.ts. Paging through
// Cosmos continuation tokens and the host's CORS answers need the real stack.
let stack: Stack;
let api: Api;
beforeAll(async () => {
  stack = await startStack();
  api = new Api(stack);
});
afterAll(async () => stack?.stop());

const origin = () => stack.hosts[0].url;

describe("GET /meetings pages with Link rel=next", () => {
  it("past 100: the first page has 100 and a Link to the rest (also readable cross-origin); following it ends without one", async () => {
    const busy = (await createEmployee(api, { workingHours: hours(ALL_DAYS, "00:00", "24:00"), meetingTypes: ["Online"], timeZone: "UTC" }))
      .id;
    const start = Date.parse(isoAt(nextWeekday(1, 20), "00:00"));
    const ids = new Set<string>();
    for (let i = 0; i < 105; i++) {
      const s = start + i * 3_600_000;
      const res = await api.post(`/meetings`, {
        bookedBy: "Employee",
        salesforceId: "sf",
        employeeId: busy,
        customerId: `c-${i}`,
        startDate: new Date(s).toISOString(),
        endDate: new Date(s + 3_600_000).toISOString(),
        type: "Online",
      });
      expect(res.status, res.text).toBe(201);
      ids.add(res.body.id);
    }
    const first = await api.get(`/meetings?employeeId=${busy}`, { headers: { origin: "https://portal.example" } });
    expect(first.status).toBe(200);
    expect(first.body).toHaveLength(100); // the documented default page size
    const link = first.headers.get("link")!;
    expect(link).toMatch(/^<\/api\/v2\/bookme\/meetings\?[^>]+>; rel="next"$/);
    expect(first.headers.get("x-continuation-token")).toBeTruthy();
    const exposed = (first.headers.get("access-control-expose-headers") ?? "").toLowerCase();
    for (const h of ["link", "x-continuation-token"]) expect(exposed).toContain(h);

    const next = await api.get("", { base: `${origin()}${/^<([^>]+)>/.exec(link)![1]}` });
    expect(next.status).toBe(200);
    expect(next.body).toHaveLength(5);
    expect(next.headers.get("link")).toBeNull();
    const all: { id: string; startDate: string }[] = [...first.body, ...next.body];
    expect(all).toHaveLength(105);
    expect(new Set(all.map((m) => m.id))).toEqual(ids);
    expect(all.map((m) => m.startDate)).toEqual(all.map((m) => m.startDate).sort());
  });

  it("answers a browser's preflight with the methods and headers it asked for", async () => {
    const res = await fetch(`${stack.base}/meetings`, {
      method: "OPTIONS",
      headers: {
        origin: "https://portal.example",
        "access-control-request-method": "GET",
        "access-control-request-headers": "authorization,ocp-apim-subscription-key",
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-methods")).toContain("GET");
    expect(res.headers.get("access-control-allow-headers")).toContain("ocp-apim-subscription-key");
  });
});
