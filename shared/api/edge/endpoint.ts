/**
 * The edge of every HTTP function: correlation id, authentication and permission,
 * content type and size, zod parsing of path/query/body, and one error shape.
 * Handlers get typed input and return a Reply; they never see HttpRequest.
 */
import azureFunctions, { type HttpRequest, type HttpResponseInit, type InvocationContext } from "@azure/functions";
import { z } from "zod";
import { DomainError, ERROR_STATUS, isUnavailable } from "../../kernel/errors.js";
import { authorize, AuthError, type Permission, type Principal } from "./auth.js";
import { compressedJson } from "./compression.js";
import { correlationIdOf } from "./correlation.js";
import { createLogger, type Logger } from "./logger.js";
import { problem, problemFromDomainError, PROBLEM_CONTENT_TYPE, type Problem } from "./problem.js";
import { canonicalKeys, knownKeys } from "./field-names.js";
import { parseWith, queryToObject } from "./validation.js";
import type { HandlerDeps } from "./handler-deps.js";
import { authenticateApiKey, type ApiKeyPrincipal, type ApiKeyScope } from "./api-key-auth.js";
import { apiKeyCaller, callerOf } from "./caller.js";
import { actorOf, PUBLIC_ACTOR, SELF_SERVICE_ACTOR, type Actor, type Caller } from "../../booking/model/caller.js";
import { readTextWithin } from "./request-body.js";
import { metered, newMeter, serverTiming } from "../../kernel/request-meter.js";
import { traced } from "./request-telemetry.js";

const { app } = azureFunctions; // a CommonJS bundle: named imports of values do not resolve under ESM

export type ApiVersion = "v1" | "v2";
export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE" | "PATCH";
export const MAX_BODY_BYTES = 1024 * 1024;
export const MANAGE_SECRET_HEADER = "bookme-manage-secret";

/** A body that is already JSON (text or UTF-8 bytes, e.g. from shared/api/bookme/slot-json.ts): sent as is, not stringified. */
export class JsonText {
  constructor(readonly text: string | Buffer) {}
}

