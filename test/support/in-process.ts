/**
 * The in-process kit: the app's real HTTP functions called directly, with memory ports instead of
 * Cosmos DB and Azure Storage; no processes, no ports. The function modules (functions/**) are
 * imported as the local host imports them, their registrations captured through the same
 * `@azure/functions-core` shim (dev/host/functions-core.ts), and a request is routed by the same
 * route templates (dev/host/routes.ts) after the same canonical path and subscription-key check the
 * local host applies. Endpoint functions get the edge's own handler (httpHandler) over HandlerDeps
 * built from test/support/memory; tokens are the dev issuer's (dev/dev-issuer.ts), verified by the
 * app's auth.ts against a JWKS given in a data: URL (AUTH_JWKS_URI), so nothing listens anywhere.
 *
 * Use `call(method, path, { headers, body, query })` directly, or `fetch`-style through the
 * Stack-like object (`base`, `token()`, `headers()`): while a kit is started, global fetch serves
 * every URL below IN_PROCESS_ORIGIN in process, so the integration tests' helpers (Api, call) work unchanged.
 *
 * Not here (they need the real stack): conditional writes and continuation tokens of Cosmos, queue and
 * timer triggers, the dev Graph, CORS, rate limits, the host's body limit, response compression.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes, randomUUID } from "node:crypto";
import azureFunctions from "@azure/functions";
import { installFunctionsCore, type HttpRegistration } from "../../dev/host/functions-core.js";
import { bestMatchSegments, compileRoute, type CompiledRoute } from "../../dev/host/routes.js";
import { canonicalPath } from "../../dev/host/request-path.js";
import { ANONYMOUS_PATHS } from "../../dev/host/host.js";
import { DEMO_BACKOFFICE_CLIENT_ID, DEV_AUDIENCE, DEV_ISSUER, ensureDevKey, jwksOf, signDevToken } from "../../dev/dev-issuer.js";
import type { DevKey, DevTokenOptions } from "../../dev/dev-issuer.js";
import { SUBSCRIPTION_KEY } from "../../dev/stack.js";
import type { HandlerDeps } from "../../shared/api/edge/handler-deps.js";
import { correlationIdOf } from "../../shared/api/edge/correlation.js";
import { bookingDeps } from "../../shared/booking/write/deps.js";
import { envelopeCipher } from "../../shared/crypto/envelope.js";
import { localKeyWrapper } from "../../shared/crypto/local-key-wrapper.js";
import { parseSchedule } from "../../shared/events/retry-schedule.js";
import { loadConfig, loadEventsConfig, loadQueryLimits, loadSettings } from "../../shared/kernel/settings.js";
import { tokenVerifier } from "../../shared/api/edge/auth.js";
import type { ApiVersion, EndpointSpec } from "../../shared/api/edge/endpoint.js";
import { MemoryApiKeys, MemoryDeliveries, MemoryDeliveryQueue, MemoryEventLog, MemorySubscriptions } from "./memory/app-stores.js";
import { memoryStores, type MemoryStores } from "./memory/stores.js";
import { recordBody } from "./logs/personal-values.js";
import { runLogDir } from "./logs/run-dir.js";

const { HttpRequest, HttpResponse, InvocationContext } = azureFunctions;

/** Requests to this origin are served in process while a kit is started. */
export const IN_PROCESS_ORIGIN = "http://bookme.in-process";
const ROOT = path.resolve(import.meta.dirname, "../..");
const ROUTE_PREFIX = "api";
const GATEWAY_PATHS = /^(v1|v2)\/bookme(\/|$)/i;
const ALL_ROLES = ["BookMe.Read", "BookMe.Write", "BookMe.Admin"];

export interface KitResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body when it is JSON, else undefined. */
  json: unknown;
}

export interface KitCallOptions {
  headers?: Record<string, string>;
  /** JSON-encoded unless a string or Buffer. */
  body?: unknown;
  query?: Record<string, string | number | boolean | readonly string[] | undefined>;
}

export interface KitDeps extends HandlerDeps {
  stores: MemoryStores;
  eventLog: MemoryEventLog;
  deliveryQueue: MemoryDeliveryQueue;
}

