/**
 * Hostile requests for every registered endpoint, built with fast-check from the served OpenAPI
 * document: path, query, headers and body are a mix of almost-valid values (from each schema,
 * with limits overshot) and garbage. Each response must be a documented, well-formed answer:
 * never a 5xx, problem+json for every 4xx, the documented media type (JSON) for a 2xx.
 */
import fc from "fast-check";
import { call, Contract, SUBSCRIPTION_KEY, type CallResult, type OpenApiDocument, type Operation } from "../support/api-kit.js";

export interface FuzzTarget {
  /** Function name, e.g. meetings-create-v1. */
  name: string;
  method: string;
  /** OpenAPI path template, e.g. /meetings/{id}. */
  template: string;
  /** http://127.0.0.1:PORT/api/v2/bookme */
  base: string;
  op: Operation;
  contract: Contract;
}

export interface HostileRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface FuzzContext {
  /** Ids that exist (employees, rooms, ...): valid-looking requests reach real data. */
  knownIds: string[];
  /** A token with every role, and one with BookMe.Read only. */
  tokens: { all: string; readOnly: string };
}

type Schema = Record<string, unknown>;

/* --------------------------------------------------------------- values */

const NASTY = [
  "",
  " ",
  "null",
  "undefined",
  "true",
  "false",
  "0",
  "-1",
  "1e309",
  "NaN",
  "Infinity",
  "[]",
  "{}",
  "__proto__",
  "constructor",
  "prototype",
  "hasOwnProperty",
  "toString",
  "../../../etc/passwd",
  "..%2F..%2F",
  "%00",
  "%",
  "%E0%A4%A",
  "\u0000",
  "\r\n",
  "\t",
  "'; DROP TABLE meetings; --",
  '" OR 1=1 --',
  "SELECT * FROM c",
  "<script>alert(1)</script>",
  "${7*7}",
  "{{7*7}}",
  "ÆØÅ æøå",
  "😀👍🏽",
  "\u202e\u202d",
  "\ud800",
  "ｆｕｌｌｗｉｄｔｈ",
  "2024-02-30T10:00:00Z",
  "9999-12-31T23:59:59Z",
  "0000-01-01T00:00:00Z",
  "2025-13-01T00:00:00+25:00",
  "10:00",
  "24:00",
  "99.99:99:99",
  "-1.00:00:00",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "not-a-uuid",
  "a".repeat(201),
  "a".repeat(4001),
  "9".repeat(400),
];

/** A few fixed ids that do not exist at first: creates through PUT land on them again and again, so data stays bounded. */
const SPARE_IDS = ["5f0c7d1e-6a41-4d8e-9b55-0b1f3e2a9c01", "a3e1b7c2-9d44-4f0a-8c6e-2e7d5b1f4a02", "c9d2e4f6-1b3a-4c5d-8e7f-9a0b1c2d3e03"];

const printable = (maxLength: number) =>
  fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength });

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) },
);

const futureInstant = fc.integer({ min: -5, max: 60 * 24 * 40 }).map((minutes) => {
  const d = new Date(Date.now() + minutes * 60_000);
  d.setUTCSeconds(0, 0);
  d.setUTCMinutes(d.getUTCMinutes() < 30 ? 0 : 30);
  return d.toISOString();
});

function resolve(schema: Schema, doc: OpenApiDocument): Schema {
  const ref = schema.$ref;
  if (typeof ref === "string" && ref.startsWith("#/components/schemas/"))
    return resolve(doc.components.schemas[ref.split("/").pop()!] as Schema, doc);
  return schema;
}

