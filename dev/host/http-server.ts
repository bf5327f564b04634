/**
 * The local host's HTTP side: routes requests to the registered http functions as the Azure
 * Functions host does (route prefix, templates, 404/405), and plays API Management's gateway
 * role (subscription key and CORS, see cors.ts) for /api/v1|v2/bookme/*.
 */
import http from "node:http";
import { randomUUID } from "node:crypto";
import azureFunctions from "@azure/functions";
import type { HttpRegistration } from "./functions-core.js";
import { correlationIdOf } from "../../shared/api/edge/correlation.js";
import { applyCors } from "./cors.js";
import { bestMatchSegments, compileRoute, type CompiledRoute } from "./routes.js";
import { DEFAULT_CLIENT_RATE_LIMIT, TokenBuckets, type RateLimit } from "./rate-limit.js";
import { canonicalPath } from "./request-path.js";
import { clientKeyOf } from "./client-key.js";
import { readLimitedBody } from "./request-body.js";

/** The default largest body the host reads (HOST_MAX_BODY_BYTES overrides); the app's own limit is smaller. */
export const HOST_MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface HostRoute {
  method: string;
  path: string;
  handle(req: http.IncomingMessage, res: http.ServerResponse): void | Promise<void>;
}

export interface HttpHostOptions {
  functions: HttpRegistration[];
  routePrefix: string;
  subscriptionKeys: string[];
  /** Paths below the prefix that API Management lets through without a key. */
  anonymousPaths: RegExp;
  hostRoutes: HostRoute[];
  log: (line: string) => void;
  accessLog: boolean;
  /** Per-client-address limit on the public channel (below the prefix: public/*). */
  publicRateLimit: RateLimit;
  /** Per-client limit on everything else below the prefix (the API, the facades): see client-key.ts. */
  clientRateLimit?: RateLimit;
  /** Largest request body read (default HOST_MAX_BODY_BYTES). */
  maxBodyBytes?: number;
}

// @azure/functions is a CommonJS bundle: its classes come from the default export.
const { HttpRequest, HttpResponse, InvocationContext } = azureFunctions;
type HttpResponse = InstanceType<typeof HttpResponse>;

const GATEWAY_PATHS = /^(v1|v2)\/bookme(\/|$)/i;
/** The public channel: no subscription key, a rate limit per client address instead. */
const PUBLIC_PATHS = /^public(\/|$)/i;
/**
 * The booking page at /book/*, served by the book-page function (API Management's booking-page API in
 * Azure), and the back-office console at /console/* (its page, sign-in and API calls: functions/console).
 */
const PAGE_PATH = /^\/(book|console)(\/.*)?$/i;

function sendProblem(
  res: http.ServerResponse,
  status: number,
  code: string,
  title: string,
  detail: string,
  headers: Record<string, string> = {},
) {
  const body = JSON.stringify({ type: `https://bookme.example/problems/${code.replace(/_/g, "-")}`, title, status, detail, code });
  res.writeHead(status, { "content-type": "application/problem+json", ...headers });
  res.end(body);
}

/** The URL a function sees: the canonical path on the Host the client named (localhost when that is no host). */
function requestUrl(pathname: string, search: string, host: string | undefined): URL {
  try {
    return new URL(`${pathname}${search}`, `http://${host ?? "localhost"}`);
  } catch {
    return new URL(`${pathname}${search}`, "http://localhost");
  }
}

function flatHeaders(req: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}

const NULL_BODY_STATUSES = new Set([204, 205, 304]);

/**
 * The common case written straight to the socket: a plain HttpResponseInit (what every endpoint
 * returns) with a string, bytes (a Buffer or other Uint8Array, e.g. a compressed body) or no body
 * and plain headers. It gets exactly what the HttpResponse route below produces (lower-case header
 * names, text/plain or application/octet-stream default, no body on 204/205/304, headers such as
 * content-encoding passed through untouched) without building a fetch Response and copying the
 * body out of it again, which costs a measurable share of the host's CPU on large responses.
 * Anything else takes that route.
 */
