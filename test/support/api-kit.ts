/**
 * The HTTP test kit: the one fetch wrapper (call, used by fixtures.ts's Api too), auth headers for the local
 * stack, directory fixtures created through the config endpoints, the compiled app's modules
 * (what the host runs), and a validator that checks responses against the served OpenAPI document.
 */
import { randomUUID } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Ajv2020Module from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { SUBSCRIPTION_KEY, type Stack } from "./stack.js";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export { SUBSCRIPTION_KEY };
export const ALL_ROLES = ["BookMe.Read", "BookMe.Write", "BookMe.Admin"];

/** A module of the compiled app (dist/), the code the host processes run. */
export async function distModule<T>(relative: string): Promise<T> {
  return (await import(pathToFileURL(path.join(ROOT, "dist", relative)).href)) as T;
}

// ajv and ajv-formats are CommonJS modules whose `default` export is the class / plugin.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

/* ------------------------------------------------------------------ HTTP */

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
  contentType: string;
}

export interface CallOptions {
  headers?: Record<string, string>;
  body?: unknown;
  /** Sent as is (no JSON encoding). */
  rawBody?: string | Buffer;
}

export async function call(method: string, url: string, options: CallOptions = {}): Promise<CallResult> {
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const res = await fetch(url, { method, headers: options.headers, body });
  const text = await res.text();
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json, contentType: res.headers.get("content-type") ?? "" };
}

export async function authHeaders(stack: Pick<Stack, "token">, roles: string[] = ALL_ROLES): Promise<Record<string, string>> {
  return {
    authorization: `Bearer ${await stack.token({ roles })}`,
    "ocp-apim-subscription-key": SUBSCRIPTION_KEY,
    "content-type": "application/json",
  };
}

/* ------------------------------------------------------------- fixtures */

export interface Directory {
  customerTypeId: string;
  topicId: string;
  roomId: string;
  employeeId: string;
  location: string;
  serviceGroup: string;
}

const ALL_DAY = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].map((day) => ({
  day,
  start: "00:00",
  end: "24:00",
}));

/** An employee who works around the clock (UTC), a room that is always open, a topic and a customer type. */
export async function createDirectory(
  stack: Pick<Stack, "base">,
  headers: Record<string, string>,
  caller: typeof call = call,
): Promise<Directory> {
  const d: Directory = {
    customerTypeId: randomUUID(),
    topicId: randomUUID(),
    roomId: randomUUID(),
    employeeId: randomUUID(),
    location: `Aarhus-${randomUUID().slice(0, 8)}`,
    serviceGroup: `Pension-${randomUUID().slice(0, 8)}`,
  };
  const put = async (route: string, body: unknown) => {
    const res = await caller("PUT", `${stack.base}/${route}`, { headers, body });
    if (res.status !== 201 && res.status !== 200) throw new Error(`PUT ${route}: ${res.status} ${res.text}`);
    return res;
  };
  await put(`config/customer-types/${d.customerTypeId}`, { name: "Private customer", description: "Test customers" });
  await put(`config/topics/${d.topicId}`, {
    name: "Pension",
    isCustomerVisible: true,
    customerTypeIds: [d.customerTypeId],
    durationMinutes: 60,
  });
  await put(`config/rooms/${d.roomId}`, { name: "Room 1", capacity: 6, location: d.location, timeZone: "UTC" });
  await put(`config/employees/${d.employeeId}`, {
    name: "Ada Advisor",
    email: "ada.advisor@bank.example",
    title: "Advisor",
    timeZone: "UTC",
    workingHours: ALL_DAY,
    meetingTypes: ["Physical", "Online", "Telephone"],
    locations: [d.location],
    serviceGroups: [d.serviceGroup],
    topicIds: [d.topicId],
    customerTypeIds: [d.customerTypeId],
  });
  return d;
}

/** An hour-long slot on the :00 grid, `daysAhead` days from now at `hourUtc` (the fixtures' employee works then). */
export function slotAt(daysAhead: number, hourUtc: number, minutes = 60): { startDate: string; endDate: string } {
  const start = new Date();
  start.setUTCDate(start.getUTCDate() + daysAhead);
  start.setUTCHours(hourUtc, 0, 0, 0);
  return { startDate: start.toISOString(), endDate: new Date(start.getTime() + minutes * 60_000).toISOString() };
}

