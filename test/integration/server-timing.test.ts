import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../support/stack.js";
import { parseServerTiming } from "../../shared/kernel/request-meter.js";

let stack: Stack;
let headers: Record<string, string>;
beforeAll(async () => {
  stack = await startStack({ hosts: 1 });
  headers = await stack.headers();
});
afterAll(async () => stack?.stop());

/** cosmos;dur=…;desc="N calls, ~X RU est[; container X, …]", [graph;dur=…;desc="N calls",] total;dur=… */
const SHAPE =
  /^cosmos;dur=\d+(\.\d)?;desc="\d+ calls?, ~?\d+(\.\d)? RU( est)?(; [a-z-]+ \d+(\.\d)?(, [a-z-]+ \d+(\.\d)?)*)?"(, graph;dur=\d+(\.\d)?;desc="\d+ calls?")?, total;dur=\d+(\.\d)?$/;

describe("Server-Timing on every API response", () => {
  it("a listing shows its Cosmos calls and request units, estimated against the embedded server", async () => {
    const res = await fetch(`${stack.base}/employees`, { headers });
    expect(res.status).toBe(200);
    const header = res.headers.get("server-timing");
    expect(header).toMatch(SHAPE);
    const timing = parseServerTiming(header)!;
    expect(timing.calls).toBeGreaterThanOrEqual(1);
    expect(timing.estimated).toBe(true);
    expect(timing.ru).toBeGreaterThan(0);
    expect(Object.keys(timing.ruByContainer)).toContain("directory");
    expect(timing.totalMs).toBeGreaterThanOrEqual(timing.dbMs); // dur: wall time with a call in flight, within the total
  });

  it("errors carry it too: a 404 problem, a 400 validation problem, an unauthenticated 401", async () => {
    const notFound = await fetch(`${stack.base}/employees/00000000-0000-4000-8000-000000000000`, { headers });
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get("server-timing")).toMatch(SHAPE);
    const invalid = await fetch(`${stack.base}/time-slots/available?lookForwardTime=not-a-duration`, { headers });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get("server-timing")).toMatch(SHAPE);
    const anonymous = await fetch(`${stack.base}/employees`, {
      headers: { "ocp-apim-subscription-key": headers["ocp-apim-subscription-key"] },
    });
    expect(anonymous.status).toBe(401);
    expect(parseServerTiming(anonymous.headers.get("server-timing"))).toMatchObject({ calls: 0, ru: 0 });
  });

  it("health, which touches no container document, shows no request units", async () => {
    const res = await fetch(`${stack.base}/health`);
    expect(res.status).toBe(200);
    expect(parseServerTiming(res.headers.get("server-timing"))).toMatchObject({ ru: 0 });
  });
});