export interface InProcessStack {
  base: string;
  /** One "host": the kit (its output is the functions' log lines, like a host process's). */
  hosts: { index: number; url: string; base: string; output: string[] }[];
  /** Holds the dev issuer's key (dev-issuer/signing-key.json), like a real stack's data folder. */
  dataDir: string;
  key: DevKey;
  /** The http functions as registered (what the local host would serve), in registration order. */
  functions: HttpRegistration[];
  deps: KitDeps;
  /** Every log line the functions wrote (also appended to the run's log folder for the personal-data check). */
  logs: string[];
  token(options?: Partial<DevTokenOptions>): Promise<string>;
  headers(options?: Partial<DevTokenOptions>): Promise<Record<string, string>>;
  call(method: string, pathAndQuery: string, options?: KitCallOptions): Promise<KitResponse>;
  /** fetch() for URLs below IN_PROCESS_ORIGIN. */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

/* ---------------------------------------------------------------- process-wide set-up */

let key: DevKey | undefined;
let dataDir: string | undefined;
let functions: Promise<HttpRegistration[]> | undefined;
let current: InProcessStack | undefined;

/** The settings the app reads, pointed at nothing that listens (the in-process deps never open a client). */
async function setUpProcess(): Promise<void> {
  if (key) return;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bookme-in-process-"));
  key = await ensureDevKey(dataDir);
  const jwks = `data:application/json;base64,${Buffer.from(JSON.stringify(jwksOf(key))).toString("base64")}`;
  Object.assign(process.env, {
    COSMOS_ENDPOINT: "http://cosmos.in-process.invalid",
    COSMOS_KEY: "in-process",
    AzureWebJobsStorage: "UseDevelopmentStorage=true",
    FUNCTIONS_WORKER_RUNTIME: "node",
    AUTH_ISSUER: DEV_ISSUER,
    AUTH_AUDIENCE: DEV_AUDIENCE,
    AUTH_JWKS_URI: jwks,
    BOOTSTRAP_CLIENT_ID: DEMO_BACKOFFICE_CLIENT_ID,
    WEBHOOK_ALLOW_HTTP_LOCALHOST: "true",
  });
}

function functionFiles(): string[] {
  const dir = path.join(ROOT, "functions");
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .map((f) => f.split(path.sep).join("/"))
    .filter((f) => f.endsWith(".ts"))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Imports every function module once per process; their registrations, as the local host captures them. */
function loadFunctions(): Promise<HttpRegistration[]> {
  functions ??= (async () => {
    const registrations = installFunctionsCore();
    for (const file of functionFiles()) await import(/* @vite-ignore */ file);
    return registrations.filter((r): r is HttpRegistration => r.kind === "http");
  })();
  return functions;
}

/* ---------------------------------------------------------------- deps */

export interface KitOptions {
  /** Settings for this kit (e.g. RESERVATION_TTL_SECONDS), applied to process.env before the deps are built. */
  env?: Record<string, string>;
  /** Overrides of the built deps (another port, a fixed clock in a port, ...). */
  deps?: (deps: KitDeps) => Partial<HandlerDeps>;
}

function memoryDeps(): KitDeps {
  const config = loadConfig();
  const events = loadEventsConfig();
  const stores = memoryStores();
  // Dates relative to today must not land on a holiday in tests that are not about holidays (issue 28): no holidays here.
  void stores.directory.put("holidayCalendar", { id: "default", country: "DK", publicHolidays: false, bankClosingDays: [] });
  const eventLog = new MemoryEventLog();
  const deliveryQueue = new MemoryDeliveryQueue();
  // One event log: the write side adds to it, the webhook endpoints read and replay from it (as in Cosmos).
  const storePorts = { ...stores, outbox: eventLog };
  const cipher = envelopeCipher(localKeyWrapper(new Map([["local:in-process", randomBytes(32)]])));
  const booking = bookingDeps(
    storePorts,
    {
      reservationTtlMs: config.reservationTtlSeconds * 1000,
      intentGraceMs: config.intentGraceSeconds * 1000,
      maxLiveReservations: config.maxLiveReservations,
    },
    undefined,
    cipher,
  );
  const settings = loadSettings();
  return {
    ...booking,
    settings,
    authenticate: tokenVerifier(settings.app),
    queryLimits: loadQueryLimits(),
    probes: { database: async () => {}, storage: async () => "ok" as const },
    events: {
      outbox: eventLog,
      subscriptions: new MemorySubscriptions(),
      deliveries: new MemoryDeliveries(),
      queue: deliveryQueue,
      sender: {
        post: async () => ({ status: 599, error: "network_error", latencyMs: 0 }) as never,
      },
      retrySchedule: parseSchedule(events.retrySchedule),
      webhookTimeoutMs: events.webhookTimeoutSeconds * 1000,
      gapWaitMs: events.gapWaitMs,
      operationInFlight: async (aggregate, seq) => {
        const [kind, id] = [aggregate.slice(0, aggregate.indexOf(":")), aggregate.slice(aggregate.indexOf(":") + 1)];
        const ids =
          kind === "reservation"
            ? seq === 1
              ? [`reserve:${id}`]
              : []
            : seq === 1
              ? [`book:${id}`]
              : [`move:${id}:${seq}`, `cancel:${id}:${seq}`];
        return ids.some((i) => stores.intents.docs.has(i));
      },
    },
    apiKeys: new MemoryApiKeys(),
    calendar: undefined,
    calendarWrites: undefined,
    stores,
    eventLog,
    deliveryQueue,
  };
}

/* ---------------------------------------------------------------- the kit */

function problem(status: number, code: string, title: string, detail: string, headers: Record<string, string> = {}) {
  const body = JSON.stringify({ type: `https://bookme.example/problems/${code.replace(/_/g, "-")}`, title, status, detail, code });
  return { status, headers: { "content-type": "application/problem+json", ...headers }, body };
}

/** Starts a kit with fresh memory stores; while it runs, fetch() to IN_PROCESS_ORIGIN is served by it. */
export async function startInProcess(options: KitOptions = {}): Promise<InProcessStack> {
  await setUpProcess();
  if (options.env) Object.assign(process.env, options.env);
  const registrations = await loadFunctions();
  const { endpoints, functionName, httpHandler } = await import("../../shared/api/edge/endpoint.js");
  const built = memoryDeps();
  const deps: KitDeps = { ...built, ...options.deps?.(built) };
  const depsProvider = async () => deps as HandlerDeps;

  // Endpoint functions: the edge's own handler over the memory deps; other http functions as registered.
  const specs = new Map<string, { spec: EndpointSpec; version: ApiVersion }>();
  for (const spec of endpoints) {
    for (const version of spec.prefix !== undefined ? spec.versions.slice(0, 1) : spec.versions) {
      specs.set(functionName(spec, version), { spec, version });
    }
  }
  const routes: CompiledRoute<HttpRegistration>[] = registrations.map((r) => {
    const endpoint = specs.get(r.name);
    const handler = endpoint ? httpHandler(endpoint.spec, endpoint.version, depsProvider) : r.handler;
    return compileRoute(r.route, { ...r, handler: handler as HttpRegistration["handler"] });
  });

  const logs: string[] = [];
  const logDir = runLogDir();
  const logFile = logDir && path.join(logDir, `host-in-process-${process.pid}-${Date.now().toString(36)}.log`);
  if (logDir) fs.mkdirSync(logDir, { recursive: true });
  const writeLog = (line: string) => {
    logs.push(line);
    if (logFile) fs.appendFileSync(logFile, `${line}\n`);
  };

  async function handle(method: string, target: string, headers: Record<string, string>, body: Buffer | undefined) {
    method = method.toUpperCase();
    const lower: Record<string, string> = {};
    for (const [k, v] of Object.entries(headers)) lower[k.toLowerCase()] = v;
    const correlationId = correlationIdOf(new Headers(lower));
    lower["x-correlation-id"] = correlationId;
    const withId = (init: { status: number; headers: Record<string, string>; body?: string | Buffer }) => ({
      ...init,
      headers: { "x-correlation-id": correlationId, ...init.headers },
    });
    const canonical = canonicalPath(target);
    if (!canonical.ok) return withId(problem(400, "invalid_path", "Bad Request", canonical.detail));
    const { segments, search, pathname } = canonical.path;
    const url = new URL(`${pathname}${search}`, IN_PROCESS_ORIGIN);
    const below = segments[0]?.toLowerCase() === ROUTE_PREFIX ? segments.slice(1) : null;
    if (below === null) return withId(problem(404, "route_not_found", "Not Found", `no function is mapped to ${pathname}`));
    const belowPath = below.join("/");
    const sent = lower["ocp-apim-subscription-key"] ?? url.searchParams.get("subscription-key") ?? undefined;
    if (GATEWAY_PATHS.test(belowPath) && !ANONYMOUS_PATHS.test(belowPath) && sent !== SUBSCRIPTION_KEY) {
      return withId(
        problem(
          401,
          "subscription_key_required",
          "Unauthorized",
          "Access denied due to missing or invalid subscription key. Send a valid key in the Ocp-Apim-Subscription-Key header.",
          { "www-authenticate": 'ApiKey header="Ocp-Apim-Subscription-Key"' },
        ),
      );
    }
    const match = bestMatchSegments(
      routes.filter((r) => r.value.methods.includes(method)),
      below,
    );
    if (!match) {
      const any = bestMatchSegments(routes, below);
      if (any) {
        const allow = [...new Set(routes.filter((r) => r.template === any.route.template).flatMap((r) => r.value.methods))];
        return withId(
          problem(
            405,
            "method_not_allowed",
            "Method Not Allowed",
            `${method} is not allowed on ${url.pathname}; allowed: ${allow.join(", ")}`,
            {
              allow: allow.join(", "),
            },
          ),
        );
      }
      return withId(problem(404, "route_not_found", "Not Found", `no function is mapped to ${url.pathname}`));
    }
    const fn = match.route.value;
    const request = new HttpRequest({
      method,
      url: url.toString(),
      headers: lower,
      params: match.params,
      body: body && body.length > 0 ? { bytes: body } : undefined,
    });
    const context = new InvocationContext({
      functionName: fn.name,
      invocationId: randomUUID(),
      logHandler: (level, ...args) => writeLog(`[${level}] ${fn.name}: ${args.map(String).join(" ")}`),
    });
    let result: unknown;
    try {
      result = await fn.handler(request, context);
    } catch (err) {
      writeLog(`[error] ${fn.name}: unhandled ${(err as Error)?.name ?? "error"}`);
      return withId(problem(500, "internal_error", "Internal Server Error", "the function failed; see the host log"));
    }
    const response = result instanceof HttpResponse ? result : new HttpResponse(result ?? {});
    const out: Record<string, string> = {};
    response.headers.forEach((v, k) => (out[k] = v));
    return withId({ status: response.status, headers: out, body: Buffer.from(await response.arrayBuffer()) });
  }

  const NULL_BODY = new Set([101, 204, 205, 304]);
  async function kitFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
    const request = input instanceof Request ? input : new Request(input, init);
    const u = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((v, k) => (headers[k] = v));
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    if (init.body !== undefined && typeof init.body === "string") recordBody(init.body);
    const res = await handle(request.method, `${u.pathname}${u.search}`, headers, body);
    return new Response(NULL_BODY.has(res.status) || !res.body?.length ? null : res.body, { status: res.status, headers: res.headers });
  }

  async function call(method: string, pathAndQuery: string, options: KitCallOptions = {}): Promise<KitResponse> {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(options.query ?? {})) {
      if (v === undefined) continue;
      if (Array.isArray(v)) for (const x of v) search.append(k, x);
      else search.append(k, String(v));
    }
    const qs = search.toString();
    const target = qs ? `${pathAndQuery}${pathAndQuery.includes("?") ? "&" : "?"}${qs}` : pathAndQuery;
    const raw =
      options.body === undefined
        ? undefined
        : typeof options.body === "string" || Buffer.isBuffer(options.body)
          ? options.body
          : JSON.stringify(options.body);
    if (typeof raw === "string") recordBody(raw);
    const headers = {
      ...(raw !== undefined && !Buffer.isBuffer(options.body) && typeof options.body !== "string"
        ? { "content-type": "application/json" }
        : {}),
      ...options.headers,
    };
    const res = await handle(method, target, headers, raw === undefined ? undefined : Buffer.from(raw));
    const text = res.body ? Buffer.from(res.body).toString("utf8") : "";
    let json: unknown;
    try {
      json = text === "" ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: new Headers(res.headers), text, json };
  }