/** Values for one JSON Schema: mostly valid, with limits overshot and types confused now and then. */
export function valueFor(input: Schema, doc: OpenApiDocument, ctx: FuzzContext, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(input, doc);
  const wrong = fc.oneof(hostileString, fc.jsonValue({ maxDepth: 2 }));
  const anyOf = schema.anyOf as Schema[] | undefined;
  if (anyOf) return fc.oneof(...anyOf.map((s) => valueFor(s, doc, ctx, depth)));
  if (Array.isArray(schema.enum))
    return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...(schema.enum as unknown[])) }, { weight: 1, arbitrary: wrong });
  const type = Array.isArray(schema.type) ? (schema.type as string[]).filter((t) => t !== "null")[0] : (schema.type as string | undefined);
  switch (type) {
    case "string": {
      const max = schema.maxLength as number | undefined;
      const format = schema.format as string | undefined;
      let good: fc.Arbitrary<string>;
      if (format === "uuid")
        good = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ctx.knownIds, ...SPARE_IDS) }, { weight: 1, arbitrary: fc.uuid() });
      else if (format === "date-time") good = futureInstant;
      else if (format === "email") good = fc.emailAddress();
      else if (format === "uri") good = fc.webUrl();
      else if (typeof schema.pattern === "string") good = fc.stringMatching(new RegExp(schema.pattern));
      else good = fc.string({ minLength: (schema.minLength as number) ?? 0, maxLength: Math.min(max ?? 40, 40) });
      const options: fc.WeightedArbitrary<unknown>[] = [
        { weight: 6, arbitrary: good },
        { weight: 2, arbitrary: wrong },
      ];
      if (max !== undefined) options.push({ weight: 1, arbitrary: fc.integer({ min: max + 1, max: max + 50 }).map((n) => "x".repeat(n)) });
      return fc.oneof(...options);
    }
    case "integer":
    case "number": {
      const min = (schema.minimum as number) ?? -1000;
      const max = (schema.maximum as number) ?? 1000;
      return fc.oneof(
        { weight: 5, arbitrary: fc.integer({ min, max }) },
        { weight: 1, arbitrary: fc.constantFrom(min - 1, max + 1, 0.5, -0, 1e308, Number.MAX_SAFE_INTEGER + 2) },
        { weight: 1, arbitrary: wrong },
      );
    }
    case "boolean":
      return fc.oneof({ weight: 5, arbitrary: fc.boolean() }, { weight: 1, arbitrary: wrong });
    case "array": {
      const maxItems = schema.maxItems as number | undefined;
      const items = depth > 3 ? fc.jsonValue({ maxDepth: 1 }) : valueFor((schema.items as Schema) ?? {}, doc, ctx, depth + 1);
      const options: fc.WeightedArbitrary<unknown>[] = [
        { weight: 6, arbitrary: fc.array(items, { maxLength: Math.min(maxItems ?? 4, 4) }) },
        { weight: 1, arbitrary: wrong },
      ];
      if (maxItems !== undefined)
        options.push({ weight: 1, arbitrary: fc.constantFrom(maxItems + 1).chain((n) => fc.array(items, { minLength: n, maxLength: n })) });
      return fc.oneof(...options);
    }
    case "object": {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      if (depth > 3 || Object.keys(properties).length === 0)
        return fc.oneof(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }), wrong);
      const required = new Set((schema.required ?? []) as string[]);
      const record = fc.record(Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, valueFor(s, doc, ctx, depth + 1)])), {
        requiredKeys: [],
      });
      return fc.oneof(
        // required keys mostly present
        {
          weight: 6,
          arbitrary: fc
            .tuple(record, fc.double({ min: 0, max: 1, noNaN: true }))
            .map(([r, p]) => (p < 0.8 ? fillRequired(r, required, properties) : r)),
        },
        {
          weight: 1,
          arbitrary: fc
            .tuple(
              record,
              fc.dictionary(fc.constantFrom("__proto__", "constructor", "extra", "id", "_etag", "cpr"), fc.jsonValue({ maxDepth: 1 })),
            )
            .map(([r, extra]) => ({ ...r, ...extra })),
        },
        { weight: 1, arbitrary: wrong },
      );
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function fillRequired(record: Record<string, unknown>, required: Set<string>, properties: Record<string, Schema>): Record<string, unknown> {
  const out = { ...record };
  for (const key of required) if (!(key in out)) out[key] = properties[key]?.default ?? "x";
  return out;
}

