/**
 * The local host's gateway role under hostile requests, sent raw with node:http (fetch would
 * normalise some of them): paths that try to skip the subscription-key check, the per-client rate
 * limit, and bodies refused while they are read.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpHost } from "../../../dev/host/http-server.js";
import { ANONYMOUS_PATHS } from "../../../dev/host/host.js";
import type { HttpRegistration } from "../../../dev/host/functions-core.js";
import { canonicalPath } from "../../../dev/host/request-path.js";

const KEY = "test-subscription-key";
const calls: Record<string, number> = {};
let bodyBytes = -1;

function fn(name: string, route: string, methods = ["GET"]): HttpRegistration {
  return {
    kind: "http",
    name,
    route,
    methods,
    authLevel: "anonymous",
    handler: async (req: unknown) => {
      calls[name] = (calls[name] ?? 0) + 1;
      const body = await (req as { arrayBuffer(): Promise<ArrayBuffer> }).arrayBuffer();
      bodyBytes = body.byteLength;
      return { status: 200, body: name };
    },
  };
}

const FUNCTIONS = [
  fn("meetings", "v2/bookme/meetings", ["GET", "POST"]),
  fn("health", "v2/bookme/health"),
  fn("docs", "v2/bookme/docs/{asset}"),
  fn("facade", "v4/booking", ["POST"]),
  fn("public", "public/booking/branches"),
  fn("page", "book/{*path}"),
];

let server: http.Server;
let port: number;

beforeAll(async () => {
  server = createHttpHost({
    functions: FUNCTIONS,
    routePrefix: "api",
    subscriptionKeys: [KEY],
    anonymousPaths: ANONYMOUS_PATHS,
    hostRoutes: [],
    log: () => undefined,
    accessLog: false,
    publicRateLimit: { burst: 1000, perSecond: 1000 },
    clientRateLimit: { burst: 3, perSecond: 0.2 },
    maxBodyBytes: 1024 * 1024,
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request with the path exactly as given. */
function raw(method: string, path: string, headers: Record<string, string> = {}, body?: Buffer): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** An unsigned token naming a client application: enough for the host's counter key (the app verifies tokens). */
const tokenOf = (claims: Record<string, string>) =>
  `Bearer ${Buffer.from('{"alg":"RS256"}').toString("base64url")}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.c2ln`;

let clientSeq = 0;
const freshClient = () => tokenOf({ azp: `client-${++clientSeq}` });

describe("canonical paths", () => {
  it("drops empty and dot segments, resolves .., decodes each segment once, keeps the query", () => {
    const c = canonicalPath("//api//v2/./bookme/x/../%6deetings/?a=%2F");
    expect(c).toEqual({
      ok: true,
      path: { segments: ["api", "v2", "bookme", "meetings"], pathname: "/api/v2/bookme/meetings", search: "?a=%2F" },
    });
    expect(canonicalPath("/api/%2e%2e/%2E/v2").ok && canonicalPath("/api/%2e%2e/%2E/v2")).toMatchObject({ path: { segments: ["v2"] } });
    expect(canonicalPath("/api/%2576").ok && canonicalPath("/api/%2576")).toMatchObject({
      path: { segments: ["api", "%76"], pathname: "/api/%2576" },
    });
  });

  it("refuses encoded slashes and backslashes, bad escapes, control characters and climbing above the root", () => {
    for (const bad of ["/api/v2%2Fbookme", "/api/v2%5cbookme", "/api/a\\b", "/api/%E0%A4%A", "/api/%00x", "/..", "/api/../../x", "*"])
      expect(canonicalPath(bad).ok, bad).toBe(false);
  });
});

describe("the subscription-key check sees the path the router serves", () => {
  const bypasses = [
    "/api//v2/bookme/meetings",
    "/api/v2//bookme/meetings",
    "//api/v2/bookme/meetings",
    "/api/./v2/bookme/meetings",
    "/api/v2/bookme/./meetings",
    "/api/v2/bookme/health/../meetings",
    "/api/v2/bookme/docs/%2e%2e/meetings",
    "/api/v2/bookme/docs/x/%2E%2E/%2e%2e/meetings",
    "/api/%76%32/bookme/meetings",
    "/api/v2/bookme/%6Deetings",
    "/api/v2/bookme/meetings/",
    "/api/v2/bookme/meetings//",
    "/API/V2/BOOKME/MEETINGS",
    "/api/public/../v2/bookme/meetings",
    "/book/../api/v2/bookme/meetings",
    "/api/v2/bookme/meetings?subscription-key=",
    `http://127.0.0.1/api/v2/bookme/meetings`,
  ];

  it("no variant reaches the function without a key: 401 subscription_key_required", async () => {
    const before = calls.meetings ?? 0;
    for (const path of bypasses) {
      const res = await raw("GET", path);
      expect(res.status, path).toBe(401);
      expect(JSON.parse(res.body).code, path).toBe("subscription_key_required");
    }
    expect(calls.meetings ?? 0).toBe(before);
  });

  it("with the key, every variant reaches the same function", async () => {
    for (const path of bypasses) {
      const res = await raw("GET", path, { "ocp-apim-subscription-key": KEY, authorization: freshClient() });
      expect([res.status, res.body], path).toEqual([200, "meetings"]);
    }
  });

  it("segments that only decode twice to a route, encoded slashes and bad escapes are refused, never routed", async () => {
    const before = calls.meetings ?? 0;
    const cases: [string, number][] = [
      ["/api/%2576%32/bookme/meetings", 404],
      ["/api/v2%2Fbookme/meetings", 400],
      ["/api/v2/bookme/docs/..%2Fmeetings", 400],
      ["/api/v2/bookme/docs/..%5Cmeetings", 400],
      ["/api/v2/bookme/meetings%00", 400],
      ["/api/v2/bookme/%E0%A4%A", 400],
      ["/api/../../v2/bookme/meetings", 400],
    ];
    for (const [path, status] of cases) {
      const res = await raw("GET", path, { "ocp-apim-subscription-key": KEY, authorization: freshClient() });
      expect(res.status, path).toBe(status);
      expect(res.headers["content-type"], path).toBe("application/problem+json");
    }
    expect(calls.meetings ?? 0).toBe(before);
  });

  it("anonymous paths stay anonymous only as themselves", async () => {
    expect((await raw("GET", "/api/v2/bookme/health")).status).toBe(200);
    expect((await raw("GET", "/api//v2/bookme/docs/./x")).body).toBe("docs");
  });
});

