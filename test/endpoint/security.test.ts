/**
 * Authentication and authorization through the local stack: the gateway's subscription key,
 * then the bearer token (401 problem+json with a WWW-Authenticate challenge), then the
 * permission of the operation (403). Public operations need neither.
 */
import { randomUUID } from "node:crypto";
import { exportJWK, generateKeyPair, importJWK, SignJWT, type CryptoKey } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_BACKOFFICE_CLIENT_ID, DEV_AUDIENCE, DEV_ISSUER, ensureDevKey, type DevKey } from "../../dev/dev-issuer.js";
import { startInProcess, type InProcessStack } from "../support/in-process.js";
import { call, SUBSCRIPTION_KEY, type CallResult } from "../support/api-kit.js";

let stack: InProcessStack;
let key: DevKey;
beforeAll(async () => {
  stack = await startInProcess();
  key = await ensureDevKey(stack.dataDir); // the key the stack's hosts trust
});
afterAll(async () => stack?.stop());

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const now = () => Math.floor(Date.now() / 1000);

async function sign(
  claims: Record<string, unknown>,
  options: { kid?: string; privateKey?: CryptoKey | Uint8Array; alg?: string } = {},
): Promise<string> {
  const base = { iss: DEV_ISSUER, aud: DEV_AUDIENCE, sub: "security-test", azp: DEMO_BACKOFFICE_CLIENT_ID, iat: now(), exp: now() + 600 };
  return new SignJWT({ ...base, ...claims })
    .setProtectedHeader({ alg: options.alg ?? "RS256", kid: options.kid ?? key.privateJwk.kid, typ: "JWT" })
    .sign(options.privateKey ?? (await importJWK(key.privateJwk, "RS256")));
}

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

describe("401: no valid bearer token", () => {
  const cases: [string, () => Promise<Record<string, string>>, RegExp][] = [
    ["no token", async () => withKey(), /^Bearer realm="bookme"$/],
    ["a Basic header", async () => ({ ...withKey(), authorization: "Basic dXNlcjpwYXNz" }), /error="invalid_request"/],
    ["an expired token", async () => withKey(await stack.token({ expiresInSeconds: -3600 })), /error="invalid_token".*token expired/],
    [
      "a token for another audience",
      async () => withKey(await stack.token({ audience: "api://another-api" })),
      /error="invalid_token".*claim 'aud'/,
    ],
    [
      "a token from another issuer",
      async () => withKey(await stack.token({ issuer: "https://login.microsoftonline.com/evil/v2.0" })),
      /error="invalid_token".*claim 'iss'/,
    ],
    ["a token not valid yet", async () => withKey(await stack.token({ notBeforeSeconds: 3600 })), /error="invalid_token".*claim 'nbf'/],
    [
      "an unsigned token (alg none)",
      async () =>
        withKey(
          `${b64({ alg: "none", typ: "JWT" })}.${b64({ iss: DEV_ISSUER, aud: DEV_AUDIENCE, roles: ["BookMe.Admin"], exp: now() + 600 })}.`,
        ),
      /error="invalid_token"/,
    ],
    [
      "a token whose payload was tampered with",
      async () => {
        const [header, , signature] = (await stack.token({ roles: ["BookMe.Read"] })).split(".");
        return withKey(
          `${header}.${b64({ iss: DEV_ISSUER, aud: DEV_AUDIENCE, sub: "local-developer", roles: ["BookMe.Read", "BookMe.Write", "BookMe.Admin"], iat: now(), exp: now() + 600 })}.${signature}`,
        );
      },
      /error="invalid_token".*signature does not verify/,
    ],
    [
      "a token signed by another key under our kid",
      async () => withKey(await sign({ roles: ["BookMe.Admin"] }, { privateKey: (await generateKeyPair("RS256")).privateKey })),
      /signature does not verify/,
    ],
    [
      "a token signed by another key and kid",
      async () =>
        withKey(await sign({ roles: ["BookMe.Admin"] }, { privateKey: (await generateKeyPair("RS256")).privateKey, kid: randomUUID() })),
      /no signing key matches/,
    ],
    [
      "an HS256 token keyed with our public key",
      async () =>
        withKey(
          await sign(
            { roles: ["BookMe.Admin"] },
            {
              alg: "HS256",
              privateKey: new TextEncoder().encode(JSON.stringify(await exportJWK(await importJWK(key.publicJwk, "RS256")))),
            },
          ),
        ),
      /algorithm not allowed/,
    ],
    ["a token without exp", async () => withKey(await sign({ roles: ["BookMe.Admin"], exp: undefined })), /claim 'exp'/],
    ["garbage", async () => withKey("not.a.jwt"), /error="invalid_token"/],
  ];

  for (const [name, headers, challenge] of cases) {
    it(`${name}: 401 problem+json with a WWW-Authenticate challenge`, async () => {
      const h = await headers();
      const res = await call("GET", `${stack.base}/employees`, { headers: h });
      expectProblem(res, 401, "unauthorized");
      expect(res.headers.get("www-authenticate")).toMatch(challenge);
      const token = h.authorization?.split(" ")[1];
      if (token) expect(res.text).not.toContain(token.split(".")[2] || token);
      // a write endpoint refuses before looking at the body
      const write = await call("POST", `${stack.base}/meetings`, { headers: h, body: { anything: true } });
      expectProblem(write, 401, "unauthorized");
    });
  }
});