function writePlainResult(res: http.ServerResponse, result: unknown): boolean {
  if (result === null || typeof result !== "object" || result instanceof HttpResponse) return false;
  const init = result as {
    status?: unknown;
    headers?: unknown;
    body?: unknown;
    jsonBody?: unknown;
    cookies?: unknown[];
    nativeResponse?: unknown;
  };
  if (init.jsonBody !== undefined || init.nativeResponse !== undefined || (init.cookies && init.cookies.length > 0)) return false;
  if (init.body !== undefined && init.body !== null && typeof init.body !== "string" && !(init.body instanceof Uint8Array)) return false;
  if (
    init.headers !== undefined &&
    (typeof init.headers !== "object" || init.headers === null || Array.isArray(init.headers) || init.headers instanceof Headers)
  )
    return false;
  if (init.status !== undefined && typeof init.status !== "number") return false;
  const status = init.status ?? 200;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries((init.headers ?? {}) as Record<string, unknown>))
    if (v !== undefined) headers[k.toLowerCase()] = (typeof v === "string" ? v : JSON.stringify(v)).trim();
  const body = NULL_BODY_STATUSES.has(status) || init.body === null ? undefined : init.body;
  if (body !== undefined) {
    headers["content-type"] ??= typeof body === "string" ? "text/plain;charset=UTF-8" : "application/octet-stream";
    headers["content-length"] = String(typeof body === "string" ? Buffer.byteLength(body) : body.byteLength);
  }
  res.writeHead(status, headers);
  res.end(body);
  return true;
}