/** The query-string form of a value: arrays as repeats or comma lists, everything else as text. */
function queryPairs(name: string, value: unknown, commaList: boolean): [string, string][] {
  const text = (v: unknown) => (typeof v === "string" ? v : (JSON.stringify(v) ?? ""));
  if (Array.isArray(value)) return commaList ? [[name, value.map(text).join(",")]] : value.map((v) => [name, text(v)]);
  if (value === undefined) return [];
  return [[name, text(value)]];
}

function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return encodeURIComponent(text.replace(/[\ud800-\udfff]/g, "\ufffd")); // lone surrogates
  }
}

/* ------------------------------------------------------------- requests */

const JWT_PART = fc.oneof(
  fc.jsonValue({ maxDepth: 1 }).map((v) => Buffer.from(JSON.stringify(v)).toString("base64url")),
  printable(40),
);
const hostileJwt = fc
  .tuple(
    fc.constantFrom("RS256", "HS256", "none", "ES256", "RS512", ""),
    fc.option(printable(20)),
    JWT_PART,
    fc.option(printable(60), { nil: "" }),
  )
  .map(
    ([alg, kid, payload, signature]) =>
      `${Buffer.from(JSON.stringify({ alg, typ: "JWT", ...(kid === null ? {} : { kid }) })).toString("base64url")}.${payload}.${signature}`,
  );

function authorization(ctx: FuzzContext): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { weight: 30, arbitrary: fc.constant(`Bearer ${ctx.tokens.all}`) },
    { weight: 1, arbitrary: fc.constant(`Bearer ${ctx.tokens.readOnly}`) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: printable(60).map((t) => `Bearer ${t}`) },
    { weight: 1, arbitrary: hostileJwt.map((t) => `Bearer ${t}`) },
    { weight: 1, arbitrary: fc.constantFrom("Basic dXNlcjpwYXNz", "Bearer", "bearer  x y", "Negotiate abc") },
  );
}

const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "APPLICATION/JSON",
  "application/merge-patch+json",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/xml",
  "application/jsonx",
  "",
];

const extraHeaders = fc.record(
  {
    "idempotency-key": fc.oneof(printable(40), fc.constant("k".repeat(300))),
    "if-match": fc.oneof(printable(30), fc.constant("*"), fc.constant('"0000"')),
    "x-correlation-id": fc.oneof(printable(40), fc.constant("c".repeat(300))),
    "x-continuation-token": fc.oneof(
      printable(60),
      fc.jsonValue({ maxDepth: 1 }).map((v) => JSON.stringify(v)),
    ),
    traceparent: fc.oneof(printable(60), fc.constant("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")),
    accept: fc.constantFrom("application/xml", "*/*", "text/html", "application/json"),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<Record<string, string>>;

function malformedBody(valid: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ maxLength: 50 }),
    fc.constantFrom(
      "{",
      "[",
      '{"a":}',
      "{'single': 'quotes'}",
      "\ufeff{}",
      "null",
      "true",
      "0",
      '"text"',
      "[]",
      "{}",
      "NaN",
      '{"a":1}{"b":2}',
      `${"[".repeat(3000)}${"]".repeat(3000)}`,
      `{"x":${"[".repeat(500)}${"]".repeat(500)}}`,
    ),
    valid.map((v) => JSON.stringify(v) ?? "").map((t) => t.slice(0, Math.max(1, Math.floor(t.length / 2)))),
  );
}

const MAX_URL_CHARS = 8000;