/* ------------------------------------------------------------- contract */

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; responses: Record<string, ResponseObject> };
  [key: string]: unknown;
}
export interface Operation {
  operationId: string;
  security?: unknown[];
  parameters?: ({ name: string; in: string; required?: boolean; schema?: Record<string, unknown> } | { $ref: string })[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, ResponseObject | { $ref: string }>;
}
export interface ResponseObject {
  description: string;
  headers?: Record<string, unknown>;
  content?: Record<string, { schema: Record<string, unknown> }>;
}

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");

/** Checks real responses against the document: documented status, media type, schema, correlation header. */
export class Contract {
  private readonly ajv;
  private readonly templates: { template: string; regex: RegExp; literals: number }[];
  readonly covered = new Set<string>();

  constructor(
    readonly doc: OpenApiDocument,
    readonly base: string,
  ) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.ajv);
    this.ajv.addSchema(doc, "openapi.json");
    this.templates = Object.keys(doc.paths).map((template) => ({
      template,
      regex: new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+").replace(/\./g, "\\.")}$`, "i"),
      literals: template.split("/").filter((s) => s && !s.startsWith("{")).length,
    }));
  }

  /** The documented path template of a concrete path below the base (most literal segments wins). */
  template(pathname: string): string | undefined {
    // the host, like the Functions host, ignores a trailing slash (fetch turns a "." segment into one)
    const below = (pathname.startsWith(this.base) ? pathname.slice(this.base.length) : pathname).replace(/(.)\/+$/, "$1");
    const matches = this.templates.filter((t) => t.regex.test(below)).sort((a, b) => b.literals - a.literals);
    return matches[0]?.template;
  }

  operation(method: string, template: string): Operation | undefined {
    return this.doc.paths[template]?.[method.toLowerCase()];
  }

  /** Problems with this response (empty when it follows the contract). */
  check(method: string, url: string, res: CallResult): string[] {
    const pathname = new URL(url).pathname;
    const template = this.template(pathname);
    const m = method.toLowerCase();
    if (!template) return [`${method} ${pathname}: no documented path`];
    const op = this.operation(m, template);
    if (!op) return [`${method} ${template}: not documented`];
    const where = `${op.operationId} -> ${res.status}`;
    let response = op.responses[String(res.status)];
    let responsePointer = pointer("paths", template, m, "responses", String(res.status));
    if (!response)
      return [`${where}: status not documented (documented: ${Object.keys(op.responses).join(", ")}); body ${res.text.slice(0, 300)}`];
    if ("$ref" in response) {
      const name = response.$ref.replace("#/components/responses/", "");
      response = this.doc.components.responses[name];
      responsePointer = pointer("components", "responses", name);
    }
    this.covered.add(`${op.operationId} ${res.status}`);
    const problems: string[] = [];
    if (!res.headers.get("x-correlation-id")) problems.push(`${where}: no x-correlation-id header`);
    const content = response.content;
    if (!content) {
      if (res.text !== "") problems.push(`${where}: documented without a body, got ${res.text.slice(0, 100)}`);
      return problems;
    }
    const mediaType = res.contentType.split(";")[0].trim().toLowerCase();
    const documented = Object.keys(content).find((k) => k === mediaType || (k.endsWith("/*") && mediaType.startsWith(k.slice(0, -1))));
    if (!documented)
      return [...problems, `${where}: content type ${mediaType || "(none)"} not documented (${Object.keys(content).join(", ")})`];
    if (!/json/.test(documented)) return problems;
    if (res.json === undefined) return [...problems, `${where}: body is not JSON: ${res.text.slice(0, 200)}`];
    const validate = this.ajv.getSchema(`openapi.json#/${responsePointer}/${pointer("content", documented, "schema")}`);
    if (!validate) return [...problems, `${where}: no schema to validate with`];
    if (!validate(res.json)) problems.push(`${where}: ${this.ajv.errorsText(validate.errors, { dataVar: "body" })}`);
    return problems;
  }
}

/** fetch + contract check: throws with every problem found. */
export function checkedCaller(contract: Contract) {
  return async (method: string, url: string, options: CallOptions = {}): Promise<CallResult> => {
    const res = await call(method, url, options);
    const problems = contract.check(method, url, res);
    if (problems.length) throw new Error(`contract violated by ${method} ${url}:\n  ${problems.join("\n  ")}`);
    return res;
  };
}