export function createHttpHost(options: HttpHostOptions): http.Server {
  const routes: CompiledRoute<HttpRegistration>[] = options.functions.map((f) => compileRoute(f.route, f));
  const prefix = options.routePrefix.replace(/^\/|\/$/g, "");
  const publicBuckets = new TokenBuckets(options.publicRateLimit);
  const clientBuckets = new TokenBuckets(options.clientRateLimit ?? DEFAULT_CLIENT_RATE_LIMIT);
  const maxBodyBytes = options.maxBodyBytes ?? HOST_MAX_BODY_BYTES;

  /** 429 when the bucket had no token (retryAfter > 0); true when it answered. */
  const tooMany = (res: http.ServerResponse, retryAfter: number, who: string): boolean => {
    if (retryAfter <= 0) return false;
    sendProblem(res, 429, "rate_limited", "Too Many Requests", `too many requests from this ${who}; retry in ${retryAfter} s`, {
      "retry-after": String(retryAfter),
    });
    return true;
  };

  /**
   * API Management's inbound checks, in its order: the public channel's per-address limit, the
   * subscription key, then the per-client limit (after the key, as the gateway counts after
   * validating: see client-key.ts). False when the request may go on; else the answer is sent.
   */
  function refused(req: http.IncomingMessage, res: http.ServerResponse, below: string, url: URL, page: boolean): boolean {
    if (PUBLIC_PATHS.test(below)) {
      return tooMany(res, publicBuckets.take(req.socket.remoteAddress ?? "unknown"), "address");
    }
    const sent = req.headers["ocp-apim-subscription-key"] ?? url.searchParams.get("subscription-key") ?? undefined;
    const key = typeof sent === "string" && options.subscriptionKeys.includes(sent) ? sent : undefined;
    if (GATEWAY_PATHS.test(below) && !options.anonymousPaths.test(below) && key === undefined) {
      sendProblem(
        res,
        401,
        "subscription_key_required",
        "Unauthorized",
        "Access denied due to missing or invalid subscription key. Send a valid key in the Ocp-Apim-Subscription-Key header.",
        { "www-authenticate": 'ApiKey header="Ocp-Apim-Subscription-Key"' },
      );
      return true;
    }
    return !page && tooMany(res, clientBuckets.take(clientKeyOf(req, key)), "client");
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const started = performance.now();
    // Like the gateway's request id: every response carries it, and the function sees the same one.
    const correlationId = correlationIdOf(new Headers(flatHeaders(req)));
    req.headers["x-correlation-id"] = correlationId;
    res.setHeader("x-correlation-id", correlationId);
    const method = (req.method ?? "GET").toUpperCase();
    let fnName = "-";
    // Every check below reads this one canonical form of the path, never the raw target.
    const canonical = canonicalPath(req.url ?? "/");
    const pathname = canonical.ok ? canonical.path.pathname : "(invalid path)";
    res.on("finish", () => {
      if (options.accessLog)
        options.log(`${method} ${pathname} -> ${res.statusCode} ${(performance.now() - started).toFixed(1)} ms [${fnName}]`);
    });
    if (!canonical.ok) return sendProblem(res, 400, "invalid_path", "Bad Request", canonical.detail);
    const { segments, search } = canonical.path;
    const url = requestUrl(pathname, search, req.headers.host);

    if (applyCors(req, res)) return;

    const hostRoute = options.hostRoutes.find((r) => r.path === pathname && r.method === method);
    if (hostRoute) return hostRoute.handle(req, res);

    const page = PAGE_PATH.exec(pathname);
    const belowSegments = page
      ? [page[1].toLowerCase(), ...segments.slice(1)]
      : segments[0]?.toLowerCase() === prefix
        ? segments.slice(1)
        : null;
    if (belowSegments === null) return sendProblem(res, 404, "route_not_found", "Not Found", `no function is mapped to ${pathname}`);
    const below = belowSegments.join("/");

    if (refused(req, res, below, url, page !== null)) return;

    const forMethod = routes.filter((r) => r.value.methods.includes(method));
    const match = bestMatchSegments(forMethod, belowSegments);
    if (!match) {
      const anyMethod = bestMatchSegments(routes, belowSegments);
      if (anyMethod) {
        const allow = [...new Set(routes.filter((r) => r.template === anyMethod.route.template).flatMap((r) => r.value.methods))];
        return sendProblem(
          res,
          405,
          "method_not_allowed",
          "Method Not Allowed",
          `${method} is not allowed on ${url.pathname}; allowed: ${allow.join(", ")}`,
          { allow: allow.join(", ") },
        );
      }
      return sendProblem(res, 404, "route_not_found", "Not Found", `no function is mapped to ${url.pathname}`);
    }

    const fn = match.route.value;
    fnName = fn.name;
    const read = await readLimitedBody(req, maxBodyBytes);
    if (!read.ok)
      return sendProblem(
        res,
        413,
        "payload_too_large",
        "Payload Too Large",
        `the request body exceeds the host limit of ${maxBodyBytes} bytes`,
      );
    const body = read.body;

    const request = new HttpRequest({
      method,
      url: url.toString(),
      headers: flatHeaders(req),
      params: match.params,
      body: body.length > 0 ? { bytes: body } : undefined,
    });
    const context = new InvocationContext({
      functionName: fn.name,
      invocationId: randomUUID(),
      logHandler: (level, ...args) => options.log(`[${level}] ${fn.name}: ${args.map(String).join(" ")}`),
    });
    let response: HttpResponse;
    try {
      const result = await fn.handler(request, context);
      if (writePlainResult(res, result)) return;
      response = result instanceof HttpResponse ? result : new HttpResponse(result ?? {});
    } catch (err) {
      options.log(`[error] ${fn.name}: unhandled ${(err as Error)?.name ?? "error"}`);
      return sendProblem(res, 500, "internal_error", "Internal Server Error", "the function failed; see the host log");
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((v, k) => (headers[k] = v));
    const payload = Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, headers);
    res.end(payload);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent)
        sendProblem(res, 500, "internal_error", "Internal Server Error", "the local host failed to process the request");
      else res.destroy();
    });
  });
  // Requests Node rejects before routing (header block over 16 KB, malformed request line) still get problem+json.
  server.on("clientError", (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const [status, title] = err.code === "HPE_HEADER_OVERFLOW" ? [431, "Request Header Fields Too Large"] : [400, "Bad Request"];
    const body = JSON.stringify({
      type: `https://bookme.example/problems/${status === 431 ? "headers-too-large" : "malformed-request"}`,
      title,
      status,
      detail: status === 431 ? "the request line and headers exceed 16 KB" : "the request could not be parsed as HTTP",
      code: status === 431 ? "headers_too_large" : "malformed_request",
    });
    socket.end(
      `HTTP/1.1 ${status} ${title}\r\ncontent-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
  server.keepAliveTimeout = 65_000;
  return server;
}