describe("the per-client rate limit", () => {
  it("a client gets its burst, then 429 problem+json with Retry-After; another client is not affected", async () => {
    const a = freshClient();
    const headers = { "ocp-apim-subscription-key": KEY, authorization: a };
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await raw("GET", "/api/v2/bookme/meetings", headers)).status);
    expect(statuses).toEqual([200, 200, 200]);
    const limited = await raw("GET", "/api/v2/bookme/meetings", headers);
    expect(limited.status).toBe(429);
    expect(limited.headers["content-type"]).toBe("application/problem+json");
    expect(JSON.parse(limited.body)).toMatchObject({ status: 429, code: "rate_limited" });
    expect(Number(limited.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    // another spelling of the path is the same client
    expect((await raw("GET", "/api//v2/bookme/health", headers)).status).toBe(429);
    expect((await raw("GET", "/api/v2/bookme/meetings", { ...headers, authorization: freshClient() })).status).toBe(200);
  });

  it("counts by the token's azp, or appid (v1 tokens), across the API and the facades", async () => {
    const appid = tokenOf({ appid: `legacy-${++clientSeq}` });
    const headers = { "ocp-apim-subscription-key": KEY, authorization: appid };
    expect((await raw("GET", "/api/v2/bookme/meetings", headers)).status).toBe(200);
    expect((await raw("POST", "/api/v4/booking", { authorization: appid })).status).toBe(200);
    expect((await raw("GET", "/api/v2/bookme/health", { authorization: appid })).status).toBe(200);
    expect((await raw("GET", "/api/v2/bookme/meetings", headers)).status).toBe(429);
  });

  it("requests refused for a missing key do not count against the client they name", async () => {
    const c = freshClient();
    for (let i = 0; i < 5; i++) expect((await raw("GET", "/api/v2/bookme/meetings", { authorization: c })).status).toBe(401);
    expect((await raw("GET", "/api/v2/bookme/meetings", { "ocp-apim-subscription-key": KEY, authorization: c })).status).toBe(200);
  });

  it("without a token: the subscription key, else the address, is the client", async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await raw("GET", "/api/v2/bookme/meetings", { "ocp-apim-subscription-key": KEY })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it("the public channel has its own per-address bucket, not the client's", async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await raw("GET", "/api/public/booking/branches")).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
  });
});

describe("bodies are refused while they are read", () => {
  const headers = () => ({ "ocp-apim-subscription-key": KEY, authorization: freshClient(), "content-type": "application/octet-stream" });

  it("a body within the limit reaches the function whole", async () => {
    const res = await raw("POST", "/api/v2/bookme/meetings", headers(), Buffer.alloc(512 * 1024, 1));
    expect(res.status).toBe(200);
    expect(bodyBytes).toBe(512 * 1024);
  });

  it("a declared Content-Length over the limit is 413 before any of the body is sent", async () => {
    const before = calls.meetings ?? 0;
    const res = await new Promise<Raw>((resolve, reject) => {
      const req = http.request(
        {
          host: "127.0.0.1",
          port,
          method: "POST",
          path: "/api/v2/bookme/meetings",
          headers: { ...headers(), "content-length": String(50 * 1024 * 1024) },
          agent: false,
        },
        (r) => {
          const chunks: Buffer[] = [];
          r.on("data", (c: Buffer) => chunks.push(c));
          r.on(
            "end",
            () => (req.destroy(), resolve({ status: r.statusCode ?? 0, headers: r.headers, body: Buffer.concat(chunks).toString() })),
          );
        },
      );
      req.on("error", reject);
      req.flushHeaders(); // headers only: the body never comes
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ code: "payload_too_large" });
    expect(calls.meetings ?? 0).toBe(before);
  });

  it("a chunked body is answered 413 once it passes the limit, long before the client has sent it all", async () => {
    const before = calls.meetings ?? 0;
    const total = 64 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, 7);
    const { status, sentWhenAnswered } = await new Promise<{ status: number; sentWhenAnswered: number }>((resolve, reject) => {
      let sent = 0;
      let answered = false;
      const req = http.request(
        {
          host: "127.0.0.1",
          port,
          method: "POST",
          path: "/api/v2/bookme/meetings",
          headers: { ...headers(), connection: "keep-alive" },
          agent: false,
        },
        (r) => {
          answered = true;
          r.resume();
          resolve({ status: r.statusCode ?? 0, sentWhenAnswered: sent });
          req.destroy();
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
    expect(status).toBe(413);
    expect(sentWhenAnswered).toBeLessThan(total / 4);
    expect(calls.meetings ?? 0).toBe(before);
  });
});
