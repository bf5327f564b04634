/**
 * Bearer tokens and permissions at the edge: principalOf (roles and scp kept apart), authorize, and
 * authenticate against a JWKS served by a throwaway local HTTP server.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { authorize, AuthError, principalOf, tokenVerifier, type Authenticate, type Principal } from "../../shared/api/edge/auth.js";
import { loadConfig } from "../../shared/kernel/settings.js";
import { errorReply } from "../../shared/api/edge/endpoint.js";
import { UnavailableError } from "../../shared/kernel/errors.js";

const ISSUER = "https://issuer.test/bookme";
const AUDIENCE = "api://bookme-test";
const KID = "test-key-1";

let server: http.Server;
let jwksUrl: string;
let privateKey: CryptoKey;
let publicJwk: JWK;
let jwksStatus = 200;

/** The verifier as the composition root builds it, from the settings stubbed below. */
let authenticate: Authenticate;

beforeAll(async () => {
  const pair = await generateKeyPair("RS256", { extractable: true });
  privateKey = pair.privateKey;
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: KID, alg: "RS256", use: "sig" };
  server = http.createServer((_req, res) => {
    res.writeHead(jwksStatus, { "content-type": "application/json" });
    res.end(jwksStatus === 200 ? JSON.stringify({ keys: [publicJwk] }) : "{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  vi.stubEnv("COSMOS_ENDPOINT", "http://127.0.0.1:1");
  vi.stubEnv("AUTH_ISSUER", ISSUER);
  vi.stubEnv("AUTH_AUDIENCE", AUDIENCE);
  vi.stubEnv("AUTH_JWKS_URI", jwksUrl);
  authenticate = tokenVerifier(loadConfig());
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

interface TokenOptions {
  claims?: Record<string, unknown>;
  issuer?: string;
  audience?: string;
  expiresIn?: number | null;
  notBefore?: number;
  key?: CryptoKey;
  kid?: string;
}

async function token(o: TokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  let jwt = new SignJWT({ roles: ["BookMe.Read"], ...o.claims })
    .setProtectedHeader({ alg: "RS256", kid: o.kid ?? KID, typ: "JWT" })
    .setIssuer(o.issuer ?? ISSUER)
    .setAudience(o.audience ?? AUDIENCE)
    .setSubject("client-1")
    .setIssuedAt(now);
  if (o.expiresIn !== null) jwt = jwt.setExpirationTime(now + (o.expiresIn ?? 600));
  if (o.notBefore !== undefined) jwt = jwt.setNotBefore(now + o.notBefore);
  return jwt.sign(o.key ?? privateKey);
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

async function rejection(authorization: string | null): Promise<AuthError> {
  const err = await authenticate(authorization).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AuthError);
  return err as AuthError;
}

describe("principalOf: roles and scopes kept apart", () => {
  const permissionsOf = (claims: Record<string, unknown>) => principalOf(claims).permissions;

  it("an app-only token (no scp) gets its permissions from the roles claim", () => {
    const p = principalOf({ roles: ["BookMe.Read", "BookMe.Write"], azp: "app-1", tid: "t-1", oid: "sp-1" });
    expect([...p.permissions].sort()).toEqual(["BookMe.Read", "BookMe.Write"]);
    expect(p).toMatchObject({ appOnly: true, clientId: "app-1", tenantId: "t-1" });
    expect(p.userId).toBeUndefined();
  });

  it("a delegated token gets its scopes, each only where the user holds the same role", () => {
    const p = principalOf({ scp: "  BookMe.Read   BookMe.Write openid ", roles: ["BookMe.Read"], oid: "user-1", azp: "app-2" });
    expect([...p.permissions]).toEqual(["BookMe.Read"]);
    expect(p).toMatchObject({ appOnly: false, userId: "user-1", clientId: "app-2" });
  });

  it("a delegated token's roles alone grant nothing, and scopes without roles grant nothing", () => {
    expect([...permissionsOf({ roles: ["BookMe.Admin"], scp: "BookMe.Read" })]).toEqual([]);
    expect([...permissionsOf({ scp: "BookMe.Read BookMe.Write" })]).toEqual([]);
  });

  it("v1 tokens name the client in appid; the customer id claim is read for Customer sign-ins", () => {
    const p = principalOf({ appid: "app-v1", scp: "BookMe.Read", roles: ["BookMe.Read"], oid: "u", customer_id: "c-9" });
    expect(p).toMatchObject({ clientId: "app-v1", customerId: "c-9" });
  });

  it("ignores claims of the wrong shape", () => {
    expect(permissionsOf({ roles: "BookMe.Admin" }).size).toBe(0);
    expect(permissionsOf({ roles: [42, null, { admin: true }] as unknown }).size).toBe(0);
    expect(permissionsOf({ scp: ["BookMe.Read"] as unknown, roles: ["BookMe.Read"] }).has("BookMe.Read")).toBe(true); // not a string: app-only
    expect(permissionsOf({}).size).toBe(0);
    expect(principalOf({}).clientId).toBe("");
  });

  it("is case sensitive: bookme.read is not BookMe.Read", () => {
    expect(permissionsOf({ roles: ["bookme.read"] }).has("BookMe.Read")).toBe(false);
  });
});

describe("authorize", () => {
  const principal = (...permissions: string[]): Principal => ({
    subject: "s",
    tenantId: "t",
    clientId: "c",
    appOnly: true,
    permissions: new Set(permissions),
    roles: new Set(permissions),
  });

  it("lets a principal with the permission through", () => {
    expect(() => authorize(principal("BookMe.Read"), "BookMe.Read")).not.toThrow();
  });

  it("refuses one without it: 403 forbidden naming the permission, without a challenge", () => {
    let err: unknown;
    try {
      authorize(principal("BookMe.Read"), "BookMe.Write");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AuthError);
    expect((err as AuthError).code).toBe("forbidden");
    expect((err as AuthError).message).toContain("BookMe.Write");
    const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const reply = errorReply(err, log);
    expect(reply.status).toBe(403);
    expect(reply.headers).toEqual({});
    expect(reply.body).toMatchObject({ status: 403, code: "forbidden", title: "Forbidden" });
  });

  it("roles do not imply each other: Admin alone does not grant Read", () => {
    expect(() => authorize(principal("BookMe.Admin"), "BookMe.Read")).toThrow(AuthError);
  });
});

describe("authenticate", () => {
  it("accepts a valid RS256 token: subject, and permissions from the delegated scopes the user's roles allow", async () => {
    const claims = { roles: ["BookMe.Write", "BookMe.Read"], scp: "BookMe.Read", oid: "user-1" };
    const principal = await authenticate(`Bearer ${await token({ claims })}`);
    expect(principal.subject).toBe("client-1");
    expect([...principal.permissions]).toEqual(["BookMe.Read"]);
  });

  it("accepts the scheme in any case and surrounding spaces", async () => {
    await expect(authenticate(`  bearer ${await token()}  `)).resolves.toMatchObject({ subject: "client-1" });
  });

  it("no Authorization header: 401 with a bare Bearer challenge", async () => {
    const err = await rejection(null);
    expect(err.code).toBe("unauthorized");
    expect(err.challenge).toBe('Bearer realm="bookme"');
    const reply = errorReply(err, { info: vi.fn(), warn: vi.fn(), error: vi.fn() });
    expect(reply.status).toBe(401);
    expect(reply.headers).toEqual({ "www-authenticate": 'Bearer realm="bookme"' });
  });

  it.each([["Basic dXNlcjpwYXNz"], ["Bearer"], ["Bearer a b"], ["token-without-scheme"]])(
    "a malformed header (%s) is invalid_request",
    async (header) => {
      const err = await rejection(header);
      expect(err.challenge).toContain('error="invalid_request"');
    },
  );

  const invalid: [string, () => Promise<string>, RegExp][] = [
    ["expired", () => token({ expiresIn: -300 }), /token expired/],
    ["not yet valid", () => token({ notBefore: 600 }), /claim 'nbf'/],
    ["wrong audience", () => token({ audience: "api://someone-else" }), /claim 'aud'/],
    ["wrong issuer", () => token({ issuer: "https://evil.example/" }), /claim 'iss'/],
    ["without exp", () => token({ expiresIn: null }), /claim 'exp'/],
    [
      "unsigned (alg none)",
      async () => `${b64({ alg: "none", typ: "JWT" })}.${(await token()).split(".")[1]}.`,
      /algorithm not allowed|malformed/,
    ],
    [
      "tampered payload",
      async () => {
        const [h, , s] = (await token()).split(".");
        const now = Math.floor(Date.now() / 1000);
        return `${h}.${b64({ roles: ["BookMe.Admin"], iss: ISSUER, aud: AUDIENCE, sub: "client-1", iat: now, exp: now + 600 })}.${s}`;
      },
      /signature does not verify/,
    ],
    [
      "signed by another key with our kid",
      async () => token({ key: (await generateKeyPair("RS256")).privateKey }),
      /signature does not verify/,
    ],
    [
      "signed by another key with an unknown kid",
      async () => token({ key: (await generateKeyPair("RS256")).privateKey, kid: "someone-elses-key" }),
      /no signing key matches/,
    ],
    [
      "HS256 with the public key as the secret (algorithm confusion)",
      async () => {
        const now = Math.floor(Date.now() / 1000);
        return new SignJWT({ roles: ["BookMe.Admin"] })
          .setProtectedHeader({ alg: "HS256", kid: KID })
          .setIssuer(ISSUER)
          .setAudience(AUDIENCE)
          .setExpirationTime(now + 600)
          .sign(new TextEncoder().encode(JSON.stringify(publicJwk)));
      },
      /algorithm not allowed/,
    ],
    ["not a JWT", async () => "abc.def.ghi", /malformed/],
  ];

  for (const [name, make, reason] of invalid) {
    it(`rejects a token that is ${name}: 401 invalid_token`, async () => {
      const err = await rejection(`Bearer ${await make()}`);
      expect(err.code).toBe("unauthorized");
      expect(err.challenge).toMatch(/^Bearer realm="bookme", error="invalid_token", error_description="[^"]*"$/);
      expect(err.challenge).toMatch(reason);
    });
  }

  it("tolerates 60 seconds of clock skew on exp", async () => {
    await expect(authenticate(`Bearer ${await token({ expiresIn: -30 })}`)).resolves.toBeTruthy();
  });
});

describe("when the signing keys cannot be loaded", () => {
  // a fresh verifier: its JWKS client caches keys
  async function freshAuthenticate(uri: string) {
    vi.stubEnv("AUTH_JWKS_URI", uri);
    return tokenVerifier(loadConfig());
  }

  it("an unreachable JWKS endpoint is 503 service_unavailable, not a 401 for a good token", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const authenticateFresh = await freshAuthenticate(`http://127.0.0.1:${port}/jwks.json`);
    const err = await authenticateFresh(`Bearer ${await token()}`).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: "service_unavailable" });
    const reply = errorReply(new UnavailableError((err as Error).message), { info: vi.fn(), warn: vi.fn(), error: vi.fn() });
    expect(reply).toMatchObject({ status: 503, headers: { "retry-after": "5" } });
  });

  it("a JWKS endpoint answering 500 is 503 as well; a malformed token is still 401 without fetching keys", async () => {
    jwksStatus = 500;
    try {
      const authenticateFresh = await freshAuthenticate(jwksUrl);
      await expect(authenticateFresh(`Bearer ${await token()}`)).rejects.toMatchObject({ code: "service_unavailable" });
      await expect(authenticateFresh("Bearer abc.def.ghi")).rejects.toMatchObject({ code: "unauthorized" });
    } finally {
      jwksStatus = 200;
      vi.stubEnv("AUTH_JWKS_URI", jwksUrl);
    }
  });
});