describe("403: a valid token without the operation's permission", () => {
  it("BookMe.Read only cannot book a meeting", async () => {
    const res = await call("POST", `${stack.base}/meetings`, { headers: withKey(await stack.token({ roles: ["BookMe.Read"] })), body: {} });
    expectProblem(res, 403, "forbidden");
    expect((res.json as { detail: string }).detail).toContain("BookMe.Write");
  });

  it("BookMe.Read and BookMe.Write cannot change configuration", async () => {
    const res = await call("PUT", `${stack.base}/config/employees/${randomUUID()}`, {
      headers: withKey(await stack.token({ roles: ["BookMe.Read", "BookMe.Write"] })),
      body: { name: "X", email: "x@example.com" },
    });
    expectProblem(res, 403, "forbidden");
    expect((res.json as { detail: string }).detail).toContain("BookMe.Admin");
    const del = await call("DELETE", `${stack.base}/config/customer-types/${randomUUID()}`, {
      headers: withKey(await stack.token({ roles: ["BookMe.Read", "BookMe.Write"] })),
    });
    expectProblem(del, 403, "forbidden");
  });

  it("no roles at all cannot read", async () => {
    expectProblem(await call("GET", `${stack.base}/employees`, { headers: withKey(await stack.token({ roles: [] })) }), 403, "forbidden");
  });

  it("a role in the wrong case or as a plain string grants nothing", async () => {
    expectProblem(
      await call("GET", `${stack.base}/employees`, { headers: withKey(await stack.token({ roles: ["bookme.read"] })) }),
      403,
      "forbidden",
    );
    expectProblem(
      await call("GET", `${stack.base}/employees`, { headers: withKey(await sign({ roles: "BookMe.Read" })) }),
      403,
      "forbidden",
    );
  });
});

describe("delegated scopes (scp, space separated) grant permissions within the user's roles", () => {
  it("scp BookMe.Read BookMe.Write of a user holding both roles reads and passes the write check", async () => {
    const h = withKey(await stack.token({ roles: ["BookMe.Read", "BookMe.Write"], scopes: ["BookMe.Read", "BookMe.Write"] }));
    expect((await call("GET", `${stack.base}/employees`, { headers: h })).status).toBe(200);
    const write = await call("POST", `${stack.base}/meetings`, { headers: h, body: {} });
    expectProblem(write, 400, "validation_failed"); // past authorization, into validation
  });

  it("a scope the user holds no role for grants nothing: BookMe.Write delegated to a reader is 403", async () => {
    const h = withKey(await stack.token({ roles: ["BookMe.Read"], scopes: ["BookMe.Read", "BookMe.Write"] }));
    expect((await call("GET", `${stack.base}/employees`, { headers: h })).status).toBe(200);
    expectProblem(await call("POST", `${stack.base}/meetings`, { headers: h, body: {} }), 403, "forbidden");
  });

  it("a user's roles without the scope grant nothing either (the client was not granted it)", async () => {
    const h = withKey(await stack.token({ roles: ["BookMe.Read", "BookMe.Write"], scopes: ["BookMe.Read"] }));
    expectProblem(await call("POST", `${stack.base}/meetings`, { headers: h, body: {} }), 403, "forbidden");
  });

  it("scp with extra spaces and other scopes", async () => {
    const h = withKey(await sign({ roles: ["BookMe.Read", "BookMe.Write"], scp: "openid  BookMe.Read   profile", oid: "user-x" }));
    expect((await call("GET", `${stack.base}/employees`, { headers: h })).status).toBe(200);
    expectProblem(await call("POST", `${stack.base}/meetings`, { headers: h, body: {} }), 403, "forbidden");
  });

  it("scp BookMe.Admin of an admin user administers", async () => {
    const res = await call("PUT", `${stack.base}/config/customer-types/${randomUUID()}`, {
      headers: withKey(await stack.token({ roles: ["BookMe.Admin"], scopes: ["BookMe.Admin"] })),
      body: { name: "Scoped" },
    });
    expect(res.status).toBe(201);
  });
});
