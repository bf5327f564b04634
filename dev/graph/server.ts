/**
 * The dev Graph: a Microsoft Graph stand-in over HTTPS (dev CA in the data folder) for the subset
 * BookMe uses, beside the tenant's token endpoint that msal-node calls. Graph calls need a Bearer
 * token it issued (RS256, audience https://graph.microsoft.com); with allowAnonymous, local callers
 * without any Authorization header are served too (a developer's curl). /dev-graph/* admin routes
 * (mailboxes, faults, stats) serve local callers without a token.
 */
import https from "node:https";
import type { AddressInfo } from "node:net";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { CalendarApi, graphError, preferredZone, type GraphReply } from "./calendar-api.js";
import { FaultSwitch, parseFault } from "./faults.js";
import { GraphStore } from "./store.js";
import { SubscriptionApi } from "./subscriptions.js";
import { ensureDevTls } from "./tls.js";
import { DevTokenService, GRAPH_ROLE, type DevApp } from "./tokens.js";

export const GRAPH_PREFIX = "/dev-graph/v1.0";
export const DEV_GRAPH_APP: DevApp = {
  tenantId: "00000000-0000-4000-8000-00000000b00c",
  clientId: "11111111-1111-4111-8111-11111111b00c",
  clientSecret: "local-dev-graph-secret",
};

export interface DevGraphOptions {
  dataDir: string;
  port: number;
  /** Keep events and subscriptions in dataDir/dev-graph/store.json across restarts. */
  persist?: boolean;
  allowAnonymous?: boolean;
  mailboxes?: string[];
  log?: (line: string) => void;
}

export interface DevGraph {
  port: number;
  origin: string;
  /** https://localhost:PORT/dev-graph/v1.0 */
  baseUrl: string;
  authorityHost: string;
  caFile: string;
  app: DevApp;
  stop(): Promise<void>;
}

interface Stats {
  authenticated: number;
  anonymous: number;
  rejected: number;
  calls: Record<string, number>;
  getScheduleSizes: number[];
  maxInFlightPerMailbox: number;
}

interface Call {
  method: string;
  url: URL;
  headers: Record<string, string | undefined>;
  body: Record<string, unknown>;
}

