/**
 * The API contract: the OpenAPI document lists exactly the registered functions, the committed
 * openapi/openapi.json is the generated one, and real responses of the local stack follow the
 * document (status, media type, JSON Schema via ajv draft 2020-12, x-correlation-id).
 */
import fs from "node:fs";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../support/stack.js";
import {
  authHeaders,
  call,
  checkedCaller,
  Contract,
  createDirectory,
  distModule,
  slotAt,
  SUBSCRIPTION_KEY,
  type CallResult,
  type Directory,
  type OpenApiDocument,
  type Operation,
} from "../support/api-kit.js";

type OpenApiWrite = typeof import("../../dev/openapi-write.js");
type OpenApiModule = typeof import("../../shared/api/edge/openapi.js");
type EndpointModule = typeof import("../../shared/api/edge/endpoint.js");
type FunctionsCore = typeof import("../../dev/host/functions-core.js");
type HttpRegistration = import("../../dev/host/functions-core.js").HttpRegistration;

let writer: OpenApiWrite;
let openapi: OpenApiModule;
let endpointModule: EndpointModule;
let http: HttpRegistration[];
const documents: Partial<Record<"v1" | "v2", OpenApiDocument>> = {};

beforeAll(async () => {
  writer = await distModule<OpenApiWrite>("dev/openapi-write.js");
  const registrations = await writer.loadApp();
  openapi = await distModule<OpenApiModule>("shared/api/edge/openapi.js");
  endpointModule = await distModule<EndpointModule>("shared/api/edge/endpoint.js");
  http = registrations.filter((r): r is HttpRegistration => r.kind === "http");
  // the same functions-core module instance the loader installed
  expect((await distModule<FunctionsCore>("dev/host/functions-core.js")).registrations).toBe(registrations);
  documents.v2 = openapi.buildOpenApi(endpointModule.endpoints, "v2") as OpenApiDocument;
  documents.v1 = openapi.buildOpenApi(endpointModule.endpoints, "v1") as OpenApiDocument;
});

const operations = (doc: OpenApiDocument) =>
  Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );

describe("the OpenAPI document and the registered functions", () => {
  for (const version of ["v2", "v1"] as const) {
    it(`the committed ${version} document is the freshly generated one (run \`npm run openapi\` when this fails)`, async () => {
      const file = writer.OPENAPI_FILES[version];
      const committed = fs.readFileSync(file, "utf8");
      const fresh = await writer.openApiText(version);
      let firstDifference = 0;
      while (firstDifference < fresh.length && committed[firstDifference] === fresh[firstDifference]) firstDifference++;
      expect(
        committed === fresh,
        `${file} is stale at character ${firstDifference}: ...${fresh.slice(firstDifference, firstDifference + 120)}...`,
      ).toBe(true);
    });

    it(`the committed ${version} import form for API Management is fresh and fits Bicep's loadTextContent`, async () => {
      const fresh = await writer.apimText(version);
      expect(fs.readFileSync(writer.APIM_FILES[version], "utf8") === fresh, "run `npm run openapi`").toBe(true);
      expect(fresh.length, "Bicep's loadTextContent limit").toBeLessThanOrEqual(131_072);
    });
  }

  for (const version of ["v2", "v1"] as const) {
    it(`every ${version} http function is documented, and every documented ${version} operation is a registered function`, () => {
      const doc = documents[version]!;
      const prefix = `${version}/bookme/`;
      const registered = http.filter((r) => r.route.startsWith(prefix));
      expect(registered.length).toBeGreaterThan(20);
      const documented = operations(doc);
      const key = (method: string, path: string, name: string) => `${method} ${path} ${name}`;
      const fromRegistrations = registered
        .flatMap((r) => r.methods.map((m) => key(m, openapi.openApiPath(r.route.slice(prefix.length)), r.name)))
        .sort();
      const fromDocument = documented.map((o) => key(o.method, o.path, o.op.operationId)).sort();
      expect(fromDocument).toEqual(fromRegistrations);
      for (const r of registered) {
        const op = doc.paths[openapi.openApiPath(r.route.slice(prefix.length))][r.methods[0].toLowerCase()];
        if (r.authLevel === "anonymous") expect(op.security, r.name).toEqual([]);
        else {
          expect(op.security?.length, r.name).toBeGreaterThan(0);
          for (const scheme of op.security ?? []) expect(scheme, r.name).toMatchObject({ subscriptionKey: [] });
        }
      }
      // nothing registered outside the versioned routes but the anonymous public booking channel and page
      // (test/integration/public-booking.test.ts), the console's back end and page (its own session, test/e2e/console.test.ts),
      // the customer's double opt-in and unsubscribe pages (their signed links, test/integration/messages*.test.ts),
      // the seed-compatible facades (facades.test.ts) and Graph's change
      // notifications (outlook-calendars.test.ts, validated by clientState), all by EndpointSpec.prefix
      const outside = http.filter((r) => !/^v[12]\/bookme\//.test(r.route));
      expect(
        outside.filter(
          (r) =>
            !(/^(public\/booking|book|console|messages|calendar)\//.test(r.route) && r.authLevel === "anonymous") &&
            !/^(meetergo|bots)-/.test(r.name),
        ),
      ).toEqual([]);
      const prefixed = new Set(endpointModule.endpoints.filter((e) => e.prefix !== undefined).map((e) => e.name));
      // Graph's change notifications and the opt-in page speak their own protocol, registered raw (shared/app/register.ts registerRawHttp)
      expect(
        outside.filter(
          (r) => !prefixed.has(r.name) && !["calendar-notifications", "messages-confirm", "messages-unsubscribe"].includes(r.name),
        ),
      ).toEqual([]);
    });
  }

  it("has unique operation ids, summaries, tags, and path parameters for every template segment", () => {
    const doc = documents.v2!;
    const ids = operations(doc).map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, op } of operations(doc)) {
      expect((op as Operation & { summary?: string }).summary, op.operationId).toBeTruthy();
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      const declared = (op.parameters ?? []).filter(
        (p): p is { name: string; in: string; required?: boolean } => "in" in p && p.in === "path",
      );
      expect(declared.map((p) => p.name).sort(), op.operationId).toEqual(inPath);
      expect(declared.every((p) => p.required)).toBe(true);
    }
  });

  it("documents every 4xx and 5xx as application/problem+json with the Problem schema", () => {
    const doc = documents.v2!;
    const problemSchema = doc.components.schemas.Problem as {
      required: string[];
      properties: Record<string, { items?: { required: string[] } }>;
    };
    expect(problemSchema.required).toEqual(expect.arrayContaining(["type", "title", "status", "detail", "code"]));
    expect(problemSchema.properties.errors.items!.required).toEqual(expect.arrayContaining(["field", "rule", "message"]));
    for (const { op } of operations(doc)) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        const resolved = "$ref" in response ? doc.components.responses[response.$ref.split("/").pop()!] : response;
        expect(Object.keys(resolved.content ?? {}), `${op.operationId} ${status}`).toEqual(["application/problem+json"]);
        expect(resolved.content!["application/problem+json"].schema, `${op.operationId} ${status}`).toEqual({
          $ref: "#/components/schemas/Problem",
        });
      }
      if (op.security?.length) expect(Object.keys(op.responses), op.operationId).toEqual(expect.arrayContaining(["401", "403"]));
    }
  });

  it("every $ref resolves inside the document", () => {
    const doc = documents.v2!;
    const refs: string[] = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === "object") {
        for (const [k, v] of Object.entries(node)) {
          if (k === "$ref") refs.push(v as string);
          else walk(v);
        }
      }
    };
    walk(doc);
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of new Set(refs)) {
      expect(ref, ref).toMatch(/^#\//);
      const target = ref
        .slice(2)
        .split("/")
        .reduce<unknown>(
          (node, part) => (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, "/").replace(/~0/g, "~")],
          doc,
        );
      expect(target, ref).toBeDefined();
    }
  });

  it("shows the limits of the zod schemas: lengths, list sizes, enums, formats, and list query parameters", () => {
    const doc = documents.v2!;
    const body = (path: string, method: string) =>
      doc.paths[path][method].requestBody!.content["application/json"].schema as {
        properties: Record<string, Record<string, unknown>>;
        required: string[];
      };
    const create = body("/meetings", "post");
    expect(create.required).toEqual(expect.arrayContaining(["customerId", "salesforceId"])); // employeeId: unless a meetingTypeId assigns one
    expect(create.properties.customerId).toMatchObject({ type: "string", maxLength: 200 });
    expect(JSON.stringify(create.properties.externalAttendees)).toContain('"maxItems":50');
    expect(JSON.stringify(create.properties.description)).toContain('"maxLength":4000');
    expect(create.properties.employeeId).toMatchObject({ type: "string", format: "uuid" });
    expect(JSON.stringify(create.properties.bookedBy)).toContain("PortalCustomer");
    const employee = body("/config/employees/{id}", "put");
    expect(employee.properties.workingHours).toMatchObject({ type: "array", maxItems: 70 });
    const available = doc.paths["/time-slots/available"].get.parameters!.filter(
      (p): p is { name: string; in: string; required?: boolean; schema?: Record<string, unknown> } => "name" in p,
    );
    const ids = available.find((p) => p.name === "explicitEmployeeIds")!;
    expect(ids).toMatchObject({ in: "query", style: "form", explode: true, schema: { type: "array", maxItems: 100 } });
    expect(JSON.stringify(ids)).toContain("comma");
    expect(available.find((p) => p.name === "requireEmployeeParticipation")).toMatchObject({ required: true });
    // V2's types, and V1's Global accepted as a deprecated synonym
    expect(available.find((p) => p.name === "employeeTypes")!.schema).toMatchObject({
      type: "array",
      items: { anyOf: [{ enum: ["Explicit", "Local", "ServiceGroup"] }, { const: "Global", deprecated: true }] },
    });
    expect(
      documents.v1!.paths["/time-slots/available"].get.parameters!.some(
        (p) => "name" in p && p.name === "employeeTypes" && JSON.stringify(p).includes("Global"),
      ),
    ).toBe(true);
    const headers = doc.paths["/meetings"].post.parameters!.filter(
      (p): p is { name: string; in: string; schema?: Record<string, unknown> } => "in" in p && p.in === "header",
    );
    expect(headers.find((h) => h.name === "Idempotency-Key")?.schema).toMatchObject({ maxLength: 255 });
    expect(doc.paths["/meetings/{id}"].put.parameters!.some((p) => "name" in p && p.name === "If-Match")).toBe(true);
    expect(doc.paths["/meetings"].get.parameters!.some((p) => "name" in p && p.name === "x-continuation-token")).toBe(true);
  });

  it("describes the API, its servers and both security schemes", () => {
    const doc = documents.v2! as OpenApiDocument & {
      info: { title: string; version: string };
      servers: { url: string }[];
      components: { securitySchemes: Record<string, Record<string, string>> };
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: "BookMe API", version: "2.0.0" });
    expect(doc.servers.map((s) => s.url)).toContain("https://apim-public-api.azure-api.net/api/v2/bookme");
    expect(doc.servers.every((s) => s.url.endsWith("/api/v2/bookme"))).toBe(true);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer", bearerFormat: "JWT" });
    expect(doc.components.securitySchemes.subscriptionKey).toMatchObject({
      type: "apiKey",
      in: "header",
      name: "Ocp-Apim-Subscription-Key",
    });
    expect(documents.v1!.servers as { url: string }[]).toContainEqual(expect.objectContaining({ url: "/api/v1/bookme" }));
  });
});

