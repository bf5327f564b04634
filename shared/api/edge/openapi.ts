/**
 * The OpenAPI 3.1 document, generated from the endpoint specs: the same zod schemas that parse
 * requests and shape responses, so the contract cannot drift from the code. One document per
 * API version; `dev/openapi-write.ts` commits the v2 one to openapi/openapi.json (API Management
 * imports it) and `functions/bookme/openapi.ts` serves it.
 */
import { z } from "zod";
import * as directorySchemas from "../../directory/directory.js";
import * as meetingSchemas from "../bookme/schemas/meetings.js";
import * as timeSlotSchemas from "../bookme/schemas/time-slots.js";
import * as viewSchemas from "../../booking/model/views.js";
import { shapeOf } from "./field-names.js";
import { functionName, MAX_BODY_BYTES, type ApiVersion, type EndpointSpec, type ResponseDoc } from "./endpoint.js";
import { PROBLEM_CONTENT_TYPE } from "./problem.js";

export type JsonSchema = Record<string, unknown>;
type Io = "input" | "output";

export const API_TITLE = "BookMe API";
export const DOCUMENT_VERSIONS: Record<ApiVersion, string> = { v2: "2.0.0", v1: "1.0.0" };
export const PUBLIC_SERVERS = [
  { url: "https://apim-public-api.azure-api.net", description: "Production (API Management)" },
  { url: "https://apim-public-api-test.azure-api.net", description: "Test (API Management)" },
] as const;

const JSON_CONTENT_TYPE = "application/json";
const SCHEMA_REF = (name: string) => `#/components/schemas/${name}`;
const REF = (kind: "responses" | "parameters" | "headers", name: string) => ({ $ref: `#/components/${kind}/${name}` });

/** The problem+json body of every 4xx and 5xx (see problem.ts). */
export const ProblemSchema = z.looseObject({
  type: z.string().describe("URI naming the problem type"),
  title: z.string().describe("Short, human-readable summary of the status"),
  status: z.number().int().min(100).max(599),
  detail: z.string().describe("What went wrong, for a developer"),
  code: z.string().describe("Stable machine-readable code: validation_failed, slot_taken, not_found, unauthorized, ..."),
  errors: z
    .array(
      z.looseObject({
        field: z.string().describe("Dotted path of the offending field, e.g. timeSlot.startDate"),
        in: z.enum(["body", "query", "path", "header"]).optional(),
        rule: z.string().describe("The broken rule: required, too_big, too_small, invalid_format, exists, ..."),
        message: z.string().describe("The rule in words, with its limit"),
      }),
    )
    .optional()
    .describe("One entry per invalid field (validation_failed)"),
});

/**
 * Response views get a name in components.schemas: every `...View` export of the schema modules.
 * (Request bodies are inlined: each is used by one operation.)
 */
const NAMED_VIEWS = new Map<unknown, string>();
for (const mod of [directorySchemas, meetingSchemas, timeSlotSchemas, viewSchemas] as Record<string, unknown>[]) {
  for (const [name, value] of Object.entries(mod)) if (name.endsWith("View") && isZod(value)) NAMED_VIEWS.set(value, name);
}
NAMED_VIEWS.set(ProblemSchema, "Problem");

function isZod(value: unknown): value is z.ZodType {
  return typeof value === "object" && value !== null && "_zod" in value;
}

/** The global registry (descriptions from .describe/.meta), plus component ids for the named views. */
function registryWithIds(ids: Map<unknown, string>): z.core.$ZodRegistry<Record<string, unknown>> {
  const registry = z.registry<Record<string, unknown>>();
  const lookup = (schema: z.core.$ZodType) => {
    const meta = z.globalRegistry.get(schema);
    const id = ids.get(schema);
    return id ? { ...meta, id } : meta;
  };
  registry.get = lookup;
  return registry;
}
const OUTPUT_REGISTRY = registryWithIds(NAMED_VIEWS);
const INPUT_REGISTRY = registryWithIds(new Map());

/** Formats that say all a pattern would (the pattern zod adds is long and unreadable). */
const SELF_DESCRIBING_FORMATS = new Set(["uuid", "date-time", "date"]);

function tidy(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(tidy);
  if (!node || typeof node !== "object") return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$schema") continue;
    if (key === "pattern" && SELF_DESCRIBING_FORMATS.has(String((node as JsonSchema).format))) continue;
    if (key === "$ref" && typeof value === "string" && value.startsWith("#/$defs/")) {
      out.$ref = SCHEMA_REF(value.slice("#/$defs/".length));
      continue;
    }
    out[key] = tidy(value);
  }
  // query strings are strings: show a default of false as "false"
  if (out.type === "string" && out.default !== undefined && typeof out.default !== "string") out.default = JSON.stringify(out.default);
  return out;
}