export interface Reply {
  status: number;
  /** A value to JSON.stringify, JsonText, or a string sent as is (with its own content-type header). */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RequestContext {
  version: ApiVersion;
  correlationId: string;
  principal?: Principal;
  headers: Headers;
  /** Request time, read once at the edge and passed down. */
  now: number;
  /** BookMe-Manage-Secret, on self-service endpoints called without a bearer token. */
  manageSecret?: string;
  /** The API key a facade call authenticated with. */
  apiKey?: ApiKeyPrincipal;
  /** Who is calling (token or API key), for ownership: absent for anonymous and secret-holder calls. */
  caller?: Caller;
  /** Who a change is recorded as made by: the caller, the secret holder, or the public booking page. */
  actor: Actor;
  log: Logger;
}

export interface ResponseDoc {
  description: string;
  /** Response schema, per version when they differ. */
  schema?: z.ZodType | ((version: ApiVersion) => z.ZodType);
  contentType?: string;
  headers?: Record<string, string>;
}

export type AnyObject = z.ZodType<Record<string, unknown>>;

/** A schema, or one per API version (the handler then receives the union of their outputs). */
export type PerVersion<S> = S | ((version: ApiVersion) => S);

/** What an endpoint without params, query or body receives for it. */
const NO_INPUT = z.object({});
/** ... and for a body: none is read. */
const NO_BODY = z.undefined();
export type NoInput = typeof NO_INPUT;
export type NoBody = typeof NO_BODY;

export interface EndpointSpec<P extends AnyObject = AnyObject, Q extends AnyObject = AnyObject, B extends z.ZodType = z.ZodType> {
  /** Function name; V1 registrations get the suffix "-v1". */
  name: string;
  method: HttpMethod;
  /** Route below api/{version}/bookme/, e.g. "meetings/{id}" (below api/{prefix}/ when prefix is set). */
  route: string;
  /**
   * A route prefix below api/ other than {version}/bookme/, e.g. "public/booking": the endpoint is
   * registered once (for versions[0]), outside the versioned API and its OpenAPI document; "" for
   * none (a seed-compatible facade's routes directly below api/, e.g. v4/booking).
   */
  prefix?: string;
  versions: ApiVersion[];
  permission: Permission | "anonymous";
  /** The holder of the meeting's self-service secret (header BookMe-Manage-Secret) may call it without a token. */
  selfService?: boolean;
  summary: string;
  tags: string[];
  params?: P;
  query?: PerVersion<Q>;
  /** Body schema, per version when they differ. */
  body?: PerVersion<B>;
  requestHeaders?: Record<string, string>;
  responses: Record<number, ResponseDoc>;
  /** Authenticate with `Authorization: Bearer <api key>` holding this scope, instead of an Entra ID token (permission "anonymous"). */
  apiKeyScope?: ApiKeyScope;
  /** Turns a problem reply into this API's own error shape (the facades answer as the systems they stand in for). */
  errorFormat?: (problem: Problem, headers: Record<string, string>) => Reply;
  /** The facade whose OpenAPI document lists it; absent: BookMe's. */
  facade?: string;
  handle(input: { params: z.output<P>; query: z.output<Q>; body: z.output<B> }, ctx: RequestContext, deps: HandlerDeps): Promise<Reply>;
}

/** Every endpoint defined in this process, for the OpenAPI document and the contract tests. */
export const endpoints: EndpointSpec[] = [];

export function functionName(spec: { name: string }, version: ApiVersion): string {
  return version === "v2" ? spec.name : `${spec.name}-v1`;
}

/** Registers the spec's functions (one per version); `deps` is asked on each request (the composition root builds once). */
export function registerEndpoint<P extends AnyObject = NoInput, Q extends AnyObject = NoInput, B extends z.ZodType = NoBody>(
  spec: EndpointSpec<P, Q, B>,
  deps: () => Promise<HandlerDeps>,
): EndpointSpec<P, Q, B> {
  endpoints.push(spec);
  for (const version of spec.prefix !== undefined ? spec.versions.slice(0, 1) : spec.versions) {
    app.http(functionName(spec, version), {
      methods: [spec.method],
      route: routeOf(spec, version),
      authLevel: spec.permission === "anonymous" ? "anonymous" : "function",
      handler: httpHandler(spec, version, deps),
    });
  }
  return spec;
}

/** The route below the Functions prefix: `{version}/bookme/{route}`, or `{prefix}/{route}`. */
export function routeOf(spec: { route: string; prefix?: string }, version: ApiVersion): string {
  const prefix = spec.prefix ?? `${version}/bookme`;
  return [prefix, spec.route].filter((part) => part !== "").join("/");
}

const forVersion = <S>(schema: PerVersion<S> | undefined, version: ApiVersion): S | undefined =>
  typeof schema === "function" ? (schema as (version: ApiVersion) => S)(version) : schema;

/**
 * The version's schemas, built once per registration (building a zod schema costs more than
 * parsing with it). An endpoint that declares no params or query gets {}, and no body undefined
 * (the generics' defaults; the type assertions here are on those schemas, never on request data).
 */
function schemasOf<P extends AnyObject, Q extends AnyObject, B extends z.ZodType>(spec: EndpointSpec<P, Q, B>, version: ApiVersion) {
  return {
    params: spec.params ?? (NO_INPUT as unknown as P),
    query: forVersion(spec.query, version) ?? (NO_INPUT as unknown as Q),
    body: forVersion(spec.body, version) ?? (NO_BODY as unknown as B),
  };
}

export function httpHandler<P extends AnyObject, Q extends AnyObject, B extends z.ZodType>(
  spec: EndpointSpec<P, Q, B>,
  version: ApiVersion,
  deps: () => Promise<HandlerDeps>,
) {
  let schemas: { params: P; query: Q; body: B } | undefined;
  const handle = async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const correlationId = correlationIdOf(request.headers);
    const log = createLogger(context, correlationId, context.functionName);
    const ctx: RequestContext = { version, correlationId, headers: request.headers, now: Date.now(), log, actor: PUBLIC_ACTOR };
    let reply: Reply;
    try {
      await identify(spec, request, ctx, deps);
      const s = (schemas ??= schemasOf(spec, version));
      const params = parseWith(s.params, request.params, "path");
      const query = parseWith(s.query, queryToObject(request.query, spec.query ? knownKeys(s.query) : undefined), "query");
      const body = parseWith(s.body, spec.body ? canonicalKeys(s.body, await readJsonBody(request)) : undefined, "body");
      reply = await spec.handle({ params, query, body }, ctx, await deps());
    } catch (err) {
      reply = errorReply(err, log);
      if (spec.errorFormat && reply.status >= 400) reply = spec.errorFormat(reply.body as Problem, reply.headers ?? {});
    }
    const headers: Record<string, string> = { "x-correlation-id": correlationId, ...reply.headers };
    if (reply.body === undefined) return { status: reply.status, headers };
    if (typeof reply.body === "string") return { status: reply.status, headers, body: reply.body };
    headers["content-type"] ??= reply.status >= 400 && !spec.errorFormat ? PROBLEM_CONTENT_TYPE : "application/json; charset=utf-8";
    const text = reply.body instanceof JsonText ? reply.body.text : JSON.stringify(reply.body);
    return { status: reply.status, headers, body: compressedJson(text, request.headers.get("accept-encoding"), headers) };
  };
  // Each request's database and Graph calls counted (shared/kernel/request-meter.ts) and sent as Server-Timing,
  // and the request a span with those figures (request-telemetry.ts; a no-op unless telemetry is on).
  return (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const meter = newMeter();
    return traced(spec.name, context.traceContext, meter, () =>
      metered(meter, async () => {
        const response = await handle(request, context);
        return { ...response, headers: { ...(response.headers as Record<string, string>), "server-timing": serverTiming(meter) } };
      }),
    );
  };
}