  const token = (o: Partial<DevTokenOptions> = {}) => signDevToken(key!, { roles: ALL_ROLES, expiresInSeconds: 4 * 3600, ...o });
  const base = `${IN_PROCESS_ORIGIN}/api/v2/bookme`;
  const stack: InProcessStack = {
    base,
    hosts: [{ index: 0, url: IN_PROCESS_ORIGIN, base, output: logs }],
    dataDir: dataDir!,
    key: key!,
    functions: registrations,
    deps,
    logs,
    token,
    headers: async (o) => ({
      authorization: `Bearer ${await token(o)}`,
      "ocp-apim-subscription-key": SUBSCRIPTION_KEY,
      "content-type": "application/json",
    }),
    call,
    fetch: kitFetch,
    async stop() {
      if (current === stack) current = undefined;
    },
  };
  current = stack;
  installFetch();
  return stack;
}

/** Global fetch: URLs below IN_PROCESS_ORIGIN go to the current kit, everything else to the fetch before it. */
const FETCH_MARK = Symbol.for("bookme.in-process.fetch");
function installFetch() {
  const before = globalThis.fetch as typeof fetch & { [FETCH_MARK]?: true };
  if (before[FETCH_MARK]) return;
  globalThis.fetch = Object.assign(
    (input: string | URL | Request, init?: RequestInit) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.startsWith(IN_PROCESS_ORIGIN)) {
        if (!current) return Promise.reject(new TypeError(`fetch failed: no in-process kit is running for ${url}`));
        return current.fetch(input, init);
      }
      return before(input, init);
    },
    { [FETCH_MARK]: true as const },
  );
}