/** JSON Schema (draft 2020-12) of a zod schema; named views land in `components` and are referenced. */
function jsonSchemaOf(schema: z.ZodType, io: Io, components: Record<string, JsonSchema>): JsonSchema {
  const raw = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
    metadata: io === "output" ? OUTPUT_REGISTRY : INPUT_REGISTRY,
  }) as JsonSchema;
  const defs = (raw.$defs ?? {}) as Record<string, JsonSchema>;
  delete raw.$defs;
  for (const [name, def] of Object.entries(defs)) {
    const tidied = tidy(def) as JsonSchema;
    const existing = components[name];
    if (existing && JSON.stringify(existing) !== JSON.stringify(tidied)) {
      throw new Error(`OpenAPI: two different schemas are named ${name}`);
    }
    components[name] = tidied;
  }
  return tidy(raw) as JsonSchema;
}

function isArraySchema(schema: JsonSchema): boolean {
  if (schema.type === "array") return true;
  const anyOf = schema.anyOf as JsonSchema[] | undefined;
  return !!anyOf?.some((s) => s.type === "array");
}

interface Parameter {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  description?: string;
  schema: JsonSchema;
  style?: string;
  explode?: boolean;
}

function parametersOf(schema: z.ZodType, location: "path" | "query", components: Record<string, JsonSchema>): Parameter[] {
  const json = jsonSchemaOf(schema, "input", components);
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  // Required = the parser rejects its absence (JSON Schema's `required` misses preprocessed fields).
  const shape = shapeOf(schema);
  const required = (name: string) =>
    location === "path" ||
    (Object.hasOwn(shape, name) ? !shape[name].safeParse(undefined).success : ((json.required ?? []) as string[]).includes(name));
  return Object.entries(properties).map(([name, s]) => {
    const { description, ...rest } = s;
    const p: Parameter = { name, in: location, required: required(name), schema: rest };
    if (typeof description === "string") p.description = description;
    if (location === "query" && isArraySchema(rest)) {
      p.style = "form";
      p.explode = true;
      p.description = [
        p.description?.replace(/([^.])$/, "$1."),
        `A list: repeat the parameter (${name}=a&${name}=b), separate values with commas (${name}=a,b), or use ${name}[]=a or ${name}[0]=a.`,
      ]
        .filter(Boolean)
        .join(" ");
    }
    return p;
  });
}

/** Known request headers: their schema (limits enforced by the code). */
const HEADER_SCHEMAS: Record<string, JsonSchema> = {
  "idempotency-key": { type: "string", minLength: 1, maxLength: 255 },
  "if-match": { type: "string", description: "An ETag from a previous response, or *" },
};

const CORRELATION_PATTERN = "^[A-Za-z0-9._:-]{1,128}$";

function headersOf(doc: ResponseDoc): Record<string, unknown> {
  const headers: Record<string, unknown> = { "x-correlation-id": REF("headers", "CorrelationId") };
  for (const [name, description] of Object.entries(doc.headers ?? {})) headers[name] = { description, schema: { type: "string" } };
  return headers;
}

function responseOf(
  status: number,
  doc: ResponseDoc,
  version: ApiVersion,
  components: Record<string, JsonSchema>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { description: doc.description, headers: headersOf(doc) };
  const schema = typeof doc.schema === "function" ? doc.schema(version) : doc.schema;
  if (status >= 400) {
    out.content = {
      [doc.contentType ?? PROBLEM_CONTENT_TYPE]: {
        schema: schema ? jsonSchemaOf(schema, "output", components) : { $ref: SCHEMA_REF("Problem") },
      },
    };
  } else if (schema) {
    out.content = { [doc.contentType ?? JSON_CONTENT_TYPE]: { schema: jsonSchemaOf(schema, "output", components) } };
  } else if (doc.contentType) {
    out.content = { [doc.contentType]: { schema: { type: "string" } } };
  }
  return out;
}

function problemResponse(description: string, headers: Record<string, unknown> = {}) {
  return {
    description,
    headers: { "x-correlation-id": REF("headers", "CorrelationId"), ...headers },
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: SCHEMA_REF("Problem") } } },
  };
}

