import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../support/stack.js";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ hosts: 2, hostEnv: { TIMER_SCHEDULES: JSON.stringify({ "reservations-sweep": "*/1 * * * * *" }) } });
});
afterAll(async () => stack?.stop());

describe("local Functions host", () => {
  it("health answers 200 with cosmos and storage status, without a key or token", async () => {
    const res = await fetch(`${stack.base}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", cosmos: "ok", storage: "ok", version: expect.any(String) });
  });

  it("an unknown route is 404 problem+json", async () => {
    const res = await fetch(`${stack.hosts[0].url}/api/nothing/here`);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(((await res.json()) as { code: string }).code).toBe("route_not_found");
  });

  it("a wrong method is 405 with Allow", async () => {
    const res = await fetch(`${stack.base}/health`, { method: "DELETE" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET");
  });

  it("API calls without a subscription key are 401 problem+json", async () => {
    const res = await fetch(`${stack.base}/employees`, { headers: { authorization: `Bearer ${await stack.token()}` } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe("subscription_key_required");
  });

  it("the subscription key is also accepted as a query parameter", async () => {
    const res = await fetch(`${stack.base}/employees?subscription-key=local-dev-subscription-key`, {
      headers: { authorization: `Bearer ${await stack.token()}` },
    });
    expect(res.status).toBe(200);
  });

  it("route parameters with a literal sibling route resolve to the most specific template", async () => {
    const h = await stack.headers();
    const available = await fetch(`${stack.base}/time-slots/available?requireEmployeeParticipation=false`, { headers: h });
    expect(available.status).toBe(400); // matched time-slots/available (employeeTypes missing), not another route
    expect(((await available.json()) as { errors: { field: string }[] }).errors[0].field).toBe("employeeTypes");
  });

  it("correlation ids are echoed from x-correlation-id, else from traceparent", async () => {
    const a = await fetch(`${stack.base}/health`, { headers: { "x-correlation-id": "abc-123" } });
    expect(a.headers.get("x-correlation-id")).toBe("abc-123");
    const b = await fetch(`${stack.base}/health`, { headers: { traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" } });
    expect(b.headers.get("x-correlation-id")).toBe("4bf92f3577b34da6a3ce929d0e0e4736");
  });
});

describe("timer singleton", () => {
  it("two hosts on one storage account run the timer in only one of them at a time, and the other takes over", async () => {
    const status = async (url: string) =>
      ((await (await fetch(`${url}/admin/host/status`)).json()) as { timers: { singletonLockHeld: boolean }[] }).timers[0]
        .singletonLockHeld;
    await new Promise((r) => setTimeout(r, 1500));
    const held = await Promise.all(stack.hosts.map((h) => status(h.url)));
    expect(held.filter(Boolean)).toHaveLength(1);
    const leader = stack.hosts[held.indexOf(true)];
    const follower = stack.hosts[held.indexOf(false)];
    await new Promise((r) => setTimeout(r, 3000));
    const executions = (h: typeof leader) => h.output.filter((l) => l.includes("reservations-sweep: executing")).length;
    expect(executions(leader)).toBeGreaterThan(0);
    expect(executions(follower)).toBe(0);

    await leader.kill("SIGKILL"); // no release: the follower must wait for the lease to lapse
    const deadline = Date.now() + 30_000;
    while (!(await status(follower.url)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    expect(await status(follower.url)).toBe(true);
    const before = executions(follower);
    await new Promise((r) => setTimeout(r, 2500));
    expect(executions(follower)).toBeGreaterThan(before);
  }, 60_000);
});
