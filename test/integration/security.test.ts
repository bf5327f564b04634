/**
 * Authentication and authorization through the local stack: the gateway's subscription key,
 * then the bearer token (401 problem+json with a WWW-Authenticate challenge), then the
 * permission of the operation (403). Public operations need neither.
 * The token and permission checks run in process (test/endpoint/security.test.ts); the gateway's key,
 * the anonymous paths and an unreachable JWKS need the local host.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../support/stack.js";
import { call, SUBSCRIPTION_KEY, type CallResult } from "../support/api-kit.js";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

const withKey = (token?: string): Record<string, string> => ({
  "ocp-apim-subscription-key": SUBSCRIPTION_KEY,
  "content-type": "application/json",
  ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
});

function expectProblem(res: CallResult, status: number, code: string) {
  expect(res.status, res.text).toBe(status);
  expect(res.contentType).toMatch(/^application\/problem\+json/);
  expect(res.json).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  expect(res.headers.get("x-correlation-id")).toBeTruthy();
}

describe("the gateway's subscription key", () => {
  it("a valid token without a subscription key is 401 subscription_key_required", async () => {
    const res = await call("GET", `${stack.base}/employees`, { headers: { authorization: `Bearer ${await stack.token()}` } });
    expect(res.status).toBe(401);
    expect(res.contentType).toMatch(/^application\/problem\+json/);
    expect(res.json).toMatchObject({ status: 401, code: "subscription_key_required" });
    expect(res.headers.get("www-authenticate")).toMatch(/Ocp-Apim-Subscription-Key/);
  });

  it("a wrong subscription key is 401 too, before the token is looked at", async () => {
    const res = await call("POST", `${stack.base}/meetings`, {
      headers: { "ocp-apim-subscription-key": "guess", authorization: "Bearer nonsense" },
      body: {},
    });
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ code: "subscription_key_required" });
  });

  it("v1 is guarded the same way", async () => {
    expect((await call("GET", `${stack.hosts[0].url}/api/v1/bookme/employees`)).status).toBe(401);
    expectProblem(await call("GET", `${stack.hosts[0].url}/api/v1/bookme/employees`, { headers: withKey() }), 401, "unauthorized");
  });
});

describe("public operations need neither key nor token", () => {
  for (const path of ["health", "openapi.json", "docs", "docs/", "docs/swagger-ui.css"]) {
    it(`${path}`, async () => {
      const res = await call("GET", `${stack.base}/${path}`);
      expect(res.status, res.text.slice(0, 200)).toBe(200);
      // a bad token is not even looked at
      expect((await call("GET", `${stack.base}/${path}`, { headers: { authorization: "Bearer nonsense" } })).status).toBe(200);
    });
  }
});

describe("when the token signing keys cannot be loaded", () => {
  it("a valid token is 503 service_unavailable with Retry-After, not a 401 the client would act on", async () => {
    const host = await stack.startHost({ AUTH_JWKS_URI: "http://127.0.0.1:9/jwks.json" }); // nothing listens on the discard port
    const res = await call("GET", `${host.url}/api/v2/bookme/employees`, { headers: withKey(await stack.token()) });
    expectProblem(res, 503, "service_unavailable");
    expect(res.headers.get("retry-after")).toBe("5");
    // a malformed token is still the client's problem
    expectProblem(await call("GET", `${host.url}/api/v2/bookme/employees`, { headers: withKey("not.a.jwt") }), 401, "unauthorized");
  });
});