const STANDARD_RESPONSES = {
  BadRequest: problemResponse(
    "validation_failed (errors[] names each field, rule and limit; rule unknown_parameter for a query parameter this operation does not take) or malformed_json",
  ),
  Unauthorized: problemResponse(
    "unauthorized: the bearer token is missing, expired or not valid for this API; or subscription_key_required (API Management)",
    {
      "WWW-Authenticate": { description: "Bearer challenge (RFC 6750) naming the error", schema: { type: "string" } },
    },
  ),
  Forbidden: problemResponse("forbidden: the token lacks the permission this operation needs (app role or delegated scope)"),
  PayloadTooLarge: problemResponse(`payload_too_large: the body exceeds ${MAX_BODY_BYTES} bytes`),
  UnsupportedMediaType: problemResponse("unsupported_media_type: the body must be JSON (Content-Type: application/json)"),
  InternalError: problemResponse("internal_error: logged with this response's x-correlation-id"),
  ServiceUnavailable: problemResponse("service_unavailable: the database cannot be reached; retry after Retry-After seconds", {
    "Retry-After": { description: "Seconds to wait before retrying", schema: { type: "string" } },
  }),
};

/** `{id}`, `{id:guid}`, `{id?}` and `{*rest}` (Functions route syntax) as an OpenAPI path. */
export function openApiPath(route: string): string {
  return `/${route.replace(/\{\*?([A-Za-z0-9_]+)\??(?::[^}]*)?\}/g, "{$1}")}`;
}

const METHOD_ORDER = ["get", "put", "post", "delete", "patch"];

function operationOf(spec: EndpointSpec, version: ApiVersion, components: Record<string, JsonSchema>): Record<string, unknown> {
  const parameters: unknown[] = [];
  if (spec.params) parameters.push(...parametersOf(spec.params, "path", components));
  const querySchema = typeof spec.query === "function" ? spec.query(version) : spec.query;
  if (querySchema) parameters.push(...parametersOf(querySchema, "query", components));
  for (const [name, description] of Object.entries(spec.requestHeaders ?? {})) {
    parameters.push({ name, in: "header", required: false, description, schema: HEADER_SCHEMAS[name.toLowerCase()] ?? { type: "string" } });
  }
  parameters.push(REF("parameters", "CorrelationId"));

  const anonymous = spec.permission === "anonymous";
  const op: Record<string, unknown> = {
    operationId: functionName(spec, version),
    tags: spec.tags,
    summary: spec.summary,
    description: anonymous
      ? "Public: needs neither a bearer token nor a subscription key."
      : `Needs ${spec.permission}: an app role or delegated scope (see bearerAuth).`,
    security: anonymous
      ? []
      : [{ bearerAuth: [spec.permission], subscriptionKey: [] }, ...(spec.selfService ? [{ manageSecret: [], subscriptionKey: [] }] : [])],
    parameters,
  };

  const bodySchema = typeof spec.body === "function" ? spec.body(version) : spec.body;
  if (bodySchema) {
    op.requestBody = {
      required: !bodySchema.safeParse(undefined).success,
      content: { [JSON_CONTENT_TYPE]: { schema: jsonSchemaOf(bodySchema, "input", components) } },
    };
  }

  const responses: Record<string, unknown> = {};
  for (const [status, doc] of Object.entries(spec.responses)) responses[status] = responseOf(Number(status), doc, version, components);
  const standard = (status: number, name: keyof typeof STANDARD_RESPONSES) => {
    responses[String(status)] ??= REF("responses", name);
  };
  standard(400, "BadRequest"); // any operation: a query parameter it does not take is a 400
  if (!anonymous) {
    standard(401, "Unauthorized");
    standard(403, "Forbidden");
  }
  if (bodySchema) {
    standard(413, "PayloadTooLarge");
    standard(415, "UnsupportedMediaType");
  }
  standard(500, "InternalError");
  if (!anonymous) standard(503, "ServiceUnavailable");
  op.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => Number(a) - Number(b)));
  return op;
}