/** Hostile requests for one endpoint. */
export function requestsFor(target: FuzzTarget, ctx: FuzzContext): fc.Arbitrary<HostileRequest> {
  const doc = target.contract.doc;
  const params = (target.op.parameters ?? []).filter(
    (p): p is { name: string; in: string; required?: boolean; schema?: Schema } => "in" in p,
  );
  const pathParams = params.filter((p) => p.in === "path");
  const queryParams = params.filter((p) => p.in === "query");

  const path = fc
    .tuple(
      ...pathParams.map((p) =>
        fc.oneof(
          { weight: 3, arbitrary: valueFor(p.schema ?? {}, doc, ctx).map((v) => (typeof v === "string" ? v : (JSON.stringify(v) ?? ""))) },
          { weight: 2, arbitrary: hostileString },
        ),
      ),
    )
    .map((values) => pathParams.reduce((p, param, i) => p.replace(`{${param.name}}`, encode(values[i] || "x")), target.template));

  const query = fc
    .tuple(
      fc.tuple(
        ...queryParams.map((p) =>
          fc.tuple(fc.option(valueFor(p.schema ?? {}, doc, ctx), { nil: undefined, freq: p.required ? 8 : 2 }), fc.boolean()),
        ),
      ),
      fc.array(
        fc.tuple(
          fc.oneof(
            fc.constantFrom("__proto__", "constructor", "subscription-key", ...queryParams.map((p) => p.name)),
            fc.string({ maxLength: 10 }),
          ),
          hostileString,
        ),
        { maxLength: 3 },
      ),
    )
    .map(([known, extra]) => [...queryParams.flatMap((p, i) => queryPairs(p.name, known[i][0], known[i][1])), ...extra]);

  const bodySchema = target.op.requestBody?.content["application/json"]?.schema;
  const validBody = bodySchema ? valueFor(bodySchema, doc, ctx) : fc.jsonValue({ maxDepth: 2 });
  const canHaveBody = target.method !== "GET" && target.method !== "HEAD";
  const body: fc.Arbitrary<string | undefined> = canHaveBody
    ? fc.oneof(
        { weight: 1, arbitrary: fc.constant(undefined) },
        { weight: bodySchema ? 6 : 1, arbitrary: validBody.map((v) => JSON.stringify(v) ?? "null") },
        { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
        { weight: 1, arbitrary: malformedBody(validBody) },
      )
    : fc.constant(undefined);

  const headers = fc
    .tuple(
      authorization(ctx),
      fc.oneof(
        { weight: 40, arbitrary: fc.constant(SUBSCRIPTION_KEY) },
        { weight: 1, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: printable(20) },
      ),
      fc.oneof({ weight: 8, arbitrary: fc.constant("application/json") }, { weight: 3, arbitrary: fc.constantFrom(...CONTENT_TYPES) }),
      fc.option(extraHeaders, { freq: 2 }),
    )
    .map(([auth, key, contentType, extra]) => {
      const h: Record<string, string> = { ...(extra ?? {}) };
      if (auth !== undefined) h.authorization = auth;
      if (key !== undefined) h["ocp-apim-subscription-key"] = key;
      if (contentType) h["content-type"] = contentType;
      return h;
    });

  return fc.record({ path, query, headers, body }).map(({ path: p, query: q, headers: h, body: b }) => {
    // URLs stay below 8 KB, as API Management and browsers require (Node answers a 16 KB request line with a bare 431)
    let search = "";
    for (const [k, v] of q) {
      const pair = `${encode(k)}=${encode(v)}`;
      if (p.length + search.length + pair.length > MAX_URL_CHARS) break;
      search = search ? `${search}&${pair}` : pair;
    }
    return { method: target.method, url: `${target.base}${p}${search ? `?${search}` : ""}`, headers: h, body: b };
  });
}

/* --------------------------------------------------------------- checks */

/** Answers of the host itself (routing, gateway), not of a function: not per operation. */
const HOST_CODES = new Set(["route_not_found", "method_not_allowed", "subscription_key_required"]);

export function problemsWith(target: FuzzTarget, req: HostileRequest, res: CallResult): string[] {
  const problems: string[] = [];
  if (res.status >= 500) problems.push(`status ${res.status}`);
  const body = res.json as Record<string, unknown> | undefined;
  if (res.status >= 400) {
    if (!/^application\/problem\+json/.test(res.contentType)) problems.push(`${res.status} with content type ${res.contentType}`);
    if (
      !body ||
      body.status !== res.status ||
      typeof body.code !== "string" ||
      typeof body.title !== "string" ||
      typeof body.type !== "string" ||
      typeof body.detail !== "string"
    ) {
      problems.push(`${res.status} without a problem body: ${res.text.slice(0, 200)}`);
    }
    if (body && body.errors !== undefined) {
      const errors = body.errors as Record<string, unknown>[];
      if (
        !Array.isArray(errors) ||
        !errors.every((e) => typeof e.field === "string" && typeof e.rule === "string" && typeof e.message === "string")
      )
        problems.push(`malformed errors[]: ${JSON.stringify(body.errors).slice(0, 200)}`);
    }
  } else if (res.status >= 200 && res.status < 300 && res.status !== 204) {
    const documented = Object.keys((target.op.responses[String(res.status)] as { content?: object } | undefined)?.content ?? {});
    if (documented.some((t) => t.includes("json")) && (!/^application\/json/.test(res.contentType) || res.json === undefined))
      problems.push(`${res.status} not JSON: ${res.contentType}`);
  }
  const fromHost = body && typeof body.code === "string" && HOST_CODES.has(body.code);
  if (!fromHost) problems.push(...target.contract.check(req.method, req.url, res));
  return problems;
}

/* --------------------------------------------------------------- runner */

export interface FuzzReport {
  requests: number;
  byStatus: Record<number, number>;
  failures: string[];
  /** The slowest requests (ms, method and URL), slowest first. */
  slowest: [number, string][];
}

export interface FuzzOptions {
  targets: FuzzTarget[];
  ctx: FuzzContext;
  runsPerTarget: number;
  seed: number;
  /** Endpoints fuzzed at the same time (each one's requests run in sequence). */
  concurrency: number;
  /** Shrink a failure to a smaller request (slower). */
  shrink: boolean;
  /** Called every `every` requests with a line of progress. */
  progress?: { every: number; log: (line: string) => void };
}

export async function fuzz(options: FuzzOptions): Promise<FuzzReport> {
  const report: FuzzReport = { requests: 0, byStatus: {}, failures: [], slowest: [] };
  const started = performance.now();
  const note = (ms: number, req: HostileRequest) => {
    if (report.slowest.length < 5 || ms > report.slowest[report.slowest.length - 1][0]) {
      report.slowest.push([Math.round(ms), `${req.method} ${req.url.slice(0, 200)}`]);
      report.slowest.sort((a, b) => b[0] - a[0]);
      report.slowest.length = Math.min(report.slowest.length, 5);
    }
    if (options.progress && report.requests % options.progress.every === 0) {
      const seconds = (performance.now() - started) / 1000;
      options.progress.log(
        `fuzz: ${report.requests} requests in ${seconds.toFixed(0)} s (${(report.requests / seconds).toFixed(0)}/s), ${report.failures.length} failing endpoints`,
      );
    }
  };
  const queue = options.targets.map((target, index) => ({ target, index }));
  const firstFailures = new Set<string>();
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const { target, index } = next;
      const property = fc.asyncProperty(requestsFor(target, options.ctx), async (req) => {
        const t0 = performance.now();
        const res = await call(req.method, req.url, { headers: req.headers, rawBody: req.body });
        report.requests++;
        note(performance.now() - t0, req);
        report.byStatus[res.status] = (report.byStatus[res.status] ?? 0) + 1;
        const problems = problemsWith(target, req, res);
        if (problems.length) {
          const message = `${problems.join("; ")}\n    response: ${res.status} ${res.text.slice(0, 300)}`;
          if (!firstFailures.has(target.name)) {
            firstFailures.add(target.name);
            options.progress?.log(
              `fuzz: ${target.name} failed (shrinking follows): ${message}\n    request: ${req.method} ${req.url}\n    headers: ${JSON.stringify(req.headers)}\n    body: ${req.body?.slice(0, 500)}`,
            );
          }
          throw new Error(message);
        }
      });
      const details = await fc.check(property, {
        numRuns: options.runsPerTarget,
        seed: options.seed + index,
        endOnFailure: !options.shrink,
      });
      if (details.failed) {
        const req = details.counterexample?.[0];
        const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
        report.failures.push(
          `${target.name} (seed ${options.seed + index}, path ${details.counterexamplePath}): ${error}\n    request: ${req?.method} ${req?.url}\n    headers: ${JSON.stringify(req?.headers)}\n    body: ${req?.body?.slice(0, 500)}`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return report;
}