describe("responses of the running stack follow the document", () => {
  let stack: Stack;
  let contract: Contract;
  let api: ReturnType<typeof checkedCaller>;
  let h: Record<string, string>;
  let dir: Directory;

  beforeAll(async () => {
    stack = await startStack();
    const served = await call("GET", `${stack.base}/openapi.json`);
    expect(served.status).toBe(200);
    contract = new Contract(served.json as OpenApiDocument, "/api/v2/bookme");
    api = checkedCaller(contract);
    h = await authHeaders(stack);
    dir = await createDirectory(stack, h, api);
  });
  afterAll(async () => stack?.stop());

  it("serves the generated documents at openapi.json (v2 and v1), without key or token", async () => {
    expect(contract.doc).toEqual(documents.v2);
    const v1 = await call("GET", `${stack.hosts[0].url}/api/v1/bookme/openapi.json`);
    expect(v1.status).toBe(200);
    expect(v1.contentType).toContain("application/json");
    expect(v1.json).toEqual(documents.v1);
  });

  it("health, directory reads and admin endpoints", async () => {
    expect((await api("GET", `${stack.base}/health`)).status).toBe(200);
    expect((await api("GET", `${stack.base}/employees`, { headers: h })).json).toContainEqual(
      expect.objectContaining({ id: dir.employeeId }),
    );
    const employee = await api("GET", `${stack.base}/employees/${dir.employeeId}`, { headers: h });
    expect(employee.json).not.toHaveProperty("email");
    expect((await api("GET", `${stack.base}/config/employees/${dir.employeeId}`, { headers: h })).json).toHaveProperty("email");
    expect((await api("GET", `${stack.base}/rooms`, { headers: h })).status).toBe(200);
    expect((await api("GET", `${stack.base}/rooms/${dir.roomId}`, { headers: h })).status).toBe(200);
    const topics = await api("GET", `${stack.base}/meeting-topics?isCustomer=true&customerTypeId=${dir.customerTypeId}`, { headers: h });
    expect(topics.json).toContainEqual(expect.objectContaining({ id: dir.topicId }));
    expect((await api("GET", `${stack.base}/config/customer-types`, { headers: h })).status).toBe(200);
    expect((await api("GET", `${stack.base}/config/customer-types/${dir.customerTypeId}`, { headers: h })).status).toBe(200);
    const created = await api("POST", `${stack.base}/config/customer-types`, { headers: h, body: { name: "Business" } });
    expect(created.status).toBe(201);
    const id = (created.json as { id: string }).id;
    expect((await api("POST", `${stack.base}/config/customer-types`, { headers: h, body: { id, name: "Again" } })).status).toBe(409);
    expect((await api("PUT", `${stack.base}/config/customer-types/${id}`, { headers: h, body: { name: "Business 2" } })).status).toBe(200);
    expect((await api("DELETE", `${stack.base}/config/customer-types/${id}`, { headers: h })).status).toBe(204);
    expect((await api("DELETE", `${stack.base}/config/customer-types/${id}`, { headers: h })).status).toBe(404);
    expect((await api("GET", `${stack.base}/employees/${randomUUID()}`, { headers: h })).status).toBe(404);
  });

  it("availability, the slot grid, reserve, room vacancies and the meeting lifecycle", async () => {
    const day = slotAt(2, 0);
    const available = await api(
      "GET",
      `${stack.base}/time-slots/available?explicitEmployeeIds=${dir.employeeId}&requireEmployeeParticipation=true&startDate=${encodeURIComponent(day.startDate)}&lookForwardTime=1.00:00:00&meetingTypes=Online,Physical`,
      { headers: h },
    );
    const slots = available.json as { id: string; startDate: string; endDate: string; employeeId: string }[];
    expect(slots.length).toBeGreaterThan(10);
    const grid = await api(
      "GET",
      `${stack.base}/time-slots?employeeId=${dir.employeeId}&startDate=${encodeURIComponent(day.startDate)}&endDate=${encodeURIComponent(slotAt(3, 0).startDate)}`,
      { headers: h },
    );
    expect((grid.json as unknown[]).length).toBeGreaterThan(10);

    const slot = slotAt(2, 9);
    const reserved = await api("POST", `${stack.base}/time-slots/reserve`, {
      headers: h,
      body: { timeSlot: { ...slot, status: "Reserved", employeeId: dir.employeeId, roomId: dir.roomId }, token: randomUUID() },
    });
    expect(reserved.status).toBe(200);
    const reservation = reserved.json as { id: string };
    const vacancies = await api(
      "GET",
      `${stack.base}/room-vacancies?location=${encodeURIComponent(dir.location)}&timeSlotId=${reservation.id}`,
      { headers: h },
    );
    expect(vacancies.status).toBe(200);

    const booked = await api("POST", `${stack.base}/meetings`, {
      headers: { ...h, "idempotency-key": randomUUID() },
      body: {
        timeSlotId: reservation.id,
        employeeId: dir.employeeId,
        customerId: "C-1",
        salesforceId: "SF-1",
        bookedBy: "Customer",
        type: "Physical",
        title: "Pension review",
        externalAttendees: [{ name: "Eve", email: "eve@example.com" }],
      },
    });
    expect(booked.status).toBe(201);
    const meeting = booked.json as { id: string };
    const etag = booked.headers.get("etag")!;
    expect(etag).toBeTruthy();
    expect((await api("GET", `${stack.base}/meetings/${meeting.id}`, { headers: h })).json).toMatchObject({
      id: meeting.id,
      externalAttendees: [{ name: "Eve" }],
    });
    const list = await api("GET", `${stack.base}/meetings?employeeId=${dir.employeeId}&limit=10`, { headers: h });
    expect(list.json).toContainEqual(expect.objectContaining({ id: meeting.id }));
    expect(
      (await api("PUT", `${stack.base}/meetings/${meeting.id}`, { headers: { ...h, "if-match": '"stale"' }, body: { title: "x" } })).status,
    ).toBe(412);
    const updated = await api("PUT", `${stack.base}/meetings/${meeting.id}`, {
      headers: { ...h, "if-match": etag },
      body: { title: "Pension review (moved)", ...slotAt(2, 11) },
    });
    expect(updated.status).toBe(200);
    const ical = await api("POST", `${stack.base}/meetings/${meeting.id}/ical`, { headers: h, body: { location: "Branch" } });
    expect(ical.status).toBe(200);
    expect(ical.text).toContain("BEGIN:VCALENDAR");

    // the same time again: 409 slot_taken with alternatives
    const clash = await api("POST", `${stack.base}/meetings`, {
      headers: h,
      body: { ...slotAt(2, 11), employeeId: dir.employeeId, customerId: "C-2", salesforceId: "SF-2" },
    });
    expect(clash.status).toBe(409);
    expect(clash.json).toMatchObject({ code: "slot_taken" });
    // a meeting type the employee does not offer: 422
    const offsite = await api("POST", `${stack.base}/meetings`, {
      headers: h,
      body: { ...slotAt(2, 14), type: "Offsite", employeeId: dir.employeeId, customerId: "C-3", salesforceId: "SF-3" },
    });
    expect(offsite.status).toBe(422);

    expect((await api("DELETE", `${stack.base}/meetings/${meeting.id}`, { headers: h })).status).toBe(204);
    expect((await api("GET", `${stack.base}/meetings/${meeting.id}`, { headers: h })).json).toMatchObject({
      id: meeting.id,
      status: "Cancelled",
    });
    expect((await api("GET", `${stack.base}/meetings/${randomUUID()}`, { headers: h })).status).toBe(404);
  });

  it("V1 responses follow the V1 document (its meeting has no V2 fields: additionalProperties false)", async () => {
    const v1Base = `${stack.hosts[0].url}/api/v1/bookme`;
    const v1 = checkedCaller(new Contract(documents.v1!, "/api/v1/bookme"));
    // booked through V2 with every V2 extra, read through V1
    const booked = await api("POST", `${stack.base}/meetings`, {
      headers: h,
      body: {
        ...slotAt(3, 9),
        employeeId: dir.employeeId,
        customerId: "C-v1",
        salesforceId: "SF-v1",
        bookedBy: "PortalPartner",
        portalId: randomUUID(),
        videoLink: "https://meet.example.com/v1",
        customFields: [{ key: "k", value: "v" }],
        externalAttendees: [{ name: "Eve", email: "eve@example.com" }],
      },
    });
    expect(booked.status).toBe(201);
    const id = (booked.json as { id: string }).id;
    expect((await v1("GET", `${v1Base}/meetings/${id}`, { headers: h })).status).toBe(200);
    expect((await v1("GET", `${v1Base}/meetings?employeeId=${dir.employeeId}`, { headers: h })).status).toBe(200);
    const created = await v1("POST", `${v1Base}/meetings`, {
      headers: h,
      body: {
        ...slotAt(3, 11),
        employeeId: dir.employeeId,
        customerId: "C-v1",
        customerTypeId: dir.customerTypeId,
        topicId: dir.topicId,
        timeSlotId: "x",
      },
    });
    expect(created.status).toBe(400); // a made-up timeSlotId
    expect(
      (await v1("POST", `${v1Base}/meetings`, { headers: h, body: { employeeId: dir.employeeId, videoLink: "https://x.example" } })).status,
    ).toBe(400);
  });

  it("problem responses: 400, 401, 403, 413, 415", async () => {
    const bad = await api("POST", `${stack.base}/meetings`, { headers: h, body: {} });
    expect(bad.status).toBe(400);
    expect((bad.json as { errors: unknown[] }).errors.length).toBeGreaterThan(0);
    expect((await api("GET", `${stack.base}/time-slots/available?requireEmployeeParticipation=maybe`, { headers: h })).status).toBe(400);
    expect((await api("GET", `${stack.base}/meetings/not-a-uuid`, { headers: h })).status).toBe(400);
    expect((await api("GET", `${stack.base}/employees`, { headers: { "ocp-apim-subscription-key": SUBSCRIPTION_KEY } })).status).toBe(401);
    expect((await api("POST", `${stack.base}/meetings`, { headers: await authHeaders(stack, ["BookMe.Read"]), body: {} })).status).toBe(
      403,
    );
    expect((await api("POST", `${stack.base}/meetings`, { headers: { ...h, "content-type": "text/plain" }, rawBody: "{}" })).status).toBe(
      415,
    );
    expect((await api("POST", `${stack.base}/meetings`, { headers: h, rawBody: "{nope" })).status).toBe(400);
    expect((await api("POST", `${stack.base}/meetings`, { headers: h, body: { customerId: "x".repeat(1024 * 1024) } })).status).toBe(413);
  });

  it("covered the main operations and their problem responses", () => {
    const covered = [...contract.covered];
    for (const expected of [
      "health 200",
      "employees-list 200",
      "employees-get 200",
      "employees-get 404",
      "rooms-list 200",
      "meeting-topics-list 200",
      "time-slots-available 200",
      "time-slots-list 200",
      "time-slots-reserve 200",
      "room-vacancies 200",
      "meetings-create 201",
      "meetings-create 400",
      "employees-list 401",
      "meetings-create 403",
      "meetings-create 409",
      "meetings-create 413",
      "meetings-create 415",
      "meetings-create 422",
      "meetings-get 200",
      "meetings-get 404",
      "meetings-list 200",
      "meetings-update 200",
      "meetings-update 412",
      "meetings-ical 200",
      "meetings-delete 204",
      "config-employees-put 201",
      "config-customer-types-create 409",
    ]) {
      expect(covered, expected).toContain(expected);
    }
  });

  describe("the API reference page", () => {
    const pagePaths = ["docs", "docs/", "docs/index.html"];

    for (const page of pagePaths) {
      it(`${page} serves Swagger UI from this host, loading its assets and the document by working relative URLs`, async () => {
        const url = `${stack.base}/${page}`;
        const res = await call("GET", url);
        expect(res.status).toBe(200);
        expect(res.contentType).toMatch(/^text\/html/);
        expect(res.text).not.toMatch(/(src|href)=["']?(https?:)?\/\//i); // no CDN
        const script = /<script>([\s\S]*?)<\/script>/.exec(res.text)![1];
        const csp = res.headers.get("content-security-policy") ?? "";
        const { createHash } = await import("node:crypto");
        expect(csp).toContain(`'sha256-${createHash("sha256").update(script).digest("base64")}'`);

        // run the page's boot script against a recording DOM
        const loaded: string[] = [];
        let swaggerConfig: { spec?: OpenApiDocument } = {};
        const fakeDocument = {
          createElement: () => {
            const attrs: Record<string, string> = {};
            const el = { setAttribute: (k: string, v: string) => (attrs[k] = v), onload: undefined as undefined | (() => void), attrs };
            return el;
          },
          head: {
            appendChild: (el: { attrs: Record<string, string>; onload?: () => void }) => (
              loaded.push(el.attrs.src ?? el.attrs.href),
              el.onload?.()
            ),
          },
        };
        const SwaggerUIBundle = Object.assign((config: { spec: OpenApiDocument }) => (swaggerConfig = config), { presets: { apis: {} } });
        const fetched: string[] = [];
        // the page's fetch, resolved against the page's URL like a browser's
        const pageFetch = (href: string) => (fetched.push(href), fetch(new URL(href, url)));
        // eslint-disable-next-line @typescript-eslint/no-implied-eval -- runs the served page's own script, as a browser would
        new Function("location", "document", "window", "SwaggerUIBundle", "SwaggerUIStandalonePreset", "fetch", script)(
          new URL(url),
          fakeDocument,
          {},
          SwaggerUIBundle,
          {},
          pageFetch,
        );
        await expect.poll(() => swaggerConfig.spec, { timeout: 5000 }).toBeDefined();
        expect(loaded).toEqual([
          "/api/v2/bookme/docs/swagger-ui.css",
          "/api/v2/bookme/docs/swagger-ui-bundle.js",
          "/api/v2/bookme/docs/swagger-ui-standalone-preset.js",
        ]);
        expect(fetched).toEqual(["/api/v2/bookme/openapi.json"]);
        // "Try it out" goes to this host first; the public servers stay on offer
        const servers = (swaggerConfig.spec!.servers as { url: string }[]).map((s) => s.url);
        expect(servers[0]).toBe("/api/v2/bookme");
        expect(servers.slice(1)).toEqual(
          (documents.v2!.servers as { url: string }[]).map((s) => s.url).filter((u) => u !== "/api/v2/bookme"),
        );
        expect(swaggerConfig.spec!.paths).toEqual(documents.v2!.paths);
      });
    }

    it("serves the assets with their content types, from the installed swagger-ui-dist", async () => {
      const types: Record<string, RegExp> = {
        "swagger-ui.css": /^text\/css/,
        "swagger-ui-bundle.js": /^text\/javascript/,
        "swagger-ui-standalone-preset.js": /^text\/javascript/,
      };
      for (const [file, type] of Object.entries(types)) {
        const res: CallResult = await api("GET", `${stack.base}/docs/${file}`);
        expect(res.status, file).toBe(200);
        expect(res.contentType, file).toMatch(type);
        expect(res.headers.get("x-content-type-options")).toBe("nosniff");
        expect(res.text.length, file).toBeGreaterThan(1000);
      }
      expect((await api("GET", `${stack.base}/docs/package.json`)).status).toBe(404);
      expect((await call("GET", `${stack.base}/docs/..%2Fpackage.json`)).status).toBe(400); // an encoded slash: refused before routing (dev/host/request-path.ts)
      expect((await call("GET", `${stack.hosts[0].url}/api/v1/bookme/docs`)).status).toBe(200);
    });
  });
});