/** The OpenAPI 3.1 document of one API version, from the endpoint specs registered in this process. */
export function buildOpenApi(specs: readonly EndpointSpec[], version: ApiVersion): Record<string, unknown> {
  const components: Record<string, JsonSchema> = {};
  jsonSchemaOf(ProblemSchema, "output", components);
  const paths: Record<string, Record<string, unknown>> = {};
  const ofVersion = specs.filter((s) => s.versions.includes(version) && s.prefix === undefined && !s.facade);
  for (const spec of ofVersion) {
    const path = openApiPath(spec.route);
    const method = spec.method.toLowerCase();
    paths[path] ??= {};
    if (paths[path][method]) throw new Error(`OpenAPI: ${spec.method} ${path} is defined twice (${spec.name})`);
    paths[path][method] = operationOf(spec, version, components);
  }
  const sortedPaths = Object.fromEntries(
    Object.keys(paths)
      .sort()
      .map((p) => [p, Object.fromEntries(Object.entries(paths[p]).sort(([a], [b]) => METHOD_ORDER.indexOf(a) - METHOD_ORDER.indexOf(b)))]),
  );
  const tags = [...new Set(ofVersion.flatMap((s) => s.tags))].sort().map((name) => ({ name }));
  const base = `/api/${version}/bookme`;

  return {
    openapi: "3.1.0",
    info: {
      title: API_TITLE,
      version: DOCUMENT_VERSIONS[version],
      description:
        "Meeting booking and scheduling. Every operation except health, openapi.json and docs needs an Entra ID (Azure AD) " +
        "OAuth 2.0 access token (Authorization: Bearer) and an API Management subscription key (Ocp-Apim-Subscription-Key). " +
        "Errors are application/problem+json (RFC 9457) with a stable code; every response carries x-correlation-id. " +
        "Names of JSON properties and query parameters match case-insensitively (EmployeeId = employeeId), as do enum values; " +
        "a query parameter an operation does not take is a 400 naming it (subscription-key and code aside: the gateway's and the Functions host's).",
    },
    servers: [
      ...PUBLIC_SERVERS.map((s) => ({ url: `${s.url}${base}`, description: s.description })),
      { url: base, description: "The host serving this document" },
    ],
    security: [{ bearerAuth: [], subscriptionKey: [] }],
    tags,
    paths: sortedPaths,
    components: {
      schemas: Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b))),
      responses: STANDARD_RESPONSES,
      parameters: {
        CorrelationId: {
          name: "x-correlation-id",
          in: "header",
          required: false,
          description:
            "Your id for this request (echoed in the response and in the logs); else the traceparent trace id or a new id is used",
          schema: { type: "string", pattern: CORRELATION_PATTERN },
        },
      },
      headers: {
        CorrelationId: {
          description: "The request's correlation id (the one sent, else the traceparent trace id, else a new one)",
          schema: { type: "string" },
        },
      },
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description:
            "OAuth 2.0 access token from Microsoft Entra ID (Azure AD) for the BookMe API. Permissions come from app roles (roles claim, " +
            "client credentials) or delegated scopes (scp claim): BookMe.Read, BookMe.Write, BookMe.Admin.",
        },
        manageSecret: {
          type: "apiKey",
          in: "header",
          name: "BookMe-Manage-Secret",
          description:
            "The meeting's self-service secret (returned once by POST /meetings): lets its holder get, cancel or reschedule that meeting without a bearer token.",
        },
        subscriptionKey: {
          type: "apiKey",
          in: "header",
          name: "Ocp-Apim-Subscription-Key",
          description: "API Management subscription key (the subscription-key query parameter works too)",
        },
      },
    },
  };
}

/**
 * The OpenAPI document of one seed-compatible facade (meetergo-style, Bookings API for bots): its
 * endpoints at their full paths below /api, API-key bearer auth, and only the responses each
 * declares (the facades answer errors in their own shape, not problem+json).
 */
export function buildFacadeOpenApi(
  specs: readonly EndpointSpec[],
  facade: { name: string; title: string; description: string },
): Record<string, unknown> {
  const components: Record<string, JsonSchema> = {};
  const paths: Record<string, Record<string, unknown>> = {};
  const mine = specs.filter((s) => s.facade === facade.name);
  for (const spec of mine) {
    const op = operationOf(spec, "v2", components);
    const declared = op.responses as Record<string, unknown>;
    op.responses = Object.fromEntries(Object.entries(declared).filter(([status]) => String(status) in spec.responses));
    op.parameters = (op.parameters as unknown[]).filter((p) => !(p && typeof p === "object" && "$ref" in p));
    op.security = spec.apiKeyScope ? [{ apiKey: [spec.apiKeyScope] }] : [];
    op.description = spec.apiKeyScope
      ? `Needs an API key with the scope ${spec.apiKeyScope} (Authorization: Bearer <api key>); no subscription key.`
      : "Needs no API key (the appointment's secret authorises it).";
    const route = [spec.prefix ?? "", spec.route].filter((x) => x !== "").join("/");
    const path = openApiPath(route);
    paths[path] ??= {};
    paths[path][spec.method.toLowerCase()] = op;
  }
  return {
    openapi: "3.1.0",
    info: { title: facade.title, version: "1.0.0", description: facade.description },
    servers: [{ url: "/api", description: "The host serving this document" }],
    tags: [...new Set(mine.flatMap((s) => s.tags))].sort().map((name) => ({ name })),
    paths: Object.fromEntries(
      Object.keys(paths)
        .sort()
        .map((p) => [p, paths[p]]),
    ),
    components: {
      schemas: Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b))),
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          description: "An API key from POST /api/v2/bookme/config/api-keys (scopes bookings:read, bookings:write)",
        },
      },
    },
  };
}