/** Who calls: a self-service secret holder, an API key (facades) or a bearer token and its registered client. */
async function identify(spec: EndpointSpec, request: HttpRequest, ctx: RequestContext, deps: () => Promise<HandlerDeps>) {
  const authorization = request.headers.get("authorization");
  const secret = spec.selfService && !authorization ? request.headers.get(MANAGE_SECRET_HEADER) : null;
  if (secret) {
    Object.assign(ctx, { manageSecret: secret, actor: SELF_SERVICE_ACTOR });
  } else if (spec.apiKeyScope) {
    ctx.apiKey = await authenticateApiKey((await deps()).apiKeys, authorization, spec.apiKeyScope);
    ctx.caller = apiKeyCaller(ctx.apiKey);
    ctx.actor = actorOf(ctx.caller);
  } else if (spec.permission !== "anonymous") {
    const { authenticate, directory, settings } = await deps();
    ctx.principal = await authenticate(authorization);
    ctx.caller = await callerOf(directory, ctx.principal, { bootstrapClientId: settings.app.bootstrapClientId });
    ctx.actor = actorOf(ctx.caller);
    authorize(ctx.principal, spec.permission);
  }
}

async function readJsonBody(request: HttpRequest): Promise<unknown> {
  const read = await readTextWithin(request, MAX_BODY_BYTES);
  if (!read.ok) throw new DomainError("payload_too_large", `the request body exceeds the limit of ${MAX_BODY_BYTES} bytes`);
  const text = read.text;
  if (text.trim() === "") return undefined;
  const contentType = (request.headers.get("content-type") ?? "").toLowerCase();
  if (!/^application\/([a-z.+-]*\+)?json\b/.test(contentType)) {
    throw new DomainError("unsupported_media_type", "the request body must be JSON: send Content-Type: application/json");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError("malformed_json", "the request body is not valid JSON");
  }
}

export function errorReply(err: unknown, log: Logger): Reply {
  if (err instanceof AuthError) {
    const status = ERROR_STATUS[err.code];
    return { status, body: problem(status, err.code, err.message), headers: err.challenge ? { "www-authenticate": err.challenge } : {} };
  }
  if (err instanceof DomainError) {
    const body: Problem = problemFromDomainError(err);
    const headers: Record<string, string> = body.status === 503 ? { "retry-after": "5" } : {};
    return { status: body.status, body, headers };
  }
  if (isUnavailable(err)) {
    log.warn("database unavailable", { error: errorName(err) });
    return {
      status: 503,
      body: problem(503, "service_unavailable", "the database is unavailable; retry shortly"),
      headers: { "retry-after": "5" },
    };
  }
  log.error("unhandled error", { error: errorName(err), message: err instanceof Error ? err.message.slice(0, 300) : undefined });
  return {
    status: 500,
    body: problem(500, "internal_error", "an unexpected error occurred; it has been logged with this request's correlation id"),
  };
}

function errorName(err: unknown): string {
  if (err && typeof err === "object") {
    const e = err as { name?: string; code?: string | number };
    return `${e.name ?? "Error"}${e.code !== undefined ? `(${e.code})` : ""}`;
  }
  return typeof err;
}