export async function startDevGraph(options: DevGraphOptions): Promise<DevGraph> {
  const log = options.log ?? (() => undefined);
  const tls = ensureDevTls(options.dataDir);
  const tokens = await DevTokenService.create(DEV_GRAPH_APP, options.dataDir);
  const store = new GraphStore(options.persist ? path.join(options.dataDir, "dev-graph", "store.json") : undefined);
  (options.mailboxes ?? []).forEach((m) => store.mailboxes.add(m.toLowerCase()));
  const subscriptions = new SubscriptionApi(store, DEV_GRAPH_APP, log);
  const calendar = new CalendarApi(store, (mailbox, event, change) => subscriptions.notify(mailbox, event, change));
  const faults = new FaultSwitch();
  const stats: Stats = { authenticated: 0, anonymous: 0, rejected: 0, calls: {}, getScheduleSizes: [], maxInFlightPerMailbox: 0 };
  const inFlight = new Map<string, number>();
  /** Calls being answered now (method and path), so a test can kill a caller in the middle of one. */
  const running = new Set<{ method: string; path: string }>();
  let latencyMs = 0;
  let origin = "";

  const mailboxesOf = (call: Call): string[] => {
    const m = /^\/users\/([^/?]+)/i.exec(call.url.pathname.slice(GRAPH_PREFIX.length));
    const list = m ? [decodeURIComponent(m[1]).toLowerCase()] : [];
    if (Array.isArray(call.body.schedules)) list.push(...(call.body.schedules as string[]).map((s) => String(s).toLowerCase()));
    return list;
  };

  async function graphCall(call: Call): Promise<GraphReply> {
    const boxes = mailboxesOf(call);
    const fault = faults.take(boxes);
    if (fault) return fault;
    const key = boxes[0];
    if (key) {
      const n = (inFlight.get(key) ?? 0) + 1;
      inFlight.set(key, n);
      stats.maxInFlightPerMailbox = Math.max(stats.maxInFlightPerMailbox, n);
    }
    const entry = { method: call.method, path: call.url.pathname.slice(GRAPH_PREFIX.length) };
    running.add(entry);
    try {
      if (latencyMs) await new Promise((r) => setTimeout(r, latencyMs));
      return await route(call);
    } finally {
      running.delete(entry);
      if (key) inFlight.set(key, (inFlight.get(key) ?? 1) - 1);
    }
  }

  async function route(call: Call): Promise<GraphReply> {
    const rel = call.url.pathname.slice(GRAPH_PREFIX.length);
    const zone = preferredZone(call.headers.prefer);
    const count = (name: string) => (stats.calls[name] = (stats.calls[name] ?? 0) + 1);
    let m: RegExpExecArray | null;
    if ((m = /^\/users\/([^/]+)\/(?:calendar\/)?events$/i.exec(rel)) && call.method === "POST")
      return (count("createEvent"), calendar.createEvent(mb(m[1]), call.body, zone));
    if ((m = /^\/users\/([^/]+)\/(?:calendar\/)?events\/([^/]+)$/i.exec(rel))) {
      count(`${call.method} event`);
      if (call.method === "GET") return calendar.getEvent(mb(m[1]), decodeURIComponent(m[2]), zone);
      if (call.method === "PATCH") return calendar.updateEvent(mb(m[1]), decodeURIComponent(m[2]), call.body, zone);
      if (call.method === "DELETE") return calendar.deleteEvent(mb(m[1]), decodeURIComponent(m[2]));
    }
    if ((m = /^\/users\/([^/]+)\/(?:calendar\/)?calendarView$/i.exec(rel)) && call.method === "GET")
      return (count("calendarView"), calendar.calendarView(mb(m[1]), call.url, zone));
    if (/^\/users\/[^/]+\/calendar\/getSchedule$/i.test(rel) && call.method === "POST") {
      count("getSchedule");
      if (Array.isArray(call.body.schedules)) stats.getScheduleSizes.push(call.body.schedules.length);
      return calendar.getSchedule(call.body, zone, origin);
    }
    if (rel === "/subscriptions" && call.method === "POST") return (count("createSubscription"), subscriptions.create(call.body));
    if ((m = /^\/subscriptions\/([^/]+)$/.exec(rel))) {
      count(`${call.method} subscription`);
      if (call.method === "GET") return subscriptions.get(m[1]);
      if (call.method === "PATCH") return subscriptions.renew(m[1], call.body);
      if (call.method === "DELETE") return subscriptions.delete(m[1]);
    }
    return graphError(400, "BadRequest", `Resource not found for the segment '${rel.split("/")[1] ?? ""}'.`);
  }

  /** JSON batching: up to 20 requests, each answered on its own (a throttled one gets its own 429). */
  async function batch(body: Record<string, unknown>, headers: Call["headers"]): Promise<GraphReply> {
    const requests = body.requests;
    if (!Array.isArray(requests) || requests.length === 0) return graphError(400, "BadRequest", "requests must be a non-empty array.");
    if (requests.length > 20) return graphError(400, "BadRequest", "Number of batch request steps exceeds the maximum value of 20.");
    stats.calls.batch = (stats.calls.batch ?? 0) + 1;
    const responses = await Promise.all(
      requests.map(async (r: Record<string, unknown>) => {
        const rel = (typeof r.url === "string" ? r.url : "").replace(/^\/?/, "/");
        const reply = await graphCall({
          method: (typeof r.method === "string" ? r.method : "GET").toUpperCase(),
          url: new URL(`${origin}${GRAPH_PREFIX}${rel}`),
          headers: { ...headers, ...lower(r.headers) },
          body: (r.body ?? {}) as Record<string, unknown>,
        });
        return { id: r.id, status: reply.status, headers: { "content-type": "application/json", ...reply.headers }, body: reply.body };
      }),
    );
    return { status: 200, body: { responses } };
  }

  async function authorized(req: IncomingMessage): Promise<GraphReply | undefined> {
    const header = req.headers.authorization;
    if (!header && options.allowAnonymous) return (stats.anonymous++, undefined);
    const token = /^Bearer (.+)$/i.exec(header ?? "")?.[1];
    const roles = token ? await tokens.verify(token, origin) : undefined;
    if (!roles)
      return (
        stats.rejected++,
        graphError(
          401,
          "InvalidAuthenticationToken",
          header ? "Access token validation failure. Invalid audience, issuer, signature or expiry." : "Access token is empty.",
        )
      );
    if (!roles.includes(GRAPH_ROLE))
      return (stats.rejected++, graphError(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again."));
    stats.authenticated++;
    return undefined;
  }

  async function admin(method: string, url: URL, body: Record<string, unknown>): Promise<GraphReply> {
    const rel = url.pathname.slice("/dev-graph".length);
    if (rel === "/health") return { status: 200, body: { status: "ok" } };
    if (rel === "/stats" && method === "GET") return { status: 200, body: { ...stats, faultsInjected: faults.injected } };
    if (rel === "/in-flight" && method === "GET") return { status: 200, body: [...running] };
    if (rel === "/mailboxes" && method === "GET") return { status: 200, body: [...store.mailboxes] };
    const mbox = /^\/mailboxes\/([^/]+)$/.exec(rel);
    if (mbox && method === "PUT") return (store.mailboxes.add(mb(mbox[1])), store.save(), { status: 204 });
    if (rel === "/events" && method === "GET") {
      const wanted = url.searchParams.get("mailbox")?.toLowerCase();
      return { status: 200, body: [...store.events.values()].filter((e) => !wanted || e.mailbox === wanted) };
    }
    if (rel === "/subscriptions" && method === "GET") return { status: 200, body: [...store.subscriptions.values()] };
    if (rel === "/faults" && method === "POST") {
      const spec = parseFault(body);
      if (typeof spec === "string") return { status: 400, body: { error: spec } };
      return (faults.set(spec), { status: 204 });
    }
    if (rel === "/faults" && method === "DELETE") return (faults.clear(), { status: 204 });
    if (rel === "/latency" && method === "POST") return ((latencyMs = Math.max(0, Number(body.ms) || 0)), { status: 204 });
    return { status: 404, body: { error: "no such dev-graph route" } };
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", origin);
    const raw = await readBody(req);
    const method = (req.method ?? "GET").toUpperCase();
    const send = (reply: GraphReply) => {
      const json = reply.body === undefined ? undefined : JSON.stringify(reply.body);
      res.writeHead(reply.status, { ...(json ? { "content-type": "application/json; charset=utf-8" } : {}), ...reply.headers });
      res.end(json);
    };
    const tenant = /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|oauth2\/v2\.0\/token|discovery\/v2\.0\/keys)$/.exec(
      url.pathname,
    );
    if (tenant) {
      if (tenant[2].startsWith("oauth2")) return send(await tokens.token(tenant[1], new URLSearchParams(raw), origin));
      if (tenant[1] !== DEV_GRAPH_APP.tenantId) return send({ status: 400, body: { error: "invalid_tenant" } });
      return send({ status: 200, body: tenant[2].startsWith("v2.0") ? tokens.openIdConfiguration(origin) : tokens.jwks() });
    }
    let body: Record<string, unknown> = {};
    if (raw.trim()) {
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return send(graphError(400, "BadRequest", "Unable to read JSON request payload."));
      }
    }
    if (url.pathname.startsWith(`${GRAPH_PREFIX}/`)) {
      const denied = await authorized(req);
      if (denied) return send(denied);
      const headers = lower(req.headers);
      if (url.pathname === `${GRAPH_PREFIX}/$batch` && method === "POST") return send(await batch(body, headers));
      return send(await graphCall({ method, url, headers, body }));
    }
    if (url.pathname.startsWith("/dev-graph/")) return send(await admin(method, url, body));
    send({ status: 404, body: { error: "not found" } });
  }

  const server = https.createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    handle(req, res).catch((err) => {
      log(`dev graph: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(options.port, "127.0.0.1", () => resolve()));
  const port = (server.address() as AddressInfo).port;
  origin = `https://localhost:${port}`;
  return {
    port,
    origin,
    baseUrl: `${origin}${GRAPH_PREFIX}`,
    authorityHost: origin,
    caFile: tls.caFile,
    app: DEV_GRAPH_APP,
    stop: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

function mb(segment: string): string {
  return decodeURIComponent(segment).toLowerCase();
}

function lower(headers: unknown): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries((headers ?? {}) as Record<string, unknown>).map(([k, v]) => [
      k.toLowerCase(),
      Array.isArray(v) ? v.join(",") : typeof v === "string" ? v : v === undefined ? undefined : JSON.stringify(v),
    ]),
  );
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req
      .on("data", (c: Buffer) => chunks.push(c))
      .on("end", () => resolve(Buffer.concat(chunks).toString()))
      .on("error", reject);
  });
}
